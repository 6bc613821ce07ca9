import { z } from 'zod';
import type { CauseSeverity, StepId } from './steps';

/** What the catalogue says of one cause: where the wizard shows it, how bad it usually is, what it means, and how it ranks. */
export interface CauseDefinition {
  step: StepId;
  severity: CauseSeverity;
  /**
   * Root-cause order among causes of the same severity, lowest first: the order in which a
   * request meets them (the profile, the credentials, the region, permissions, the cluster).
   */
  rank: number;
  meaning: string;
}

/**
 * Every cause the diagnosis can name, in one declaration. The ids are stable: they are part of
 * the JSON output and the exported report (docs/CAUSES.md lists them, kept in step by a test).
 * A full key slot (keys.limit-reached) outranks an old key (keys.old): rotating needs the slot.
 */
export const causeCatalogue = {
  'profile.not-found': { step: 'credentials', severity: 'error', rank: 10, meaning: 'The selected profile does not exist in either file.' },
  'profile.malformed': { step: 'credentials', severity: 'error', rank: 20, meaning: "The profile's text breaks loading." },
  'profile.env-shadowing': {
    step: 'credentials',
    severity: 'warning',
    rank: 25,
    meaning: 'Environment credentials or AWS_PROFILE override what you think you are using.',
  },
  'endpoint.no-answer': {
    step: 'credentials',
    severity: 'error',
    rank: 28,
    meaning: 'An endpoint (AWS, or one set by endpoint_url / AWS_ENDPOINT_URL) accepted the connection or was asked but did not answer by the deadline.',
  },
  'credentials.unresolvable': { step: 'credentials', severity: 'error', rank: 30, meaning: 'No provider in the chain produced credentials.' },
  'credentials.assume-role-refused': {
    step: 'credentials',
    severity: 'error',
    rank: 32,
    meaning:
      "STS refused to assume the profile's role: its trust policy, the caller's sts:AssumeRole permission, a missing role, MFA, external id or duration.",
  },
  'credentials.web-identity': {
    step: 'credentials',
    severity: 'error',
    rank: 34,
    meaning: 'The web identity token (AWS_WEB_IDENTITY_TOKEN_FILE / web_identity_token_file) is missing, expired or refused.',
  },
  'credentials.no-instance-role': {
    step: 'credentials',
    severity: 'error',
    rank: 36,
    meaning: 'The profile relies on container or instance-metadata credentials, and this machine has none to give.',
  },
  'credentials.key-inactive': {
    step: 'credentials',
    severity: 'error',
    rank: 58,
    meaning: 'The access key exists but is Inactive in IAM; AWS refuses it like a deleted key.',
  },
  'credentials.sso-expired': { step: 'credentials', severity: 'error', rank: 40, meaning: 'The SSO session is missing or expired.' },
  'credentials.sso-mismatch': {
    step: 'credentials',
    severity: 'error',
    rank: 42,
    meaning: 'sso_start_url or sso_region is not where the cached SSO session was signed in (a typo, or a changed setting).',
  },
  'credentials.sso-role-unassigned': {
    step: 'credentials',
    severity: 'error',
    rank: 44,
    meaning: 'The SSO user is not assigned the role (sso_role_name) in the account (sso_account_id).',
  },
  'credentials.process-failed': { step: 'credentials', severity: 'error', rank: 50, meaning: 'credential_process failed or returned bad output.' },
  'credentials.stray-session-token': {
    step: 'credentials',
    severity: 'error',
    rank: 55,
    meaning: 'A long-term access key is sent with a leftover session token, so AWS answers ExpiredToken.',
  },
  'credentials.key-rejected': { step: 'credentials', severity: 'error', rank: 60, meaning: 'AWS does not accept the key id: unknown, deleted or inactive.' },
  'credentials.temporary-rejected': {
    step: 'credentials',
    severity: 'error',
    rank: 65,
    meaning: 'AWS does not accept the temporary credentials: the session token is damaged, mismatched or long expired.',
  },
  'credentials.secret-mismatch': { step: 'credentials', severity: 'error', rank: 70, meaning: 'The key id is known but the secret is wrong.' },
  'credentials.clock-skew': { step: 'credentials', severity: 'error', rank: 80, meaning: "The local clock is too far from AWS's to sign requests." },
  'credentials.expired': { step: 'credentials', severity: 'error', rank: 90, meaning: 'The temporary credentials have expired.' },
  'region.missing': { step: 'region', severity: 'error', rank: 100, meaning: 'No region is configured anywhere.' },
  'region.invalid': { step: 'region', severity: 'error', rank: 110, meaning: 'Not a region, or MemoryDB is not offered there.' },
  'region.not-enabled': { step: 'region', severity: 'error', rank: 120, meaning: 'An opt-in region the account has not enabled.' },
  'region.v1-token-refused': {
    step: 'region',
    severity: 'error',
    rank: 125,
    meaning: 'A session token from the global STS endpoint (version 1) is refused in an opt-in region, even an enabled one.',
  },
  'region.cluster-elsewhere': { step: 'region', severity: 'error', rank: 130, meaning: 'The cluster (or every cluster) lives in another region.' },
  'permissions.missing': { step: 'permissions', severity: 'error', rank: 140, meaning: 'The caller lacks a needed memorydb permission (implicit deny).' },
  'permissions.explicit-deny': { step: 'permissions', severity: 'error', rank: 150, meaning: 'An explicit deny blocks a needed action.' },
  'permissions.denied': {
    step: 'permissions',
    severity: 'error',
    rank: 155,
    meaning: 'A needed action is denied, and neither the message nor the policy simulator says whether by a missing Allow or an explicit deny.',
  },
  'keys.old': { step: 'key-health', severity: 'warning', rank: 220, meaning: 'An access key is older than 90 days.' },
  'keys.limit-reached': { step: 'key-health', severity: 'warning', rank: 210, meaning: 'The user already has two keys, which blocks rotation until one goes.' },
  'cluster.not-found': { step: 'cluster', severity: 'error', rank: 160, meaning: 'The named cluster does not exist in any MemoryDB region.' },
  'cluster.user-missing': { step: 'cluster', severity: 'error', rank: 170, meaning: "The sign-in user does not exist or is not in the cluster's ACL." },
  'cluster.user-disabled': { step: 'cluster', severity: 'error', rank: 180, meaning: "The user is not active or its access string is 'off'." },
  'cluster.auth-mismatch': { step: 'cluster', severity: 'error', rank: 190, meaning: 'Password vs IAM authentication does not match how the client signs in.' },
  'cluster.connect-denied': {
    step: 'cluster',
    severity: 'error',
    rank: 200,
    meaning: 'IAM authentication without memorydb:Connect on the cluster and the user.',
  },
} as const satisfies Record<string, CauseDefinition>;

export type CauseId = keyof typeof causeCatalogue;

/** The cause ids in catalogue order. */
export const causeIds = Object.keys(causeCatalogue) as [CauseId, ...CauseId[]];
export const causeIdSchema = z.enum(causeIds);
