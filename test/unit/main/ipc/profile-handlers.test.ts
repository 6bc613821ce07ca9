import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { invokeContract, type InvokeMethod } from '../../../../src/shared/ipc/contract';
import { createDispatcher, type Handlers } from '../../../../src/main/ipc/dispatcher';
import { createActiveHost } from '../../../../src/main/ipc/handlers/active-host';
import { createProfileHandlers } from '../../../../src/main/ipc/handlers/profile-handlers';
import { FixProposals } from '../../../../src/main/ipc/fix-proposals';
import { contractSamples } from '../../../helpers/contract-samples';
import { report } from '../../../helpers/report-builders';
import { findingFixturesDir, hostFor, materialize } from '../../core/profiles/fixture-home';

const homes: string[] = [];
afterAll(async () => {
  await Promise.all(homes.map((home) => rm(home, { recursive: true, force: true })));
});

/** Every secret the fixtures hold: no payload may contain any of them. */
const fixtureSecrets = [
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENFORTESTSONLYxyz0123456789abcdef',
  'aoaEXAMPLEACCESSTOKEN',
  'AKIAIOSFODNN7EXAMPLE',
  'AKIAI44QH8DHBEXAMPLE',
  'ASIAIOSFODNN7EXAMPLE',
  'AKIAIOSFOD NN7EXAMPLE',
  'AKIAIOSFODNN7EXAMPL',
  'csecret',
  'rtoken',
];

function assertNoSecret(payload: unknown, where: string): void {
  const json = JSON.stringify(payload);
  for (const secret of fixtureSecrets) expect(json.includes(secret), `${where} leaks ${secret.slice(0, 6)}…`).toBe(false);
}

/** The real dispatcher over the profile handlers (other channels answer with their samples). */
function dispatcherFor(home: string, env: Record<string, string> = {}, events: unknown[] = [], proposals = new FixProposals()) {
  const profile = createProfileHandlers(createActiveHost(hostFor(home, env)), proposals);
  const samples = Object.fromEntries(
    (Object.keys(invokeContract) as InvokeMethod[]).map((method) => [method, async () => contractSamples[method].response]),
  ) as unknown as Handlers;
  const dispatch = createDispatcher({ ...samples, ...profile });
  return (method: InvokeMethod, payload: unknown) => dispatch(invokeContract[method].channel, payload, (_channel, value) => events.push(value));
}

