import type { RotationOutcome } from '../../shared/model/rotation';
import { awsErrorLine } from './aws-errors';
import { keyOfSection, readCredentialsFile } from './file-keys';
import { createKey, deactivateOld, deleteOld, deleteOtherKey, verify, writeFile } from './forward-steps';
import { leftoverCommand, maskKeyId, toSharedLeftover } from './leftovers';
import { rollBack } from './roll-back';
import { emit, type RunContext } from './run-context';
import { assertNever, describeStep, finished, reportedAs, rollBackFrom, type FinishedState, type MachineState, type PendingState } from './states';

/** What a run or a recovery hands back: the shareable outcome and, for a terminal only, whole commands. */
export interface RotationResult {
  outcome: RotationOutcome;
  /** Cleanup commands with whole key ids, for the CLI; never sent over IPC (the outcome has masked ones). */
  cleanupCommands: string[];
}

/** Runs one state. */
async function advance(ctx: RunContext, state: PendingState): Promise<MachineState> {
  switch (state.kind) {
    case 'delete-other-key':
      return deleteOtherKey(ctx, state.otherKeyId);
    case 'create-key':
      return createKey(ctx);
    case 'write-file':
      return writeFile(ctx, state.newKey);
    case 'verify':
      return verify(ctx, state.newKey);
    case 'deactivate-old':
      return deactivateOld(ctx, state.newKey);
    case 'delete-old':
      return deleteOld(ctx, state.newKey);
    case 'roll-back':
      return rollBack(ctx, state.reason, state.newKey);
    default:
      return assertNever(state);
  }
}

/** States a user's cancel still turns into a rollback; after the old key is deactivated, finishing is the safe way. */
const cancellable = new Set<MachineState['kind']>(['delete-other-key', 'create-key', 'write-file', 'verify']);

/** Drives the states to the end and builds the outcome. */
export async function drive(ctx: RunContext, first: MachineState): Promise<RotationResult> {
  let state = first;
  while (state.kind !== 'finished') {
    const current: PendingState = ctx.deps.signal?.aborted && cancellable.has(state.kind) ? rollBackFrom(state, 'you cancelled the rotation') : state;
    if (current.kind !== 'roll-back') {
      const { state: reported, step } = reportedAs[current.kind];
      emit(ctx, reported, step, describeStep(current, ctx.facts));
    }
    try {
      state = await advance(ctx, current);
    } catch (error) {
      state = afterUnexpected(ctx, current, error);
    }
  }
  return finish(ctx, state);
}

/**
 * Where an unexpected error (a journal the disk refused, a bug) leads: a rollback before the
 * old key was deactivated; after it the new key is proven, so the run ends rotated and says
 * what did not happen; a failing rollback keeps its journal for the next start.
 */
function afterUnexpected(ctx: RunContext, state: PendingState, error: unknown): MachineState {
  const why = awsErrorLine(error);
  switch (state.kind) {
    case 'roll-back':
      return finished('failed', `The rollback itself failed (${why}); the journal is kept so it can be finished or undone later.`);
    case 'delete-old':
      return finished(
        'rotated',
        `Rotated: the file holds ${maskKeyId(state.newKey.id)} and the old key ${maskKeyId(ctx.facts.oldKey.id)} is inactive, but the last step did not complete (${why}).`,
      );
    case 'delete-other-key':
    case 'create-key':
    case 'write-file':
    case 'verify':
    case 'deactivate-old':
      return rollBackFrom(state, `an unexpected error stopped the ${state.kind} step (${why})`);
    default:
      return assertNever(state);
  }
}

async function finish(ctx: RunContext, state: FinishedState): Promise<RotationResult> {
  const { record } = ctx;
  const view = await readCredentialsFile(ctx.facts.credentialsFile).catch(() => null);
  const held = view ? (keyOfSection(view, ctx.facts.profile)?.keyId ?? null) : null;
  const outcome: RotationOutcome = {
    result: state.result,
    maskedNewKeyId: record.newKeyId ? maskKeyId(record.newKeyId) : null,
    maskedOldKeyId: maskKeyId(ctx.facts.oldKey.id),
    oldKeyState: state.result === 'refused' ? null : record.oldKeyState,
    oldKeyDecision: record.oldKeyDecision,
    fileHoldsMaskedKeyId: held ? maskKeyId(held) : null,
    backupPath: record.backupPath,
    deleteAfter: record.oldKeyState === 'deletion-scheduled' ? record.deleteAfter : null,
    leftovers: record.leftovers.map(toSharedLeftover),
    updatedProfiles: [...record.updatedProfiles],
    message: state.message,
  };
  return { outcome, cleanupCommands: record.leftovers.map((item) => leftoverCommand(item, false)) };
}
