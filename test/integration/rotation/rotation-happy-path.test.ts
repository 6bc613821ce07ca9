import { readFile, stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyOfSection, readCredentialsFile } from '../../../src/core/rotation/file-keys';
import { runRotation } from '../../../src/core/rotation/rotate';
import type { RotationProgress } from '../../../src/core/rotation/ports';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index';
import { checkInvariants, FaultInjector, journalsLeft, newCase, testDeps } from './harness';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ propagationDelayMs: 300 });
});
afterAll(async () => {
  await sim.stop();
});

describe('rotation happy path (simulator, real SDK, real files)', () => {
  it('rotates through IAM propagation: new key in the file, old key inactive, backup holds the old file, nothing else changed', async () => {
    const c = await newCase(sim);
    const before = await readFile(c.credentialsFile);
    const modeBefore = (await stat(c.credentialsFile)).mode & 0o777;
    const events: RotationProgress[] = [];
    const injector = new FaultInjector();
    const result = await runRotation(testDeps(c, { events, injector }), { profile: 'good', deleteOld: 'no' });

    expect(result.outcome.result).toBe('rotated');
    expect(result.outcome.leftovers).toEqual([]);
    const view = await readCredentialsFile(c.credentialsFile);
    const held = keyOfSection(view, 'good')!;
    expect(held.keyId).not.toBe(c.oldKeyId);
    expect(sim.world.findKey(held.keyId)?.status).toBe('Active');
    expect(sim.world.findKey(c.oldKeyId)?.status).toBe('Inactive');
    // The verify step had to wait for propagation: the first GetCallerIdentity with the new key failed.
    const verifyCalls = injector.calls.filter((call) => call.operation === 'GetCallerIdentity' && call.keyId === held.keyId);
    expect(verifyCalls.length).toBeGreaterThan(1);
    expect(events.some((event) => event.state === 'verifying' && /propagating/.test(event.message))).toBe(true);
    // Deactivation was signed with the new key.
    expect(injector.calls.find((call) => call.operation === 'UpdateAccessKey')?.keyId).toBe(held.keyId);
    // Backup = old bytes exactly; the file differs only in the two values.
    expect(result.outcome.backupPath).not.toBeNull();
    expect(await readFile(result.outcome.backupPath!)).toEqual(before);
    const after = await readFile(c.credentialsFile, 'utf8');
    const oldSecret = sim.world.findKey(c.oldKeyId)!.secretAccessKey;
    const newSecret = sim.world.findKey(held.keyId)!.secretAccessKey;
    expect(after).toBe(before.toString('utf8').replace(c.oldKeyId, held.keyId).replace(oldSecret, newSecret));
    expect((await stat(c.credentialsFile)).mode & 0o777).toBe(modeBefore);
    expect(await journalsLeft(c)).toBe(0);
    expect((await checkInvariants(sim, c, result.cleanupCommands)).problems).toEqual([]);
    // No secret ever reached an event.
    expect(JSON.stringify(events)).not.toContain(newSecret);
    expect(JSON.stringify(events)).not.toContain(held.keyId);
  });

  it('deletes the old key when asked and confirmed', async () => {
    const c = await newCase(sim);
    const questions: string[] = [];
    const result = await runRotation(testDeps(c, { confirm: (q) => (questions.push(q.kind), true) }), { profile: 'good', deleteOld: 'now' });
    expect(result.outcome.result).toBe('rotated');
    expect(result.outcome.oldKeyState).toBe('deleted');
    expect(questions).toEqual(['confirm-delete-old-key']);
    expect(sim.world.findKey(c.oldKeyId)).toBeUndefined();
    expect((await checkInvariants(sim, c, result.cleanupCommands)).problems).toEqual([]);
  });

  it('keeps the old key inactive when the deletion is not confirmed', async () => {
    const c = await newCase(sim);
    const result = await runRotation(testDeps(c, { confirm: () => false }), { profile: 'good', deleteOld: 'now' });
    expect(result.outcome.result).toBe('rotated');
    expect(result.outcome.oldKeyState).toBe('inactive');
    expect(sim.world.findKey(c.oldKeyId)?.status).toBe('Inactive');
  });
});
