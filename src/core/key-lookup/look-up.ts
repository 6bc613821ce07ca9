import { GetAccessKeyLastUsedCommand, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetAccessKeyInfoCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { Evidence, Fix } from '../../shared/model/diagnosis';
import type { KeyLookUpOutcome, KeyLookUpResult } from '../../shared/model/key-lookup';
import type { AwsService } from '../aws/endpoints';
import type { CallResult, ClientFor } from '../aws/session';
import { makeCause } from '../diagnosis/causes';
import { describeEndpoint, resolveTarget } from '../diagnosis/diagnose';
import { Redactor } from '../diagnosis/redact';
import { runPlan } from '../diagnosis/runner';
import type { HostEnvironment } from '../host';
import { resolveCredentialsProbe } from '../probes/resolve-credentials';
import { note, stsRegionOf } from '../probes/shared';
import { loadProfiles } from '../profiles/load-profiles';
import { maskKeyId } from '../profiles/mask';
import { fallbackRegion } from '../regions/regions';
import { accountHintOfKeyId } from './account-hints';
import { refusedKeyIdOf } from './candidates';

/** Which key to look up (the profile as the diagnosis selected it) and which profile asks. */
export interface KeyLookUpRequest {
  /** The diagnosed profile; absent: the SDK's own choice (AWS_PROFILE, else default, environment keys first). */
  refusedProfile?: string;
  helperProfile: string;
}

/** Cancellation and the limit for the whole lookup (default 15 s). */
export interface KeyLookUpOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The read-only calls the lookup makes with the other profile's credentials, for the question put to the user. */
export const keyLookUpCalls = ['sts:GetCallerIdentity', 'sts:GetAccessKeyInfo', 'iam:GetAccessKeyLastUsed', 'iam:ListAccessKeys'] as const;

/** The least policy that lets a profile look keys up, for a denial's fix. */
const lookUpPolicy = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [{ Sid: 'LookUpAccessKeys', Effect: 'Allow', Action: keyLookUpCalls.filter((call) => call !== 'sts:GetCallerIdentity'), Resource: '*' }],
  },
  null,
  2,
);

/** A shell expression that reads the full key id where the refused profile keeps it, so a command is copy-pasteable while the report shows the id masked. */
function keyIdFromFiles(refusedProfile: string, fromEnvironment: boolean): string {
  return fromEnvironment ? '"$AWS_ACCESS_KEY_ID"' : `"$(aws configure get aws_access_key_id --profile ${refusedProfile})"`;
}

function describeFailure(result: Extract<CallResult<unknown>, { ok: false }>): string {
  return `${result.failure.errorName}: ${result.failure.message}`;
}

/**
 * Looks a key that AWS refused up in IAM with another local profile's credentials, read-only:
 * who the other profile is (sts:GetCallerIdentity), which account the key belongs to
 * (sts:GetAccessKeyInfo, the documented way), its owner (iam:GetAccessKeyLastUsed, whose
 * NoSuchEntity means IAM has no such key) and its status (iam:ListAccessKeys). The other
 * profile's credentials are resolved as the diagnosis resolves a profile's, endpoint_url and
 * AWS_ENDPOINT_URL included. Never throws for what AWS answers: every failure is a sentence.
 * Call it only once the user has agreed to use the other profile.
 */
