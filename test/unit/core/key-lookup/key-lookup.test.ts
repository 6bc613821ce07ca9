import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostEnvironment } from '../../../../src/core/host';
import { accountHintOfKeyId } from '../../../../src/core/key-lookup/account-hints';
import { applyKeyLookUp } from '../../../../src/shared/model/key-lookup';
import { keyLookUpCandidates } from '../../../../src/core/key-lookup/candidates';
import { lookUpRefusedKey } from '../../../../src/core/key-lookup/look-up';
import { newAccessKeyId, newSecret } from '../../../../src/sim/world';
import type { KeyLookUpResult } from '../../../../src/shared/model/key-lookup';
import { keyRejected } from '../../../helpers/report-builders';
import { report } from '../../../helpers/report-builders';

const account = '111122223333';
const other = '444455556666';

async function homeWith(credentials: string, config: string, env: Record<string, string> = {}): Promise<HostEnvironment> {
  const home = await mkdtemp(join(tmpdir(), 'key-lookup-'));
  await mkdir(join(home, '.aws'));
  await writeFile(join(home, '.aws', 'credentials'), credentials, { mode: 0o600 });
  await writeFile(join(home, '.aws', 'config'), config, { mode: 0o600 });
  return { env: { HOME: home, ...env }, homeDir: home, platform: 'linux', appDataDir: join(home, 'app'), now: () => new Date('2026-06-01T00:00:00Z') };
}

const keys = (id: string) => `aws_access_key_id = ${id}\naws_secret_access_key = ${newSecret()}\n`;

describe('accountHintOfKeyId (the unofficial reading of the account from a key id)', () => {
  it('reads the account that ids issued since 2019 carry, and gives no hint for old or malformed ids', () => {
    expect(accountHintOfKeyId(newAccessKeyId('AKIA', account))).toBe(account);
    expect(accountHintOfKeyId(newAccessKeyId('ASIA', other))).toBe(other);
    expect(accountHintOfKeyId(`AKIAI${'O'.repeat(15)}`)).toBeNull();
    expect(accountHintOfKeyId('AKIA1234')).toBeNull();
    expect(accountHintOfKeyId(null)).toBeNull();
  });
});

describe('keyLookUpCandidates', () => {
  it('offers only profiles with local reason to be in the refused key account (key id, sso_account_id, role_arn), never one holding the same key', async () => {
    const refused = newAccessKeyId('AKIA', account);
    const host = await homeWith(
      `[dev]\n${keys(refused)}\n[admin]\n${keys(newAccessKeyId('AKIA', account))}\n[elsewhere]\n${keys(newAccessKeyId('AKIA', other))}\n[copy]\n${keys(refused)}`,
      `[profile sso-ops]\nsso_start_url = https://x.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = ${account}\nsso_role_name = Ops\n\n[profile role]\nrole_arn = arn:aws:iam::${account}:role/ops\nsource_profile = elsewhere\n`,
    );
    const candidates = await keyLookUpCandidates(host, 'dev');
    expect(candidates.map((candidate) => candidate.profile).sort()).toEqual(['admin', 'role', 'sso-ops']);
    expect(candidates.every((candidate) => candidate.sameAccount)).toBe(true);
    expect(candidates.find((candidate) => candidate.profile === 'role')?.reason).toMatch(/^its role_arn names account 111122223333/);
    expect(JSON.stringify(candidates)).not.toContain(refused);
  });

  it('with no profile of the same account, offers every credentialed profile as possibly another account', async () => {
    const host = await homeWith(
      `[dev]\n${keys(newAccessKeyId('AKIA', account))}\n[elsewhere]\n${keys(newAccessKeyId('AKIA', other))}`,
      '[profile empty]\nregion = eu-west-1\n',
    );
    expect(await keyLookUpCandidates(host, 'dev')).toEqual([
      { profile: 'elsewhere', sameAccount: false, reason: `may be another account: its key id names account ${other}` },
    ]);
  });

  it('an assume-role profile: the refused key is its source profile key, and neither the role nor its source is offered', async () => {
    const host = await homeWith(
      `[src]\n${keys(newAccessKeyId('AKIA', account))}\n[admin]\n${keys(newAccessKeyId('AKIA', account))}`,
      `[profile role]\nrole_arn = arn:aws:iam::${account}:role/ops\nsource_profile = src\n\n[profile other-role]\nrole_arn = arn:aws:iam::${account}:role/x\nsource_profile = src\n`,
    );
    expect((await keyLookUpCandidates(host, 'role')).map((candidate) => candidate.profile)).toEqual(['admin']);
  });

  it('offers nothing for a profile without a key id', async () => {
    const host = await homeWith(`[elsewhere]\n${keys(newAccessKeyId('AKIA', other))}`, '[profile dev]\nregion = eu-west-1\n');
    expect(await keyLookUpCandidates(host, 'dev')).toEqual([]);
  });
});

