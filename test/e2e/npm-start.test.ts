import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port';

const repo = resolve(__dirname, '../..');
const skipped = new Set(['node_modules', 'out', '.git', 'test-output', 'release', 'dist', 'coverage']);

/**
 * A checkout as a new user has it: the sources, the installed dependencies (linked), and an
 * electron package whose binary was never downloaded — whatever this machine has cached.
 */
function freshCheckout(): string {
  const root = mkdtempSync(join(tmpdir(), 'mdb-npm-start-'));
  for (const entry of readdirSync(repo)) if (!skipped.has(entry)) cpSync(join(repo, entry), join(root, entry), { recursive: true });
  mkdirSync(join(root, 'node_modules'));
  for (const entry of readdirSync(join(repo, 'node_modules'))) {
    if (entry !== 'electron' && entry !== '.cache') symlinkSync(join(repo, 'node_modules', entry), join(root, 'node_modules', entry));
  }
  mkdirSync(join(root, 'node_modules', 'electron'));
  for (const file of ['package.json', 'checksums.json', 'install.js', 'index.js', 'cli.js']) {
    cpSync(join(repo, 'node_modules', 'electron', file), join(root, 'node_modules', 'electron', file));
  }
  return root;
}

/** The environment of a user with no Electron anywhere: no override, an empty download cache. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['ELECTRON_OVERRIDE_DIST_PATH', 'ELECTRON_EXEC_PATH', 'ELECTRON_MIRROR', 'npm_config_electron_mirror']) delete env[name];
  return { ...env, ...extra, electron_config_cache: mkdtempSync(join(tmpdir(), 'mdb-electron-cache-')) };
}

describe('npm start on a fresh checkout', () => {
  let checkout: string;

  beforeAll(() => {
    checkout = freshCheckout();
  });

  afterAll(() => {
    if (checkout) rmSync(checkout, { recursive: true, force: true });
  });

  it('launches $ELECTRON_OVERRIDE_DIST_PATH/electron with the built app and downloads nothing', () => {
    const dist = mkdtempSync(join(tmpdir(), 'mdb-electron-dist-'));
    const record = join(dist, 'launched-with');
    writeFileSync(join(dist, 'electron'), `#!/bin/sh\nprintf '%s\\n' "$PWD" "$@" > '${record}'\n`);
    chmodSync(join(dist, 'electron'), 0o755);
    const env = userEnv({ ELECTRON_OVERRIDE_DIST_PATH: dist });

    const run = spawnSync('npm', ['start'], { cwd: checkout, env, encoding: 'utf8' });

    expect(run.status, run.stderr).toBe(0);
    const [cwd, ...args] = readFileSync(record, 'utf8').trim().split('\n');
    expect(args).toEqual([checkout]);
    expect(cwd).toBe(checkout);
    const main = (JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8')) as { main: string }).main;
    expect(existsSync(join(checkout, main))).toBe(true);
    expect(existsSync(join(checkout, 'out/renderer/index.html'))).toBe(true);
    expect(run.stderr).not.toContain('Downloading');
    expect(readdirSync(env.electron_config_cache as string)).toEqual([]);
  });

  it('with no binary and no network, says why in one line and serves the wizard to the browser instead', async () => {
    const port = await freePort();
    const env = userEnv({ ELECTRON_MIRROR: `http://127.0.0.1:${port}/`, BROWSER: 'none' });
    const child = spawn('npm', ['start'], { cwd: checkout, env, detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once('close', done));
    try {
      await new Promise<void>((done, fail) => {
        child.stdout.on('data', () => stdout.includes('Waiting; press Ctrl-C to stop.') && done());
        void exited.then((code) => fail(new Error(`npm start exited (${code}) before serving the wizard:\n${stdout}\n${stderr}`)));
      });
      const reasons = stderr.split('\n').filter((line) => line.includes('could not be downloaded'));
      expect(reasons).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Electron 45\\.5\\.0 could not be downloaded \\(ECONNREFUSED 127\\.0\\.0\\.1:${port}\\): opening the wizard in your browser instead\\. .*ELECTRON_OVERRIDE_DIST_PATH`,
          ),
        ),
      ]);
      const launchUrl = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(stdout)?.[1];
      expect(launchUrl, stdout).toBeDefined();
      const signIn = await fetch(launchUrl as string, { redirect: 'manual' });
      expect(signIn.status).toBe(303);
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
      const page = await fetch(new URL('/', launchUrl), { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(readdirSync(join(checkout, 'node_modules', 'electron'))).not.toContain('path.txt');
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGINT');
      await exited;
    }
  });
});
