import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli';
import { diagnose } from '../../../src/core/diagnosis/diagnose';
import { exportReport } from '../../../src/core/diagnosis/export';
import type { HostEnvironment } from '../../../src/core/host';
import { defaultProbes } from '../../../src/core/probes';
import { captureIo } from '../../helpers/capture-io';

// Fake secrets in every form a failing credential_process could print or carry on its command line.
const secretKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const otherSecret = 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY';
const encodedSecret = 'Zq8Tv/Lw3Nb+Kp2Rs9Xy/Ab4Cd5Ef6Gh7Ij8Kl9Mn';
const flagToken = 'Fl4gT0kenValue9876';
const jsonToken = 'Js0nSessionT0ken42';
const headerToken = 'HeaderT0kenAbc123';
const everySecret = [secretKey, otherSecret, encodedSecret, encodeURIComponent(encodedSecret), flagToken, jsonToken, headerToken];

let home: string;
let host: HostEnvironment;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'redaction-'));
  await mkdir(join(home, '.aws'));
  const printed = [
    `SecretAccessKey=${secretKey}`,
    `x=${otherSecret}&y=1`,
    `secret=${encodeURIComponent(encodedSecret)}&next=1`,
    `{"SessionToken": "${jsonToken}"}`,
    `X-Amz-Security-Token: ${headerToken}`,
  ].join('; ');
  const command = `sh -c 'echo "${printed.replace(/"/g, '\\"')}" >&2; exit 1' --token=${flagToken}`;
  await writeFile(join(home, '.aws', 'config'), `[profile leaky]\ncredential_process = ${command}\nregion = us-east-1\n`);
  await writeFile(join(home, '.aws', 'credentials'), '');
  host = {
    env: { HOME: home, AWS_EC2_METADATA_DISABLED: 'true' },
    homeDir: home,
    platform: process.platform,
    appDataDir: join(home, 'app-data'),
    now: () => new Date(),
  };
});

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

function expectNoSecret(text: string, where: string): void {
  for (const secret of everySecret) expect(text.includes(secret), `${where} shows ${secret.slice(0, 6)}…`).toBe(false);
}

describe('a failing credential_process that prints secrets', () => {
  it('shows none of them in the CLI output, its JSON, or an exported report, but still names the failure', async () => {
    const human = captureIo(host);
    expect(await runCli(['diagnose', '--profile', 'leaky'], human)).toBe(1);
    expect(human.out()).toContain('credentials.process-failed');
    expectNoSecret(human.out() + human.err(), 'CLI output');

    const json = captureIo(host);
    await runCli(['diagnose', '--profile', 'leaky', '--json'], json);
    expect(JSON.parse(json.out())).toMatchObject({ rootCause: 'credentials.process-failed' });
    expectNoSecret(json.out(), 'CLI JSON');

    const { report } = await diagnose(host, { profile: 'leaky' }, { probes: defaultProbes, signal: new AbortController().signal });
    const markdown = exportReport(report, 'markdown');
    expect(markdown).toContain('[redacted]');
    expectNoSecret(markdown, 'Markdown export');
    expectNoSecret(exportReport(report, 'json'), 'JSON export');
  });
});
