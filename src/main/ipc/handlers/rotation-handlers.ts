import type { HandlerDeps } from './index';

/** Answers for the rotation channels. */
export function createRotationHandlers(_deps: HandlerDeps) {
  return {};
}
