import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { ClusterEndpoint } from '../../shared/model/cluster';
import { clockOffsetFrom, type AwsFailure } from '../aws/error-evidence';
import type { CredentialsFact, TargetFact } from '../diagnosis/facts';
import { resolveTarget } from '../diagnosis/diagnose';
import { runPlan } from '../diagnosis/runner';
import type { HostEnvironment } from '../host';
import { resolveCredentialsProbe } from '../probes/resolve-credentials';
import { isKnownRegion, offersMemoryDb } from '../regions/regions';
import { describeCluster } from '../probes/cluster/cluster-location';
import { generateAuthToken, tokenLifetimeSeconds } from '../cluster/auth-token';

/** Why a token or a cluster lookup could not be made; `code` picks the IPC error code and the CLI exit. */
export class ClusterAccessError extends Error {
  constructor(
    readonly code: 'no-region' | 'bad-region' | 'no-credentials' | 'not-found' | 'aws-error' | 'cancelled',
    message: string,
  ) {
    super(message);
    this.name = 'ClusterAccessError';
  }
}

/** Which profile and region to act as; the SDK's own defaults fill what is absent. */
export interface ProfileRegion {
  profile?: string;
  region?: string;
}

/** A profile's target and credentials, resolved the way the diagnosis resolves them. */
export interface SigningContext {
  target: TargetFact;
  region: string;
  credentials: CredentialsFact;
}

/**
 * Resolves the profile's region and credentials with the diagnosis's own target resolution
 * and credential-chain probe, so a token is signed with exactly what the diagnosis checked.
 */
export async function resolveSigningContext(host: HostEnvironment, request: ProfileRegion, signal?: AbortSignal): Promise<SigningContext> {
  const target = await resolveTarget(host, { ...(request.profile ? { profile: request.profile } : {}), ...(request.region ? { region: request.region } : {}) });
  const region = target.region;
  if (!region) throw new ClusterAccessError('no-region', `No region for profile "${target.profile.name}": give one (--region) or set it in the profile.`);
  if (!isKnownRegion(region) || !offersMemoryDb(region))
    throw new ClusterAccessError('bad-region', `MemoryDB is not offered in "${region}" (from ${target.regionSource ?? 'the request'}).`);
  const run = await runPlan([resolveCredentialsProbe], { target }, { signal: signal ?? new AbortController().signal, host, defaultTimeoutMs: 15_000 });
  const credentials = run.facts.credentials;
  if (!credentials) {
    if (run.cancelled) throw new ClusterAccessError('cancelled', 'Cancelled.');
    throw new ClusterAccessError('no-credentials', run.results[0]?.verdict ?? `No credentials for profile "${target.profile.name}".`);
  }
  return { target, region, credentials };
}

/** A measured clock offset smaller than this is Date-header rounding and latency, not a skewed clock. */
export const clockCorrectionThresholdMs = 30_000;

/** The local clock against AWS's, as measured for signing: `offsetMs` = server − local; null when STS gave no Date. */
export interface SigningClock {
  offsetMs: number | null;
  /** True when the token was signed with the server's time (local time plus the offset). */
  corrected: boolean;
  /** One sentence for the person: which clock signed the token, and why. */
  note: string;
}

/** A freshly signed token and what it is for. The token is a credential: show it masked, never log it. */
export interface IssuedToken {
  token: string;
  region: string;
  maskedKeyId: string;
  issuedAt: Date;
  expiresAt: Date;
  clock: SigningClock;
}

function describeSkew(offsetMs: number): string {
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  const text = seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
  return `the local clock is ${text} ${offsetMs >= 0 ? 'behind' : 'ahead of'} AWS`;
}

/**
 * The clock to sign with. A token is a SigV4 signature dated by the signer's clock, and the
 * cluster refuses one dated outside its window (MemoryDB allows 5 minutes, docs/aws-behaviour.md §7), so a
 * skewed machine makes tokens that never work. STS's Date header (sts:GetCallerIdentity needs no
 * permission) measures the offset; past the threshold the token is signed with the server's time.
 */
