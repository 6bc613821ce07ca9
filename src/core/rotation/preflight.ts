import { ListAccessKeysCommand, type AccessKeyMetadata } from '@aws-sdk/client-iam';
import type { RotationKey, RotationPlan, RotationRefusalCode, RotationStep } from '../../shared/model/rotation';
import { AwsFileReadError, type AwsFileSnapshot } from '../aws-files/read-aws-file';
import { callerIdentity, IamAccess, type AccessKey, type AwsPlace, type MfaSessionBox } from './aws-access';
import { classifyAwsError, awsErrorLine, isAuthRejected } from './aws-errors';
import { readCredentialsFile } from './file-keys';
import { JournalStore } from './journal';
import { maskKeyId } from './leftovers';
import type { RotationDeps, RotationProfileInfo } from './ports';

/** STS answers in us-east-1 for every commercial account; a profile without a region still needs one to sign. */
const fallbackRegion = 'us-east-1';

/**
 * The region for the rotation's STS calls. The profile's own region may be an opt-in region
 * the account has not enabled (STS then rejects every key as InvalidClientTokenId, docs/aws-behaviour.md
 * §3.2), which would make a good key look bad; so outside the China and GovCloud partitions,
 * and unless an endpoint is configured (LocalStack, a VPC endpoint), STS is asked in us-east-1.
 */
export function stsRegionFor(region: string | null, stsEndpointConfigured: boolean): string {
  if (region === null) return fallbackRegion;
  if (stsEndpointConfigured || region.startsWith('cn-') || region.startsWith('us-gov-') || region.startsWith('us-iso')) return region;
  return fallbackRegion;
}

/** An IAM access key's metadata, secrets never included (ListAccessKeys returns none). */
export interface KeyInfo {
  id: string;
  status: string;
  createdAt: Date | null;
}

/** Everything a rotation needs once preflight passed. The old secret is main-process memory only. */
export interface PreflightReady {
  info: RotationProfileInfo;
  place: AwsPlace;
  snapshot: AwsFileSnapshot;
  oldKey: AccessKey;
  userName: string;
  userArn: string;
  keys: KeyInfo[];
  otherKey: KeyInfo | null;
  /** Other credentials-file sections that hold the same key; rewritten in the same write. */
  sharedSections: string[];
  mfaSerial: string | null;
  /** The IAM access preflight used, and its MFA session if one was needed, for the run to reuse. */
  iam: IamAccess;
  mfa: MfaSessionBox;
}

/** The plan for the renderer plus, when rotation may go ahead, what the machine needs. */
export interface PreflightResult {
  plan: RotationPlan;
  ready: PreflightReady | null;
}

/** A refusal, with what to do instead. */
class Refusal extends Error {
  constructor(
    readonly code: RotationRefusalCode,
    message: string,
    readonly instead: string,
  ) {
    super(message);
  }
}

const refusalsByKind: Partial<Record<RotationProfileInfo['kind'], { message: string; instead: string }>> = {
  sso: {
    message: 'This profile signs in through IAM Identity Center (SSO); it has no access key to rotate.',
    instead: 'Run `aws sso login --profile <profile>` when the session expires; the credentials renew themselves.',
  },
  'assume-role': {
    message: 'This profile assumes a role; its credentials are temporary and come from its source profile.',
    instead: 'Rotate the key of the source profile named by `source_profile` instead.',
  },
  process: {
    message: 'This profile gets its credentials from credential_process; the app cannot change what that program returns.',
    instead: 'Rotate the key in the tool that credential_process runs (a vault or password manager).',
  },
  'web-identity': {
    message: 'This profile uses a web identity token; it has no long-term key.',
    instead: 'Renew the token file with the identity provider that writes it.',
  },
  temporary: {
    message: 'This profile holds temporary credentials (with a session token); they expire on their own and cannot be rotated.',
    instead: 'Get fresh temporary credentials from where these came from (aws sts get-session-token, aws sso login, your identity broker).',
  },
  environment: {
    message: 'These credentials come from environment variables (AWS_ACCESS_KEY_ID), not from a file the app may edit.',
    instead: 'Rotate by hand: `aws iam create-access-key`, update wherever the variables are set, then deactivate the old key.',
  },
};

