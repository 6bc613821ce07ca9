import { useCallback, useEffect, useReducer } from 'react';
import type { DiagnosisRequest } from '../../../shared/model/diagnosis';
import type { KeyLookUpResult } from '../../../shared/model/key-lookup';
import { useApi } from '../hooks/use-api';
import { initialRunState, runReducer, type RunState } from './run-reducer';

/** The current run and what a user can do with it: start one, cancel it, and fold in a refused key's lookup. */
export function useDiagnosisRun(): {
  state: RunState;
  start(request: DiagnosisRequest): Promise<void>;
  cancel(): Promise<void>;
  keyLookedUp(result: KeyLookUpResult): void;
} {
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

  const keyLookedUp = useCallback((result: KeyLookUpResult) => dispatch({ type: 'key-looked-up', result }), []);

  return { state, start, cancel, keyLookedUp };
}
