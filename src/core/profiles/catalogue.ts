import type { FindingSeverity } from '../../shared/model/finding';

/** One static check: its stable id, its severity, and what it means in a line. */
export interface FindingDefinition {
  severity: FindingSeverity;
  summary: string;
}

/**
 * Every static finding the profile reader can produce. Ids are part of the product's
 * output (JSON, reports): add new ones, never change the meaning of an old one.
 */
export const findingCatalogue = {
  'file.missing': { severity: 'info', summary: 'The credentials or config file does not exist (fine if the other one holds the profiles).' },
  'file.not-a-file': { severity: 'error', summary: 'The path of an AWS file is a folder or special file; the SDK cannot read it.' },
  'file.unreadable': { severity: 'error', summary: 'The AWS file exists but cannot be read (permissions, I/O error, dangling symlink).' },
  'file.too-large': { severity: 'error', summary: 'The AWS file is larger than any real one; it is not read.' },
  'file.empty': { severity: 'info', summary: 'The AWS file is empty.' },
  'file.binary': { severity: 'error', summary: 'The AWS file holds binary data (NUL bytes), not INI text.' },
  'file.not-utf8': { severity: 'warning', summary: 'The AWS file has bytes that are not UTF-8; the SDK reads them as replacement characters.' },
  'file.bom': {
    severity: 'warning',
    summary: 'The file starts with a byte-order mark: the JavaScript SDK copes, the AWS CLI and boto3 fail to parse the file.',
  },
  'file.cr-line-endings': { severity: 'error', summary: 'Lines end with a bare carriage return (old Mac style); the SDK reads the whole file as one line.' },
  'file.permissions': { severity: 'warning', summary: 'A file holding secrets is readable by other users.' },
  'file.parse-failed': { severity: 'error', summary: 'The SDK refuses the whole file (a section named __proto__), so none of its profiles load.' },
  'ini.line-ignored': { severity: 'warning', summary: 'A line the SDK silently ignores (no "=", empty key, or outside any section).' },
  'ini.bad-section-header': {
    severity: 'error',
    summary: 'A section header the SDK drops or files under another name (extra spaces, unknown prefix, several words).',
  },
  'ini.duplicate-section': { severity: 'warning', summary: 'The same section appears twice in one file; the SDK merges them and the later values win.' },
  'ini.duplicate-key': { severity: 'warning', summary: 'The same key is set twice in one profile; only the last one counts.' },
  'ini.empty-value': { severity: 'warning', summary: 'A setting with no value: the SDK reads it as the start of a nested block, not as a value.' },
  'ini.unknown-key': { severity: 'info', summary: 'A key no AWS SDK or CLI reads.' },
  'ini.key-typo': { severity: 'error', summary: 'A misspelt credential or setting key (e.g. aws_secret_key, wrong case) that the SDK ignores.' },
  'value.quoted': { severity: 'error', summary: 'A value wrapped in quotes; the SDK keeps the quotes as part of the value.' },
  'value.inner-whitespace': { severity: 'error', summary: 'Whitespace inside a key id, secret, token or region.' },
  'value.invisible-char': { severity: 'error', summary: 'An invisible character (carriage return, zero-width space, BOM, control character) inside a value.' },
  'value.non-ascii': { severity: 'error', summary: 'A non-ASCII look-alike character in a key id, secret, token or region.' },
  'key-id.shape': { severity: 'error', summary: 'The access key id is not 20 upper-case letters and digits starting with AKIA or ASIA.' },
  'secret.shape': { severity: 'error', summary: 'The secret access key is not 40 characters of A-Z, a-z, 0-9, / and +.' },
  'key-id.token-mismatch': { severity: 'error', summary: 'A temporary (ASIA) key id without a session token, or a long-term (AKIA) key id with one.' },
  'credentials.incomplete': { severity: 'error', summary: 'A key id without a secret, or a secret without a key id; the SDK skips the pair.' },
  'credentials.expired': { severity: 'error', summary: 'Temporary credentials whose recorded expiry time has passed.' },
  'profile.prefix-in-credentials': { severity: 'error', summary: '[profile x] used in the credentials file, where the SDK names it "profile.x".' },
  'profile.prefix-missing-in-config': { severity: 'error', summary: '[x] without the "profile " prefix in the config file; the SDK ignores the section.' },
  'profile.default-both-forms': {
    severity: 'warning',
    summary: 'Both [default] and [profile default] in the config file; the SDK uses only [profile default].',
  },
  'profile.no-credentials': { severity: 'warning', summary: 'The profile gives the SDK no way to obtain credentials.' },
  'profile.mixed-sources': { severity: 'warning', summary: 'The profile sets several credential sources; the SDK uses one and ignores the rest.' },
  'source-profile.missing': { severity: 'error', summary: 'source_profile names a profile that does not exist.' },
  'source-profile.cycle': { severity: 'error', summary: 'The source_profile chain loops back on itself.' },
  'source-profile.unresolvable': { severity: 'error', summary: 'The source profile exists but yields no credentials for the role.' },
  'source-profile.conflict': { severity: 'error', summary: 'Both source_profile and credential_source are set; the SDK treats the profile as no role at all.' },
  'credential-source.invalid': { severity: 'error', summary: 'credential_source is not EcsContainer, Ec2InstanceMetadata or Environment.' },
  'role.mfa-required': { severity: 'info', summary: 'The role needs an MFA code; programs without an MFA prompt cannot use the profile.' },
  'sso.incomplete': { severity: 'error', summary: 'An SSO profile lacks sso_account_id, sso_role_name, sso_start_url or sso_region.' },
  'sso.session-missing': { severity: 'error', summary: 'sso_session names an [sso-session] section that does not exist or lacks sso_start_url / sso_region.' },
  'sso.session-conflict': { severity: 'error', summary: "The profile's sso_start_url or sso_region differs from its sso-session's." },
  'sso.token-missing': { severity: 'warning', summary: 'No cached SSO token: the user has not signed in with aws sso login.' },
  'sso.token-unreadable': { severity: 'error', summary: 'The cached SSO token file is not valid JSON or lacks accessToken / expiresAt.' },
  'sso.token-expired': { severity: 'error', summary: 'The cached SSO token has expired and cannot be refreshed.' },
  'sso.token-expiring': { severity: 'warning', summary: 'The cached SSO token expires soon (or has expired but may be refreshed).' },
  'endpoint.cleartext': {
    severity: 'warning',
    summary: 'An endpoint_url (or AWS_ENDPOINT_URL) is plain http to another machine: requests and session tokens travel unencrypted.',
  },
  'services.missing': {
    severity: 'error',
    summary: 'The profile names a [services x] section that does not exist; the SDK fails instead of using an endpoint.',
  },
  'web-identity.token-file-missing': { severity: 'error', summary: 'web_identity_token_file points at a file that does not exist.' },
  'region.missing': { severity: 'warning', summary: 'No region for the profile from AWS_REGION or the files.' },
  'region.invalid-shape': { severity: 'error', summary: 'The region does not look like an AWS region name.' },
  'region.env-override': { severity: 'info', summary: "AWS_REGION overrides the profile's own region." },
  'region.default-region-only': {
    severity: 'warning',
    summary: 'AWS_DEFAULT_REGION is set but AWS_REGION is not; the JavaScript SDK ignores AWS_DEFAULT_REGION.',
  },
  'env.shadows-profile': { severity: 'warning', summary: 'Credentials in environment variables win over the [default] profile.' },
  'env.profile-and-keys': {
    severity: 'warning',
    summary: 'AWS_PROFILE and environment keys are both set; the JavaScript SDK uses the profile, the AWS CLI uses the keys.',
  },
  'env.profile-missing': { severity: 'error', summary: 'AWS_PROFILE names a profile that exists in neither file.' },
  'env.incomplete-keys': { severity: 'error', summary: 'Only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set.' },
  'env.files-overridden': { severity: 'info', summary: 'AWS_SHARED_CREDENTIALS_FILE or AWS_CONFIG_FILE points the SDK at non-default files.' },
  'env.endpoint-override': { severity: 'info', summary: 'AWS_ENDPOINT_URL (or a per-service variant) sends requests to a custom endpoint.' },
} as const satisfies Record<string, FindingDefinition>;

/** A finding id from the catalogue. */
export type FindingId = keyof typeof findingCatalogue;

/** All catalogue ids, in catalogue order. */
export function findingIds(): FindingId[] {
  return Object.keys(findingCatalogue) as FindingId[];
}
