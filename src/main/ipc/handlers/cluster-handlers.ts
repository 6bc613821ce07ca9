import type { ParsedRequestOf } from '../../../shared/ipc/contract';
import { IpcFailure, type IpcErrorCode } from '../../../shared/ipc/result';
import type { ClusterEndpoint, ClusterToken, SignInTestResult } from '../../../shared/model/cluster';
import { maskAuthToken } from '../../../core/cluster/auth-token';
import { testSignIn } from '../../../core/cluster/sign-in';
import { ClusterAccessError, issueAuthToken, lookUpClusterEndpoint } from '../../../core/cluster-access/token-service';
import type { HandlerScope } from './index';

/** The live test's default time limit: long enough for a TLS handshake across a VPN, short enough to wait for. */
export const defaultSignInTimeoutMs = 5_000;

const errorCodes: Record<ClusterAccessError['code'], IpcErrorCode> = {
  'no-region': 'refused',
  'bad-region': 'refused',
  'no-credentials': 'refused',
  'not-found': 'not-found',
  'aws-error': 'aws-error',
  cancelled: 'cancelled',
};

async function translated<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ClusterAccessError) throw new IpcFailure(errorCodes[error.code], error.message);
    throw error;
  }
}

/** Host names compare without case and without a trailing dot; IP literals as written. */
function sameHost(a: string, b: string): boolean {
  const bare = (name: string) => name.trim().toLowerCase().replace(/\.$/, '');
  return bare(a) === bare(b);
}

/**
 * Answers for the cluster channels. Tokens and passwords stay in these functions: a token
 * crosses only when the person agrees in main's own dialog, and a password never does. The
 * live test connects only to the endpoint AWS reports for the cluster, with its TLS setting,
 * so the page can neither send a token elsewhere nor use main to probe other hosts.
 */
export function createClusterHandlers(deps: HandlerScope) {
  return {
    async generateClusterToken(request: ParsedRequestOf<'generateClusterToken'>): Promise<ClusterToken> {
      const host = deps.host.current();
      const revealed = request.reveal === true;
      if (revealed) {
        const agreed = await deps.shell.confirm({
          title: 'Show the IAM token?',
          message: `Show the whole sign-in token for user ${request.user} of cluster ${request.cluster}, so you can copy it?`,
          detail: 'The token is a credential for 15 minutes: anyone who sees it can sign in as that user until it expires.',
          confirmLabel: 'Show the token',
        });
        if (!agreed) throw new IpcFailure('cancelled', "The token was not shown: showing it was not confirmed in the app's dialog.");
      }
      const issued = await translated(() => issueAuthToken(host, request));
      return {
        token: revealed ? issued.token : maskAuthToken(issued.token),
        revealed,
        cluster: request.cluster,
        user: request.user,
        region: issued.region,
        signedWith: issued.maskedKeyId,
        issuedAt: issued.issuedAt.toISOString(),
        expiresAt: issued.expiresAt.toISOString(),
        clockNote: issued.clock.note,
        clockCorrected: issued.clock.corrected,
      };
    },

    async getClusterEndpoint(request: ParsedRequestOf<'getClusterEndpoint'>): Promise<ClusterEndpoint> {
      return translated(() => lookUpClusterEndpoint(deps.host.current(), request));
    },

    async testClusterSignIn(request: ParsedRequestOf<'testClusterSignIn'>): Promise<SignInTestResult> {
      const host = deps.host.current();
      const target = request.cluster;
      const endpoint = await translated(() => lookUpClusterEndpoint(host, target));
      if (endpoint.host === null || endpoint.port === null) {
        throw new IpcFailure(
          'refused',
          `AWS reports no endpoint for cluster ${target.cluster} yet (status ${endpoint.status ?? 'unknown'}); test once it is available.`,
        );
      }
      if (!sameHost(request.host, endpoint.host) || request.port !== endpoint.port) {
        throw new IpcFailure(
          'refused',
          `The sign-in test connects only to ${endpoint.host}:${endpoint.port}, the endpoint AWS reports for cluster ${target.cluster}; not to ${request.host}:${request.port}.`,
        );
      }
      if (request.tls !== endpoint.tlsEnabled) {
        throw new IpcFailure(
          'refused',
          `Cluster ${target.cluster} ${endpoint.tlsEnabled ? 'requires TLS' : 'does not use TLS'}; the test signs in the way the cluster declares.`,
        );
      }
      const { secret } = request;
      const value =
        secret.kind === 'password'
          ? secret.password
          : secret.kind === 'iam-token'
            ? (await translated(() => issueAuthToken(host, { ...target, user: request.user }))).token
            : null;
      return testSignIn({
        host: endpoint.host,
        port: endpoint.port,
        tls: endpoint.tlsEnabled,
        user: request.user,
        secret: value,
        timeoutMs: request.timeoutMs ?? defaultSignInTimeoutMs,
      });
    },
  };
}
