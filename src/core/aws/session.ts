import type { AccountClient } from '@aws-sdk/client-account';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { MemoryDBClient } from '@aws-sdk/client-memorydb';
import type { STSClient } from '@aws-sdk/client-sts';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { Evidence } from '../../shared/model/diagnosis';
import { callRecorderPlugin, recordCalls, type AttemptRecord } from './call-recorder';
import { createAccountClient, createIamClient, createMemoryDbClient, createStsClient, type AwsTarget } from './clients';
import type { AwsService } from './endpoints';
import type { ProxyEnv } from './proxy-route';
import { describeAwsError, type AwsFailure } from './error-evidence';

/** The result of one SDK call, with the evidence a probe reports either way. */
export type CallResult<Output> =
  | { ok: true; output: Output; attempts: AttemptRecord[]; evidence: Evidence }
  | { ok: false; failure: AwsFailure; attempts: AttemptRecord[]; evidence: Evidence };

/** How a session reaches AWS (or an endpoint that stands in for it). */
export interface SessionOptions {
  credentials: AwsCredentialIdentity;
  /** Configured endpoints per service (resolveEndpoint); absent means AWS's own. */
  endpoints: Partial<Record<AwsService, string>>;
  /** The local clock, for the offset against the server's Date header. */
  now: () => number;
  requestHandler?: NodeHttpHandler;
  /** The host's proxy variables, for clients without a shared requestHandler. */
  proxyEnv?: ProxyEnv;
  /** Attempts per call including the first; throttling and 5xx are retried, auth errors are not. */
  maxAttempts?: number;
  requestTimeoutMs?: number;
  useFipsEndpoint?: boolean;
  useDualstackEndpoint?: boolean;
}

/** The SDK client type for each service. */
export type ClientFor = { sts: STSClient; iam: IAMClient; memorydb: MemoryDBClient; account: AccountClient };

const factories: { [S in AwsService]: (target: AwsTarget) => ClientFor[S] } = {
  sts: createStsClient,
  iam: createIamClient,
  memorydb: createMemoryDbClient,
  account: createAccountClient,
};

function describeSuccess(request: string, attempts: readonly AttemptRecord[]): Evidence {
  const last = attempts.at(-1);
  const retried = attempts.length > 1 ? ` (after ${attempts.length} attempts)` : '';
  return { label: `${request}: answered${retried}`, request, httpStatus: last?.httpStatus, requestId: last?.requestId };
}

function describeFailure(request: string, failure: AwsFailure, attempts: readonly AttemptRecord[]): Evidence {
  const retried = attempts.length > 1 ? ` after ${attempts.length} attempts` : '';
  return {
    label: `${request}: ${failure.errorName}${retried}`,
    request,
    errorName: failure.errorName,
    httpStatus: failure.httpStatus,
    requestId: failure.requestId,
    message: failure.message,
  };
}

/**
 * One set of credentials talking to AWS: clients per service and region, created on first
 * use and shared by every probe of a run (so the SDK's clock correction carries over), each
 * with the call recorder so a probe's evidence includes every attempt.
 */
export class AwsSession {
  private readonly clients = new Map<string, ClientFor[AwsService]>();

  constructor(private readonly options: SessionOptions) {}

  /** The client for `service` in `region`, kept for the next call there. */
  client<S extends AwsService>(service: S, region: string): ClientFor[S] {
    const key = `${service}:${region}`;
    const existing = this.clients.get(key) as ClientFor[S] | undefined;
    if (existing) return existing;
    const created = this.newClient(service, region);
    this.clients.set(key, created);
    return created;
  }

  /**
   * A client that is not kept: for a fan-out that asks each region once (the region scan),
   * so a fleet does not hold a client per profile per region until its run ends.
   */
  transientClient<S extends AwsService>(service: S, region: string): ClientFor[S] {
    return (this.clients.get(`${service}:${region}`) as ClientFor[S] | undefined) ?? this.newClient(service, region);
  }

  private newClient<S extends AwsService>(service: S, region: string): ClientFor[S] {
    const created = factories[service]({
      region,
      credentials: this.options.credentials,
      endpoints: this.options.endpoints,
      maxAttempts: this.options.maxAttempts ?? 4,
      requestHandler: this.options.requestHandler,
      proxyEnv: this.options.proxyEnv,
      requestTimeoutMs: this.options.requestTimeoutMs,
      useFipsEndpoint: this.options.useFipsEndpoint,
      useDualstackEndpoint: this.options.useDualstackEndpoint,
    });
    created.middlewareStack.use(callRecorderPlugin(this.options.now));
    return created;
  }

  /**
   * Makes one call, passing the abort signal to the SDK so a cancelled run stops its
   * outstanding requests, and returns the output or the failure with its evidence.
   */
  async call<Output>(request: string, signal: AbortSignal, send: (options: { abortSignal: AbortSignal }) => Promise<Output>): Promise<CallResult<Output>> {
    const { log, value, error } = await recordCalls(() => send({ abortSignal: signal }));
    if (error === undefined && value !== undefined) {
      return { ok: true, output: value, attempts: log.attempts, evidence: describeSuccess(request, log.attempts) };
    }
    const described = describeAwsError(error, log.attempts);
    // Once our own signal fired, whatever the SDK threw is the abort, not the endpoint's answer.
    const failure: AwsFailure = signal.aborted ? { ...described, kind: 'aborted' } : described;
    return { ok: false, failure, attempts: log.attempts, evidence: describeFailure(request, failure, log.attempts) };
  }

  /** Closes every client's connections (a shared handler stays open for its other users). */
  destroy(): void {
    if (!this.options.requestHandler) for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
