import type { DeleteOldChoice, RotationOutcome, RotationStateKind, RotationStep } from '../../shared/model/rotation';
import type { AccessKey } from './aws-access';
import { maskKeyId } from './leftovers';

/** The new key as a rollback knows it: its id, and its secret while anything still holds it. */
export interface CreatedKey {
  id: string;
  secret: string | null;
}

/**
 * The rotation as a tagged union of states (STYLE habit 5). Each state names the next step;
 * every state after create-key carries the new key, so no step can run without it. The live
 * run and the recovery of an interrupted run drive the same states, so "finish" is literally
 * the rest of a rotation and "undo" is literally its rollback.
 */
export type MachineState =
  | { kind: 'delete-other-key'; otherKeyId: string }
  | { kind: 'create-key' }
  | { kind: 'write-file'; newKey: AccessKey }
  | { kind: 'verify'; newKey: AccessKey }
  | { kind: 'deactivate-old'; newKey: AccessKey }
  | { kind: 'delete-old'; newKey: AccessKey }
  | { kind: 'roll-back'; reason: string; newKey: CreatedKey | null }
  | { kind: 'finished'; result: RotationOutcome['result']; message: string };

/** A state that still has a step to run. */
export type PendingState = Exclude<MachineState, { kind: 'finished' }>;

/** A state that ends the run. */
export type FinishedState = Extract<MachineState, { kind: 'finished' }>;

/** Never returns: the compiler proves every state is handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled rotation state: ${JSON.stringify(value)}`);
}

/** The progress state and step each pending state reports. */
export const reportedAs: Record<PendingState['kind'], { state: RotationStateKind; step: RotationStep | null }> = {
  'delete-other-key': { state: 'deleting-other-key', step: 'delete-other-key' },
  'create-key': { state: 'creating-key', step: 'create-key' },
  'write-file': { state: 'writing-file', step: 'write-file' },
  verify: { state: 'verifying', step: 'verify' },
  'deactivate-old': { state: 'deactivating-old', step: 'deactivate-old' },
  'delete-old': { state: 'deleting-old', step: 'delete-old' },
  'roll-back': { state: 'rolling-back', step: null },
};

/** The new key a state holds, if it is past create-key. */
export function newKeyOf(state: PendingState): CreatedKey | null {
  return 'newKey' in state ? state.newKey : null;
}

/** A rollback from `state`, keeping whatever it knows of the new key. */
export function rollBackFrom(state: PendingState, reason: string): Extract<MachineState, { kind: 'roll-back' }> {
  return { kind: 'roll-back', reason, newKey: newKeyOf(state) };
}

/** A terminal state. */
export function finished(result: RotationOutcome['result'], message: string): FinishedState {
  return { kind: 'finished', result, message };
}

/** What the old key's step says it will do: the person's choice, never a deletion that was not asked for. */
function describeOldKeyStep(facts: OldKeyFacts): string {
  const old = maskKeyId(facts.oldKey.id);
  switch (facts.deleteOld) {
    case 'no':
      return `Keeping the old key ${old}, inactive, as you chose.`;
    case 'after-grace':
      return `Keeping the old key ${old} inactive and scheduling its deletion after the grace period you chose.`;
    case 'now':
      return `Deleting the old key ${old} (you are asked first)…`;
    default:
      return assertNever(facts.deleteOld);
  }
}

/** What describing the old key's step needs to know of the run. */
export interface OldKeyFacts {
  readonly oldKey: { readonly id: string };
  readonly deleteOld: DeleteOldChoice;
}

/** The line shown when a forward step starts. */
export function describeStep(state: Exclude<PendingState, { kind: 'roll-back' }>, facts: OldKeyFacts): string {
  switch (state.kind) {
    case 'delete-other-key':
      return `Deleting the inactive second key ${maskKeyId(state.otherKeyId)}…`;
    case 'create-key':
      return 'Creating a new access key…';
    case 'write-file':
      return 'Backing up the credentials file and writing the new key…';
    case 'verify':
      return 'Verifying the new key…';
    case 'deactivate-old':
      return 'Deactivating the old key with the new key…';
    case 'delete-old':
      return describeOldKeyStep(facts);
    default:
      return assertNever(state);
  }
}
