import type { HandlerDeps } from './index';

/** Answers for the diagnosis channels. */
export function createDiagnosisHandlers(_deps: HandlerDeps) {
  return {};
}
