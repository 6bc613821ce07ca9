#!/usr/bin/env node
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { runCli } from './run-cli';

// The instance metadata service is not switched off: on EC2 and ECS it is where the credentials are;
// the diagnosis asks it with a short timeout and says when this machine is not such a host.
// The SDK's notice about its own future Node requirement is not the user's problem to read here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Compiled code is cached on disk between runs (Node >= 22.1; older Nodes have no such function).
// Set up before the lazily loaded command code compiles.
const { enableCompileCache } = nodeModule as { enableCompileCache?: () => unknown };
enableCompileCache?.();

const controller = new AbortController();
const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
  let firstAt: number | null = null;
  const stop = (signal: NodeJS.Signals) => {
    // Under npm run (and npx) one Ctrl-C arrives twice: from the terminal and relayed by npm.
    // A second signal must not kill the process with the default action (exit 130); a later,
    // deliberate one ends it at once, still with the documented "could not run" code.
    if (firstAt !== null) {
      if (Date.now() - firstAt > 1_000) process.exit(2);
      return;
    }
    firstAt = Date.now();
    controller.abort(new Error(`Interrupted (${signal}).`));
    resolve(signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});

const appDataDir = process.env.XDG_DATA_HOME ? join(process.env.XDG_DATA_HOME, 'mdb-doctor') : join(homedir(), '.mdb-doctor');

void runCli(process.argv.slice(2), {
  stdout: { write: (text) => void process.stdout.write(text), isTTY: Boolean(process.stdout.isTTY) },
  stderr: { write: (text) => void process.stderr.write(text), isTTY: Boolean(process.stderr.isTTY) },
  host: { env: process.env, homeDir: homedir(), platform: process.platform, appDataDir, now: () => new Date() },
  signal: controller.signal,
  stopSignal,
  cwd: process.cwd(),
  async readStdin() {
    if (process.stdin.isTTY) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
}).then((code) => {
  process.exitCode = code;
  // Idle SDK sockets may keep the loop alive; once the output is flushed the run is over.
  process.stdout.write('', () => process.exit(code));
});