describe('lookUpRefusedKey before any request', () => {
  it('says why it cannot look up, never throws: no key, the same profile, an unknown profile', async () => {
    const host = await homeWith(`[dev]\n${keys(newAccessKeyId('AKIA', account))}`, '[profile nokey]\nregion = eu-west-1\n');
    expect(await lookUpRefusedKey(host, { refusedProfile: 'nokey', helperProfile: 'dev' })).toMatchObject({
      outcome: 'failed',
      summary: expect.stringContaining('holds no access key id'),
    });
    expect(await lookUpRefusedKey(host, { refusedProfile: 'dev', helperProfile: 'dev' })).toMatchObject({
      outcome: 'failed',
      summary: expect.stringContaining('is the one AWS refused'),
    });
    expect(await lookUpRefusedKey(host, { refusedProfile: 'dev', helperProfile: 'ops' })).toMatchObject({
      outcome: 'failed',
      summary: expect.stringContaining('There is no profile "ops"'),
    });
  });
});

describe('applyKeyLookUp', () => {
  const rejected = keyRejected;
  const lookUp = (overrides: Partial<KeyLookUpResult>): KeyLookUpResult => ({
    refusedProfile: 'dev',
    helperProfile: 'admin',
    maskedKeyId: 'AKIA…ABCD',
    outcome: 'inactive',
    summary: 'The access key AKIA…ABCD of IAM user dev is Inactive.',
    evidence: [],
    cause: { ...rejected, id: 'credentials.key-inactive', summary: 'The access key AKIA…ABCD of IAM user dev is Inactive.' },
    fixes: [],
    ...overrides,
  });

  it('replaces key-rejected by what IAM said, and the summary follows the new root cause', () => {
    const before = report({ causes: [rejected], stepStatus: { credentials: 'fail', summary: 'fail' } });
    const after = applyKeyLookUp(before, lookUp({}));
    expect(after.rootCause).toBe('credentials.key-inactive');
    expect(after.causes.map((cause) => cause.id)).toEqual(['credentials.key-inactive']);
    expect(after.steps.find((step) => step.step === 'summary')?.summary).toBe(
      '1 problem found. Root cause: The access key AKIA…ABCD of IAM user dev is Inactive.',
    );
  });

  it('a lookup that could not tell keeps the causes and says so on the credentials step', () => {
    const before = report({ causes: [rejected], stepStatus: { credentials: 'fail', summary: 'fail' } });
    const after = applyKeyLookUp(before, lookUp({ outcome: 'denied', cause: null, summary: 'IAM refused it.' }));
    expect(after.rootCause).toBe('credentials.key-rejected');
    expect(after.steps.find((step) => step.step === 'credentials')?.summary).toBe('credentials summary Lookup with profile "admin": IAM refused it.');
  });

  it('leaves a report without key-rejected alone', () => {
    const before = report({ causes: [] });
    expect(applyKeyLookUp(before, lookUp({}))).toBe(before);
  });
});
