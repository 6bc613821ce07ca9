import { causeCatalogue, type Cause, type CauseId, type Evidence, type Fix, type CauseSeverity } from '../../shared/model/diagnosis';

/** Builds a cause with the catalogue's step and severity unless told otherwise. */
export function makeCause(id: CauseId, summary: string, evidence: Evidence[], fixes: Fix[] = [], severity?: CauseSeverity): Cause {
  return { id, severity: severity ?? causeCatalogue[id].severity, step: causeCatalogue[id].step, summary, evidence, fixes };
}

/** Joins causes named by several probes into one each: the strongest severity, all evidence and fixes. */
export function mergeCauses(causes: readonly Cause[]): Cause[] {
  const byId = new Map<CauseId, Cause>();
  for (const cause of causes) {
    const seen = byId.get(cause.id);
    if (!seen) {
      byId.set(cause.id, { ...cause, evidence: [...cause.evidence], fixes: [...cause.fixes] });
      continue;
    }
    if (cause.severity === 'error' && seen.severity !== 'error') {
      seen.severity = 'error';
      seen.summary = cause.summary;
    }
    for (const item of cause.evidence) if (!seen.evidence.some((known) => JSON.stringify(known) === JSON.stringify(item))) seen.evidence.push(item);
    for (const fix of cause.fixes) if (!seen.fixes.some((known) => JSON.stringify(known) === JSON.stringify(fix))) seen.fixes.push(fix);
  }
  return [...byId.values()];
}
