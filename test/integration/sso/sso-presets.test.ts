import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/core/diagnosis/diagnose';
import { defaultProbes } from '../../../src/core/probes';
import { signIn } from '../../../src/core/sso/sign-in';
import type { DiagnosisReport } from '../../../src/shared/model/diagnosis';
import { ssoPresetBuilders } from '../../../src/sim/sso-presets';
import { startPresetSim, type PresetSim } from '../../helpers/sim-presets';

const ssoPresets = ['sso-never-signed-in', ...ssoPresetBuilders.map(([name]) => name)];
let bench: PresetSim;
const reports = new Map<string, DiagnosisReport>();

async function diagnosePreset(name: string): Promise<DiagnosisReport> {
  const entry = bench.preset(name);
  const { report } = await diagnose(bench.hostFor(entry), { profile: entry.profile }, { probes: defaultProbes });
  return report;
}

beforeAll(async () => {
  bench = await startPresetSim({}, ssoPresets);
  for (const name of ssoPresets) reports.set(name, await diagnosePreset(name));
}, 60_000);
afterAll(async () => bench?.close());

/** Every token, refresh token and client secret the presets' caches hold. */
async function cacheSecrets(): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const dir = join(bench.folder.dir, '.aws', 'sso', 'cache');
  const names = await readdir(dir);
  const entries = await Promise.all(names.map(async (name) => JSON.parse(await readFile(join(dir, name), 'utf8')) as Record<string, unknown>));
  return entries.flatMap((entry) => [entry.accessToken, entry.refreshToken, entry.clientSecret].filter((v): v is string => typeof v === 'string'));
}

describe('IAM Identity Center presets, diagnosed through the host-aware SSO link', () => {
  it.each(ssoPresets)('%s: the diagnosis names the expected root cause', (name) => {
    expect(reports.get(name)!.rootCause).toBe(bench.preset(name).expectedRootCause);
  });

  it('sso-expired and sso-never-signed-in offer the in-app Sign in first, then the AWS CLI command', () => {
    for (const name of ['sso-expired', 'sso-never-signed-in']) {
      const root = reports.get(name)!.causes[0]!;
      expect(root.fixes[0]).toEqual({ kind: 'sso-sign-in', label: 'Sign in', profile: name });
      expect(root.fixes[1]).toMatchObject({ kind: 'refresh-command', command: `aws sso login --profile ${name}` });
    }
  });

  it('sso-refresh: the diagnosis renewed the token in the cache like the SDK would, and acts as the SSO role', async () => {
    const report = reports.get('sso-refresh')!;
    expect(report.target.identity?.arn).toMatch(/:assumed-role\/AWSReservedSSO_MemoryDBDeveloper_[0-9a-f]{16}\/jane\.doe$/);
    // The preset cached a token that expired an hour ago; the SDK keys an sso-session's cache by the SHA-1 of its name.
    const entry = bench.preset('sso-refresh');
    const config = await readFile(bench.folder.configFile, 'utf8');
    const sessionName = new RegExp(`^\\[profile ${entry.profile}\\][^[]*?^sso_session = (\\S+)$`, 'm').exec(config)![1]!;
    const cacheFile = join(bench.folder.dir, '.aws', 'sso', 'cache', `${createHash('sha1').update(sessionName).digest('hex')}.json`);
    const cached = JSON.parse(await readFile(cacheFile, 'utf8')) as { expiresAt: string; accessToken: string };
    expect(new Date(cached.expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('sso-role-not-assigned names the ForbiddenException the portal answered', () => {
    expect(JSON.stringify(reports.get('sso-role-not-assigned')!.causes[0]!.evidence)).toContain('ForbiddenException');
  });

  it('no report carries a cached token, refresh token or client secret', async () => {
    const secrets = await cacheSecrets();
    expect(secrets.length).toBeGreaterThan(5);
    const text = JSON.stringify([...reports.values()]);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('sso-expired: signing in (device code, legacy profile) makes the next diagnosis green', async () => {
    const entry = bench.preset('sso-expired');
    const result = await signIn({
      host: bench.hostFor(entry),
      profile: entry.profile,
      wait: async () => undefined,
      onPrompt: (prompt) => bench.sim.sso.approve(prompt.userCode!),
    });
    expect(result.method).toBe('device-code');
    expect((await stat(result.cachePath)).mode & 0o777).toBe(0o600);
    const after = await diagnosePreset('sso-expired');
    expect(after.rootCause).toBeNull();
    expect(after.causes.filter((cause) => cause.severity === 'error')).toEqual([]);
  });
});
