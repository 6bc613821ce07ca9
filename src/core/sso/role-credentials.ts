import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { CauseId } from '../../shared/model/diagnosis';
import type { HostEnvironment } from '../host';
import { oidcClientFor } from './oidc-client';
import { refreshCachedToken } from './sign-in';
import { SsoLoginError } from './sso-errors';
import { readSsoSettings } from './sso-settings';
import { BoundedHttpHandler } from '../aws/bounded-http-handler';
import { asCachedToken, cacheEntryPath, readCacheEntry, tokenCacheKey, writeCacheEntry } from './token-cache';

/** The SDK refreshes an SSO token within five minutes of its end (token-providers fromSso). */
const sdkRefreshWindowMs = 5 * 60 * 1000;

/** What the SSO link of the chain produced: credentials, or why not with the cause it means. */
export type SsoLinkOutcome = { credentials: AwsCredentialIdentity } | { failure: string; cause: CauseId };

/**
 * The SDK's fromSSO, reading the token cache of the host (its HOME) instead of this
 * process's: the cached token (refreshed as the SDK would when it is about to end and can be),
 * then GetRoleCredentials on the portal. Also says what the SDK cannot: a cached session
 * signed in for another start URL or region than the profile now names, and a role the
 * person is not assigned.
 */
export async function ssoRoleCredentials(host: HostEnvironment, profile: string, signal?: AbortSignal): Promise<SsoLinkOutcome> {
  let settings;
  try {
    settings = await readSsoSettings(host, profile);
  } catch (error) {
    if (error instanceof SsoLoginError) return { failure: error.message, cause: 'credentials.unresolvable' };
    throw error;
  }
  if (!settings.accountId || !settings.roleName) {
    return {
      failure: `Profile ${profile} is configured with invalid SSO credentials: sso_account_id and sso_role_name are required.`,
      cause: 'credentials.unresolvable',
    };
  }
  const key = tokenCacheKey(settings.startUrl, settings.sessionName);
  const path = cacheEntryPath(settings.cacheDir, key);
  const login = `run mdb-doctor sso login --profile ${profile} (or aws sso login --profile ${profile})`;
  let token = asCachedToken(await readCacheEntry(settings.cacheDir, key).catch(() => null));
  if (!token) return { failure: `No cached SSO token at ${path}: this profile has not signed in on this machine; ${login}.`, cause: 'credentials.sso-expired' };
  if (token.startUrl && token.startUrl !== settings.startUrl) {
    return {
      failure: `The cached SSO session was signed in at ${token.startUrl}, but the profile now says sso_start_url = ${settings.startUrl}; check the start URL, then sign in again.`,
      cause: 'credentials.sso-mismatch',
    };
  }
  if (token.region && token.region !== settings.region) {
    return {
      failure: `The cached SSO session was signed in to IAM Identity Center in ${token.region}, but the profile says sso_region = ${settings.region}; the portal there does not know the token.`,
      cause: 'credentials.sso-mismatch',
    };
  }
  if (Date.parse(token.expiresAt) - host.now().getTime() < sdkRefreshWindowMs && settings.sessionName !== null) {
    const client = oidcClientFor(settings);
    try {
      const refreshed = await refreshCachedToken(client, settings, token, host.now(), signal);
      if (refreshed) {
        await writeCacheEntry(settings.cacheDir, key, refreshed);
        token = refreshed;
      }
    } finally {
      client.destroy();
    }
  }
  if (Date.parse(token.expiresAt) <= host.now().getTime()) {
    return {
      failure: `The SSO session associated with this profile expired at ${token.expiresAt} and cannot be refreshed; ${login}.`,
      cause: 'credentials.sso-expired',
    };
  }
  const portal = new SSOClient({
    region: settings.region,
    ...(settings.portalEndpoint ? { endpoint: settings.portalEndpoint } : {}),
    customUserAgent: 'mdb-doctor',
    requestHandler: new BoundedHttpHandler({ proxyEnv: settings.proxyEnv }),
  });
  try {
    const { roleCredentials } = await portal.send(
      new GetRoleCredentialsCommand({ accessToken: token.accessToken, accountId: settings.accountId, roleName: settings.roleName }),
      { abortSignal: signal },
    );
    if (!roleCredentials?.accessKeyId || !roleCredentials.secretAccessKey)
      return { failure: 'GetRoleCredentials answered without credentials.', cause: 'credentials.unresolvable' };
    return {
      credentials: {
        accessKeyId: roleCredentials.accessKeyId,
        secretAccessKey: roleCredentials.secretAccessKey,
        sessionToken: roleCredentials.sessionToken,
        expiration: roleCredentials.expiration ? new Date(roleCredentials.expiration) : undefined,
      },
    };
  } catch (error) {
    if (signal?.aborted) throw error;
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    if (name === 'UnauthorizedException') {
      return { failure: `IAM Identity Center does not accept the cached token (${name}: ${message}); ${login}.`, cause: 'credentials.sso-expired' };
    }
    if (name === 'ForbiddenException') {
      return {
        failure: `IAM Identity Center refused role ${settings.roleName} in account ${settings.accountId} (${name}: ${message}): the SSO user is not assigned it.`,
        cause: 'credentials.sso-role-unassigned',
      };
    }
    return { failure: `GetRoleCredentials failed (${name}: ${message}).`, cause: 'credentials.unresolvable' };
  } finally {
    portal.destroy();
  }
}
