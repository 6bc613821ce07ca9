import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  IAMClient,
  ListMFADevicesCommand,
  UpdateAccessKeyCommand,
  type CreateAccessKeyCommandOutput,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { createIamClient, createStsClient, type AwsTarget } from '../aws/clients';
import type { AwsService } from '../aws/endpoints';
import type { ProxyEnv } from '../aws/proxy-route';
import type { CallerIdentity } from '../../shared/model/diagnosis';
import { awsErrorMessage, classifyAwsError, isAuthRejected } from './aws-errors';

/** A long-term IAM user key. The secret stays in main-process memory only. */
export interface AccessKey {
  id: string;
  secret: string;
}

/** Builds SDK clients; tests wrap it to add fault-injecting middleware to the real clients. */
export interface AwsClientFactory {
  sts(target: AwsTarget): STSClient;
  iam(target: AwsTarget): IAMClient;
}

/** The product's own client factory. */
export const defaultClientFactory: AwsClientFactory = { sts: createStsClient, iam: createIamClient };

/** Where the profile's AWS calls go: its region and configured endpoints. */
export interface AwsPlace {
  region: string;
  endpoints: Partial<Record<AwsService, string>>;
  /** Attempts per call, counting the first; the SDK's standard retry handles throttling and 5xx. */
  maxAttempts?: number;
  requestTimeoutMs?: number;
  proxyEnv?: ProxyEnv;
}

/**
 * IAM calls that must reach IAM at most once per decision: sent twice after a lost answer,
 * CreateAccessKey makes a second key (or fails on the quota the first one filled) and
 * DeleteAccessKey hides whether the first one worked. Their failures are reconciled by
 * listing the user's keys, never retried blindly; reads and UpdateAccessKey keep the SDK's retries.
 */
export const notIdempotentCommands: ReadonlySet<string> = new Set(['CreateAccessKeyCommand', 'DeleteAccessKeyCommand']);

/** Asks the person at the keyboard for an MFA code; null means they declined. */
export type MfaCodePrompt = (request: { serial: string; message: string }) => Promise<string | null>;

function credentialsOf(key: AccessKey, sessionToken?: string): AwsCredentialIdentity {
  return { accessKeyId: key.id, secretAccessKey: key.secret, ...(sessionToken ? { sessionToken } : {}) };
}

function target(place: AwsPlace, credentials: AwsCredentialIdentity): AwsTarget {
  return {
    region: place.region,
    credentials,
    endpoints: place.endpoints,
    maxAttempts: place.maxAttempts ?? 3,
    requestTimeoutMs: place.requestTimeoutMs ?? 15_000,
    proxyEnv: place.proxyEnv,
  };
}

/** sts:GetCallerIdentity with exactly this key (allowed for every valid key, docs/aws-behaviour.md §1.3). */
export async function callerIdentity(factory: AwsClientFactory, place: AwsPlace, key: AccessKey, signal?: AbortSignal): Promise<CallerIdentity> {
  const sts = factory.sts({ ...target(place, credentialsOf(key)), maxAttempts: 1 });
  try {
    const answer = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    return { arn: answer.Arn ?? '', account: answer.Account ?? '', userId: answer.UserId ?? '' };
  } finally {
    sts.destroy();
  }
}

/**
 * A guard on the client: a command that is not idempotent sent through a client that would
 * let the SDK retry it is a bug, refused before it reaches IAM.
 */
function refuseRetriedSends(iam: IAMClient, attempts: number): void {
  if (attempts <= 1) return;
  iam.middlewareStack.add(
    (next, context) => async (args) => {
      if (notIdempotentCommands.has(`${String(context.commandName)}`))
        throw new Error(
          `${String(context.commandName)} must not go through a client that retries (maxAttempts ${attempts}); use IamAccess.createKey or deleteKey.`,
        );
      return next(args);
    },
    { step: 'initialize', name: 'refuseRetriedNonIdempotentSends' },
  );
}

/** Why MFA was needed and could not be had; the message says what to do. */
export class MfaUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MfaUnavailableError';
  }
}

/**
 * The MFA session of one run, shared by the IAM accesses of the old and the new key, so a
 * user types one code per run (docs/rotation.md: "the IAM calls use that session").
 */
export interface MfaSessionBox {
  session: AwsCredentialIdentity | null;
}

/**
 * IAM calls made with one long-term key, escalating to an MFA session when IAM refuses:
 * an `AccessDenied` from a policy that demands MFA (the usual `aws:MultiFactorAuthPresent`
 * deny) or `InvalidClientTokenId` for session credentials without MFA (docs/aws-behaviour.md §1.3).
 * The session comes from sts:GetSessionToken with the device's serial and a fresh code.
 */
export class IamAccess {
  private serial: string | null;

