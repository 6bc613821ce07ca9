import { chmod } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRotationHandlers } from '../../../src/main/ipc/handlers/rotation-handlers';
import { scopeOf } from '../../../src/main/ipc/handlers';
import type { HandlerContext } from '../../../src/main/ipc/dispatcher';
import { JobRegistry } from '../../../src/main/ipc/jobs';
import { headlessShell, type HeadlessShell } from '../../../src/main/ipc/shell-port';
import { createRotationDeps } from '../../../src/core/rotation/rotation-deps';
import { rotationChannels, rotationEvents } from '../../../src/shared/ipc/channels/rotation';
import type { RotationEvent } from '../../../src/shared/model/rotation';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index';
import { crashAt, dropAnswers, newCase, testBackoff, type RotationCase } from './harness';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ propagationDelayMs: 100 });
});
afterAll(async () => {
  await sim.stop();
});

function setUp(c: RotationCase, gate?: Parameters<typeof createRotationDeps>[0]['overrides'], shell: HeadlessShell = headlessShell({ answer: true })) {
  const jobs = new JobRegistry();
  const events: RotationEvent[] = [];
  const handlers = createRotationHandlers(scopeOf({ host: c.host, identity: { name: 'test', version: '0' }, jobs, shell }), (options) =>
    createRotationDeps({ ...options, overrides: { backoff: testBackoff, maxAttempts: 1, ...gate } }),
  );
  const context: HandlerContext = {
    emit(event, payload) {
      // What the dispatcher does: parse with the contract, which strips unknown fields.
      events.push(rotationEvents[event as 'onRotationEvent'].payload.parse(payload));
    },
  };
  const waitFor = async (predicate: (event: RotationEvent) => boolean): Promise<RotationEvent> => {
    for (let i = 0; i < 400; i += 1) {
      const found = events.find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`No such event; got ${events.map((e) => e.state).join(', ')}`);
  };
  return { jobs, events, handlers, context, waitFor, shell };
}

