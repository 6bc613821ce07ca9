import { RegisterClientCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { asCachedRegistration, formatCacheTime, readCacheEntry, registrationCacheKey, writeCacheEntry, type CachedRegistration } from './token-cache';
import type { SsoSettings } from './sso-settings';

/** A registration closer than this to its expiry is replaced, as the AWS CLI does (15 minutes). */
export const registrationExpiryWindowMs = 15 * 60 * 1000;

/** The scope the AWS CLI asks for when the sso-session names none. */
export const defaultAuthCodeScope = 'sso:account:access';

/** How the client is registered: for the device code grant, or for the authorization code grant with a loopback redirect. */
export type RegistrationKind = { flow: 'device-code' } | { flow: 'authorization-code'; redirectUri: string };

function fitsFlow(registration: CachedRegistration, kind: RegistrationKind): boolean {
  const forAuthCode = registration.grantTypes?.includes('authorization_code') ?? false;
  return kind.flow === 'authorization-code' ? forAuthCode : !forAuthCode;
}

/** The AWS CLI's client name: the session name, or a timestamp for legacy profiles. */
function clientName(settings: SsoSettings, now: Date): string {
  return `botocore-client-${settings.sessionName ?? Math.floor(now.getTime() / 1000)}`;
}

/**
 * The client registration for this start URL, region, scopes and session: the cached one
 * while it is good for more than 15 minutes and fits the flow, else a new RegisterClient
 * that replaces it in the cache (the same file the AWS CLI reuses).
 */
export async function clientRegistration(
  client: SSOOIDCClient,
  settings: SsoSettings,
  kind: RegistrationKind,
  now: Date,
  signal: AbortSignal | undefined,
): Promise<CachedRegistration> {
  const key = registrationCacheKey(settings);
  const cached = asCachedRegistration(await readCacheEntry(settings.cacheDir, key));
  if (cached && Date.parse(cached.expiresAt) - now.getTime() >= registrationExpiryWindowMs && fitsFlow(cached, kind)) return cached;
  const scopes = kind.flow === 'authorization-code' ? (settings.scopes?.length ? settings.scopes : [defaultAuthCodeScope]) : settings.scopes;
  const grantTypes = kind.flow === 'authorization-code' ? ['authorization_code', 'refresh_token'] : undefined;
  const response = await client.send(
    new RegisterClientCommand({
      clientName: clientName(settings, now),
      clientType: 'public',
      ...(scopes && scopes.length > 0 ? { scopes } : {}),
      ...(kind.flow === 'authorization-code' ? { grantTypes, redirectUris: [kind.redirectUri], issuerUrl: settings.startUrl } : {}),
    }),
    { abortSignal: signal },
  );
  if (!response.clientId || !response.clientSecret || response.clientSecretExpiresAt === undefined) {
    throw new Error('RegisterClient answered without clientId, clientSecret or clientSecretExpiresAt.');
  }
  const registration: CachedRegistration = {
    clientId: response.clientId,
    clientSecret: response.clientSecret,
    expiresAt: formatCacheTime(new Date(response.clientSecretExpiresAt * 1000)),
    ...(scopes && scopes.length > 0 ? { scopes } : {}),
    ...(grantTypes ? { grantTypes } : {}),
  };
  await writeCacheEntry(settings.cacheDir, key, registration);
  return registration;
}
