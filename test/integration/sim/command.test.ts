import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runSimCommand } from '../../../src/sim/command';
import { presetNames } from '../../../src/sim/presets';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mdb-sim-cmd-'));
  dirs.push(dir);
  return dir;
}

describe('runSimCommand', () => {
  it('writes every preset, prints one JSON line when ready, serves until stopped', async () => {
    const dir = await tempDir();
    const stdout: string[] = [];
    const stderr: string[] = [];
    let stop!: () => void;
    const stopSignal = new Promise<void>((resolve) => (stop = resolve));
    const running = runSimCommand(['--out', 'presets'], { stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l), stopSignal, cwd: dir });
    await expect.poll(() => stdout.length, { timeout: 10_000 }).toBe(1);
    const ready = JSON.parse(stdout[0]!) as { endpoint: string; dir: string; presets: Array<{ preset: string; expectedRootCause: string | null }> };
    expect(ready.dir).toBe(join(dir, 'presets'));
    expect(ready.presets.map((p) => p.preset)).toEqual([...presetNames]);
    expect(stderr.join('\n')).toContain(`export AWS_CONFIG_FILE=${join(dir, 'presets', 'config')}`);
    expect(stderr.join('\n')).toContain(`export AWS_SHARED_CREDENTIALS_FILE=${join(dir, 'presets', 'credentials')}`);
    const written = JSON.parse(await readFile(join(dir, 'presets', 'presets.json'), 'utf8')) as { presets: unknown[] };
    expect(written.presets).toEqual(ready.presets);
    expect((await stat(join(dir, 'presets', 'credentials'))).mode & 0o777).toBe(0o600);
    const config = await readFile(join(dir, 'presets', 'config'), 'utf8');
    expect(config).toContain(`[profile good]\nregion = eu-west-1\nendpoint_url = ${ready.endpoint}\n`);
    expect(await (await fetch(ready.endpoint)).text()).toContain('<Code>MissingAction</Code>');
    stop();
    expect(await running).toBe(0);
    await expect(fetch(ready.endpoint)).rejects.toThrow();
  });

  it('explains bad arguments instead of starting', async () => {
    const stderr: string[] = [];
    const io = { stdout: () => undefined, stderr: (l: string) => stderr.push(l), stopSignal: Promise.resolve(), cwd: '/' };
    expect(await runSimCommand([], io)).toBe(2);
    expect(stderr.at(-1)).toMatch(/^--out DIR is required\./);
    expect(await runSimCommand(['--out', 'x', '--port', 'abc'], io)).toBe(2);
    expect(stderr.at(-1)).toMatch(/--port must be a non-negative number/);
    expect(await runSimCommand(['--out', await tempDir(), '--preset', 'nope'], io)).toBe(1);
    expect(stderr.at(-1)).toMatch(/Unknown preset: nope\. Known: good, /);
  });
});

describe('npm run sim (src/sim/main.ts)', () => {
  it('prints exactly one JSON line on stdout and exits 0 on SIGTERM', async () => {
    const dir = await tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sim/main.ts', '--out', dir, '--preset', 'good'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    await expect.poll(() => out.includes('\n'), { timeout: 20_000, interval: 100 }).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ dir, presets: [{ preset: 'good', expectedRootCause: null }] });
  });
});
