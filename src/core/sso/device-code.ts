import { CreateTokenCommand, StartDeviceAuthorizationCommand, type CreateTokenCommandOutput, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { oidcErrorName, signInFailure } from './oidc-client';
import type { SsoPrompt } from './prompt';
import { SsoLoginError } from './sso-errors';
import type { CachedRegistration } from './token-cache';

/** RFC 8628 §3.5: slow_down adds five seconds to the interval; five is also the default interval. */
const slowDownSeconds = 5;
const defaultIntervalSeconds = 5;
const deviceGrantType = 'urn:ietf:params:oauth:grant-type:device_code';

/** What the device code grant needs besides the client. */
export interface DeviceCodeDeps {
  now(): Date;
  wait(seconds: number, signal: AbortSignal | undefined): Promise<void>;
  onPrompt(prompt: SsoPrompt): void | Promise<void>;
  signal: AbortSignal | undefined;
}

/**
 * The device authorization grant as the AWS CLI runs it: StartDeviceAuthorization, one
 * CreateToken attempt before showing the code (a pre-approved client needs no prompt), then
 * polling at the service's interval: authorization_pending waits, slow_down adds five
 * seconds, expired_token and access_denied end the sign-in.
 */
export async function deviceCodeToken(
  client: SSOOIDCClient,
  startUrl: string,
  registration: CachedRegistration,
  deps: DeviceCodeDeps,
): Promise<CreateTokenCommandOutput> {
  const { signal } = deps;
  let authorization;
  try {
    authorization = await client.send(
      new StartDeviceAuthorizationCommand({ clientId: registration.clientId, clientSecret: registration.clientSecret, startUrl }),
      { abortSignal: signal },
    );
  } catch (error) {
    throw signInFailure(error, signal, 'the device authorization');
  }
  const { deviceCode, userCode, verificationUri, verificationUriComplete } = authorization;
  if (!deviceCode || !userCode || !verificationUri) throw new SsoLoginError('unreachable', 'StartDeviceAuthorization answered without a device code.');
  const expiresAt = new Date(deps.now().getTime() + (authorization.expiresIn ?? 600) * 1000);
  let interval = authorization.interval ?? defaultIntervalSeconds;
  const attempt = async (): Promise<CreateTokenCommandOutput | null> => {
    try {
      return await client.send(
        new CreateTokenCommand({ grantType: deviceGrantType, clientId: registration.clientId, clientSecret: registration.clientSecret, deviceCode }),
        { abortSignal: signal },
      );
    } catch (error) {
      const name = oidcErrorName(error);
      if (!signal?.aborted && name === 'AuthorizationPendingException') return null;
      if (!signal?.aborted && name === 'SlowDownException') {
        interval += slowDownSeconds;
        return null;
      }
      throw signInFailure(error, signal, 'the sign-in');
    }
  };
  const first = await attempt();
  if (first) return first;
  await deps.onPrompt({ flow: 'device-code', verificationUri, verificationUriComplete: verificationUriComplete ?? verificationUri, userCode, expiresAt });
  for (;;) {
    try {
      await deps.wait(interval, signal);
    } catch {
      throw new SsoLoginError('cancelled', 'Sign-in was cancelled.');
    }
    const token = await attempt();
    if (token) return token;
    // The service ends the loop with expired_token; this guards against one that never does.
    if (deps.now().getTime() > expiresAt.getTime() + interval * 1000) {
      throw new SsoLoginError('expired', 'The code was not approved before it expired. Start again.');
    }
  }
}
