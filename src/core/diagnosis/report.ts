import { stepIds, type Cause, type DiagnosisReport, type ProbeResult, type ProbeStatus, type StepId, type StepSummary } from '../../shared/model/diagnosis';
import { problemsSummary, rankCauses } from '../../shared/model/cause-ranking';
import { mergeCauses } from './causes';
import type { Facts } from './facts';

const statusWeight: Record<ProbeStatus, number> = { fail: 4, unknown: 3, warn: 2, pass: 1, skipped: 0 };

const stepNames: Record<StepId, string> = {
  credentials: 'Credentials',
  'key-health': 'Key health',
  region: 'Region',
  permissions: 'Permissions',
  renew: 'Renew',
  cluster: 'Cluster sign-in',
  summary: 'Summary',
};

/** A step's display name. */
export function stepName(step: StepId): string {
  return stepNames[step];
}

function summariseStep(step: StepId, results: readonly ProbeResult[], facts: Partial<Facts>): StepSummary {
  if (results.length === 0) {
    const target = facts.target;
    const reason = step === 'cluster' && !target?.cluster && !target?.user ? 'Skipped: no cluster or user named.' : 'Skipped: no probe for this step ran.';
    return { step, status: 'skipped', summary: reason };
  }
  const worst = results.reduce((a, b) => (statusWeight[b.status] > statusWeight[a.status] ? b : a));
  if (worst.status === 'pass')
    return { step, status: 'pass', summary: results.filter((result) => result.status === 'pass').map((result) => result.verdict)[0] ?? 'Passed.' };
  if (worst.status === 'skipped') return { step, status: 'skipped', summary: worst.verdict };
  return { step, status: worst.status, summary: worst.verdict };
}

/**
 * Marks the steps that could not judge because another step's problem stopped them: a step
 * that failed or could not tell, with no cause of its own, while the root cause sits in another
 * step (a wrong secret fails the region calls too; a missing permission fails DescribeClusters).
 * Fail stays for steps that found their own problem.
 */
function markBlocked(steps: readonly StepSummary[], causes: readonly Cause[]): StepSummary[] {
  const errors = causes.filter((cause) => cause.severity === 'error');
  const root = errors[0];
  if (!root) return [...steps];
  const stepsWithCause = new Set(errors.map((cause) => cause.step));
  return steps.map((summary) => {
    if (summary.step === root.step || stepsWithCause.has(summary.step)) return summary;
    if (summary.status !== 'fail' && summary.status !== 'unknown') return summary;
    const needed = stepName(root.step);
    return { step: summary.step, status: 'blocked', blockedBy: root.step, summary: `Needs ${needed} first: this step cannot judge while ${needed} fails.` };
  });
}

/**
 * A step with an error cause of its own fails, and opens with that cause's words: the probe
 * that failed first may only have said what it tried next ("asking us-east-1 whether the key
 * itself is known"), while the cause says what was found. Its probes alone may not say fail
 * (a cluster found in no region leaves the cluster probes skipped), yet the rail must show
 * the step where the root cause is.
 */
function verdictFromCauses(steps: readonly StepSummary[], causes: readonly Cause[]): StepSummary[] {
  return steps.map((summary) => {
    const own = causes.find((cause) => cause.step === summary.step && cause.severity === 'error');
    return own ? { step: summary.step, status: 'fail', summary: own.summary } : summary;
  });
}

/** What the run produced, for the report. */
export interface ReportInput {
  results: readonly ProbeResult[];
  causes: readonly Cause[];
  facts: Partial<Facts>;
  cancelled: boolean;
  startedAt: Date;
  durationMs: number;
  /** Probes whose `unknown` does not leave the run undecided when another probe of the step decided (the policy simulator). */
  optionalProbeIds?: ReadonlySet<string>;
}

/** Optional checks that could not run while the rest of their step decided: said, but no reason to call the run undecided. */
function undecidedOptional(input: ReportInput, step: StepSummary): ProbeResult[] {
  const optional = input.optionalProbeIds ?? new Set<string>();
  const results = input.results.filter((result) => result.step === step.step);
  const unknown = results.filter((result) => result.status === 'unknown');
  const decided = results.some((result) => !optional.has(result.id) && result.status === 'pass');
  return decided && unknown.every((result) => optional.has(result.id)) ? unknown : [];
}

/**
 * The report: causes merged and ranked (root cause first: errors before warnings, then in
 * the order a request meets them), one summary per step, and the summary step last.
 */
export function buildReport(input: ReportInput): DiagnosisReport {
  const causes = rankCauses(mergeCauses(input.causes));
  const steps = markBlocked(
    verdictFromCauses(
      stepIds
        .filter((step) => step !== 'summary')
        .map((step) =>
          summariseStep(
            step,
            input.results.filter((result) => result.step === step),
            input.facts,
          ),
        ),
      causes,
    ),
    causes,
  );
  const errors = causes.filter((cause) => cause.severity === 'error');
  const optionalOnly = steps.flatMap((step) => (step.status === 'unknown' ? undecidedOptional(input, step) : []));
  const unknownSteps = steps.filter((step) => step.status === 'unknown' && undecidedOptional(input, step).length === 0);
  const notRun = optionalOnly.length > 0 ? ` Not checked (optional): ${optionalOnly.map((result) => `${result.title} — ${result.verdict}`).join('; ')}` : '';
  let summary: StepSummary;
  if (input.cancelled) summary = { step: 'summary', status: 'unknown', summary: 'Cancelled before every check finished.' };
  else if (errors.length > 0) summary = { step: 'summary', status: 'fail', summary: problemsSummary(errors.length, causes[0]!) };
  else if (unknownSteps.length > 0)
    summary = {
      step: 'summary',
      status: 'unknown',
      summary: `${causes.length > 0 ? `${causes.length} warning${causes.length === 1 ? '' : 's'} (root cause ${causes[0]!.id})` : 'No problem found'}, but ${unknownSteps.map((step) => stepName(step.step)).join(', ')} could not be checked.`,
    };
  else if (causes.length > 0)
    summary = {
      step: 'summary',
      status: 'warn',
      summary: `${causes.length} warning${causes.length === 1 ? '' : 's'}, nothing blocking: ${causes.map((cause) => cause.summary).join(' ')}${notRun}`,
    };
  else summary = { step: 'summary', status: 'pass', summary: `No problem found.${notRun}` };
  const { target, credentials, identity } = input.facts;
  return {
    profile: target?.profile.name ?? 'default',
    rootCause: causes[0]?.id ?? null,
    causes,
    steps: [...steps, summary],
    target: {
      region: target?.region ?? null,
      regionSource: target?.regionSource ?? null,
      cluster: target?.cluster ?? null,
      user: target?.user ?? null,
      credentialSource: credentials?.provider ?? null,
      maskedKeyId: credentials?.maskedKeyId ?? target?.profile.maskedKeyId ?? null,
      identity: identity ? { arn: identity.arn, account: identity.account, userId: identity.userId } : null,
    },
    probes: [...input.results],
    cancelled: input.cancelled,
    startedAt: input.startedAt.toISOString(),
    durationMs: input.durationMs,
  };
}
