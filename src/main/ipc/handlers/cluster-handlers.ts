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

/**
 * Answers for the cluster channels. Tokens and passwords stay in these functions: a token
 * crosses only when the renderer asks to reveal it for copying, and a password never does.
 */
export function createClusterHandlers(deps: HandlerScope) {
  return {
    async generateClusterToken(request: ParsedRequestOf<'generateClusterToken'>): Promise<ClusterToken> {
      const issued = await translated(() => issueAuthToken(deps.host.current(), request));
      const revealed = request.reveal === true;
      return {
        token: revealed ? issued.token : maskAuthToken(issued.token),
        revealed,
        cluster: request.cluster,
        user: request.user,
        region: issued.region,
        signedWith: issued.maskedKeyId,
        issuedAt: issued.issuedAt.toISOString(),
        expiresAt: issued.expiresAt.toISOString(),
      };
    },

    async getClusterEndpoint(request: ParsedRequestOf<'getClusterEndpoint'>): Promise<ClusterEndpoint> {
      return translated(() => lookUpClusterEndpoint(deps.host.current(), request));
    },

    async testClusterSignIn(request: ParsedRequestOf<'testClusterSignIn'>): Promise<SignInTestResult> {
      const { secret } = request;
      const value =
        secret.kind === 'password'
          ? secret.password
          : secret.kind === 'iam-token'
            ? (
                await translated(() =>
                  issueAuthToken(deps.host.current(), {
                    ...(secret.profile ? { profile: secret.profile } : {}),
                    ...(secret.region ? { region: secret.region } : {}),
                    cluster: secret.cluster,
                    user: request.user,
                  }),
                )
              ).token
            : null;
      return testSignIn({
        host: request.host,
        port: request.port,
        tls: request.tls,
        ...(request.serverName ? { serverName: request.serverName } : {}),
        user: request.user,
        secret: value,
        timeoutMs: request.timeoutMs ?? defaultSignInTimeoutMs,
      });
    },
  };
}
