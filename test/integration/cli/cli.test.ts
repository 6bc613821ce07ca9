import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli';
import type { HostEnvironment } from '../../../src/core/host';
import { captureIo as captureWith } from '../../helpers/capture-io';
import { presetSecrets, startPresetSim, type PresetSim } from '../../helpers/sim-presets';

const captureIo = (host: HostEnvironment, tty = false) => captureWith(host, { tty });

let bench: PresetSim;

beforeAll(async () => {
  bench = await startPresetSim({}, ['good', 'bad-key-id', 'wrong-region', 'old-key']);
});

afterAll(async () => {
  await bench?.close();
});

const hostOf = (preset: string) => bench.hostFor(bench.preset(preset));

describe('mdb-doctor diagnose', () => {
  it('good: human output says no problem, exit 0', async () => {
    const io = captureIo(hostOf('good'));
    expect(await runCli(['diagnose', '--profile', 'good', '--cluster', 'orders'], io)).toBe(0);
    expect(io.out()).toMatch(/✔ Credentials/);
    expect(io.out()).toContain('No problem found.');
    expect(io.err()).toBe('');
  });

  it('bad-key-id: human output names the root cause, the real error and the fix, exit 1', async () => {
    const io = captureIo(hostOf('bad-key-id'));
    expect(await runCli(['diagnose', '--profile', 'bad-key-id'], io)).toBe(1);
    expect(io.out()).toContain('Root cause: credentials.key-rejected');
    expect(io.out()).toContain('InvalidClientTokenId');
    expect(io.out()).toContain('aws configure --profile bad-key-id');
  });

  it('--json prints exactly one object with the docs/diagnosis.md shape', async () => {
    const io = captureIo(hostOf('wrong-region'));
    expect(await runCli(['diagnose', '--profile', 'wrong-region', '--cluster', 'orders', '--json'], io)).toBe(1);
    const parsed = JSON.parse(io.out()) as Record<string, unknown> & { causes: Array<Record<string, unknown>>; steps: Array<Record<string, unknown>> };
    expect(Object.keys(parsed).slice(0, 4)).toEqual(['profile', 'rootCause', 'causes', 'steps']);
    expect(parsed).toMatchObject({ profile: 'wrong-region', rootCause: 'region.cluster-elsewhere' });
    expect(Object.keys(parsed.causes[0]!)).toEqual(['id', 'severity', 'step', 'summary', 'evidence', 'fixes']);
    expect(Object.keys(parsed.steps[0]!)).toEqual(['step', 'status', 'summary']);
  });

  it('draws live progress on a terminal (stderr) and none when piped', async () => {
    const tty = captureIo(hostOf('old-key'), true);
    expect(await runCli(['diagnose', '--profile', 'old-key'], tty)).toBe(1);
    expect(tty.err()).toMatch(/✔ Who AWS says you are/);
    expect(tty.out()).toContain('Root cause: keys.old');
    const piped = captureIo(hostOf('old-key'));
    await runCli(['diagnose', '--profile', 'old-key'], piped);
    expect(piped.err()).toBe('');
  });

  it('bad arguments and unknown commands exit 2 with the usage', async () => {
    const io = captureIo(hostOf('good'));
    expect(await runCli(['diagnose', '--nope'], io)).toBe(2);
    expect(io.err()).toContain('Usage: mdb-doctor diagnose');
    const other = captureIo(hostOf('good'));
    expect(await runCli(['frobnicate'], other)).toBe(2);
    expect(other.err()).toContain('Unknown command "frobnicate"');
    expect(await runCli(['diagnose', '--profile', ''], captureIo(hostOf('good')))).toBe(2);
  });
});

describe('mdb-doctor profiles', () => {
  it('lists the preset profiles, masked, in text and JSON', async () => {
    const io = captureIo(hostOf('good'));
    expect(await runCli(['profiles'], io)).toBe(0);
    expect(io.out()).toMatch(/good\s+static\s+eu-west-1/);
    const json = captureIo(hostOf('good'));
    await runCli(['profiles', '--json'], json);
    const list = JSON.parse(json.out()) as { profiles: Array<{ name: string; maskedKeyId: string }> };
    expect(list.profiles.map((profile) => profile.name)).toEqual(expect.arrayContaining(['good', 'bad-key-id']));
    const secrets = await presetSecrets(bench.folder);
    for (const secret of secrets) expect(io.out() + json.out()).not.toContain(secret);
  });
});

describe('the real process', () => {
  it('npx tsx src/cli/main.ts diagnose --json reads the environment like the SDK and exits 1 on a problem', async () => {
    const host = hostOf('bad-key-id');
    const child = spawn('npx', ['tsx', 'src/cli/main.ts', 'diagnose', '--json'], {
      env: { ...process.env, ...host.env, AWS_PROFILE: 'bad-key-id' } as NodeJS.ProcessEnv,
      cwd: process.cwd(),
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ profile: 'bad-key-id', rootCause: 'credentials.key-rejected' });
  }, 60_000);
});
