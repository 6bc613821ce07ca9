import { causeIds, type Cause, type CauseId, type Evidence, type Fix, type Severity, type StepId } from '../../../shared/model/diagnosis';

interface CauseDefinition {
  step: StepId;
  severity: Severity;
  meaning: string;
}

/** PRODUCT §4's cause table: the step each cause belongs to, its usual severity and meaning. */
export const causeCatalogue: Record<CauseId, CauseDefinition> = {
  'profile.not-found': { step: 'credentials', severity: 'error', meaning: 'The selected profile does not exist in either file.' },
  'profile.malformed': { step: 'credentials', severity: 'error', meaning: "The profile's text breaks loading." },
  'profile.env-shadowing': { step: 'credentials', severity: 'warning', meaning: 'Environment credentials or AWS_PROFILE override what you think you are using.' },
  'credentials.unresolvable': { step: 'credentials', severity: 'error', meaning: 'No provider in the chain produced credentials.' },
  'credentials.sso-expired': { step: 'credentials', severity: 'error', meaning: 'The SSO session is missing or expired.' },
  'credentials.process-failed': { step: 'credentials', severity: 'error', meaning: 'credential_process failed or returned bad output.' },
  'credentials.key-rejected': { step: 'credentials', severity: 'error', meaning: 'AWS does not accept the key id: unknown, deleted or inactive.' },
  'credentials.secret-mismatch': { step: 'credentials', severity: 'error', meaning: 'The key id is known but the secret is wrong.' },
  'credentials.clock-skew': { step: 'credentials', severity: 'error', meaning: "The local clock is too far from AWS's to sign requests." },
  'credentials.expired': { step: 'credentials', severity: 'error', meaning: 'The temporary credentials have expired.' },
  'region.missing': { step: 'region', severity: 'error', meaning: 'No region is configured anywhere.' },
  'region.invalid': { step: 'region', severity: 'error', meaning: 'Not a region, or MemoryDB is not offered there.' },
  'region.not-enabled': { step: 'region', severity: 'error', meaning: 'An opt-in region the account has not enabled.' },
  'region.cluster-elsewhere': { step: 'region', severity: 'error', meaning: 'The cluster (or every cluster) lives in another region.' },
  'permissions.missing': { step: 'permissions', severity: 'error', meaning: 'The caller lacks a needed memorydb permission (implicit deny).' },
  'permissions.explicit-deny': { step: 'permissions', severity: 'error', meaning: 'An explicit deny blocks a needed action.' },
  'keys.old': { step: 'key-health', severity: 'warning', meaning: 'An access key is older than 90 days.' },
  'keys.limit-reached': { step: 'key-health', severity: 'warning', meaning: 'The user already has two keys, which blocks rotation until one goes.' },
  'cluster.not-found': { step: 'cluster', severity: 'error', meaning: 'The named cluster does not exist in any MemoryDB region.' },
  'cluster.user-missing': { step: 'cluster', severity: 'error', meaning: "The sign-in user does not exist or is not in the cluster's ACL." },
  'cluster.user-disabled': { step: 'cluster', severity: 'error', meaning: "The user is not active or its access string is 'off'." },
  'cluster.auth-mismatch': { step: 'cluster', severity: 'error', meaning: 'Password vs IAM authentication does not match how the client signs in.' },
  'cluster.connect-denied': { step: 'cluster', severity: 'error', meaning: 'IAM authentication without memorydb:Connect on the cluster and the user.' },
};

/** Builds a cause with the catalogue's step and severity unless told otherwise. */
export function makeCause(id: CauseId, summary: string, evidence: Evidence[], fixes: Fix[] = [], severity?: Severity): Cause {
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

// The table's order, except that a full key slot outranks an old key: rotating the old key needs the slot.
const rankOrder: readonly CauseId[] = [...causeIds.filter((id) => id !== 'keys.limit-reached' && id !== 'keys.old'), 'keys.limit-reached', 'keys.old'];

/**
 * Ranks causes, root cause first: errors before warnings, then in the order a request
 * meets them (the profile, then the credentials, the region, permissions, the cluster).
 */
export function rankCauses(causes: readonly Cause[]): Cause[] {
  const order = (id: CauseId) => rankOrder.indexOf(id);
  return [...causes].sort((a, b) => (a.severity === b.severity ? order(a.id) - order(b.id) : a.severity === 'error' ? -1 : 1));
}
