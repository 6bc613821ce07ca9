import { useCallback, useEffect, useReducer } from 'react';
import type { DiagnosisRequest } from '../../../shared/model/diagnosis';
import { useApi } from '../hooks/use-api';
import { initialRunState, runReducer, type RunState } from './run-reducer';

/** The current run and the two things a user can do with it: start one, cancel it. */
export function useDiagnosisRun(): { state: RunState; start(request: DiagnosisRequest): Promise<void>; cancel(): Promise<void> } {
  const api = useApi();
  const [state, dispatch] = useReducer(runReducer, initialRunState);

  useEffect(() => api.onDiagnosisEvent((event) => dispatch({ type: 'event', event })), [api]);

  const start = useCallback(
    async (request: DiagnosisRequest) => {
      dispatch({ type: 'start-requested', request });
      const result = await api.startDiagnosis(request);
      dispatch(result.ok ? { type: 'started', runId: result.value.runId } : { type: 'start-failed', message: result.error.message });
    },
    [api],
  );

  const runId = state.phase === 'running' ? state.runId : null;
  const cancel = useCallback(async () => {
    if (runId !== null) await api.cancelDiagnosis({ runId });
  }, [api, runId]);

  return { state, start, cancel };
}
