import type { DiagnosisEvent, DiagnosisReport, DiagnosisRequest, ProbeResult, StepId, StepStatus } from '../../../shared/model/diagnosis';
import { applyKeyLookUp, type KeyLookUpResult } from '../../../shared/model/key-lookup';

/** A probe as the rail and step pages show it while a run goes on. */
export type LiveProbe =
  { id: string; step: StepId; title: string; state: 'running' } | { id: string; step: StepId; title: string; state: 'finished'; result: ProbeResult };

/** Everything the wizard knows about the current run, in one place. */
export type RunState =
  | { phase: 'idle'; previous: DiagnosisReport | null }
  | {
      phase: 'starting';
      request: DiagnosisRequest;
      previous: DiagnosisReport | null;
      /** Events that arrived before the run's id did (over HTTP a fast run can finish before its start answer): replayed once it is known. */
      early: DiagnosisEvent[];
    }
  | { phase: 'running'; runId: string; request: DiagnosisRequest; probes: LiveProbe[]; previous: DiagnosisReport | null }
  | { phase: 'done'; runId: string; request: DiagnosisRequest; probes: LiveProbe[]; report: DiagnosisReport; previous: DiagnosisReport | null }
  | { phase: 'failed'; request: DiagnosisRequest; message: string; previous: DiagnosisReport | null };

export type RunAction =
  | { type: 'start-requested'; request: DiagnosisRequest }
  | { type: 'started'; runId: string }
  | { type: 'start-failed'; message: string }
  | { type: 'event'; event: DiagnosisEvent }
  /** IAM answered about the refused key (looked up with another profile): the finished report takes what it found. */
  | { type: 'key-looked-up'; result: KeyLookUpResult };

export const initialRunState: RunState = { phase: 'idle', previous: null };

function upsert(probes: LiveProbe[], probe: LiveProbe): LiveProbe[] {
  const index = probes.findIndex((candidate) => candidate.id === probe.id);
  if (index === -1) return [...probes, probe];
  return probes.map((candidate, at) => (at === index ? probe : candidate));
}

function assertNever(value: never): never {
  throw new Error(`Unhandled run action ${JSON.stringify(value)}`);
}

/**
 * Folds the requests the user makes and the events the main process streams into the run
 * state. Events of another run (a late event from a cancelled run) are ignored.
 */
export function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'start-requested': {
      const previous = state.phase === 'done' ? state.report : state.previous;
      return { phase: 'starting', request: action.request, previous, early: [] };
    }
    case 'started': {
      if (state.phase !== 'starting') return state;
      const running: RunState = { phase: 'running', runId: action.runId, request: state.request, probes: [], previous: state.previous };
      return state.early.reduce<RunState>((sofar, event) => runReducer(sofar, { type: 'event', event }), running);
    }
    case 'start-failed':
      if (state.phase !== 'starting') return state;
      return { phase: 'failed', request: state.request, message: action.message, previous: state.previous };
    case 'event': {
      const event = action.event;
      if (state.phase === 'starting') return { ...state, early: [...state.early, event] };
      if (state.phase !== 'running' || event.runId !== state.runId) return state;
      switch (event.type) {
        case 'probe-started':
          return { ...state, probes: upsert(state.probes, { id: event.probeId, step: event.step, title: event.title, state: 'running' }) };
        case 'probe-finished':
          return {
            ...state,
            probes: upsert(state.probes, { id: event.result.id, step: event.result.step, title: event.result.title, state: 'finished', result: event.result }),
          };
        case 'done': {
          const finished: LiveProbe[] = event.report.probes.map((result) => ({
            id: result.id,
            step: result.step,
            title: result.title,
            state: 'finished',
            result,
          }));
          return { phase: 'done', runId: state.runId, request: state.request, probes: finished, report: event.report, previous: state.previous };
        }
        case 'error':
          return { phase: 'failed', request: state.request, message: event.message, previous: state.previous };
        default:
          return assertNever(event);
      }
    }
    case 'key-looked-up':
      if (state.phase !== 'done' || action.result.refusedProfile !== state.report.profile) return state;
      return { ...state, report: applyKeyLookUp(state.report, action.result) };
    default:
      return assertNever(action);
  }
}

/** A step's status while running: the worst finished probe, `running` while any still runs, `pending` before. */
export type LiveStepStatus = 'pending' | 'running' | StepStatus;

const statusRank: Record<ProbeResult['status'], number> = { fail: 5, unknown: 4, warn: 3, pass: 2, skipped: 1 };

/** Rolls the probes of one step up into the status the rail shows. */
export function liveStepStatus(state: RunState, step: StepId): LiveStepStatus {
  if (state.phase === 'done') {
    const summary = state.report.steps.find((candidate) => candidate.step === step);
    if (summary) return summary.status;
  }
  if (state.phase !== 'running' && state.phase !== 'done') return 'pending';
  const probes = state.probes.filter((probe) => probe.step === step);
  if (probes.some((probe) => probe.state === 'running')) return 'running';
  const finished = probes.flatMap((probe) => (probe.state === 'finished' ? [probe.result.status] : []));
  if (finished.length === 0) return state.phase === 'done' ? 'skipped' : 'pending';
  return finished.reduce((worst, status) => (statusRank[status] > statusRank[worst] ? status : worst));
}
