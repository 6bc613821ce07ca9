import type { CauseId } from '../model/causes';

/**
 * One error a user can hold in hand, as SDKs, the AWS CLI and Redis clients print it: how to
 * recognise it in pasted text, what it says in plain words, the causes that produce it (most
 * likely first) and what a diagnosis checks to tell them apart.
 *
 * The likelihood order is ours, from how often each cause produces the error on real setups;
 * docs/aws-behaviour.md (and the cause catalogue) say where each mapping comes from.
 */
export interface ErrorSignature {
  /** The error's name as AWS or the server spells it, e.g. `InvalidClientTokenId`. */
  name: string;
  /** Patterns that find it in pasted output; the first match wins. */
  patterns: readonly RegExp[];
  /** What the error says, in one plain sentence. */
  meaning: string;
  /** Causes that produce it, most likely first. */
  causes: readonly CauseId[];
  /** What `mdb-doctor diagnose` (and the wizard) checks to tell those causes apart. */
  checks: readonly string[];
  /** Which diagnosis settings matter: a cluster sign-in error needs the cluster and user named. */
  needs?: 'cluster';
  /** Names of less specific signatures this one replaces when both match the same text. */
  supersedes?: readonly string[];
}

// A name as a whole word: `ExpiredToken` must not match inside `ExpiredTokenException`.
const word = (name: string) => new RegExp(`(?<![A-Za-z])${name}(?![A-Za-z])`);

const keyChecks = [
  'asks STS who the key belongs to (sts:GetCallerIdentity needs no permission, so a refusal is about the key itself)',
  'tries the same key against an always-enabled region, to tell a refused opt-in region from an unknown key',
  'reads where the key came from (environment, file and line) and checks its shape',
];
const secretChecks = [
  'compares your clock with the Date header AWS sends back (a skew beyond the allowed window gives the same error)',
  'checks the secret for stray spaces, quotes, line breaks and look-alike characters in the file',
  'asks STS with the same key, to show the key id is known and only the signature fails',
];
const expiredChecks = [
  'reads where the session token came from (environment, credentials file, SSO cache, credential_process) and when it expires',
  'looks for a leftover AWS_SESSION_TOKEN or aws_session_token next to a long-term AKIA key',
];
const denyChecks = [
  'names the identity the request ran as (a role session is checked as its role)',
  'asks the IAM policy simulator which statement decides each action the work needs',
  'reads the refusal for the kind of deny (explicit, SCP, permissions boundary, session or VPC endpoint policy)',
];
const signInChecks = [
  "reads the cluster's ACL and TLS setting and whether the user is in the ACL (and not pending)",
  "reads the user's status, access string and authentication type (password count, or IAM)",
  'for IAM sign-in, checks memorydb:Connect on the cluster and on the user, and the clock used to sign the token',
];

// UnrecognizedClientException (JSON protocols such as MemoryDB's) and InvalidClientTokenId (query
// protocols such as STS and IAM) are the same refusal under two names; each keeps its own name.
const unknownKey = {
  meaning: 'AWS does not recognise the access key id (or session token) it was sent.',
  causes: [
    'credentials.key-rejected',
    'credentials.temporary-rejected',
    'credentials.expired',
    'region.not-enabled',
    'region.v1-token-refused',
    'profile.env-shadowing',
  ],
  checks: keyChecks,
} satisfies Pick<ErrorSignature, 'meaning' | 'causes' | 'checks'>;

