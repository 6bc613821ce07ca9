import { CreateTokenCommand, type CreateTokenCommandOutput, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { HostEnvironment } from '../host';
import { authCodeToken, defaultCallbackTimeoutMs, LoopbackCallback, loopbackRedirectUri } from './auth-code';
import { deviceCodeToken } from './device-code';
import { oidcClientFor, signInFailure } from './oidc-client';
import { waitSeconds, type SsoPrompt } from './prompt';
import { clientRegistration } from './registration';
import { SsoLoginError } from './sso-errors';
import { readSsoSettings, type SsoSettings } from './sso-settings';
import {
  asCachedToken,
  cacheEntryPath,
  formatCacheTime,
  readCacheEntry,
  tokenCacheKey,
  writeCacheEntry,
  type CachedRegistration,
  type CachedSsoToken,
} from './token-cache';

export type { SsoPrompt } from './prompt';

/** How a sign-in ended signed in. */
export type SignInMethod = 'cached' | 'refreshed' | 'device-code' | 'authorization-code';

/** A finished sign-in: when the session ends and where the token was written. Never the token. */
export interface SignInResult {
  profile: string;
  method: SignInMethod;
  sessionName: string | null;
  startUrl: string;
  region: string;
  expiresAt: Date;
  cachePath: string;
}

/** One sign-in request. */
export interface SignInOptions {
  host: HostEnvironment;
  profile: string;
  /** The device code grant even where the authorization code grant applies (--use-device-code). */
  useDeviceCode?: boolean;
  /** Sign in again even when the cached token is good for more than 15 minutes (`aws sso login` always does). */
  force?: boolean;
  /** Show the page and code to the person; called once, before waiting for them. */
  onPrompt(prompt: SsoPrompt): void | Promise<void>;
  signal?: AbortSignal;
  /** Replaceable waits, so tests can count the polling interval instead of sleeping it. */
  wait?: (seconds: number, signal: AbortSignal | undefined) => Promise<void>;
  /** How long the browser has to come back (default 10 minutes, as the AWS CLI). */
  callbackTimeoutMs?: number;
}

/** A token closer than this to its end is not reused; the AWS CLI and botocore use 15 minutes. */
export const tokenExpiryWindowMs = 15 * 60 * 1000;

function tokenToCache(settings: SsoSettings, response: CreateTokenCommandOutput, registration: CachedRegistration, now: Date): CachedSsoToken {
  if (!response.accessToken || response.expiresIn === undefined) throw new SsoLoginError('unreachable', 'CreateToken answered without an access token.');
  return {
    startUrl: settings.startUrl,
    region: settings.region,
    accessToken: response.accessToken,
    expiresAt: formatCacheTime(new Date(now.getTime() + response.expiresIn * 1000)),
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    registrationExpiresAt: registration.expiresAt,
    ...(response.refreshToken ? { refreshToken: response.refreshToken } : {}),
  };
}

/** botocore SSOTokenProvider._refresh_access_token: only with every field and a live registration; any failure means "sign in". */
export async function refreshCachedToken(client: SSOOIDCClient, settings: SsoSettings, cached: CachedSsoToken, now: Date, signal: AbortSignal | undefined) {
  const { clientId, clientSecret, refreshToken, registrationExpiresAt } = cached;
  if (!clientId || !clientSecret || !refreshToken || !registrationExpiresAt || Date.parse(registrationExpiresAt) <= now.getTime()) return null;
  try {
    const response = await client.send(new CreateTokenCommand({ grantType: 'refresh_token', clientId, clientSecret, refreshToken }), { abortSignal: signal });
    return tokenToCache(settings, response, { clientId, clientSecret, expiresAt: registrationExpiresAt }, now);
  } catch {
    if (signal?.aborted) throw new SsoLoginError('cancelled', 'Sign-in was cancelled.');
    return null;
  }
}

async function store(settings: SsoSettings, key: string, token: CachedSsoToken): Promise<string> {
  try {
    return await writeCacheEntry(settings.cacheDir, key, token);
  } catch (error) {
    throw new SsoLoginError('cache-write', `Could not write the SSO token to ${settings.cacheDir}: ${(error as Error).message}`);
  }
}

/**
 * Signs the profile in to IAM Identity Center and writes the token where the AWS CLI v2 and
 * the SDKs read it. Order: a cached token good for 15 more minutes (unless `force`), the
 * cached refresh token, then a new sign-in: the authorization code grant with PKCE for
 * sso-session profiles, the device code grant for legacy profiles or with `useDeviceCode`.
 */
export async function signIn(options: SignInOptions): Promise<SignInResult> {
  const { host, signal } = options;
  const settings = await readSsoSettings(host, options.profile);
  const key = tokenCacheKey(settings.startUrl, settings.sessionName);
  const cachePath = cacheEntryPath(settings.cacheDir, key);
  const result = (method: SignInMethod, expiresAt: string): SignInResult => ({
    profile: settings.profile,
    method,
    sessionName: settings.sessionName,
    startUrl: settings.startUrl,
    region: settings.region,
    expiresAt: new Date(expiresAt),
    cachePath,
  });
  const cached = asCachedToken(await readCacheEntry(settings.cacheDir, key).catch(() => null));
  if (cached && !options.force && Date.parse(cached.expiresAt) - host.now().getTime() >= tokenExpiryWindowMs) return result('cached', cached.expiresAt);
  const client = oidcClientFor(settings);
  try {
    if (cached) {
      const refreshed = await refreshCachedToken(client, settings, cached, host.now(), signal);
      if (refreshed) {
        await store(settings, key, refreshed);
        return result('refreshed', refreshed.expiresAt);
      }
    }
    const useAuthCode = settings.sessionName !== null && !options.useDeviceCode;
    const wait = options.wait ?? waitSeconds;
    if (useAuthCode) {
      const callback = new LoopbackCallback();
      await callback.listen();
      try {
        const registration = await registrationFor(client, settings, { flow: 'authorization-code', redirectUri: loopbackRedirectUri }, host, signal);
        const response = await authCodeToken(client, settings, registration, callback, {
          now: () => host.now(),
          onPrompt: options.onPrompt,
          signal,
          callbackTimeoutMs: options.callbackTimeoutMs ?? defaultCallbackTimeoutMs,
        });
        const token = tokenToCache(settings, response, registration, host.now());
        await store(settings, key, token);
        return result('authorization-code', token.expiresAt);
      } finally {
        await callback.close();
      }
    }
    const registration = await registrationFor(client, settings, { flow: 'device-code' }, host, signal);
    const response = await deviceCodeToken(client, settings.startUrl, registration, { now: () => host.now(), wait, onPrompt: options.onPrompt, signal });
    const token = tokenToCache(settings, response, registration, host.now());
    await store(settings, key, token);
    return result('device-code', token.expiresAt);
  } catch (error) {
    throw signInFailure(error, signal, 'the sign-in');
  } finally {
    client.destroy();
  }
}

async function registrationFor(
  client: SSOOIDCClient,
  settings: SsoSettings,
  kind: Parameters<typeof clientRegistration>[2],
  host: HostEnvironment,
  signal: AbortSignal | undefined,
): Promise<CachedRegistration> {
  try {
    return await clientRegistration(client, settings, kind, host.now(), signal);
  } catch (error) {
    throw signInFailure(error, signal, 'the client registration');
  }
}
