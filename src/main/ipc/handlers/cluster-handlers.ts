import type { HandlerDeps } from './index';

/** Answers for the cluster channels. */
export function createClusterHandlers(_deps: HandlerDeps) {
  return {};
}
