import { z } from 'zod';
import { problemsSummary, rankCauses } from './cause-ranking';
import { causeSchema, evidenceSchema, fixSchema, type DiagnosisReport } from './diagnosis';

/**
 * Another local profile that could look a refused key up in IAM. `sameAccount` is a local
 * hint only (a key id, sso_account_id or role_arn naming the refused key's account); AWS
 * says for sure once the user agrees to the lookup.
 */
export const keyLookUpCandidateSchema = z.object({
  profile: z.string(),
  sameAccount: z.boolean(),
  /** Why it is offered, in words ("its role_arn names account 2100…"). */
  reason: z.string(),
});
export type KeyLookUpCandidate = z.infer<typeof keyLookUpCandidateSchema>;

/**
 * What IAM said about the refused key, asked with another profile's credentials: Inactive,
 * deleted or Active in IAM, or why it could not tell. Key ids only masked.
 */
export const keyLookUpOutcomeSchema = z.enum(['inactive', 'deleted', 'active', 'other-account', 'helper-refused', 'denied', 'failed']);
export type KeyLookUpOutcome = z.infer<typeof keyLookUpOutcomeSchema>;

export const keyLookUpResultSchema = z.object({
  refusedProfile: z.string(),
  helperProfile: z.string(),
  maskedKeyId: z.string().nullable(),
  outcome: keyLookUpOutcomeSchema,
  /** One plain sentence: what was found, or why nothing could be. */
  summary: z.string(),
  evidence: z.array(evidenceSchema),
  /** The cause that replaces credentials.key-rejected when IAM decided (inactive, deleted, active). */
  cause: causeSchema.nullable(),
  /** What would let the lookup answer, when it could not (a policy for the other profile). */
  fixes: z.array(fixSchema),
});
export type KeyLookUpResult = z.infer<typeof keyLookUpResultSchema>;

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
