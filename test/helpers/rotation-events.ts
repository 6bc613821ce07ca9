import type { RotationEvent, RotationOutcome } from '../../src/shared/model/rotation';

/** A progress event of run `run-1` with the old key masked; tests override what they look at. */
export function rotationEvent(partial: Partial<RotationEvent>): RotationEvent {
  return {
    runId: 'run-1',
    state: 'creating-key',
    step: null,
    message: '',
    maskedOldKeyId: 'AKIA…MPLE',
    maskedNewKeyId: null,
    question: null,
    outcome: null,
    ...partial,
  };
}

/** An outcome that left nothing behind; tests override the result and what the run did with the old key. */
export function rotationOutcome(partial: Partial<RotationOutcome>): RotationOutcome {
  return {
    result: 'rotated',
    maskedNewKeyId: null,
    maskedOldKeyId: 'AKIA…MPLE',
    oldKeyState: null,
    oldKeyDecision: null,
    fileHoldsMaskedKeyId: 'AKIA…MPLE',
    backupPath: null,
    deleteAfter: null,
    leftovers: [],
    updatedProfiles: [],
    message: partial.result ?? 'rotated',
    ...partial,
  };
}
