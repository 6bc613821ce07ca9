import type { Cause, Evidence, Fix } from '../../shared/model/diagnosis';
import type { AwsFailure } from '../aws/error-evidence';
import { makeCause } from '../diagnosis/causes';
import type { CredentialsFact, TargetFact } from '../diagnosis/facts';
import { note } from './shared';

/** True when a long-term IAM user key (AKIA…) goes out with a session token it cannot own. */
export function hasStrayToken(credentials: CredentialsFact | undefined): boolean {
  return credentials !== undefined && credentials.credentials.accessKeyId.startsWith('AKIA') && Boolean(credentials.credentials.sessionToken);
}

/** True for temporary credentials (an ASIA… key id with its session token). */
export function isTemporary(credentials: CredentialsFact | undefined): boolean {
  return credentials !== undefined && (credentials.credentials.accessKeyId.startsWith('ASIA') || Boolean(credentials.credentials.sessionToken));
}

/**
 * A long-term key sent with a leftover session token: AWS answers ExpiredToken (docs/aws-behaviour.md §7,
 * aws/aws-cli#7870), which reads like expired temporary credentials but is not. The fix is to
 * drop the token where it came from: AWS_SESSION_TOKEN, or the profile's aws_session_token line.
 */
export function strayTokenCause(target: TargetFact, credentials: CredentialsFact, failure: AwsFailure, evidence: Evidence[]): Cause {
  const fromEnvironment = credentials.link === 'environment';
  const where = fromEnvironment
    ? 'AWS_SESSION_TOKEN in the environment'
    : `the aws_session_token line of [${target.profile.name}] in ${target.profile.files.credentials}`;
  const fixes: Fix[] = fromEnvironment
    ? [{ kind: 'copy-command', label: 'Drop the leftover token (and remove the export from your shell profile)', command: 'unset AWS_SESSION_TOKEN' }]
    : [
        {
          kind: 'copy-command',
          label: `Empty the leftover token of [${target.profile.name}] (or delete its aws_session_token line in ${target.profile.files.credentials})`,
          command: `aws configure set aws_session_token "" --profile ${target.profile.name}`,
        },
      ];
  return makeCause(
    'credentials.stray-session-token',
    `${credentials.maskedKeyId} is a long-term access key, yet a session token from ${where} is sent with it; AWS refuses the pair (${failure.errorName}). The key itself is not expired.`,
    [...evidence, note('Stray session token', `An AKIA key never has a session token; this one comes from ${where}.`)],
    fixes,
  );
}

/** How to get fresh temporary credentials from whatever produced these. */
export function freshCredentialsFixes(target: TargetFact, credentials: CredentialsFact): Fix[] {
  const name = target.profile.name;
  if (target.profile.kind === 'sso')
    return [{ kind: 'refresh-command', label: 'Sign in to IAM Identity Center again', command: `aws sso login --profile ${name}` }];
  if (target.profile.kind === 'process' && target.profile.settings.credential_process)
    return [{ kind: 'copy-command', label: 'Run the credential process yourself to see what it returns', command: target.profile.settings.credential_process }];
  const where = credentials.link === 'environment' ? 'AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN' : `the three lines of [${name}]`;
  return [
    {
      kind: 'copy-command',
      label: `Get fresh temporary credentials from the tool that made these (your SSO or SAML helper, the access portal, or this command with a long-term key) and replace ${where}`,
      command: 'aws sts get-session-token',
    },
  ];
}

/**
 * Temporary credentials refused as unknown: the session token is damaged or cut, belongs to
 * other keys, or expired so long ago that AWS no longer knows it (docs/aws-behaviour.md §7). Creating access
 * keys would not help: the fix is new temporary credentials from their source.
 */
export function temporaryRejectedCause(target: TargetFact, credentials: CredentialsFact, failure: AwsFailure, evidence: Evidence[]): Cause {
  return makeCause(
    'credentials.temporary-rejected',
    `AWS does not accept the temporary credentials ${credentials.maskedKeyId} (${failure.errorName}): the session token is damaged, belongs to other keys, or expired long ago.`,
    evidence,
    freshCredentialsFixes(target, credentials),
  );
}
