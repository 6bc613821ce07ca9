import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnose } from '../../src/core/diagnosis/diagnose';
import { defaultProbes } from '../../src/core/probes';

/**
 * Diagnoses a profile whose endpoint_url is the hostile endpoint given as argv[2], in a process
 * of its own so its peak memory is the diagnosis's. Prints one JSON line: wall time, peak RSS
 * (bytes), the root cause, and every evidence message that mentions the cut-off answer.
 */
async function main(): Promise<void> {
  const endpoint = process.argv[2]!;
  const home = await mkdtemp(join(tmpdir(), 'hostile-diagnosis-'));
  try {
    await mkdir(join(home, '.aws'));
    await writeFile(
      join(home, '.aws', 'credentials'),
      '[hostile]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
      { mode: 0o600 },
    );
    // `role`: the profile assumes a role with the keys, so the SDK's own STS client meets the endpoint first.
    const role = process.argv[3] === 'role';
    const profile = role
      ? `[profile hostile]\nregion = us-east-1\nendpoint_url = ${endpoint}\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = keys\n[profile keys]\nregion = us-east-1\nendpoint_url = ${endpoint}\n`
      : `[profile hostile]\nregion = us-east-1\nendpoint_url = ${endpoint}\n`;
    await writeFile(join(home, '.aws', 'config'), profile, { mode: 0o600 });
    const host = {
      env: { HOME: home, AWS_EC2_METADATA_DISABLED: 'true' },
      homeDir: home,
      platform: process.platform,
      appDataDir: join(home, 'app'),
      now: () => new Date(),
    };
    const began = performance.now();
    const { report } = await diagnose(host, { profile: 'hostile' }, { probes: defaultProbes, transport: { maxAttempts: 1 } });
    const wallMs = performance.now() - began;
    const texts = [
      ...report.causes.flatMap((cause) => [cause.summary, ...cause.evidence.map((item) => item.message ?? '')]),
      ...report.probes.flatMap((probe) => [probe.verdict, ...probe.evidence.map((item) => item.message ?? item.label)]),
    ];
    const json = JSON.stringify(report);
    process.stdout.write(
      `${JSON.stringify({ wallMs, peakRss: process.resourceUsage().maxRSS * 1024, rootCause: report.rootCause, cutOff: texts.filter((text) => /stopped reading it/.test(text)).slice(0, 3), reportBytes: json.length })}\n`,
    );
  } finally {
    await rm(home, { recursive: true, force: true });
  }
  process.exit(0);
}

void main();
