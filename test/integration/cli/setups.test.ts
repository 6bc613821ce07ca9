import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/cli/run-cli';
import type { HostEnvironment } from '../../../src/core/host';
import { captureIo } from '../../helpers/capture-io';
import { startPresetSim, type PresetSim } from '../../helpers/sim-presets';

let dir: string | undefined;
let bench: PresetSim | undefined;

afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  await bench?.close();
  dir = undefined;
  bench = undefined;
});

/** A home with the given AWS files and nothing else. */
async function home(files: { credentials?: string; config?: string }): Promise<HostEnvironment> {
  dir = await mkdtemp(join(tmpdir(), 'mdb-doctor-setups-'));
  const credentials = join(dir, 'credentials');
  const config = join(dir, 'config');
  await writeFile(credentials, files.credentials ?? '', { mode: 0o600 });
  await writeFile(config, files.config ?? '', { mode: 0o600 });
  return {
    env: { HOME: dir, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: config, AWS_EC2_METADATA_DISABLED: 'true' },
    homeDir: dir,
    platform: process.platform,
    appDataDir: join(dir, 'app'),
    now: () => new Date(),
  };
}

describe('mdb-doctor profiles on a file with problems', () => {
  it('lists every finding in text with where it is and its fix, and exits 1 when one is an error', async () => {
    const host = await home({
      credentials: '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
      config: '[profile dev]\nregion = eu-west-1\n\n[staging]\nregion = us-east-2\n',
    });
    const io = captureIo(host);
    expect(await runCli(['profiles'], io)).toBe(1);
    expect(io.out()).toMatch(/error\s+profile\.prefix-missing-in-config \(.*config:4\): \[staging\] in the config file is ignored/);
    expect(io.out()).toContain('fix: Rename the header to [profile staging].');
    const json = captureIo(host);
    expect(await runCli(['profiles', '--json'], json)).toBe(1);
  });

  it('a clean pair of files exits 0', async () => {
    const host = await home({
      credentials: '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
      config: '[profile dev]\nregion = eu-west-1\n',
    });
    expect(await runCli(['profiles'], captureIo(host))).toBe(0);
  });
});

describe('mdb-doctor diagnose on files the SDK cannot read', () => {
  it('a credentials file over 5 MB is named as the problem, not "reads cleanly"', async () => {
    const host = await home({ credentials: `[dev]\n${'# padding\n'.repeat(600_000)}`, config: '[profile dev]\nregion = eu-west-1\n' });
    const io = captureIo(host);
    expect(await runCli(['diagnose', '--profile', 'dev'], io)).toBe(1);
    expect(io.out()).not.toContain('reads cleanly');
    expect(io.out()).toMatch(/Root cause: profile\.malformed .*bytes; an AWS file over 5242880 bytes is not read/);
  });
});

describe('fixes a user can paste', () => {
  it('wrong-region: the real section header [profile wrong-region] and the aws configure command', async () => {
    bench = await startPresetSim({}, ['wrong-region']);
    const io = captureIo(bench.hostFor(bench.preset('wrong-region')));
    expect(await runCli(['diagnose', '--profile', 'wrong-region', '--cluster', 'orders'], io)).toBe(1);
    expect(io.out()).toContain('region = eu-west-1 in [profile wrong-region] of');
    expect(io.out()).toContain('aws configure set region eu-west-1 --profile wrong-region');
  });
});

describe('an endpoint that accepts and never answers', () => {
  it('ends at the --timeout deadline, names the endpoint and the endpoint_url it came from, and prints no library warning', async () => {
    const sockets: Socket[] = [];
    const server: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const warn = vi.spyOn(console, 'warn');
    try {
      const host = await home({
        credentials: '[hung]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
        config: `[profile hung]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:${port}\n`,
      });
      const io = captureIo(host);
      expect(await runCli(['diagnose', '--profile', 'hung', '--timeout', '2'], io)).toBe(1);
      expect(io.out()).toContain('Root cause: endpoint.no-answer');
      expect(io.out()).toContain(`sts:GetCallerIdentity in eu-west-1 at http://127.0.0.1:${port} (from endpoint_url in [profile hung] of`);
      expect(io.err()).toBe('');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  }, 20_000);

  it('--timeout must be a positive number of seconds', async () => {
    const host = await home({});
    expect(await runCli(['diagnose', '--timeout', 'soon'], captureIo(host))).toBe(2);
  });
});

describe('Ctrl-C under npm run', () => {
  it.skipIf(process.platform === 'win32')(
    'exits 2 (could not run), not 130, when the whole process group gets SIGINT',
    async () => {
      let connected: () => void = () => undefined;
      const reached = new Promise<void>((resolve) => (connected = resolve));
      const sockets: Socket[] = [];
      const server = createServer((socket) => {
        sockets.push(socket);
        connected();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      try {
        const host = await home({
          credentials: '[hung]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
          config: `[profile hung]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:${port}\n`,
        });
        // detached: its own process group, as a terminal gives the command line, so the signal reaches npm, the shell and node.
        const child = spawn('npm', ['run', '-s', 'cli', '--', 'diagnose', '--profile', 'hung', '--timeout', '60'], {
          env: { ...process.env, ...host.env } as NodeJS.ProcessEnv,
          cwd: process.cwd(),
          detached: true,
          stdio: 'ignore',
        });
        const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
        await reached;
        process.kill(-child.pid!, 'SIGINT');
        expect(await exited).toBe(2);
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => server.close(resolve));
      }
    },
    60_000,
  );
});
