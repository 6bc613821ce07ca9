import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/run-cli';

async function captureIo(): Promise<CliIo & { out: () => string; err: () => string }> {
  const home = await mkdtemp(join(tmpdir(), 'mdb-cli-demo-'));
  let out = '';
  let err = '';
  return {
    stdout: { write: (text) => void (out += text), isTTY: false },
    stderr: { write: (text) => void (err += text), isTTY: false },
    host: { env: {}, homeDir: home, platform: process.platform, appDataDir: join(home, 'data'), now: () => new Date() },
    signal: new AbortController().signal,
    stopSignal: new Promise(() => undefined),
    cwd: process.cwd(),
    out: () => out,
    err: () => err,
  };
}

describe('mdb-doctor demo', () => {
  it('diagnoses the chosen presets, cluster sign-in included, and finds each expected cause', async () => {
    const io = await captureIo();
    expect(await runCli(['demo', '--preset', 'good', '--preset', 'acl-wrong-auth-type', '--json'], io)).toBe(0);
    const { rows } = JSON.parse(io.out()) as { rows: { preset: string; expected: string | null; found: string | null; match: boolean }[] };
    expect(rows.map((row) => [row.preset, row.found, row.match])).toEqual([
      ['good', null, true],
      ['acl-wrong-auth-type', 'cluster.auth-mismatch', true],
    ]);
  });

  it('presets with another profile of the same account show the root cause after looking the refused key up', async () => {
    const io = await captureIo();
    expect(await runCli(['demo', '--preset', 'inactive-key-lookup', '--preset', 'deleted-key-lookup'], io)).toBe(0);
    expect(io.out()).toMatch(/✔ inactive-key-lookup +expected credentials\.key-rejected +found credentials\.key-rejected/);
    expect(io.out()).toContain('looked up with inactive-key-lookup-admin: expected credentials.key-inactive, found credentials.key-inactive');
    expect(io.out()).toContain('looked up with deleted-key-lookup-admin: expected credentials.key-rejected, found credentials.key-rejected');
  });

  it('an unknown preset is a usage error that names the known ones', async () => {
    const io = await captureIo();
    expect(await runCli(['demo', '--preset', 'no-such-preset'], io)).toBe(2);
    expect(io.err()).toMatch(/Unknown preset: no-such-preset\. Known: good/);
  });
});
