import type { Evidence, Fix } from '../../shared/model/diagnosis';
import type { TargetFact } from '../diagnosis/facts';
import { fallbackRegion, isKnownRegion, offersMemoryDb } from '../regions/regions';

/** Five minutes: MemoryDB's allowed clock difference before it refuses a signature (STS allows 15; docs/aws-behaviour.md §7). */
export const maxClockSkewMs = 5 * 60 * 1000;

/** The configured region when MemoryDB can be asked there, else null. */
export function memoryDbRegionOf(target: TargetFact): string | null {
  return target.region && offersMemoryDb(target.region) ? target.region : null;
}

/** The region to ask STS in: the configured one when it is a real region, else one in the same partition that is always on. */
export function stsRegionOf(target: TargetFact): string {
  return target.region && isKnownRegion(target.region) ? target.region : fallbackRegion(target.region);
}

/** A clock offset in words: `+7 min 30 s (server ahead)`. */
export function describeOffset(offsetMs: number): string {
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  const minutes = Math.floor(seconds / 60);
  const text = minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
  return offsetMs >= 0 ? `local clock ${text} behind the server` : `local clock ${text} ahead of the server`;
}

/** Evidence that is only a statement (no request). */
export function note(label: string, message?: string): Evidence {
  return message === undefined ? { label } : { label, message };
}

/** The IAM user name in a `arn:aws:iam::123:user/path/name` ARN, or null. */
export function userNameOf(arn: string): string | null {
  const match = /^arn:aws[\w-]*:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match?.[1] ?? null;
}

/** The IAM entity whose policies apply to a caller: a user as is, the role behind an assumed-role session. */
export function policySourceOf(arn: string): { kind: 'user' | 'role'; arn: string; name: string } | { kind: 'none'; reason: string } {
  const user = /^arn:(aws[\w-]*):iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (user) return { kind: 'user', arn, name: user[3]! };
  const assumed = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  // An assumed-role ARN drops the role's path; the simulator wants the IAM role ARN (docs/aws-behaviour.md §4).
  if (assumed) return { kind: 'role', arn: `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}`, name: assumed[3]! };
  if (/:root$/.test(arn)) return { kind: 'none', reason: 'The account root user is allowed every action; nothing to simulate.' };
  return { kind: 'none', reason: `The policy simulator cannot evaluate ${arn} (only IAM users and roles).` };
}

/** The fixes for a missing or expired SSO session: sign in from the app (or mdb-doctor sso login), or the AWS CLI command to copy. */
export function ssoSignInFixes(profile: string): Fix[] {
  return [
    { kind: 'sso-sign-in', label: 'Sign in', profile },
    { kind: 'refresh-command', label: 'Or sign in with the AWS CLI', command: `aws sso login --profile ${profile}` },
  ];
}

/** The fixes for an opt-in region the account has not enabled: the command, and the console page. */
export function enableRegionFixes(region: string): Fix[] {
  return [
    { kind: 'copy-command', label: `Enable ${region} for the account (takes minutes to hours)`, command: `aws account enable-region --region-name ${region}` },
    { kind: 'open-console', label: 'Manage the account regions', url: 'https://console.aws.amazon.com/billing/home#/account' },
  ];
}