function ageDays(created: Date | null, now: Date): number | null {
  return created === null ? null : Math.max(0, Math.floor((now.getTime() - created.getTime()) / 86_400_000));
}

function toPlanKey(key: KeyInfo, now: Date): RotationKey {
  return { maskedKeyId: maskKeyId(key.id), status: key.status, createdAt: key.createdAt?.toISOString() ?? null, ageDays: ageDays(key.createdAt, now) };
}

/** The IAM user name from a caller ARN (`arn:aws:iam::123:user/path/name`), or null for anything else. */
export function userNameFromArn(arn: string): string | null {
  const match = /^arn:aws[a-z-]*:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match ? match[1]! : null;
}

/** Converts ListAccessKeys metadata. */
export function keyInfos(metadata: readonly AccessKeyMetadata[] | undefined): KeyInfo[] {
  return (metadata ?? [])
    .filter((key) => key.AccessKeyId)
    .map((key) => ({ id: key.AccessKeyId!, status: key.Status ?? 'Unknown', createdAt: key.CreateDate ?? null }));
}

/** Lists the user's keys through an IAM access (with its MFA escalation). */
export async function listKeys(iam: IamAccess, userName: string, signal?: AbortSignal): Promise<KeyInfo[]> {
  const answer = await iam.call((client) => client.send(new ListAccessKeysCommand({ UserName: userName }), { abortSignal: signal }), signal);
  return keyInfos(answer.AccessKeyMetadata);
}

/** Where a profile's AWS calls go. */
export function placeOf(info: RotationProfileInfo, deps: Pick<RotationDeps, 'maxAttempts' | 'requestTimeoutMs'>): AwsPlace {
  return {
    region: stsRegionFor(info.region, info.endpoints.sts !== undefined),
    endpoints: info.endpoints,
    maxAttempts: deps.maxAttempts,
    requestTimeoutMs: deps.requestTimeoutMs,
    proxyEnv: info.proxyEnv,
  };
}

function planSteps(
  ready: Pick<PreflightReady, 'otherKey' | 'sharedSections' | 'userName'> & { credentialsFile: string },
  deleteOldHint: boolean,
): RotationPlan['steps'] {
  const steps: Array<{ step: RotationStep; description: string }> = [];
  if (ready.otherKey)
    steps.push({
      step: 'delete-other-key',
      description: `Delete the inactive second key ${maskKeyId(ready.otherKey.id)} (IAM allows two keys per user), after you confirm.`,
    });
  steps.push({ step: 'create-key', description: `Create a new access key for IAM user ${ready.userName}; its id is journaled first, its secret never is.` });
  const shared = ready.sharedSections.length > 0 ? ` and, unless you opt out, in ${ready.sharedSections.map((s) => `[${s}]`).join(', ')} (same key)` : '';
  steps.push({
    step: 'write-file',
    description: `Back up ${ready.credentialsFile}, then write the new key into this profile's section${shared}; every other byte stays as it is.`,
  });
  steps.push({ step: 'verify', description: 'Check the new key with sts:GetCallerIdentity, waiting while IAM propagates it, and that it is the same user.' });
  steps.push({
    step: 'deactivate-old',
    description: 'Deactivate the old key, calling IAM with the new key (it can be re-activated if something still needs it).',
  });
  if (deleteOldHint) steps.push({ step: 'delete-old', description: 'Delete the old key if you choose to (now, after you confirm, or after a grace period).' });
  return steps;
}

function emptyPlan(profile: string): RotationPlan {
  return {
    profile,
    ready: false,
    refusal: null,
    credentialsFile: null,
    userName: null,
    userArn: null,
    currentKey: null,
    otherKey: null,
    otherKeyChoiceRequired: false,
    sharedWith: [],
    warnings: [],
    steps: [],
    mfaSerial: null,
    mfaRequired: false,
  };
}

/**
 * Checks, touching nothing, that the profile can be rotated: static IAM user keys in the
 * credentials file, a writable file, the caller is an IAM user that owns the key, and the
 * two-key limit. With no MFA prompt (the renderer's preview) an MFA-guarded ListAccessKeys
 * is reported as `mfaRequired` instead of asked for.
 */
