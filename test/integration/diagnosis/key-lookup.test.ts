import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/core/diagnosis/diagnose';
import { applyKeyLookUp } from '../../../src/shared/model/key-lookup';
import { keyLookUpCandidates } from '../../../src/core/key-lookup/candidates';
import { lookUpRefusedKey } from '../../../src/core/key-lookup/look-up';
import { defaultProbes } from '../../../src/core/probes';
import { presetRequest } from '../../../src/demo/preset-session';
import { keyLookUpResultSchema } from '../../../src/shared/model/key-lookup';
import { presetKeyIds, presetSecrets, startPresetSim, type PresetSim } from '../../helpers/sim-presets';

let bench: PresetSim;

beforeAll(async () => {
  bench = await startPresetSim({}, ['inactive-key-lookup', 'deleted-key-lookup', 'good', 'bad-key-id']);
}, 30_000);

afterAll(async () => {
  await bench?.close();
});

const hostOf = (preset: string) => bench.hostFor(bench.preset(preset));
const operations = () => bench.sim.requestLog.map((request) => request.operation);

describe('looking a refused key up in IAM with another profile, through the real SDK against the simulator', () => {
  it('offers the admin profile of the same account first, from the files alone (no request sent)', async () => {
    const before = bench.sim.requestLog.length;
    const candidates = await keyLookUpCandidates(hostOf('inactive-key-lookup'), 'inactive-key-lookup');
    expect(candidates[0]).toMatchObject({
      profile: 'inactive-key-lookup-admin',
      sameAccount: true,
      reason: expect.stringContaining('its key id names account'),
    });
    expect(candidates.map((candidate) => candidate.profile)).not.toContain('good');
    expect(bench.sim.requestLog.length).toBe(before);
  });

  it('inactive: IAM lists the key Inactive, the root cause becomes credentials.key-inactive with a reactivate command that reads the id from the file', async () => {
    const host = hostOf('inactive-key-lookup');
    const { report } = await diagnose(host, presetRequest(bench.preset('inactive-key-lookup')), { probes: defaultProbes });
    expect(report.rootCause).toBe('credentials.key-rejected');
    const result = await lookUpRefusedKey(host, { refusedProfile: 'inactive-key-lookup', helperProfile: 'inactive-key-lookup-admin' });
    expect(() => keyLookUpResultSchema.parse(result)).not.toThrow();
    expect(result.outcome).toBe('inactive');
    expect(result.summary).toMatch(/of IAM user inactive-key-lookup is Inactive/);
    expect(result.evidence.map((item) => item.request)).toEqual([
      'sts:GetCallerIdentity with profile inactive-key-lookup-admin',
      `sts:GetAccessKeyInfo for ${result.maskedKeyId}`,
      `iam:GetAccessKeyLastUsed for ${result.maskedKeyId}`,
      'iam:ListAccessKeys for user inactive-key-lookup',
      undefined,
    ]);
    expect(result.cause?.fixes[0]).toMatchObject({
      kind: 'copy-command',
      command:
        'aws iam update-access-key --user-name inactive-key-lookup --access-key-id "$(aws configure get aws_access_key_id --profile inactive-key-lookup)" --status Active --profile inactive-key-lookup-admin',
    });
    const updated = applyKeyLookUp(report, result);
    expect(updated.rootCause).toBe('credentials.key-inactive');
    expect(updated.causes.map((cause) => cause.id)).not.toContain('credentials.key-rejected');
    expect(updated.steps.at(-1)?.summary).toMatch(/Root cause: The access key .* is Inactive/);
  });

  it('deleted: IAM has no such key, so key-rejected says deleted and offers a new key', async () => {
    const result = await lookUpRefusedKey(hostOf('deleted-key-lookup'), { refusedProfile: 'deleted-key-lookup', helperProfile: 'deleted-key-lookup-admin' });
    expect(result.outcome).toBe('deleted');
    expect(result.cause).toMatchObject({ id: 'credentials.key-rejected', summary: expect.stringMatching(/is deleted: IAM has no such key in account \d{12}/) });
    expect(JSON.stringify(result.evidence)).toContain('NoSuchEntity');
    expect(result.cause?.fixes).toContainEqual(expect.objectContaining({ command: 'aws configure --profile deleted-key-lookup' }));
  });

  it('another account: GetAccessKeyInfo names the key account, and the lookup stops there', async () => {
    const helper = 'deleted-key-lookup-admin';
    const result = await lookUpRefusedKey(hostOf('inactive-key-lookup'), { refusedProfile: 'inactive-key-lookup', helperProfile: helper });
    expect(result.outcome).toBe('other-account');
    expect(result.summary).toMatch(/belongs to account \d{12}; profile "deleted-key-lookup-admin" is in account \d{12}/);
    expect(result.cause).toBeNull();
    expect(result.evidence.map((item) => item.request)).toEqual([
      `sts:GetCallerIdentity with profile ${helper}`,
      `sts:GetAccessKeyInfo for ${result.maskedKeyId}`,
    ]);
  });

  it('another account, GetAccessKeyInfo refused: "no such key here" is not called deleted', async () => {
    const result = await lookUpRefusedKey(hostOf('inactive-key-lookup'), { refusedProfile: 'inactive-key-lookup', helperProfile: 'good' });
    expect(result.outcome).toBe('other-account');
    expect(result.summary).toMatch(
      /sts:GetAccessKeyInfo, which names a key's account, was refused; the key id itself seems to name account \d{12} \(an unofficial reading\)/,
    );
    expect(result.cause).toBeNull();
  });

  it('a helper that does not work is said plainly, nothing thrown', async () => {
    const result = await lookUpRefusedKey(hostOf('inactive-key-lookup'), { refusedProfile: 'inactive-key-lookup', helperProfile: 'bad-key-id' });
    expect(result).toMatchObject({
      outcome: 'helper-refused',
      cause: null,
      summary: expect.stringMatching(/^Profile "bad-key-id" does not work either \(InvalidClientTokenId/),
    });
    const missing = await lookUpRefusedKey(hostOf('inactive-key-lookup'), { refusedProfile: 'inactive-key-lookup', helperProfile: 'nope' });
    expect(missing).toMatchObject({ outcome: 'failed', summary: expect.stringContaining('There is no profile "nope"') });
  });

  it('a helper without IAM permissions: AccessDenied is a sentence with the read-only policy that would allow it', async () => {
    const admin = bench.sim.world.users.find((user) => user.name === 'inactive-key-lookup-admin')!;
    const saved = new Map(admin.inlinePolicies);
    admin.inlinePolicies.clear();
    try {
      const result = await lookUpRefusedKey(hostOf('inactive-key-lookup'), {
        refusedProfile: 'inactive-key-lookup',
        helperProfile: 'inactive-key-lookup-admin',
      });
      expect(result.outcome).toBe('denied');
      expect(result.summary).toMatch(
        /IAM refused iam:GetAccessKeyLastUsed .* \(AccessDenied\): either it may not read access keys, or the key no longer exists/,
      );
      expect(result.fixes[0]).toMatchObject({ kind: 'copy-policy', json: expect.stringContaining('sts:GetAccessKeyInfo') });
      expect(JSON.stringify(result.evidence)).toContain('not known');
    } finally {
      for (const [name, policy] of saved) admin.inlinePolicies.set(name, policy);
    }
  });

  it('Active in IAM yet refused (a key not yet propagated): said plainly, key-rejected stays', async () => {
    const key = [...bench.sim.world.keys.values()].find((candidate) => candidate.userName === 'inactive-key-lookup')!;
    const saved = { status: key.status, usableFrom: key.usableFrom };
    Object.assign(key, { status: 'Active', usableFrom: Date.now() + 3_600_000 });
    try {
      const host = hostOf('inactive-key-lookup');
      const { report } = await diagnose(host, presetRequest(bench.preset('inactive-key-lookup')), { probes: defaultProbes });
      expect(report.rootCause).toBe('credentials.key-rejected');
      const result = await lookUpRefusedKey(host, { refusedProfile: 'inactive-key-lookup', helperProfile: 'inactive-key-lookup-admin' });
      expect(result.outcome).toBe('active');
      expect(result.cause?.summary).toMatch(/as Active .*yet STS refused it: a key created minutes ago may not have reached every region yet/);
      expect(applyKeyLookUp(report, result).rootCause).toBe('credentials.key-rejected');
    } finally {
      Object.assign(key, saved);
    }
  });

  it('uses only read-only calls and never shows a secret or a full key id', async () => {
    const start = bench.sim.requestLog.length;
    const result = await lookUpRefusedKey(hostOf('inactive-key-lookup'), { refusedProfile: 'inactive-key-lookup', helperProfile: 'inactive-key-lookup-admin' });
    expect(new Set(operations().slice(start))).toEqual(new Set(['GetCallerIdentity', 'GetAccessKeyInfo', 'GetAccessKeyLastUsed', 'ListAccessKeys']));
    const text = JSON.stringify(result);
    for (const secret of await presetSecrets(bench.folder)) expect(text).not.toContain(secret);
    for (const keyId of await presetKeyIds(bench.folder)) expect(text).not.toContain(keyId);
  });
});
