import { AccountClient } from '@aws-sdk/client-account';
import { IAMClient } from '@aws-sdk/client-iam';
import { MemoryDBClient } from '@aws-sdk/client-memorydb';
import { STSClient } from '@aws-sdk/client-sts';
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, RetryErrorInfo, RetryStrategyV2, StandardRetryToken } from '@smithy/types';
import { BoundedHttpHandler } from './bounded-http-handler';
import type { AwsService } from './endpoints';
import type { ProxyEnv } from './proxy-route';
import { notRetriedErrorNames } from './error-kinds';

/** The product's name in the user agent, so a user's CloudTrail shows who called. */
export const userAgentAppId = 'mdb-doctor';

/** Everything a client needs to call one service in one region. */
export interface AwsTarget {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** A configured endpoint per service (see resolveEndpoint); absent means AWS's own. */
  endpoints?: Partial<Record<AwsService, string>>;
  /** Attempts in all, including the first; auth errors are not retried by the SDK's standard strategy. */
  maxAttempts?: number;
  /** Socket connect and per-request timeouts. */
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Shift applied to the signing clock (the SDK's systemClockOffset), in ms. */
  systemClockOffsetMs?: number;
  /** The profile's use_fips_endpoint / use_dualstack_endpoint (or their env variables), resolved by the caller. */
  useFipsEndpoint?: boolean;
  useDualstackEndpoint?: boolean;
  /** A shared HTTP handler (one connection pool for many clients, e.g. a fleet diagnosis). */
  requestHandler?: NodeHttpHandler;
  /** The host's proxy variables (pickProxyEnv), honoured as the AWS CLI honours them; ignored with a shared requestHandler. */
  proxyEnv?: ProxyEnv;
}

function commonConfig(service: AwsService, target: AwsTarget) {
  return {
    region: target.region,
    credentials: target.credentials,
    endpoint: target.endpoints?.[service],
    maxAttempts: target.maxAttempts ?? 3,
    systemClockOffset: target.systemClockOffsetMs,
    customUserAgent: userAgentAppId,
    // Every setting the SDK would otherwise look up itself is given here: its own lookup
    // reads process.env and the files of AWS_PROFILE, not the host and profile being
    // diagnosed, and costs a thrown ProviderError per setting per client (measurable in a fleet).
    userAgentAppId,
    useFipsEndpoint: target.useFipsEndpoint ?? false,
    useDualstackEndpoint: target.useDualstackEndpoint ?? false,
    retryMode: 'standard',
    defaultsMode: 'standard' as const,
    authSchemePreference: [],
    requestHandler:
      target.requestHandler ??
      new BoundedHttpHandler({
        connectionTimeout: target.connectTimeoutMs ?? 5_000,
        requestTimeout: target.requestTimeoutMs ?? 15_000,
        proxyEnv: target.proxyEnv,
      }),
  };
}

/** An STS client for the target. */
export function createStsClient(target: AwsTarget): STSClient {
  return new STSClient(commonConfig('sts', target));
}

/**
 * The SDK's standard retry strategy, except for the errors in notRetriedErrorNames: the standard
 * strategy counts IAM's LimitExceededException (a full key quota) as throttling and would retry
 * it with back-off, delaying an answer no retry can change.
 */
export class QuotaAwareRetryStrategy implements RetryStrategyV2 {
  private readonly standard: StandardRetryStrategy;

  constructor(maxAttempts: number) {
    this.standard = new StandardRetryStrategy(maxAttempts);
  }

  acquireInitialRetryToken(scope: string): Promise<StandardRetryToken> {
    return this.standard.acquireInitialRetryToken(scope);
  }

  refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<StandardRetryToken> {
    const name = (errorInfo.error as { name?: unknown } | undefined)?.name;
    // Refusing the token makes the SDK's retry middleware rethrow the original error at once.
    if (typeof name === 'string' && notRetriedErrorNames.has(name)) return Promise.reject(new Error(`${name} is not retried`));
    return this.standard.refreshRetryTokenForRetry(token, errorInfo);
  }

  recordSuccess(token: StandardRetryToken): void {
    this.standard.recordSuccess(token);
  }
}

/** An IAM client for the target (IAM is global; the SDK signs for us-east-1 in the aws partition). */
export function createIamClient(target: AwsTarget): IAMClient {
  const config = commonConfig('iam', target);
  return new IAMClient({ ...config, retryStrategy: new QuotaAwareRetryStrategy(config.maxAttempts) });
}

/** A MemoryDB client for the target. */
export function createMemoryDbClient(target: AwsTarget): MemoryDBClient {
  return new MemoryDBClient(commonConfig('memorydb', target));
}

/** An Account client for the target (region opt-in status). */
export function createAccountClient(target: AwsTarget): AccountClient {
  return new AccountClient(commonConfig('account', target));
}