/** Every error the product recognises, in the order they are tried on each line. */
export const errorSignatures: readonly ErrorSignature[] = [
  {
    name: 'InvalidCredentialsException',
    patterns: [word('InvalidCredentialsException')],
    meaning:
      'MemoryDB (or ElastiCache) refused the credentials as invalid; AWS uses this name only for CreateCluster, so it usually stands for the whole family below.',
    causes: ['credentials.key-rejected', 'credentials.secret-mismatch', 'credentials.expired', 'credentials.sso-expired', 'region.not-enabled'],
    checks: [...keyChecks, ...secretChecks.slice(0, 1)],
  },
  {
    name: 'UnrecognizedClientException',
    patterns: [word('UnrecognizedClientException')],
    ...unknownKey,
  },
  {
    name: 'InvalidClientTokenId',
    patterns: [word('InvalidClientTokenId')],
    ...unknownKey,
  },
  {
    name: 'Signature expired',
    patterns: [/Signature (?:expired|not yet current)/i, word('RequestExpired'), word('RequestTimeTooSkewed')],
    meaning: "The request was signed at a time AWS does not accept: the local clock is off from AWS's.",
    causes: ['credentials.clock-skew'],
    checks: secretChecks.slice(0, 1),
    // The clock form of SignatureDoesNotMatch / InvalidSignatureException says what it is.
    supersedes: ['SignatureDoesNotMatch'],
  },
  {
    name: 'SignatureDoesNotMatch',
    patterns: [word('SignatureDoesNotMatch'), word('InvalidSignatureException'), /request signature we calculated does not match/i],
    meaning: 'AWS knows the access key id, but the request was signed with a different secret.',
    causes: ['credentials.secret-mismatch', 'credentials.clock-skew', 'profile.malformed', 'profile.env-shadowing'],
    checks: secretChecks,
  },
  {
    name: 'IncompleteSignature',
    patterns: [word('IncompleteSignature(?:Exception)?'), /not a valid key=value pair/i],
    meaning: 'The signature header is broken, almost always by a space or line break pasted into the access key id.',
    causes: ['profile.malformed', 'credentials.key-rejected'],
    checks: ['checks the key id and secret for spaces, quotes, line breaks and invisible characters, with file and line'],
  },
  {
    name: 'ExpiredToken',
    patterns: [word('ExpiredToken(?:Exception)?'), /security token included in the request is expired/i],
    meaning: 'The session token sent with the request has expired.',
    // A long-term key sent with a leftover session token gets ExpiredToken too (docs/aws-behaviour.md §7, aws/aws-cli#7870).
    causes: ['credentials.expired', 'credentials.sso-expired', 'credentials.stray-session-token', 'profile.env-shadowing'],
    checks: expiredChecks,
  },
  {
    name: 'SSO session expired',
    patterns: [
      /\bSSO (?:session|Token)\b[^\n]*(?:expired|invalid|not found)/i,
      /Token is expired[^\n]*sso login/i,
      /Error loading SSO Token/i,
      /aws sso login/i,
    ],
    meaning: 'The IAM Identity Center (SSO) sign-in behind the profile is missing or has expired.',
    causes: ['credentials.sso-expired', 'profile.malformed'],
    checks: [
      "reads the SSO token cache (~/.aws/sso/cache) for the profile's session and its expiry",
      "checks the profile's sso_session, start URL and SSO region",
    ],
  },
  {
    name: 'credential_process failed',
    patterns: [/credential_process/i, /Error when retrieving credentials from custom-process/i],
    meaning: 'The command named by credential_process failed or printed something the SDK could not use.',
    causes: ['credentials.process-failed'],
    checks: ["runs nothing itself: reads the profile's credential_process line and reports the error the SDK got from it, secrets removed"],
  },
  {
    name: 'Could not load credentials',
    patterns: [/Could not load credentials from any providers/i, /Unable to locate credentials/i, /CredentialsProviderError/, /NoCredentialProviders/],
    meaning: 'No source in the credential chain produced credentials.',
    causes: ['credentials.unresolvable', 'profile.not-found', 'profile.malformed', 'credentials.sso-expired'],
    checks: [
      'walks the chain the SDK walks (environment, profile, SSO, credential_process, web identity, container and instance metadata) and says why each one gave nothing',
    ],
  },
  {
    name: 'Profile not found',
    patterns: [/config profile \(([^)]+)\) could not be found/i, /Profile \S+ could not be found/i],
    meaning: 'The profile asked for is not in the config or credentials file the program reads.',
    causes: ['profile.not-found', 'profile.malformed'],
    checks: ['lists the profiles in both files (and AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE) and suggests the closest name'],
  },
  {
    name: 'Region missing',
    patterns: [/Region is missing/i, /You must specify a region/i, /MissingRegion/],
    meaning: 'No region was configured for the request.',
    causes: ['region.missing'],
    checks: ['reads the region from AWS_REGION, AWS_DEFAULT_REGION and the profile, and says which one wins'],
  },
  {
    name: 'OptInRequired',
    patterns: [word('OptInRequired'), word('RegionDisabledException')],
    meaning: 'The account has not enabled the opt-in region the request went to.',
    causes: ['region.not-enabled'],
    checks: ["asks the Account API for the region's opt-in status", 'tries the same key in an always-enabled region'],
  },
  {
    name: 'MemoryDB endpoint not found',
    patterns: [/ENOTFOUND\s+memory-db[.-]/i, /getaddrinfo ENOTFOUND/i, /Could not connect to the endpoint URL/i],
    meaning: 'The MemoryDB endpoint for the region does not resolve: the region is misspelt or MemoryDB is not offered there.',
    causes: ['region.invalid', 'region.missing'],
    checks: ['checks the region against the regions MemoryDB is offered in, and any endpoint_url or AWS_ENDPOINT_URL override'],
  },
  {
    name: 'AccessDeniedException',
    patterns: [word('AccessDenied(?:Exception)?'), /is not authorized to perform/i, word('NotAuthorized')],
    meaning: 'The credentials are valid, but no policy lets this identity do the action (or a policy denies it).',
    causes: ['permissions.missing', 'permissions.explicit-deny', 'permissions.denied', 'cluster.connect-denied', 'profile.env-shadowing'],
    checks: denyChecks,
  },
  {
    name: 'LimitExceeded',
    patterns: [word('LimitExceeded(?:Exception)?'), /Cannot exceed quota for AccessKeysPerUser/i],
    meaning: 'The IAM user already has two access keys, so a new one cannot be made.',
    causes: ['keys.limit-reached'],
    checks: ["lists the user's keys, their status, age and last use, and which one the files hold"],
  },
  {
    name: 'ClusterNotFoundFault',
    patterns: [word('ClusterNotFoundFault')],
    meaning: 'MemoryDB has no cluster of that name in the region asked.',
    causes: ['region.cluster-elsewhere', 'cluster.not-found'],
    checks: ['looks for the cluster in every MemoryDB region at once and says where it is'],
  },
  {
    name: 'UserNotFoundFault',
    patterns: [word('UserNotFoundFault')],
    meaning: 'MemoryDB has no user of that name.',
    causes: ['cluster.user-missing'],
    checks: signInChecks,
    needs: 'cluster',
  },
  {
    name: 'WRONGPASS',
    patterns: [word('WRONGPASS'), /invalid username-password pair/i],
    meaning: 'The cluster refused the sign-in: wrong password or token, an unknown user, or a disabled user (the server does not say which).',
    causes: ['cluster.user-missing', 'cluster.user-disabled', 'cluster.auth-mismatch', 'cluster.connect-denied', 'credentials.clock-skew'],
    checks: signInChecks,
    needs: 'cluster',
  },
  {
    name: 'NOAUTH',
    patterns: [word('NOAUTH'), /Authentication required/i],
    meaning: 'A command reached the cluster before a successful sign-in (AUTH).',
    causes: ['cluster.auth-mismatch', 'cluster.user-missing'],
    checks: signInChecks,
    needs: 'cluster',
  },
  {
    name: 'NOPERM',
    patterns: [word('NOPERM')],
    meaning: 'The user signed in, but its access string does not allow that command or key.',
    causes: ['cluster.user-disabled'],
    checks: ["reads the user's access string"],
    needs: 'cluster',
  },
];
