/** Keys that say which role to assume and with what: the SDK follows each to take credentials. */
const roleKeys = [
  'role_arn',
  'source_profile',
  'credential_source',
  'role_session_name',
  'external_id',
  'mfa_serial',
  'duration_seconds',
  'web_identity_token_file',
];

/**
 * Keys the AWS SDKs and CLI read in a profile section (AWS SDKs and Tools Reference Guide,
 * "Settings reference", plus the AWS CLI's own `cli_*` and `output` settings).
 */
export const knownProfileKeys: ReadonlySet<string> = new Set([
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'aws_account_id',
  'aws_credential_scope',
  'aws_expiration',
  'x_security_token_expires',
  'region',
  'output',
  ...roleKeys,
  'credential_process',
  'sso_session',
  'sso_start_url',
  'sso_region',
  'sso_account_id',
  'sso_role_name',
  'sso_registration_scopes',
  'login_session',
  'endpoint_url',
  'ignore_configured_endpoint_urls',
  'services',
  'ca_bundle',
  'max_attempts',
  'retry_mode',
  'parameter_validation',
  'tcp_keepalive',
  'use_dualstack_endpoint',
  'use_fips_endpoint',
  'sts_regional_endpoints',
  's3_use_arn_region',
  's3_disable_multiregion_access_points',
  'metadata_service_timeout',
  'metadata_service_num_attempts',
  'ec2_metadata_service_endpoint',
  'ec2_metadata_service_endpoint_mode',
  'ec2_metadata_v1_disabled',
  'defaults_mode',
  'account_id_endpoint_mode',
  'disable_request_compression',
  'request_min_compression_size_bytes',
  'sigv4a_signing_region_set',
  'auth_scheme_preference',
  'request_checksum_calculation',
  'response_checksum_validation',
  'sdk_ua_app_id',
  'api_versions',
  'cli_pager',
  'cli_timestamp_format',
  'cli_follow_urlparam',
  'cli_history',
  'cli_auto_prompt',
  'cli_binary_format',
  'cli_help_output',
]);

/** Keys of an `[sso-session x]` section. */
export const knownSsoSessionKeys: ReadonlySet<string> = new Set(['sso_start_url', 'sso_region', 'sso_registration_scopes']);

/** Settings that hold a single value, so `key =` with nothing after it is a mistake, not a nested block. */
export const scalarKeys: ReadonlySet<string> = new Set([...knownProfileKeys].filter((key) => key !== 'api_versions'));

/** Misspellings seen in the wild, each with the key that was meant. */
export const commonTypos: Readonly<Record<string, string>> = {
  aws_access_key: 'aws_access_key_id',
  aws_access_id: 'aws_access_key_id',
  access_key_id: 'aws_access_key_id',
  aws_key_id: 'aws_access_key_id',
  aws_secret_key: 'aws_secret_access_key',
  aws_secret_key_id: 'aws_secret_access_key',
  aws_secret_access_key_id: 'aws_secret_access_key',
  aws_access_secret_key: 'aws_secret_access_key',
  secret_access_key: 'aws_secret_access_key',
  aws_secret: 'aws_secret_access_key',
  aws_session_key: 'aws_session_token',
  session_token: 'aws_session_token',
  aws_token: 'aws_session_token',
  aws_region: 'region',
  default_region: 'region',
  source_profile_name: 'source_profile',
  role: 'role_arn',
};

/** Keys whose values must be plain tokens: no whitespace, no non-ASCII. */
export const tokenKeys: ReadonlySet<string> = new Set([
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'region',
  'role_arn',
  'sso_account_id',
  'sso_region',
  'source_profile',
]);

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The key a misspelt key most likely meant, or null when it is known or not close to one. */
export function intendedKey(key: string): string | null {
  if (knownProfileKeys.has(key)) return null;
  const lower = key.toLowerCase().replace(/-/g, '_');
  if (commonTypos[lower]) return commonTypos[lower];
  if (knownProfileKeys.has(lower)) return lower;
  if (lower.length < 8) return null;
  let best: { key: string; distance: number } | null = null;
  for (const candidate of knownProfileKeys) {
    const distance = editDistance(lower, candidate);
    if (distance <= 2 && (best === null || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key ?? null;
}

/** Characters nobody means to put in a value: controls, carriage returns, zero-width spaces, a stray BOM. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
export const invisibleChars = /[\u0000-\u0008\u000b-\u001f\u007f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]|\r/;

/**
 * Keys the SDK executes, trusts or follows: a command to run, a CA to trust, where to send
 * requests, whose credentials or role to take, which token file or MFA device to use. The app
 * never writes one of these for the page: a compromised page could otherwise have the SDK
 * (and the user's own AWS CLI) run a command or send a signed request somewhere else.
 */
export const trustedKeys: ReadonlySet<string> = new Set([
  'credential_process',
  'ca_bundle',
  'services',
  ...roleKeys,
  'login_session',
  'sigv4a_signing_region_set',
  'auth_scheme_preference',
  'aws_account_id',
  'sts_regional_endpoints',
  'use_fips_endpoint',
]);

/** Whether a key is one the app must never write for the page: those above, and every `sso_*` and `*endpoint*` key. */
export function isTrustedKey(key: string): boolean {
  const bare = key.trim().toLowerCase().replace(/-/g, '_');
  return trustedKeys.has(bare) || bare.startsWith('sso_') || bare.includes('endpoint') || bare.includes('process') || bare.includes('ca_bundle');
}
