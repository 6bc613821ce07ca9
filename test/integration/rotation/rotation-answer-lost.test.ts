import { CreateAccessKeyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultClientFactory, IamAccess } from '../../../src/core/rotation/aws-access';
import { maskKeyId } from '../../../src/core/rotation/leftovers';
import type { GatePoint } from '../../../src/core/rotation/ports';
import { findUnfinishedRotations, recoverRotation } from '../../../src/core/rotation/recover';
import { runRotation } from '../../../src/core/rotation/rotate';
import type { RotationQuestion } from '../../../src/shared/model/rotation';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index';
import { checkInvariants, dropAnswers, FaultInjector, journalsLeft, newCase, rotationDiedAt, testDeps, type RotationCase } from './harness';

/*
 * Issue 18: AWS acted, the answer was lost. The simulator carries the call out and then drops
 * the connection (its dropAnswers knob), under the SDK's own retry strategy with the product's
 * bound of 3 attempts, so nothing here stands between the SDK and a second send.
 */

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ propagationDelayMs: 100 });
});
afterAll(async () => {
  await sim.stop();
});

/** The product's retry bound (placeOf leaves the SDK's 3 attempts), not the tests' usual single attempt. */
const productRetries = { maxAttempts: 3 };

function keysOf(c: RotationCase) {
  return sim.world.keysOf(c.userName, c.accountId).map((key) => ({ id: key.accessKeyId, status: key.status }));
}

/** The requests the simulator saw from `from` on, for one operation. */
function sent(from: number, operation: string) {
  return sim.requestLog.slice(from).filter((entry) => entry.operation === operation);
}

describe('CreateAccessKey: IAM made the key, the answer never came back', () => {
  it('sends CreateAccessKey once (no SDK retry into LimitExceeded), finds the key by listing, deletes it after asking and names it', async () => {
    const c = await newCase(sim);
    const asked: RotationQuestion[] = [];
    const from = sim.requestLog.length;
    dropAnswers(sim, c, 'CreateAccessKey', 1);
    const result = await runRotation(testDeps(c, { confirm: (question) => (asked.push(question), true), overrides: productRetries }), {
      profile: 'good',
      deleteOld: 'no',
    });
    // Both invariants first: the file works, and no key is left in IAM that the output does not name.
    const invariants = await checkInvariants(sim, c, result.cleanupCommands, result.outcome.message);
    expect(invariants.problems).toEqual([]);
    const creates = sent(from, 'CreateAccessKey');
    // Before the fix the SDK sent it again and met the quota the lost key had filled:
    // AnswerDropped, then LimitExceeded (which the SDK classes as throttling and retries again).
    expect(creates.map((entry) => entry.errorCode)).toEqual(['AnswerDropped']);
    expect(
      sent(from, 'DeleteAccessKey').map((entry) => [entry.status, entry.errorCode]),
      'the lost key was deleted, once',
    ).toEqual([[200, null]]);
    expect(asked.map((question) => question.kind)).toEqual(['confirm-delete-lost-key']);
    expect(result.outcome.result).toBe('rolled-back');
    expect(keysOf(c)).toEqual([{ id: c.oldKeyId, status: 'Active' }]);
    expect(invariants.fileKeyId).toBe(c.oldKeyId);
    expect(result.outcome.message).toMatch(/answer .*lost/);
    expect(result.outcome.message).toMatch(/AKIA…\w{4}.*deleted/);
    expect(result.outcome.message).toMatch(/no new key is left in IAM/);
    expect(await journalsLeft(c)).toBe(0);
  });

  it('keeps the lost key when the person says no, and names it with the command that removes it, whole id; says nothing it did not check', async () => {
    const c = await newCase(sim);
    dropAnswers(sim, c, 'CreateAccessKey', 1);
    const result = await runRotation(testDeps(c, { confirm: (question) => question.kind !== 'confirm-delete-lost-key', overrides: productRetries }), {
      profile: 'good',
      deleteOld: 'no',
    });
    const lostId = keysOf(c).find((key) => key.id !== c.oldKeyId)!.id;
    expect(result.outcome.result).toBe('failed');
    expect(result.outcome.message).not.toMatch(/no new key is left/);
    expect(result.outcome.leftovers).toEqual([expect.objectContaining({ maskedKeyId: maskKeyId(lostId), status: 'Active' })]);
    expect(result.cleanupCommands).toEqual([`aws iam delete-access-key --access-key-id ${lostId} --user-name ${c.userName} --profile good`]);
    expect((await checkInvariants(sim, c, result.cleanupCommands, result.outcome.message)).problems).toEqual([]);
  });

  it('treats LimitExceeded on the first create after the check as ambiguous: the key that appeared since is found, deleted after asking and named', async () => {
    const c = await newCase(sim);
    let appeared = '';
    const gate = async (point: GatePoint) => {
      if (point.step === 'create-key' && point.moment === 'before') {
        // IAM made a key for this user after the check (as a lost answer of an earlier attempt would have).
        appeared = sim.world.createAccessKey(sim.world.findUser(c.accountId, c.userName)!).accessKeyId;
      }
    };
    const result = await runRotation(testDeps(c, { gate, overrides: productRetries }), { profile: 'good', deleteOld: 'no' });
    expect(result.outcome.result).toBe('rolled-back');
    expect(result.outcome.message).toMatch(/two-key limit/);
    expect(result.outcome.message).toContain(maskKeyId(appeared));
    expect(keysOf(c)).toEqual([{ id: c.oldKeyId, status: 'Active' }]);
    expect((await checkInvariants(sim, c, result.cleanupCommands, result.outcome.message)).problems).toEqual([]);
  });
});

