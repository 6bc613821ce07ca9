import {
  oldKeyDecisionWords,
  rotationStepSchema,
  type OldKeyDecision,
  type RotationEvent,
  type RotationOutcome,
  type RotationQuestion,
  type RotationStep,
} from '../../../shared/model/rotation';

/**
 * Where one step of a rotation stands; a row of the timeline shows it and updates in place.
 * `kept` and `scheduled` end the old key's step when nothing was deleted, so it never reads Done.
 */
export type StepRowStatus = 'pending' | 'running' | 'done' | 'failed' | 'rolled-back' | 'kept' | 'scheduled';

/** One row of the rotation timeline: a step, its status, and what it said on the way. */
export interface StepRow {
  step: RotationStep;
  status: StepRowStatus;
  details: string[];
  /** How the step ended, in the words the CLI prints too (the old key's step only). */
  summary: string | null;
}

/** Everything the run view shows, folded from the run's events. */
export interface RotationRunState {
  runId: string;
  rows: StepRow[];
  /** A question the run waits on (MFA code, a confirmation main asks). */
  question: RotationQuestion | null;
  /** The event that asked it, so an answered question is not asked twice. */
  questionEvent: RotationEvent | null;
  outcome: RotationOutcome | null;
  /** The run stopped without an outcome (an unexpected failure): its last message. */
  stoppedWith: string | null;
}

/** The run as it starts: every planned step pending. */
export function initialRotationRun(runId: string, plannedSteps: readonly RotationStep[] = []): RotationRunState {
  return {
    runId,
    rows: plannedSteps.map((step) => ({ step, status: 'pending', details: [], summary: null })),
    question: null,
    questionEvent: null,
    outcome: null,
    stoppedWith: null,
  };
}

// Rows stand in the order a rotation walks its steps, whatever order their events arrive in.
const stepOrder = rotationStepSchema.options;

function withRow(rows: StepRow[], step: RotationStep): StepRow[] {
  if (rows.some((row) => row.step === step)) return rows;
  return [...rows, { step, status: 'pending' as const, details: [], summary: null }].sort((a, b) => stepOrder.indexOf(a.step) - stepOrder.indexOf(b.step));
}

function update(rows: StepRow[], step: RotationStep, change: (row: StepRow) => StepRow): StepRow[] {
  return rows.map((row) => (row.step === step ? change(row) : row));
}

function addDetail(row: StepRow, message: string): StepRow {
  return row.details.at(-1) === message ? row : { ...row, details: [...row.details, message] };
}

// Steps after the new key exists are undone by a roll-back; those before it stand.
const undoneByRollBack: ReadonlySet<RotationStep> = new Set(['create-key', 'write-file', 'verify']);

const decisionStatus: Record<OldKeyDecision, StepRowStatus> = { kept: 'kept', scheduled: 'scheduled', deleted: 'done', 'not-deleted': 'failed' };

/**
 * The old key's step ends as what the run decided, not as Done: keeping the key inactive is
 * the person's choice, not a deletion. A rotated run with no decision stopped inside the step.
 */
function endOldKeyStep(row: StepRow, decision: OldKeyDecision | null): StepRow {
  if (decision === null) return { ...row, status: 'failed' };
  return { ...row, status: decisionStatus[decision], summary: oldKeyDecisionWords[decision] };
}

/** The running row ends as `status`; when the run rolled back, what it had done is marked rolled back. */
function settle(rows: StepRow[], status: 'done' | 'failed', rolledBack: boolean, decision: OldKeyDecision | null = null): StepRow[] {
  return rows.map((row) => {
    if (row.step === 'delete-old' && row.status === 'running' && status === 'done') return endOldKeyStep(row, decision);
    if (row.status === 'running') return { ...row, status };
    if (rolledBack && row.status === 'done' && undoneByRollBack.has(row.step)) return { ...row, status: 'rolled-back' };
    return row;
  });
}

/**
 * Folds one event of the rotation stream into the run view. Events of other runs are
 * ignored; a step's events update its one row in place (a step that reports three times
 * is still one row, with three details).
 */
export function rotationRunReducer(state: RotationRunState, event: RotationEvent): RotationRunState {
  if (event.runId !== state.runId) return state;
  if (event.outcome !== null) {
    const outcome = event.outcome;
    const rolledBack = outcome.result === 'rolled-back';
    const rows = settle(state.rows, outcome.result === 'rotated' ? 'done' : 'failed', rolledBack, outcome.oldKeyDecision);
    return { ...state, rows, outcome, question: null, questionEvent: null };
  }
  if (event.question !== null) return { ...state, question: event.question, questionEvent: event };
  if (event.state === 'failed') return { ...state, rows: settle(state.rows, 'failed', false), stoppedWith: event.message, question: null };
  if (event.state === 'rolling-back') {
    const running = state.rows.find((row) => row.status === 'running');
    const rows = running ? update(state.rows, running.step, (row) => addDetail({ ...row, status: 'failed' }, event.message)) : state.rows;
    return { ...state, rows, question: null };
  }
  if (event.step === null) return state;
  const step = event.step;
  let rows = withRow(state.rows, step);
  // A new step starting means the one before it finished.
  rows = rows.map((row) => (row.status === 'running' && row.step !== step ? { ...row, status: 'done' } : row));
  rows = update(rows, step, (row) => addDetail({ ...row, status: 'running' }, event.message));
  return { ...state, rows, question: null };
}
