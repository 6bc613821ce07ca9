import type { ProfileKind } from '../../shared/model/profile';
import type { RotationQuestion, RotationStateKind, RotationStep } from '../../shared/model/rotation';
import type { AwsService } from '../aws/endpoints';
import type { SafeWriteRequest, SafeWriteResult } from '../aws-files/safe-writer';
import type { HostEnvironment } from '../host';
import type { AwsClientFactory, MfaCodePrompt } from './aws-access';
import type { ProxyEnv } from '../aws/proxy-route';
import type { BackoffOptions, Sleep } from './wait-for-key';

/** What the rotation needs to know about a profile before it reads the credentials file itself. */
export interface RotationProfileInfo {
  profile: string;
  kind: ProfileKind;
  /** The resolved shared credentials and config files (AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE or ~/.aws). */
  credentialsFile: string;
  configFile: string;
  /** Where the profile's access key id comes from, null when it has none. */
  keySource: 'credentials-file' | 'config-file' | 'environment' | null;
  region: string | null;
  /** Configured endpoints (endpoint_url, services sections, AWS_ENDPOINT_URL_*), as the SDK would use them. */
  endpoints: Partial<Record<AwsService, string>>;
  /** The profile's `mfa_serial`, when set. */
  mfaSerial: string | null;
  /** Profiles in the config file whose key id equals this profile's (they cannot be updated in the same write). */
  configProfilesWithSameKey: string[];
  /** The host's proxy variables (HTTPS_PROXY, NO_PROXY…), honoured as the AWS CLI honours them. */
  proxyEnv?: ProxyEnv;
}

/** Looks a profile up; null when neither file nor the environment defines it. */
export type ProfileResolver = (host: HostEnvironment, profile: string) => Promise<RotationProfileInfo | null>;

/** The only writer allowed to change the credentials file (the profiles engineer's safe writer). */
export type CredentialsWriter = (request: SafeWriteRequest) => Promise<SafeWriteResult>;

/** Questions asked mid-run: confirmations before deleting anything, and MFA codes. */
export interface RotationPrompts {
  confirm(question: RotationQuestion): Promise<boolean>;
  mfaCode: MfaCodePrompt;
}

/** One progress report; the IPC layer adds the run id. */
export interface RotationProgress {
  state: RotationStateKind;
  step: RotationStep | null;
  message: string;
  maskedOldKeyId: string | null;
  maskedNewKeyId: string | null;
  question: RotationQuestion | null;
}

/**
 * A point between the effect of a step and the journal line that records it. Tests stop
 * the machine here (a never-settling promise) to play a crash; production passes nothing.
 */
export interface GatePoint {
  step: RotationStep;
  moment: 'before' | 'after';
}

/** Everything the rotation takes from its host, so the CLI, the desktop and the tests share it. */
export interface RotationDeps {
  host: HostEnvironment;
  resolveProfile: ProfileResolver;
  clients: AwsClientFactory;
  writer: CredentialsWriter;
  prompts: RotationPrompts;
  emit(progress: RotationProgress): void;
  backoff: BackoffOptions;
  sleep: Sleep;
  signal?: AbortSignal;
  gate?: (point: GatePoint) => Promise<void>;
  /** Attempts per AWS call (the SDK retries throttling and 5xx); the verify step has its own backoff. */
  maxAttempts?: number;
  requestTimeoutMs?: number;
}
