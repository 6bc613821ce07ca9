import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { JobRegistry } from '../../../src/main/ipc/jobs';
import { headlessShell, type HeadlessShell } from '../../../src/main/ipc/shell-port';
import type { Result } from '../../../src/shared/ipc/result';
import { presetKeyIds, presetSecrets, startPresetSim, type PresetSim } from '../../helpers/sim-presets';

let bench: PresetSim;

beforeAll(async () => {
  bench = await startPresetSim({}, ['inactive-key-lookup', 'good']);
}, 30_000);

afterAll(async () => {
  await bench?.close();
});

function door(shell: HeadlessShell) {
  const dispatch = createDispatcher(
    createHandlers({ host: bench.hostFor(bench.preset('inactive-key-lookup')), identity: { name: 'test', version: '0' }, jobs: new JobRegistry(), shell }),
  );
  return async (channel: string, payload: unknown) => (await dispatch(channel, payload, () => undefined)) as Result<Record<string, unknown>>;
}

const lookUps = () => bench.sim.requestLog.filter((request) => request.operation === 'GetAccessKeyInfo').length;

describe('the key lookup channels: the page names profiles, main asks before using the other one', () => {
  it('lists the candidates from the files: names and hints, no key id', async () => {
    const call = door(headlessShell());
    const result = await call('diagnosis:key-look-up-candidates', { profile: 'inactive-key-lookup' });
    expect(result.ok && result.value.candidates).toEqual([expect.objectContaining({ profile: 'inactive-key-lookup-admin', sameAccount: true })]);
    for (const keyId of await presetKeyIds(bench.folder)) expect(JSON.stringify(result)).not.toContain(keyId);
  });

  it('asks in main first; "no" sends nothing with the other profile and answers cancelled', async () => {
    const shell = headlessShell({ answer: false });
    const before = lookUps();
    const result = await door(shell)('diagnosis:look-up-refused-key', { profile: 'inactive-key-lookup', helperProfile: 'inactive-key-lookup-admin' });
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(shell.asked).toEqual([
      expect.objectContaining({
        title: 'Use another profile to look the key up?',
        message: expect.stringContaining('profile "inactive-key-lookup-admin"'),
        detail: expect.stringMatching(/^It seems to be in the same account\. Read-only calls.*iam:ListAccessKeys/),
      }),
    ]);
    expect(lookUps()).toBe(before);
  });

  it('"yes" looks it up and returns the redacted result: Inactive, with credentials.key-inactive', async () => {
    const shell = headlessShell({ answer: true });
    const result = await door(shell)('diagnosis:look-up-refused-key', { profile: 'inactive-key-lookup', helperProfile: 'inactive-key-lookup-admin' });
    expect(shell.asked).toEqual([expect.objectContaining({ title: 'Use another profile to look the key up?' })]);
    expect(result.ok && result.value).toMatchObject({ outcome: 'inactive', cause: { id: 'credentials.key-inactive' } });
    const text = JSON.stringify(result);
    for (const secret of await presetSecrets(bench.folder)) expect(text).not.toContain(secret);
    for (const keyId of await presetKeyIds(bench.folder)) expect(text).not.toContain(keyId);
  });

  it('a profile outside the candidates is said so in the dialog; a bad payload is refused before main asks', async () => {
    const shell = headlessShell({ answer: true });
    const call = door(shell);
    const other = await call('diagnosis:look-up-refused-key', { profile: 'inactive-key-lookup', helperProfile: 'good' });
    expect(shell.asked[0]?.detail).toMatch(/^Nothing local says it is in the same account/);
    expect(other.ok && other.value.outcome).toBe('other-account');
    const bad = await call('diagnosis:look-up-refused-key', { profile: 'inactive-key-lookup', helperProfile: 'x', accessKeyId: 'AKIA' });
    expect(bad.ok).toBe(false);
    expect(shell.asked).toHaveLength(1);
  });
});
