import { describe, expect, it } from 'vitest';
import { initialRotationRun, rotationRunReducer } from '../../../../src/renderer/src/rotation/rotation-run-reducer';
import type { RotationEvent, RotationOutcome } from '../../../../src/shared/model/rotation';
import { rotationEvent as event, rotationOutcome } from '../../../helpers/rotation-events';

const outcomeOf = (result: RotationOutcome['result']): RotationOutcome => rotationOutcome({ result });

const planned = ['create-key', 'write-file', 'verify', 'deactivate-old'] as const;

describe('the rotation run reducer', () => {
  it('keeps one row per step however often the step reports, in the planned order', () => {
    const events = [
      event({ state: 'creating-key', step: 'create-key', message: 'Creating a new access key…' }),
      event({ state: 'creating-key', step: 'create-key', message: 'Created AKIA…NEW1.' }),
      event({ state: 'writing-file', step: 'write-file', message: 'Backing up the file…' }),
      event({ state: 'writing-file', step: 'write-file', message: 'Wrote the new key.' }),
      event({ state: 'verifying', step: 'verify', message: 'Asking STS (try 1)…' }),
      event({ state: 'verifying', step: 'verify', message: 'Asking STS (try 2)…' }),
      event({ state: 'verifying', step: 'verify', message: 'AWS accepts the new key.' }),
    ];
    const run = events.reduce(rotationRunReducer, initialRotationRun('run-1', [...planned]));
    expect(run.rows.map((row) => [row.step, row.status, row.details.length])).toEqual([
      ['create-key', 'done', 2],
      ['write-file', 'done', 2],
      ['verify', 'running', 3],
      ['deactivate-old', 'pending', 0],
    ]);
  });

  it('puts a step the plan did not list (the check before anything) in its place, first', () => {
    const run = rotationRunReducer(initialRotationRun('run-1', [...planned]), event({ state: 'preflight', step: 'preflight', message: 'Checking…' }));
    expect(run.rows.map((row) => row.step)).toEqual(['preflight', ...planned]);
  });

  it('marks the failing step failed and what the roll-back undid as rolled back', () => {
    const events = [
      event({ state: 'creating-key', step: 'create-key', message: 'Created.' }),
      event({ state: 'writing-file', step: 'write-file', message: 'Wrote.' }),
      event({ state: 'verifying', step: 'verify', message: 'AWS refuses the new key.' }),
      event({ state: 'rolling-back', step: null, message: 'Restoring the backup and deleting the new key…' }),
      event({ state: 'rolled-back', outcome: outcomeOf('rolled-back') }),
    ];
    const run = events.reduce(rotationRunReducer, initialRotationRun('run-1', [...planned]));
    expect(Object.fromEntries(run.rows.map((row) => [row.step, row.status]))).toEqual({
      'create-key': 'rolled-back',
      'write-file': 'rolled-back',
      verify: 'failed',
      'deactivate-old': 'pending',
    });
    expect(run.rows.find((row) => row.step === 'verify')?.details).toContain('Restoring the backup and deleting the new key…');
    expect(run.outcome?.result).toBe('rolled-back');
  });

  it('finishes every running step when the key is rotated, and ignores other runs', () => {
    const events = [
      event({ runId: 'other', state: 'creating-key', step: 'create-key', message: 'Not ours.' }),
      event({ state: 'deactivating-old', step: 'deactivate-old', message: 'Deactivating…' }),
      event({ state: 'done', outcome: outcomeOf('rotated') }),
    ];
    const run = events.reduce(rotationRunReducer, initialRotationRun('run-1', [...planned]));
    expect(run.rows.find((row) => row.step === 'deactivate-old')?.status).toBe('done');
    expect(run.rows.find((row) => row.step === 'create-key')?.details).toEqual([]);
  });

  it.each([
    ['kept', 'kept', 'Old key kept, inactive'],
    ['scheduled', 'scheduled', 'Old key inactive, its deletion scheduled'],
    ['deleted', 'done', 'Old key deleted'],
    ['not-deleted', 'failed', 'Old key inactive, not deleted'],
  ] as const)('ends the old key step as what was decided (%s), never Done for a key that was kept', (decision, status, summary) => {
    const events = [
      event({ state: 'deactivating-old', step: 'deactivate-old', message: 'Deactivated AKIA…MPLE.' }),
      event({ state: 'deleting-old', step: 'delete-old', message: 'Keeping the old key AKIA…MPLE, inactive, as you chose.' }),
      event({ state: 'done', outcome: rotationOutcome({ oldKeyState: decision === 'deleted' ? 'deleted' : 'inactive', oldKeyDecision: decision }) }),
    ];
    const run = events.reduce(rotationRunReducer, initialRotationRun('run-1', [...planned, 'delete-old']));
    const row = run.rows.find((candidate) => candidate.step === 'delete-old');
    expect(row).toMatchObject({ status, summary });
    expect(run.rows.find((candidate) => candidate.step === 'deactivate-old')?.status).toBe('done');
  });

  it('marks the old key step failed when a rotated run stopped inside it before deciding', () => {
    const events = [
      event({ state: 'deleting-old', step: 'delete-old', message: 'Deleting the old key AKIA…MPLE (you are asked first)…' }),
      event({ state: 'done', outcome: rotationOutcome({ oldKeyState: 'inactive', oldKeyDecision: null }) }),
    ];
    const run = events.reduce(rotationRunReducer, initialRotationRun('run-1', [...planned, 'delete-old']));
    expect(run.rows.find((row) => row.step === 'delete-old')?.status).toBe('failed');
  });

  it('holds the question a run waits on until the next step goes on', () => {
    const question = { kind: 'mfa-code', message: 'Enter your MFA code.' } as const;
    let run = rotationRunReducer(initialRotationRun('run-1'), event({ state: 'awaiting-mfa', question: question as RotationEvent['question'] }));
    expect(run.question?.kind).toBe('mfa-code');
    run = rotationRunReducer(run, event({ state: 'creating-key', step: 'create-key', message: 'Creating…' }));
    expect(run.question).toBeNull();
  });
});