describe('rotation IPC handlers', () => {
  it('previews the plan, runs with main-side confirmations, and streams only masked ids', async () => {
    const c = await newCase(sim);
    const { handlers, context, events, waitFor, jobs, shell } = setUp(c);
    const plan = rotationChannels.rotationPreflight.response.parse(await handlers.rotationPreflight({ profile: 'good' }));
    expect(plan.ready).toBe(true);
    expect(plan.steps.map((s) => s.step)).toEqual(['create-key', 'write-file', 'verify', 'deactivate-old', 'delete-old']);
    const request = rotationChannels.startRotation.request.parse({ profile: 'good', deleteOld: 'now' });
    const { runId } = await handlers.startRotation(request, context);
    const question = await waitFor((e) => e.state === 'awaiting-confirmation');
    expect(question.question?.kind).toBe('confirm-delete-old-key');
    // The deletion was asked in main's dialog; the page has nothing to answer.
    expect(await handlers.confirmRotation({ runId, answer: true })).toEqual({ accepted: false });
    const done = await waitFor((e) => e.outcome !== null);
    await jobs.settled(runId);
    expect(done.state).toBe('done');
    expect(done.outcome?.oldKeyState).toBe('deleted');
    const newKeyId = sim.world.keysOf(c.userName, c.accountId)[0]!;
    const wire = JSON.stringify(events);
    expect(wire).not.toContain(newKeyId.accessKeyId);
    expect(wire).not.toContain(newKeyId.secretAccessKey);
    expect(wire).not.toContain(c.oldKeyId);
    expect(shell.asked.map((asked) => asked.confirmLabel)).toEqual(['Rotate the key', 'Delete the key']);
    expect(shell.asked[0]!.title).toContain('good');
    expect(shell.asked[0]!.message).toContain(c.userName);
  });

  it("asks in main's dialog before deleting a key whose CreateAccessKey answer was lost, and names it in the outcome", async () => {
    const c = await newCase(sim);
    dropAnswers(sim, c, 'CreateAccessKey', 1);
    const { handlers, context, waitFor, jobs, shell } = setUp(c);
    const { runId } = await handlers.startRotation({ profile: 'good', deleteOld: 'no' }, context);
    const done = await waitFor((e) => e.outcome !== null);
    await jobs.settled(runId);
    expect(shell.asked.map((asked) => asked.title)).toEqual(['Rotate the access key of profile good?', 'Delete the key whose secret was lost?']);
    expect(done.state).toBe('rolled-back');
    expect(done.outcome?.leftovers).toEqual([]);
    expect(done.message).toMatch(/AKIA…\w{4}.*deleted.*no new key is left in IAM/);
    expect(sim.world.keysOf(c.userName, c.accountId).map((key) => key.accessKeyId)).toEqual([c.oldKeyId]);
  });

  it("warns, in the plan and in main's question, when the credentials file is readable by others", async () => {
    const c = await newCase(sim);
    await chmod(c.credentialsFile, 0o644);
    const declined = setUp(c, undefined, headlessShell({ answer: false }));
    const plan = await declined.handlers.rotationPreflight({ profile: 'good' });
    expect(plan.warnings.join(' ')).toContain(`${c.credentialsFile} is readable by other users (mode 0644)`);
    await expect(declined.handlers.startRotation({ profile: 'good', deleteOld: 'no' }, declined.context)).rejects.toMatchObject({ code: 'cancelled' });
    expect(declined.shell.asked[0]!.detail).toContain('chmod 600');
  });

  it('changes nothing when the person declines in main, whatever the page answers', async () => {
    const c = await newCase(sim);
    const declined = setUp(c, undefined, headlessShell({ answer: false }));
    await expect(declined.handlers.startRotation({ profile: 'good', deleteOld: 'now' }, declined.context)).rejects.toMatchObject({ code: 'cancelled' });
    expect(declined.jobs.active('rotation')).toEqual([]);
    expect(sim.world.keysOf(c.userName, c.accountId).map((k) => k.accessKeyId)).toEqual([c.oldKeyId]);

    // Agreed to the rotation, declined the deletion: the page's yes does not delete the old key.
    const keep = setUp(c, undefined, headlessShell({ answer: (asked) => asked.confirmLabel === 'Rotate the key' }));
    const { runId } = await keep.handlers.startRotation({ profile: 'good', deleteOld: 'now' }, keep.context);
    await keep.waitFor((e) => e.state === 'awaiting-confirmation');
    await keep.handlers.confirmRotation({ runId, answer: true });
    const done = await keep.waitFor((e) => e.outcome !== null);
    await keep.jobs.settled(runId);
    expect(done.outcome?.oldKeyState).toBe('inactive');
    expect(sim.world.keysOf(c.userName, c.accountId).map((k) => k.accessKeyId)).toContain(c.oldKeyId);
  });

  it('refuses a second run while one is going, and finds and recovers an interrupted one', async () => {
    const c = await newCase(sim);
    const frozen = crashAt({ step: 'write-file', moment: 'after' });
    const first = setUp(c, { gate: frozen.gate });
    await first.handlers.startRotation({ profile: 'good', deleteOld: 'no' }, first.context);
    await frozen.reached;
    await expect(first.handlers.startRotation({ profile: 'good', deleteOld: 'no' }, first.context)).rejects.toThrow(/already running/);

    // The next start of the app: a fresh registry finds the journal.
    const next = setUp(c);
    const { rotations } = await next.handlers.findUnfinishedRotation();
    expect(rotations).toHaveLength(1);
    expect(rotations[0]!.maskedNewKeyId).toMatch(/^AKIA…/);
    const { runId } = await next.handlers.recoverRotation({ journalId: rotations[0]!.journalId, action: 'undo' }, next.context);
    const done = await next.waitFor((e) => e.runId === runId && e.outcome !== null);
    expect(done.outcome?.result).toBe('rolled-back');
    expect(sim.world.keysOf(c.userName, c.accountId).map((k) => k.accessKeyId)).toEqual([c.oldKeyId]);
    expect((await next.handlers.findUnfinishedRotation()).rotations).toEqual([]);
  });

  it('answers a confirmation for a run that waits on nothing with accepted: false', async () => {
    const c = await newCase(sim);
    const { handlers } = setUp(c);
    expect(await handlers.confirmRotation({ runId: 'nope', answer: true })).toEqual({ accepted: false });
    expect(rotationChannels.confirmRotation.request.safeParse({ runId: 'x', answer: true, mfaCode: '12ab56' }).success).toBe(false);
  });
});
