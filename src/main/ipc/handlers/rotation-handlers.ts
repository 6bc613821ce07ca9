import type { RotationEvent } from '../../../shared/model/rotation';
import type { ParsedRequestOf } from '../../../shared/ipc/contract';
import { IpcFailure } from '../../../shared/ipc/result';
import type { RotationResult } from '../../../core/rotation/machine';
import type { RotationPrompts, RotationProgress } from '../../../core/rotation/ports';
import { recoveryConfirmation, rotationQuestionConfirmation, rotationStartConfirmation, type RotationConfirmation } from '../../../core/rotation/confirmation';
import { preflight } from '../../../core/rotation/preflight';
import { findUnfinishedRotations, recoverRotation } from '../../../core/rotation/recover';
import { runRotation } from '../../../core/rotation/rotate';
import { createRotationDeps } from '../../../core/rotation/rotation-deps';
import type { HandlerContext } from '../dispatcher';
import type { HandlerScope } from './index';

/** The rotation's core wiring, replaceable so handler tests can point it at the simulator with short waits. */
export type RotationDepsFactory = typeof createRotationDeps;

/**
 * Answers for the rotation channels. A run is a job: `startRotation` returns its id at once,
 * progress and questions stream as `onRotationEvent` (masked key ids only: the payload schema
 * names no secret), and `confirmRotation` sends the MFA code a run waits on. Starting, recovering
 * and every deletion are agreed to in a dialog main shows (ShellPort.confirm), never on the page's word.
 */
export function createRotationHandlers(deps: HandlerScope, makeDeps: RotationDepsFactory = createRotationDeps) {
  // The one question the page answers: the MFA code a run waits for (null stops the run), by run id.
  const waitingForCode = new Map<string, (code: string | null) => void>();

  function promptsFor(runId: string, signal: AbortSignal): RotationPrompts {
    return {
      // A deletion is agreed to in main's own dialog; the page only shows that the run waits.
      confirm: (question) => askPerson(rotationQuestionConfirmation(question), signal),
      mfaCode: () =>
        new Promise<string | null>((resolve) => {
          if (signal.aborted) return resolve(null);
          const settle = (code: string | null) => {
            waitingForCode.delete(runId);
            signal.removeEventListener('abort', abort);
            resolve(code);
          };
          const abort = () => settle(null);
          signal.addEventListener('abort', abort, { once: true });
          waitingForCode.set(runId, settle);
        }),
    };
  }

  /** Asks the person in main's dialog; a cancelled run counts as no. */
  async function askPerson(question: RotationConfirmation, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return false;
    const agreed = await deps.shell.confirm(question);
    return agreed && !(signal?.aborted ?? false);
  }

  function quietDeps() {
    return makeDeps({ host: deps.host.current(), prompts: { confirm: async () => false, mfaCode: async () => null }, emit: () => undefined });
  }

  function startJob(context: HandlerContext, work: (rotationDeps: ReturnType<RotationDepsFactory>) => Promise<RotationResult>): string {
    return deps.jobs.start('rotation', async (signal, runId) => {
      const emit = (progress: RotationProgress) => context.emit('onRotationEvent', { runId, ...progress, outcome: null });
      const rotationDeps = makeDeps({ host: deps.host.current(), prompts: promptsFor(runId, signal), emit, signal });
      try {
        const { outcome } = await work(rotationDeps);
        const last: RotationEvent = {
          runId,
          state: outcome.result === 'rotated' ? 'done' : outcome.result,
          step: null,
          message: outcome.message,
          maskedOldKeyId: outcome.maskedOldKeyId,
          maskedNewKeyId: outcome.maskedNewKeyId,
          question: null,
          outcome,
        };
        context.emit('onRotationEvent', last);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        context.emit('onRotationEvent', {
          runId,
          state: 'failed',
          step: null,
          message,
          maskedOldKeyId: null,
          maskedNewKeyId: null,
          question: null,
          outcome: null,
        });
      } finally {
        waitingForCode.delete(runId);
      }
    });
  }

  return {
    async rotationPreflight(request: ParsedRequestOf<'rotationPreflight'>) {
      return (await preflight(quietDeps(), request.profile, { askMfa: false })).plan;
    },
    async startRotation(request: ParsedRequestOf<'startRotation'>, context: HandlerContext) {
      if (deps.jobs.active('rotation').length > 0) throw new IpcFailure('conflict', 'A rotation is already running; let it finish (or cancel it) first.');
      // The page's request is not consent: main shows the plan and the person agrees there.
      const plan = await preflight(quietDeps(), request.profile, { askMfa: false }).then(
        (checked) => checked.plan,
        () => null,
      );
      if (!(await askPerson(rotationStartConfirmation(request, plan)))) {
        throw new IpcFailure('cancelled', "The rotation was not confirmed in the app's dialog; nothing was changed.");
      }
      if (deps.jobs.active('rotation').length > 0) throw new IpcFailure('conflict', 'A rotation is already running; let it finish (or cancel it) first.');
      return { runId: startJob(context, (rotationDeps) => runRotation(rotationDeps, request)) };
    },
    async confirmRotation(request: ParsedRequestOf<'confirmRotation'>) {
      // Only an MFA code is taken from the page; deletions are confirmed in main's dialog.
      const answerCode = waitingForCode.get(request.runId);
      if (!answerCode) return { accepted: false };
      if (request.answer && request.mfaCode === undefined) {
        throw new IpcFailure('invalid-payload', 'The run is waiting for an MFA code; send it as mfaCode (six digits), or answer false to stop.');
      }
      answerCode(request.answer && request.mfaCode ? request.mfaCode : null);
      return { accepted: true };
    },
    async cancelRotation(request: ParsedRequestOf<'cancelRotation'>) {
      return { cancelled: deps.jobs.cancel('rotation', request.runId) };
    },
    async findUnfinishedRotation() {
      return { rotations: await findUnfinishedRotations(deps.host.current()) };
    },
    async recoverRotation(request: ParsedRequestOf<'recoverRotation'>, context: HandlerContext) {
      if (deps.jobs.active('rotation').length > 0) throw new IpcFailure('conflict', 'A rotation is running; recover once it has finished.');
      const known = (await findUnfinishedRotations(deps.host.current())).find((entry) => entry.journalId === request.journalId);
      if (!known) throw new IpcFailure('not-found', 'That unfinished rotation is no longer recorded.');
      if (!(await askPerson(recoveryConfirmation(known, request.action)))) {
        throw new IpcFailure('cancelled', "The recovery was not confirmed in the app's dialog; nothing was changed.");
      }
      if (deps.jobs.active('rotation').length > 0) throw new IpcFailure('conflict', 'A rotation is running; recover once it has finished.');
      return {
        runId: startJob(context, (rotationDeps) => recoverRotation(rotationDeps, request.journalId, request.action)),
      };
    },
  };
}