export async function preflight(deps: RotationDeps, profile: string, options: { askMfa: boolean }): Promise<PreflightResult> {
  const plan = emptyPlan(profile);
  try {
    const ready = await check(deps, profile, plan, options);
    return { plan, ready };
  } catch (error) {
    if (error instanceof Refusal) {
      plan.ready = false;
      plan.refusal = { code: error.code, message: error.message, instead: error.instead };
      return { plan, ready: null };
    }
    throw error;
  }
}

async function check(deps: RotationDeps, profile: string, plan: RotationPlan, options: { askMfa: boolean }): Promise<PreflightReady | null> {
  const now = deps.host.now();
  const info = await deps.resolveProfile(deps.host, profile);
  if (info === null)
    throw new Refusal(
      'profile-not-found',
      `There is no profile named "${profile}" in the credentials or config file.`,
      'Pick a profile from the list, or create it with `aws configure --profile <name>`.',
    );
  plan.credentialsFile = info.credentialsFile;
  if (info.keySource === 'environment' || info.kind === 'environment') {
    throw new Refusal('environment-credentials', refusalsByKind.environment!.message, refusalsByKind.environment!.instead);
  }
  const byKind = refusalsByKind[info.kind];
  if (byKind) throw new Refusal('not-static-keys', byKind.message, byKind.instead);
  if (info.kind !== 'static')
    throw new Refusal(
      'not-static-keys',
      `This profile has no static access key (kind: ${info.kind}).`,
      'Only profiles with aws_access_key_id and aws_secret_access_key can be rotated.',
    );
  if (info.keySource !== 'credentials-file') {
    throw new Refusal(
      'key-not-in-credentials-file',
      `The key for "${profile}" lives in the config file (${info.configFile}), not in the credentials file; the app rotates keys in the credentials file only.`,
      `Move aws_access_key_id and aws_secret_access_key into [${profile}] in ${info.credentialsFile}, or rotate by hand.`,
    );
  }
  const journals = await new JournalStore(deps.host.appDataDir).list();
  const pending = journals.journals.find((journal) => journal.profile === profile && journal.phase !== 'awaiting-grace');
  if (pending)
    throw new Refusal(
      'rotation-in-progress',
      `A rotation of "${profile}" started ${pending.startedAt} did not finish.`,
      'Finish or undo it first (the app offers this at start; `mdb-doctor rotate --recover`).',
    );

  let view;
  try {
    view = await readCredentialsFile(info.credentialsFile);
  } catch (error) {
    const message = error instanceof AwsFileReadError ? error.message : `${info.credentialsFile} cannot be read: ${(error as Error).message}`;
    throw new Refusal('file-unreadable', message, 'Fix the file (or its permissions) and try again.');
  }
  const section = view.sections.find((entry) => entry.section === profile);
  if (!section || !section.secret) {
    throw new Refusal(
      'key-not-in-credentials-file',
      `[${profile}] in ${info.credentialsFile} has no complete key pair.`,
      'Add aws_access_key_id and aws_secret_access_key to the section, or rotate by hand.',
    );
  }
  if (section.hasSessionToken) throw new Refusal('not-static-keys', refusalsByKind.temporary!.message, refusalsByKind.temporary!.instead);
  if (view.snapshot.mode !== null && (view.snapshot.mode & 0o200) === 0) {
    throw new Refusal(
      'file-read-only',
      `${info.credentialsFile} is read-only (mode ${view.snapshot.mode.toString(8).padStart(4, '0')}); someone made it so on purpose, so the app will not replace it.`,
      `Make it writable for yourself (chmod 600 ${info.credentialsFile}) and try again, or rotate by hand.`,
    );
  }
  const oldKey: AccessKey = { id: section.keyId, secret: section.secret };
  plan.currentKey = { maskedKeyId: maskKeyId(oldKey.id), status: 'Unknown', createdAt: null, ageDays: null };
  plan.sharedWith = view.sections
    .filter((entry) => entry.section !== profile && entry.keyId === oldKey.id && !entry.hasSessionToken)
    .map((entry) => entry.section);
  plan.warnings = info.configProfilesWithSameKey.map(
    (name) => `Profile "${name}" in the config file holds the same key; it will stop working once the old key is deactivated unless you update it.`,
  );
  const mode = view.snapshot.mode;
  if (mode !== null && (mode & 0o077) !== 0 && deps.host.platform !== 'win32') {
    plan.warnings.push(
      `${info.credentialsFile} is readable by other users (mode ${mode.toString(8).padStart(4, '0')}), so the new secret would be too. Tighten it first: chmod 600 ${info.credentialsFile}.`,
    );
  }
  const place = placeOf(info, deps);
  let identity;
  try {
    identity = await callerIdentity(deps.clients, place, oldKey, deps.signal);
  } catch (error) {
    if (isAuthRejected(error))
      throw new Refusal(
        'key-rejected',
        `AWS does not accept the key in [${profile}]: ${awsErrorLine(error)}`,
        'Run the diagnosis first: a key that does not work cannot rotate itself; create a new one in the console.',
      );
    throw new Refusal('aws-error', `STS could not be reached to check the key: ${awsErrorLine(error)}`, 'Check the network and try again.');
  }
  const userName = userNameFromArn(identity.arn);
  if (userName === null) {
    throw new Refusal(
      'not-an-iam-user',
      `The key belongs to ${identity.arn}, which is not an IAM user.`,
      identity.arn.endsWith(':root')
        ? 'Root user keys should not exist: delete them in the console and use an IAM user.'
        : 'Only IAM user keys can be rotated.',
    );
  }
  plan.userName = userName;
  plan.userArn = identity.arn;
  plan.mfaSerial = info.mfaSerial;
  const mfa: MfaSessionBox = { session: null };
  const iam = new IamAccess(deps.clients, place, oldKey, userName, options.askMfa ? deps.prompts.mfaCode : null, info.mfaSerial, mfa);
  let keys: KeyInfo[];
  try {
    keys = await listKeys(iam, userName, deps.signal);
  } catch (error) {
    if (classifyAwsError(error) === 'access-denied' && !options.askMfa) {
      plan.mfaRequired = true;
      plan.ready = true;
      plan.steps = planSteps({ otherKey: null, sharedSections: plan.sharedWith, userName, credentialsFile: info.credentialsFile }, true);
      return null;
    }
    if (classifyAwsError(error) === 'access-denied') {
      throw new Refusal(
        'aws-error',
        `IAM refused to list the keys of ${userName}: ${awsErrorLine(error)}`,
        'Ask an administrator for iam:ListAccessKeys, iam:CreateAccessKey, iam:UpdateAccessKey and iam:DeleteAccessKey on your own user (AWS policy example "ManageOwnAccessKeys").',
      );
    }
    throw new Refusal('aws-error', `IAM could not list the keys of ${userName}: ${awsErrorLine(error)}`, 'Check the network and try again.');
  }
  const own = keys.find((key) => key.id === oldKey.id);
  if (!own)
    throw new Refusal(
      'key-not-callers',
      `The key in [${profile}] is not one of ${userName}'s keys as IAM lists them.`,
      "Check that the profile points at the right account and endpoint; the app only rotates the caller's own key.",
    );
  plan.currentKey = toPlanKey(own, now);
  const other = keys.find((key) => key.id !== oldKey.id) ?? null;
  plan.otherKey = other ? toPlanKey(other, now) : null;
  if (other && other.status === 'Active') {
    throw new Refusal(
      'two-active-keys',
      `${userName} already has two active keys (IAM allows two per user), and the other one (${maskKeyId(other.id)}) may be in use somewhere.`,
      `Find where ${maskKeyId(other.id)} is used (iam:GetAccessKeyLastUsed shows when and where), deactivate it, then rotate again.`,
    );
  }
  plan.otherKeyChoiceRequired = other !== null;
  plan.ready = true;
  plan.steps = planSteps({ otherKey: other, sharedSections: plan.sharedWith, userName, credentialsFile: info.credentialsFile }, true);
  return {
    info,
    place,
    snapshot: view.snapshot,
    oldKey,
    userName,
    userArn: identity.arn,
    keys,
    otherKey: other,
    sharedSections: plan.sharedWith,
    mfaSerial: info.mfaSerial,
    iam,
    mfa,
  };
}
