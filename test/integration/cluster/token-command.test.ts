import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/run-cli';
import { startPresetSim, type PresetSim } from '../../helpers/sim-presets';

let bench: PresetSim;

beforeAll(async () => {
  bench = await startPresetSim({}, ['connect-denied', 'clock-skew-small']);
});

afterAll(async () => {
  await bench?.close();
});

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text) => void (stdout += text), isTTY: false },
    stderr: { write: (text) => void (stderr += text), isTTY: false },
    host: bench.hostFor(bench.preset('connect-denied')),
    signal: new AbortController().signal,
    stopSignal: new Promise(() => undefined),
    cwd: process.cwd(),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

describe('mdb-doctor token', () => {
  it('on a machine whose clock is 10 minutes behind AWS, signs with the measured server time and says so', async () => {
    const { code, stdout, stderr } = await cli(['token', '--profile', 'clock-skew-small', '--cluster', 'orders', '--user', 'app-user', '--json']);
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { token: string; clockCorrected: boolean; clockOffsetMs: number };
    expect(output.clockCorrected).toBe(true);
    // The Date header has one-second resolution.
    expect(Math.abs(output.clockOffsetMs - 10 * 60_000)).toBeLessThan(5_000);
    const amzDate = /X-Amz-Date=(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(output.token)!;
    const signedAt = Date.UTC(+amzDate[1]!, +amzDate[2]! - 1, +amzDate[3]!, +amzDate[4]!, +amzDate[5]!, +amzDate[6]!);
    expect(Math.abs(signedAt - (Date.now() + 10 * 60_000))).toBeLessThan(60_000);
    expect(stderr).toBe('');
    const plain = await cli(['token', '--profile', 'clock-skew-small', '--cluster', 'orders', '--user', 'app-user']);
    expect(plain.stderr).toMatch(/Signed with AWS's time: the local clock is (9 min 5\d|10 min \d) s behind AWS/);
  });

  it('prints only the token on stdout, its expiry on stderr', async () => {
    const { code, stdout, stderr } = await cli(['token', '--profile', 'connect-denied', '--cluster', 'orders', '--user', 'app-user']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^orders\/\?Action=connect&User=app-user&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA[A-Z0-9]{16}%2F\d{8}%2Feu-west-1%2Fmemorydb%2Faws4_request&X-Amz-Date=\d{8}T\d{6}Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}\n$/,
    );
    expect(stderr).toMatch(/^Signed with AKIA…\w{4} for orders in eu-west-1; valid until /);
  });

  it('prints JSON with --json', async () => {
    const { code, stdout } = await cli([
      'token',
      '--profile',
      'connect-denied',
      '--cluster',
      'orders',
      '--user',
      'app-user',
      '--region',
      'eu-west-1',
      '--json',
    ]);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as Record<string, string>;
    expect(parsed).toMatchObject({ cluster: 'orders', user: 'app-user', region: 'eu-west-1' });
    expect(Date.parse(parsed.expiresAt!) - Date.parse(parsed.issuedAt!)).toBe(900_000);
  });

  it('explains bad arguments and missing credentials with exit code 2', async () => {
    expect(await cli(['token', '--cluster', 'orders'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--cluster and --user are required/) });
    expect(await cli(['token', '--profile', 'connect-denied', '--cluster', '9orders', '--user', 'app-user'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--cluster: letters, digits and hyphens/),
    });
    expect(await cli(['token', '--profile', 'ghost', '--cluster', 'orders', '--user', 'app-user', '--region', 'eu-west-1'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/^mdb-doctor token: /),
    });
  });
});

describe('mdb-doctor diagnose --cluster --user', () => {
  it('runs the cluster sign-in probes and names connect-denied', async () => {
    const { code, stdout } = await cli(['diagnose', '--profile', 'connect-denied', '--cluster', 'orders', '--user', 'app-user', '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { rootCause: string; probes: Array<{ id: string; status: string }> };
    expect(report.rootCause).toBe('cluster.connect-denied');
    expect(report.probes.filter((probe) => probe.id.startsWith('cluster.')).map((probe) => `${probe.id}:${probe.status}`)).toEqual([
      'cluster.sign-in-user:warn',
      'cluster.connect-permission:fail',
    ]);
  });
});