describe('the other IAM calls of a rotation, answer lost', () => {
  it('DeleteAccessKey of the old key: sent once, then IAM’s listing (not the lost answer) says it is gone', async () => {
    const c = await newCase(sim);
    const from = sim.requestLog.length;
    dropAnswers(sim, c, 'DeleteAccessKey', 1);
    const result = await runRotation(testDeps(c, { overrides: productRetries }), { profile: 'good', deleteOld: 'now' });
    expect(sent(from, 'DeleteAccessKey').map((entry) => entry.errorCode)).toEqual(['AnswerDropped']);
    expect(result.outcome.result).toBe('rotated');
    expect(result.outcome.oldKeyState).toBe('deleted');
    expect(sim.world.findKey(c.oldKeyId)).toBeUndefined();
    expect((await checkInvariants(sim, c, result.cleanupCommands, result.outcome.message)).problems).toEqual([]);
  });

  it('UpdateAccessKey (idempotent) may be retried: the old key ends inactive and the run says so', async () => {
    const c = await newCase(sim);
    dropAnswers(sim, c, 'UpdateAccessKey', 2);
    const result = await runRotation(testDeps(c, { overrides: productRetries }), { profile: 'good', deleteOld: 'no' });
    expect(result.outcome.result).toBe('rotated');
    expect(result.outcome.oldKeyState).toBe('inactive');
    expect(sim.world.findKey(c.oldKeyId)?.status).toBe('Inactive');
    expect((await checkInvariants(sim, c, result.cleanupCommands, result.outcome.message)).problems).toEqual([]);
  });
});

describe('when IAM cannot be asked afterwards either', () => {
  it('UpdateAccessKey answered by nothing, then the network gone: the run says it does not know, and names the old key', async () => {
    const c = await newCase(sim);
    const injector = new FaultInjector();
    injector.arm('UpdateAccessKey', 'network-dies');
    const result = await runRotation(testDeps(c, { injector }), { profile: 'good', deleteOld: 'no' });
    expect(result.outcome.result).toBe('failed');
    expect(result.outcome.oldKeyState).toBe('unknown');
    expect(result.outcome.message).toMatch(/may or may not have been deactivated/);
    expect(result.outcome.message).not.toMatch(/could not be deactivated/);
    expect(result.cleanupCommands).toEqual([
      `aws iam update-access-key --access-key-id ${c.oldKeyId} --status Inactive --user-name ${c.userName} --profile good`,
    ]);
    injector.heal();
    expect((await checkInvariants(sim, c, result.cleanupCommands, result.outcome.message)).problems).toEqual([]);
  });
});

describe('recovery (rotate --recover) after a lost answer', () => {
  it('finishes a run that died between CreateAccessKey and its journal line, with the deletion’s own answer lost too', async () => {
    const c = await newCase(sim);
    await rotationDiedAt(c, { step: 'create-key', moment: 'after' });
    const [unfinished] = await findUnfinishedRotations(c.host);
    const lostId = keysOf(c).find((key) => key.id !== c.oldKeyId)!.id;
    const from = sim.requestLog.length;
    dropAnswers(sim, c, 'DeleteAccessKey', 1);
    const result = await recoverRotation(testDeps(c, { overrides: productRetries }), unfinished!.journalId, 'finish');
    expect(sent(from, 'DeleteAccessKey').map((entry) => entry.errorCode)).toEqual(['AnswerDropped']);
    expect(result.outcome.result).toBe('rolled-back');
    expect(result.outcome.message).toContain(maskKeyId(lostId));
    expect(result.outcome.message).toMatch(/no new key is left in IAM/);
    expect(keysOf(c)).toEqual([{ id: c.oldKeyId, status: 'Active' }]);
    expect((await checkInvariants(sim, c, result.cleanupCommands, result.outcome.message)).problems).toEqual([]);
    expect(await journalsLeft(c)).toBe(0);
  });
});

describe('the client guard', () => {
  it('refuses to send CreateAccessKey through a client the SDK may retry, before it reaches IAM', async () => {
    const c = await newCase(sim);
    const secret = sim.world.findKey(c.oldKeyId)!.secretAccessKey;
    const access = new IamAccess(
      defaultClientFactory,
      { region: 'us-east-1', endpoints: { iam: sim.endpoint, sts: sim.endpoint }, maxAttempts: 3 },
      { id: c.oldKeyId, secret },
      c.userName,
      null,
      null,
    );
    const from = sim.requestLog.length;
    await expect(access.call((iam) => iam.send(new CreateAccessKeyCommand({ UserName: c.userName })))).rejects.toThrow(
      /must not go through a client that retries/,
    );
    expect(sent(from, 'CreateAccessKey')).toEqual([]);
    // The one door for it sends it once.
    await expect(access.createKey()).resolves.toMatchObject({ AccessKey: { UserName: c.userName } });
    expect(sent(from, 'CreateAccessKey')).toHaveLength(1);
  });
});
