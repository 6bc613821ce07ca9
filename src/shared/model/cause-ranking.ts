import { causeCatalogue, type CauseId } from './causes';
import type { Cause } from './diagnosis';

/**
 * Ranks causes, root cause first: errors before warnings, then in the order a request
 * meets them (the profile, then the credentials, the region, permissions, the cluster).
 */
export function rankCauses(causes: readonly Cause[]): Cause[] {
  const order = (id: CauseId) => causeCatalogue[id].rank;
  return [...causes].sort((a, b) => (a.severity === b.severity ? order(a.id) - order(b.id) : a.severity === 'error' ? -1 : 1));
}

/** The summary step's words when errors were found: how many, and the root cause. */
export function problemsSummary(errorCount: number, root: Cause): string {
  return `${errorCount} problem${errorCount === 1 ? '' : 's'} found. Root cause: ${root.summary}`;
}