async function measureSigningClock(context: SigningContext, signal: AbortSignal): Promise<SigningClock> {
  const { session } = context.credentials;
  const result = await session.call(`sts:GetCallerIdentity in ${context.region}`, signal, (options) =>
    session.client('sts', context.region).send(new GetCallerIdentityCommand({}), options),
  );
  const measured = clockOffsetFrom(result.attempts);
  if (!measured) return { offsetMs: null, corrected: false, note: 'Signed with the local clock: STS did not answer, so the clock could not be checked.' };
  if (Math.abs(measured.offsetMs) < clockCorrectionThresholdMs)
    return { offsetMs: measured.offsetMs, corrected: false, note: 'Signed with the local clock, which agrees with AWS (checked against STS).' };
  return {
    offsetMs: measured.offsetMs,
    corrected: true,
    note: `Signed with AWS's time: ${describeSkew(measured.offsetMs)} (measured from STS), and a token dated by it would be refused. Fix the system clock too.`,
  };
}

/** Signs a MemoryDB IAM auth token for `cluster` and `user` with the profile's credentials. */
export async function issueAuthToken(
  host: HostEnvironment,
  request: ProfileRegion & { cluster: string; user: string },
  signal?: AbortSignal,
): Promise<IssuedToken> {
  const context = await resolveSigningContext(host, request, signal);
  try {
    const clock = await measureSigningClock(context, signal ?? new AbortController().signal);
    const issuedAt = host.now();
    const token = await generateAuthToken({
      clusterName: request.cluster,
      userName: request.user,
      region: context.region,
      credentials: context.credentials.credentials,
      signingDate: clock.corrected && clock.offsetMs !== null ? new Date(issuedAt.getTime() + clock.offsetMs) : issuedAt,
    });
    return {
      token,
      region: context.region,
      maskedKeyId: context.credentials.maskedKeyId,
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + tokenLifetimeSeconds * 1000),
      clock,
    };
  } finally {
    context.credentials.session.destroy();
  }
}

function failureMessage(cluster: string, region: string, failure: AwsFailure): ClusterAccessError {
  if (failure.errorName === 'ClusterNotFoundFault') return new ClusterAccessError('not-found', `No cluster named ${cluster} in ${region}.`);
  return new ClusterAccessError('aws-error', `memorydb:DescribeClusters ${cluster} in ${region} failed: ${failure.errorName} — ${failure.message}`);
}

/** The cluster's endpoint, TLS setting, engine and ACL, to prefill the live sign-in test. */
export async function lookUpClusterEndpoint(
  host: HostEnvironment,
  request: ProfileRegion & { cluster: string },
  signal?: AbortSignal,
): Promise<ClusterEndpoint> {
  const context = await resolveSigningContext(host, request, signal);
  const { session } = context.credentials;
  try {
    const lookup = await describeCluster(
      {
        call: (service, region, label, send) =>
          session.call(label, signal ?? new AbortController().signal, (options) => send(session.client(service, region), options)),
      },
      context.region,
      request.cluster,
    );
    if (lookup.failure) throw failureMessage(request.cluster, context.region, lookup.failure);
    const cluster = lookup.cluster;
    if (!cluster) throw new ClusterAccessError('not-found', `No cluster named ${request.cluster} in ${context.region}.`);
    return {
      cluster: request.cluster,
      region: context.region,
      host: cluster.ClusterEndpoint?.Address ?? null,
      port: cluster.ClusterEndpoint?.Port ?? null,
      tlsEnabled: cluster.TLSEnabled !== false,
      engine: cluster.Engine ?? null,
      engineVersion: cluster.EngineVersion ?? null,
      aclName: cluster.ACLName ?? null,
      status: cluster.Status ?? null,
    };
  } finally {
    session.destroy();
  }
}
