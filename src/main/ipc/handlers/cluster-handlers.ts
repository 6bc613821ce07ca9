import type { ParsedRequestOf } from '../../../shared/ipc/contract';
import { IpcFailure, type IpcErrorCode } from '../../../shared/ipc/result';
import type { ClusterEndpoint, ClusterToken, ClusterTokenHandover, SignInTestResult } from '../../../shared/model/cluster';
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
 * Answers for the cluster channels. Tokens and passwords stay in main: a whole token leaves
 * only through the shell (clipboard or terminal) once the person agrees outside the page,
 * and a password never does. The
 * live test connects only to the endpoint AWS reports for the cluster, with its TLS setting,
 * so the page can neither send a token elsewhere nor use main to probe other hosts.
 */
export function createClusterHandlers(deps: HandlerScope) {
  return {
    async generateClusterToken(request: ParsedRequestOf<'generateClusterToken'>): Promise<ClusterToken> {
      const issued = await translated(() => issueAuthToken(deps.host.current(), request));
      return {
        token: maskAuthToken(issued.token),
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

    async copyClusterToken(request: ParsedRequestOf<'copyClusterToken'>): Promise<ClusterTokenHandover> {
      const where = deps.shell.secretsGoTo === 'clipboard' ? 'put it on the clipboard (cleared after a minute)' : 'print it in this terminal';
      const agreed = await deps.shell.confirm({
        title: 'Copy the IAM token?',
        message: `Make a fresh sign-in token for user ${request.user} of cluster ${request.cluster} and ${where}, so you can paste it as the password?`,
        detail: 'The token is a credential for 15 minutes: anyone who sees it can sign in as that user until it expires.',
        confirmLabel: 'Copy the token',
      });
      if (!agreed) throw new IpcFailure('cancelled', 'The token was not copied: copying it was not confirmed.');
      const issued = await translated(() => issueAuthToken(deps.host.current(), request));
      const { clearsAt } = await deps.shell.handOverSecret({
        text: issued.token,
        label: `IAM auth token for ${request.user} of cluster ${request.cluster} (until ${issued.expiresAt.toISOString()})`,
      });
      return {
        deliveredTo: deps.shell.secretsGoTo,
        clearsAt: clearsAt?.toISOString() ?? null,
        cluster: request.cluster,
        user: request.user,
        region: issued.region,
        signedWith: issued.maskedKeyId,
        expiresAt: issued.expiresAt.toISOString(),
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
