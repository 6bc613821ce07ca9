import type { CauseId, DiagnosisReport, StepId } from '../../../shared/model/diagnosis';

/** What a re-run changed compared with the run before it. */
export interface RunChanges {
  resolved: CauseId[];
  appeared: CauseId[];
  steps: Array<{ step: StepId; before: string; after: string }>;
}

/** Compares two reports of the same profile: causes gone, causes new, steps whose status moved. */
export function compareRuns(before: DiagnosisReport, after: DiagnosisReport): RunChanges {
  const beforeIds = new Set(before.causes.map((cause) => cause.id));
  const afterIds = new Set(after.causes.map((cause) => cause.id));
  const beforeSteps = new Map(before.steps.map((step) => [step.step, step.status]));
  return {
    resolved: [...beforeIds].filter((id) => !afterIds.has(id)),
    appeared: [...afterIds].filter((id) => !beforeIds.has(id)),
    steps: after.steps.flatMap((step) => {
      const previous = beforeSteps.get(step.step);
      return previous !== undefined && previous !== step.status ? [{ step: step.step, before: previous, after: step.status }] : [];
    }),
  };
}

/** Whether a re-run changed anything at all. */
export function hasChanges(changes: RunChanges): boolean {
  return changes.resolved.length + changes.appeared.length + changes.steps.length > 0;
}
