import type { Cause, DiagnosisReport, ProbeResult, ProbeStatus, StepId } from '../../src/shared/model/diagnosis';
import { stepIds } from '../../src/shared/model/diagnosis';

/** A probe result with sensible defaults (a passing credentials probe `p`), for report, renderer and CLI tests. */
export function probe(overrides: Partial<ProbeResult> = {}): ProbeResult {
  const id = overrides.id ?? 'p';
  return { id, step: 'credentials', title: id, status: 'pass', verdict: `${id} is fine.`, evidence: [], fixes: [], durationMs: 12, ...overrides };
}

/** The cause a bad secret produces, as the engine reports it. */
/** A key id AWS does not accept (unknown, deleted or inactive): what a key lookup in IAM can sharpen. */
export const keyRejected: Cause = {
  id: 'credentials.key-rejected',
  severity: 'error',
  step: 'credentials',
  summary: 'AWS does not recognise the access key id: it is unknown, deleted or inactive.',
  evidence: [],
  fixes: [],
};

export const secretMismatch: Cause = {
  id: 'credentials.secret-mismatch',
  severity: 'error',
  step: 'credentials',
  summary: 'AWS knows the key id AKIA…MPLE but the secret in the credentials file does not match it.',
  evidence: [
    {
      label: 'sts:GetCallerIdentity',
      request: 'sts:GetCallerIdentity in us-east-1',
      errorName: 'SignatureDoesNotMatch',
      httpStatus: 403,
      requestId: 'c0ffee00-1111-2222-3333-444455556666',
      message: 'The request signature we calculated does not match the signature you provided.',
    },
  ],
  fixes: [{ kind: 'copy-command', label: 'Copy the command to re-enter the secret', command: 'aws configure set aws_secret_access_key --profile dev' }],
};

/** The warning an old key produces. */
export const oldKey: Cause = {
  id: 'keys.old',
  severity: 'warning',
  step: 'key-health',
  summary: 'The access key AKIA…MPLE is 200 days old.',
  evidence: [{ label: 'iam:ListAccessKeys', request: 'iam:ListAccessKeys', message: 'Created 2026-05-10' }],
  fixes: [{ kind: 'rotate-key', label: 'Rotate this key', profile: 'dev' }],
};

/** A finished report; every step gets `status` unless `stepStatus` says otherwise. */
export function report(
  options: { causes?: Cause[]; probes?: ProbeResult[]; stepStatus?: Partial<Record<StepId, ProbeStatus>>; profile?: string } = {},
): DiagnosisReport {
  const causes = options.causes ?? [];
  return {
    profile: options.profile ?? 'dev',
    rootCause: causes.find((cause) => cause.severity === 'error')?.id ?? causes[0]?.id ?? null,
    causes,
    steps: stepIds.map((step) => ({ step, status: options.stepStatus?.[step] ?? 'pass', summary: `${step} summary` })),
    target: {
      region: 'us-east-1',
      regionSource: 'config',
      cluster: null,
      user: null,
      credentialSource: 'shared credentials file',
      maskedKeyId: 'AKIA…MPLE',
      identity: null,
    },
    probes: options.probes ?? [],
    cancelled: false,
    startedAt: '2026-11-26T12:00:00.000Z',
    durationMs: 420,
  };
}
