import { vi } from 'vitest';
import type { DoctorApi, InvokeMethod, ResponseOf } from '../../../src/shared/ipc/contract';
import { eventContract, invokeContract } from '../../../src/shared/ipc/contract';
import type { Result } from '../../../src/shared/ipc/result';

type Answers = { [M in InvokeMethod]?: (request: unknown) => Result<ResponseOf<M>> | Promise<Result<ResponseOf<M>>> };

/**
 * A DoctorApi for component tests: each channel answers from `answers` (or fails with
 * `not-found`), and `emit` pushes an event to the subscribed listeners.
 */
export function fakeApi(answers: Answers = {}) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api: Record<string, unknown> = {};
  for (const method of Object.keys(invokeContract) as InvokeMethod[]) {
    api[method] = vi.fn(async (request: unknown) => {
      const answer = answers[method];
      return answer ? answer(request) : { ok: false, error: { code: 'not-found', message: `${method} is not answered in this test.` } };
    });
  }
  for (const method of Object.keys(eventContract)) {
    api[method] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(method) ?? new Set();
      set.add(listener);
      listeners.set(method, set);
      return () => set.delete(listener);
    };
  }
  return {
    api: api as unknown as DoctorApi,
    emit(method: string, payload: unknown) {
      for (const listener of listeners.get(method) ?? []) listener(payload);
    },
  };
}