export async function lookUpRefusedKey(host: HostEnvironment, request: KeyLookUpRequest, options: KeyLookUpOptions = {}): Promise<KeyLookUpResult> {
  const set = await loadProfiles(host, { profile: request.refusedProfile });
  const refused = refusedKeyIdOf(set, request.refusedProfile);
  const helper = request.helperProfile;
  const masked = refused.keyId ? maskKeyId(refused.keyId) : null;
  const evidence: Evidence[] = [];
  const redactor = new Redactor();
  const finish = (outcome: KeyLookUpOutcome, summary: string, cause: KeyLookUpResult['cause'] = null): KeyLookUpResult =>
    redactor.deep({
      refusedProfile: refused.profile,
      helperProfile: helper,
      maskedKeyId: masked,
      outcome,
      summary,
      evidence,
      cause,
      fixes:
        outcome === 'denied' ? [{ kind: 'copy-policy' as const, label: `Let profile "${helper}" look access keys up (read-only)`, json: lookUpPolicy }] : [],
    });
  if (!refused.keyId) return finish('failed', `Profile "${refused.profile}" holds no access key id to look up.`);
  if (helper === refused.profile) return finish('failed', `Profile "${helper}" is the one AWS refused; choose another profile to look its key up.`);
  if (!set.profiles.some((detail) => detail.name === helper))
    return finish('failed', `There is no profile "${helper}" in ${set.files.credentials} or ${set.files.config}.`);
  const fromEnvironment = request.refusedProfile === undefined && set.environment.credentialsWin;

  const signal = AbortSignal.any([AbortSignal.timeout(options.timeoutMs ?? 15_000), ...(options.signal ? [options.signal] : [])]);
  const target = await resolveTarget(host, { profile: helper });
  const chain = await runPlan([resolveCredentialsProbe], { target }, { signal, host, defaultTimeoutMs: options.timeoutMs ?? 15_000 });
  const credentials = chain.facts.credentials;
  if (!credentials) {
    const verdict = chain.results[0]?.verdict ?? 'no credentials';
    evidence.push(...(chain.results[0]?.evidence ?? []));
    return finish('helper-refused', `Profile "${helper}" gives no credentials, so it cannot look the key up: ${verdict}`);
  }
  redactor.add(credentials.credentials.secretAccessKey, credentials.credentials.sessionToken);
  const session = credentials.session;
  const call = async <S extends AwsService, Output>(
    service: S,
    region: string,
    label: string,
    send: (client: ClientFor[S], o: { abortSignal: AbortSignal }) => Promise<Output>,
  ) => {
    const result = await session.call(label, signal, (callOptions) => send(session.client(service, region), callOptions));
    evidence.push(result.evidence);
    return result;
  };
  try {
    const stsRegion = stsRegionOf(target);
    const iamRegion = fallbackRegion(target.region);
    const who = await call('sts', stsRegion, `sts:GetCallerIdentity with profile ${helper}`, (client, o) => client.send(new GetCallerIdentityCommand({}), o));
    if (!who.ok) {
      const unreachable = who.failure.kind === 'network' || who.failure.kind === 'aborted';
      return finish(
        'helper-refused',
        unreachable
          ? `Profile "${helper}" could not reach STS at ${describeEndpoint(target, 'sts', stsRegion)} (${describeFailure(who)}), so it cannot look the key up.`
          : `Profile "${helper}" does not work either (${describeFailure(who)}), so it cannot look the key up.`,
      );
    }
    const helperAccount = who.output.Account ?? '';
    const helperArn = who.output.Arn ?? '';
    const info = await call('sts', stsRegion, `sts:GetAccessKeyInfo for ${masked}`, (client, o) =>
      client.send(new GetAccessKeyInfoCommand({ AccessKeyId: refused.keyId! }), o),
    );
    const keyAccount = info.ok ? (info.output.Account ?? null) : null;
    if (!info.ok)
      evidence.push(
        note(
          `The key's account is not known: ${helperArn} may not call sts:GetAccessKeyInfo (${info.failure.errorName}); asking IAM of ${helperAccount} anyway.`,
        ),
      );
    if (keyAccount && keyAccount !== helperAccount) {
      return finish(
        'other-account',
        `The refused key ${masked} belongs to account ${keyAccount}; profile "${helper}" is in account ${helperAccount}, whose IAM cannot say anything about it. Look it up with a profile of account ${keyAccount}.`,
      );
    }
    const account = keyAccount ?? helperAccount;
    const lastUsed = await call('iam', iamRegion, `iam:GetAccessKeyLastUsed for ${masked}`, (client, o) =>
      client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: refused.keyId! }), o),
    );
    const newKeyFixes = (userName?: string): Fix[] => [
      ...(userName
        ? [
            {
              kind: 'copy-command' as const,
              label: `Create a new key for ${userName} (then write it into the profile)`,
              command: `aws iam create-access-key --user-name ${userName} --profile ${helper}`,
            },
          ]
        : [
            {
              kind: 'open-console' as const,
              label: 'Create a new access key in the IAM console',
              url: 'https://console.aws.amazon.com/iam/home#/security_credentials',
            },
          ]),
      { kind: 'copy-command', label: 'Write the new key into the profile', command: `aws configure --profile ${refused.profile}` },
    ];
    const deleted = (userName?: string) => {
      // Without sts:GetAccessKeyInfo, "no such key here" may mean another account's key: the id itself is the only (unofficial) hint.
      const hinted = keyAccount ? null : accountHintOfKeyId(refused.keyId);
      if (!keyAccount && hinted !== helperAccount) {
        const unknown = `IAM of account ${helperAccount} has no key ${masked} (looked up with profile "${helper}"), and sts:GetAccessKeyInfo, which names a key's account, was refused`;
        return hinted
          ? finish(
              'other-account',
              `${unknown}; the key id itself seems to name account ${hinted} (an unofficial reading), so look it up with a profile of that account.`,
            )
          : finish('failed', `${unknown}: the key was deleted, or it belongs to another account.`);
      }
      return finish(
        'deleted',
        `The refused key ${masked} is deleted: IAM of account ${account} has no such key${userName ? ` for user ${userName}` : ''} (looked up with profile "${helper}").`,
        makeCause(
          'credentials.key-rejected',
          `The access key ${masked} is deleted: IAM has no such key in account ${account} (looked up with profile "${helper}"). A deleted key cannot come back; the profile needs a new one.`,
          [...evidence],
          newKeyFixes(userName),
        ),
      );
    };
    if (!lastUsed.ok) {
      if (lastUsed.failure.kind === 'not-found') return deleted();
      const denied = lastUsed.failure.kind === 'access-denied';
      const summary = denied
        ? `IAM refused iam:GetAccessKeyLastUsed for ${masked} to profile "${helper}" (${lastUsed.failure.errorName}): either it may not read access keys, or the key no longer exists in account ${account}.`
        : `IAM did not say who owns ${masked}: ${describeFailure(lastUsed)}`;
      return finish(denied ? 'denied' : 'failed', summary);
    }
    const userName = lastUsed.output.UserName;
    if (!userName) return finish('failed', `IAM names no owner for ${masked}: it may be a root user key, which only the root user can see.`);
    const listed = await call('iam', iamRegion, `iam:ListAccessKeys for user ${userName}`, (client, o) =>
      client.send(new ListAccessKeysCommand({ UserName: userName }), o),
    );
    if (!listed.ok) {
      const denied = listed.failure.kind === 'access-denied';
      return finish(
        denied ? 'denied' : 'failed',
        denied
          ? `The refused key ${masked} belongs to IAM user ${userName}, but profile "${helper}" may not list that user's keys (${listed.failure.errorName}), so its status is unknown.`
          : `IAM did not list the keys of ${userName}: ${describeFailure(listed)}`,
      );
    }
    const key = (listed.output.AccessKeyMetadata ?? []).find((item) => item.AccessKeyId === refused.keyId);
    if (!key) return deleted(userName);
    evidence.push(note(`${masked} of user ${userName}: ${key.Status ?? 'unknown'} in IAM of account ${account}`));
    if (key.Status === 'Inactive') {
      const summary = `The access key ${masked} of IAM user ${userName} is Inactive (looked up with profile "${helper}"): AWS refuses an inactive key exactly like a deleted one.`;
      return finish(
        'inactive',
        summary,
        makeCause(
          'credentials.key-inactive',
          summary,
          [...evidence],
          [
            {
              kind: 'copy-command',
              label: `Make ${masked} active again (if it was switched off by mistake; needs iam:UpdateAccessKey)`,
              command: `aws iam update-access-key --user-name ${userName} --access-key-id ${keyIdFromFiles(refused.profile, fromEnvironment)} --status Active --profile ${helper}`,
            },
            ...newKeyFixes(userName).map((fix, index) =>
              index === 0 ? { ...fix, label: `Or ${fix.label.charAt(0).toLowerCase()}${fix.label.slice(1)}` } : fix,
            ),
          ],
        ),
      );
    }
    const summary = `IAM lists ${masked} of user ${userName} as ${key.Status ?? 'unknown'} (looked up with profile "${helper}"), yet STS refused it: a key created minutes ago may not have reached every region yet (IAM is eventually consistent), or the profile sends it to an endpoint of another partition (aws-cn, aws-us-gov) than the key's.`;
    return finish('active', summary, makeCause('credentials.key-rejected', summary, [...evidence], []));
  } finally {
    session.destroy();
  }
}