  constructor(
    private readonly factory: AwsClientFactory,
    private readonly place: AwsPlace,
    readonly key: AccessKey,
    private readonly userName: string,
    private readonly askMfaCode: MfaCodePrompt | null,
    mfaSerial: string | null,
    private readonly box: MfaSessionBox = { session: null },
  ) {
    this.serial = mfaSerial;
  }

  /** True once IAM calls go through an MFA session. */
  get usesMfa(): boolean {
    return this.box.session !== null;
  }

  /** CreateAccessKey for the user, sent once: the SDK never repeats it (see notIdempotentCommands). */
  createKey(signal?: AbortSignal): Promise<CreateAccessKeyCommandOutput> {
    return this.call((iam) => iam.send(new CreateAccessKeyCommand({ UserName: this.userName }), { abortSignal: signal }), signal, 1);
  }

  /** UpdateAccessKey of one of the user's keys; idempotent, so the SDK's retries stay. */
  async setKeyStatus(keyId: string, status: 'Active' | 'Inactive', signal?: AbortSignal): Promise<void> {
    await this.call(
      (iam) => iam.send(new UpdateAccessKeyCommand({ UserName: this.userName, AccessKeyId: keyId, Status: status }), { abortSignal: signal }),
      signal,
    );
  }

  /** DeleteAccessKey of one of the user's keys, sent once: the SDK never repeats it. */
  async deleteKey(keyId: string, signal?: AbortSignal): Promise<void> {
    await this.call((iam) => iam.send(new DeleteAccessKeyCommand({ UserName: this.userName, AccessKeyId: keyId }), { abortSignal: signal }), signal, 1);
  }

  /** Runs one IAM call, getting an MFA session and retrying once when IAM asks for MFA. */
  async call<T>(operation: (iam: IAMClient) => Promise<T>, signal?: AbortSignal, attempts = this.place.maxAttempts ?? 3): Promise<T> {
    const shared = this.box.session;
    if (shared !== null) {
      try {
        return await this.withClient(shared, operation, attempts);
      } catch (error) {
        // AWS does not promise a session outlives the key it came from (the old key, once
        // deactivated); on an auth answer fall through to this key and, if need be, a new session.
        if (!isAuthRejected(error) && classifyAwsError(error) !== 'access-denied') throw error;
      }
    }
    try {
      return await this.withClient(credentialsOf(this.key), operation, attempts);
    } catch (error) {
      if (classifyAwsError(error) !== 'access-denied' || this.askMfaCode === null) throw error;
      const serial = await this.findSerial();
      if (serial === null) throw error;
      this.box.session = await this.openSession(serial, awsErrorMessage(error), signal);
      return this.withClient(this.box.session, operation, attempts);
    }
  }

  private async withClient<T>(credentials: AwsCredentialIdentity, operation: (iam: IAMClient) => Promise<T>, attempts: number): Promise<T> {
    const iam = this.factory.iam({ ...target(this.place, credentials), maxAttempts: attempts });
    refuseRetriedSends(iam, attempts);
    try {
      return await operation(iam);
    } finally {
      iam.destroy();
    }
  }

  /** The profile's `mfa_serial`, else the user's own device (self-managed MFA policies allow listing it without MFA). */
  private async findSerial(): Promise<string | null> {
    if (this.serial !== null) return this.serial;
    try {
      const devices = await this.withClient(
        credentialsOf(this.key),
        (iam) => iam.send(new ListMFADevicesCommand({ UserName: this.userName })),
        this.place.maxAttempts ?? 3,
      );
      this.serial = devices.MFADevices?.[0]?.SerialNumber ?? null;
    } catch {
      this.serial = null;
    }
    return this.serial;
  }

  private async openSession(serial: string, reason: string, signal?: AbortSignal): Promise<AwsCredentialIdentity> {
    const prompt = this.askMfaCode!;
    let message = `IAM refused the call without MFA (${reason}). Enter the current code from ${serial}.`;
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const code = (await prompt({ serial, message }))?.trim() ?? null;
      if (code === null || code === '')
        throw new MfaUnavailableError('IAM requires MFA for this change and no code was given; nothing else was changed by this call.');
      if (!/^\d{6}$/.test(code)) {
        message = `"${code}" is not a six-digit code. Enter the current code from ${serial}.`;
        continue;
      }
      const sts = this.factory.sts(target(this.place, credentialsOf(this.key)));
      try {
        const answer = await sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code, DurationSeconds: 900 }), { abortSignal: signal });
        const c = answer.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new MfaUnavailableError('STS answered GetSessionToken without credentials.');
        return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
      } catch (error) {
        if (classifyAwsError(error) !== 'access-denied') throw error;
        message = `STS did not accept that code (${awsErrorMessage(error)}). Wait for the next code from ${serial} and enter it.`;
      } finally {
        sts.destroy();
      }
    }
    throw new MfaUnavailableError(`STS did not accept three MFA codes from ${serial}.`);
  }
}
