import type { ClusterEndpoint } from '../../shared/model/cluster';
import type { AwsFailure } from '../aws/error-evidence';
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

/** A freshly signed token and what it is for. The token is a credential: show it masked, never log it. */
export interface IssuedToken {
  token: string;
  region: string;
  maskedKeyId: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** Signs a MemoryDB IAM auth token for `cluster` and `user` with the profile's credentials. */
export async function issueAuthToken(
  host: HostEnvironment,
  request: ProfileRegion & { cluster: string; user: string },
  signal?: AbortSignal,
): Promise<IssuedToken> {
  const context = await resolveSigningContext(host, request, signal);
  try {
    const issuedAt = host.now();
    const token = await generateAuthToken({
      clusterName: request.cluster,
      userName: request.user,
      region: context.region,
      credentials: context.credentials.credentials,
      signingDate: issuedAt,
    });
    return {
      token,
      region: context.region,
      maskedKeyId: context.credentials.maskedKeyId,
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + tokenLifetimeSeconds * 1000),
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