describe('profile handlers never let a secret cross', () => {
  it('scans every payload the handlers produce for every fixture', async () => {
    const ids = (await readdir(findingFixturesDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    let payloads = 0;
    for (const id of ids) {
      for (const side of ['trigger', 'clean'] as const) {
        const fixture = await materialize(join(findingFixturesDir, id, side));
        homes.push(fixture.home);
        const call = dispatcherFor(
          fixture.home,
          Object.fromEntries(Object.entries(fixture.host.env).filter(([name]) => name !== 'HOME')) as Record<string, string>,
        );
        const list = await call('listProfiles', {});
        assertNoSecret(list, `${id}/${side} list`);
        payloads += 1;
        if (!list.ok) continue;
        const value = list.value as { profiles: Array<{ name: string }> };
        for (const profile of value.profiles) {
          const detail = await call('getProfile', { name: profile.name });
          assertNoSecret(detail, `${id}/${side} ${profile.name}`);
          payloads += 1;
          if (!detail.ok) continue;
          for (const finding of (detail.value as { findings: Array<{ key: string; fix: unknown }> }).findings) {
            if (!finding.fix) continue;
            const preview = await call('previewProfileFix', { profile: profile.name, findingKey: finding.key });
            assertNoSecret(preview, `${id}/${side} preview ${finding.key}`);
            payloads += 1;
          }
        }
      }
    }
    expect(payloads).toBeGreaterThan(200);
  });
});

describe('profile handlers', () => {
  it('previews and applies a finding fix: quotes around a secret go, nothing else changes, a backup exists', async () => {
    const fixture = await materialize(join(findingFixturesDir, 'value.quoted', 'trigger'));
    homes.push(fixture.home);
    const call = dispatcherFor(fixture.home);
    const detail = await call('getProfile', { name: 'default' });
    if (!detail.ok) throw new Error(detail.error.message);
    const finding = (detail.value as { findings: Array<{ id: string; key: string }> }).findings.find((candidate) => candidate.id === 'value.quoted')!;
    const preview = await call('previewProfileFix', { profile: 'default', findingKey: finding.key });
    if (!preview.ok) throw new Error(preview.error.message);
    const { expectedHash, diff } = preview.value as { expectedHash: string; diff: Array<{ before: string; after: string }> };
    expect(diff).toEqual([
      {
        kind: 'replace',
        oldLine: 3,
        newLine: 3,
        before: 'aws_secret_access_key = •••• (42 characters)',
        after: 'aws_secret_access_key = •••• (40 characters)',
      },
    ]);
    const applied = await call('applyProfileFix', { profile: 'default', findingKey: finding.key, expectedHash });
    if (!applied.ok) throw new Error(applied.error.message);
    assertNoSecret(applied, 'apply');
    const credentials = join(fixture.home, '.aws', 'credentials');
    expect(await readFile(credentials, 'utf8')).toBe(
      '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    );
    const backup = (applied.value as { backupPath: string }).backupPath;
    expect(backup.startsWith(join(fixture.home, 'app-data'))).toBe(true);
    const again = await call('applyProfileFix', { profile: 'default', findingKey: finding.key, expectedHash });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('applies a region fix the latest diagnosis proposed, by id, offers its undo once, and refuses ids it never proposed', async () => {
    const fixture = await materialize(join(findingFixturesDir, 'region.missing', 'trigger'));
    homes.push(fixture.home);
    const proposals = new FixProposals();
    const call = dispatcherFor(fixture.home, {}, [], proposals);
    const config = join(fixture.home, '.aws', 'config');
    const id = 'set-value:config:default:region=eu-west-1';
    const regionFix = {
      kind: 'set-value' as const,
      id,
      label: 'Set region',
      file: 'config' as const,
      path: config,
      profile: 'default',
      key: 'region',
      value: 'eu-west-1',
    };
    expect(await call('previewProfileFix', { profile: 'default', fixId: id })).toMatchObject({ ok: false, error: { code: 'refused' } });
    proposals.fromReport(
      report({
        profile: 'default',
        causes: [{ id: 'region.cluster-elsewhere', severity: 'error', step: 'region', summary: 'x', evidence: [], fixes: [regionFix] }],
      }),
    );
    expect(await call('previewProfileFix', { profile: 'other', fixId: id })).toMatchObject({ ok: false, error: { code: 'refused' } });
    const preview = await call('previewProfileFix', { profile: 'default', fixId: id });
    if (!preview.ok) throw new Error(preview.error.message);
    const { expectedHash } = preview.value as { expectedHash: string };
    const applied = await call('applyProfileFix', { profile: 'default', fixId: id, expectedHash });
    if (!applied.ok) throw new Error(applied.error.message);
    expect(await readFile(config, 'utf8')).toBe('[default]\noutput = json\nregion = eu-west-1\n');
    const { undoFixId, newHash } = applied.value as { undoFixId: string; newHash: string };
    expect(undoFixId).toMatch(/^undo:/);
    expect(await call('applyProfileFix', { profile: 'default', fixId: undoFixId, expectedHash: newHash })).toMatchObject({ ok: true });
    expect(await readFile(config, 'utf8')).toBe('[default]\noutput = json\n');
    // Used once: replaying the undo (or the applied proposal) is refused.
    expect(await call('previewProfileFix', { profile: 'default', fixId: undoFixId })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await call('previewProfileFix', { profile: 'default', fixId: id })).toMatchObject({ ok: false, error: { code: 'refused' } });
    const explicit = await call('previewProfileFix', {
      profile: 'default',
      fix: { kind: 'set-value', file: 'config', section: 'default', key: 'region', value: 'eu-west-1' },
    });
    expect(explicit).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it.skipIf(process.platform === 'win32')(
    'a credentials file other users can read is made owner-only from the files’ list: same text, mode 600, a backup, no undo',
    async () => {
      const fixture = await materialize(join(findingFixturesDir, 'file.permissions', 'trigger'));
      homes.push(fixture.home);
      const call = dispatcherFor(fixture.home);
      const credentials = join(fixture.home, '.aws', 'credentials');
      const before = await readFile(credentials, 'utf8');
      const list = await call('listProfiles', {});
      if (!list.ok) throw new Error(list.error.message);
      const finding = (list.value as { findings: Array<{ id: string; key: string; fix: unknown }> }).findings.find(
        (candidate) => candidate.id === 'file.permissions',
      )!;
      expect(finding.fix).toEqual({ kind: 'owner-only', file: 'credentials' });
      const preview = await call('previewProfileFix', { findingKey: finding.key });
      if (!preview.ok) throw new Error(preview.error.message);
      expect(preview.value).toMatchObject({ file: 'credentials', diff: [] });
      expect((preview.value as { summary: string }).summary).toContain('mode 644 → 600');
      const applied = await call('applyProfileFix', { findingKey: finding.key, expectedHash: (preview.value as { expectedHash: string }).expectedHash });
      if (!applied.ok) throw new Error(applied.error.message);
      expect(applied.value).toMatchObject({ undoFixId: null });
      expect((await stat(credentials)).mode & 0o777).toBe(0o600);
      expect(await readFile(credentials, 'utf8')).toBe(before);
      const after = await call('listProfiles', {});
      if (!after.ok) throw new Error(after.error.message);
      expect((after.value as { findings: Array<{ id: string }> }).findings.map((candidate) => candidate.id)).not.toContain('file.permissions');
    },
  );

  it('refuses a stale hash without writing, and reports a missing profile as not-found', async () => {
    const fixture = await materialize(join(findingFixturesDir, 'value.quoted', 'trigger'));
    homes.push(fixture.home);
    const call = dispatcherFor(fixture.home);
    const credentials = join(fixture.home, '.aws', 'credentials');
    const before = await readFile(credentials, 'utf8');
    const detail = await call('getProfile', { name: 'default' });
    if (!detail.ok) throw new Error(detail.error.message);
    const finding = (detail.value as { findings: Array<{ id: string; key: string }> }).findings.find((candidate) => candidate.id === 'value.quoted')!;
    const stale = await call('applyProfileFix', { profile: 'default', findingKey: finding.key, expectedHash: 'f'.repeat(64) });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await readFile(credentials, 'utf8')).toBe(before);
    expect(await call('getProfile', { name: 'ghost' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('pushes onProfilesChanged when a watched file changes', async () => {
    const fixture = await materialize(join(findingFixturesDir, 'region.missing', 'clean'));
    homes.push(fixture.home);
    const events: unknown[] = [];
    const call = dispatcherFor(fixture.home, {}, events);
    await call('listProfiles', {});
    await writeFile(join(fixture.home, '.aws', 'config'), '[default]\nregion = eu-west-1\n');
    await expect.poll(() => events.length, { timeout: 3000 }).toBeGreaterThan(0);
    expect(events[0]).toMatchObject({ paths: expect.arrayContaining([expect.stringContaining('config')]) });
  });
});
