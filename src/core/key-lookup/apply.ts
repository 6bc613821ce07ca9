import type { DiagnosisReport } from '../../shared/model/diagnosis';
import type { KeyLookUpResult } from '../../shared/model/key-lookup';
import { rankCauses } from '../diagnosis/causes';
import { problemsSummary } from '../diagnosis/report';

/**
 * The report once IAM was asked about the refused key: credentials.key-rejected gives way to
 * what the lookup found (credentials.key-inactive, or key-rejected saying it is deleted or why
 * an Active key was refused), the root cause and the summary follow. A lookup that could not
 * tell leaves the causes as they were and is said on the credentials step.
 */
export function applyKeyLookUp(report: DiagnosisReport, lookUp: KeyLookUpResult): DiagnosisReport {
  const rejected = report.causes.some((cause) => cause.id === 'credentials.key-rejected');
  if (!rejected) return report;
  const causes = lookUp.cause ? rankCauses(report.causes.map((cause) => (cause.id === 'credentials.key-rejected' ? lookUp.cause! : cause))) : report.causes;
  const errors = causes.filter((cause) => cause.severity === 'error');
  const steps = report.steps.map((step) => {
    if (step.step === 'credentials')
      return { ...step, summary: lookUp.cause ? lookUp.summary : `${step.summary} Lookup with profile "${lookUp.helperProfile}": ${lookUp.summary}` };
    if (step.step === 'summary' && step.status === 'fail' && errors.length > 0) return { ...step, summary: problemsSummary(errors.length, causes[0]!) };
    return step;
  });
  return { ...report, causes, rootCause: causes[0]?.id ?? null, steps };
}
