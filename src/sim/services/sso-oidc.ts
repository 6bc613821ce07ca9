import type { ReceivedRequest } from '../sigv4';
import { mayRefresh, s256, type SsoDirectory } from '../sso-directory';
import type { WireResponse } from '../wire';

/**
 * IAM Identity Center OIDC (sso-oidc, rest-json, unsigned): RegisterClient, StartDeviceAuthorization,
 * CreateToken with the device_code, authorization_code (PKCE S256) and refresh_token grants, and the
 * un-modeled GET /authorize page of the authorization code grant. Errors carry the OAuth `error`
 * and `error_description` members and the shape name in x-amzn-ErrorType, as the SDK model
 * (@aws-sdk/client-sso-oidc errors) and RFC 8628 §3.5 describe them.
 */

type OAuthError =
  | 'AuthorizationPendingException'
  | 'SlowDownException'
  | 'ExpiredTokenException'
  | 'AccessDeniedException'
  | 'InvalidGrantException'
  | 'InvalidClientException'
  | 'InvalidRequestException'
  | 'UnsupportedGrantTypeException'
  | 'InvalidRedirectUriException';

const OAUTH_CODES: Record<OAuthError, [string, number]> = {
  AuthorizationPendingException: ['authorization_pending', 400],
  SlowDownException: ['slow_down', 400],
  ExpiredTokenException: ['expired_token', 400],
  AccessDeniedException: ['access_denied', 400],
  InvalidGrantException: ['invalid_grant', 400],
  InvalidClientException: ['invalid_client', 401],
  InvalidRequestException: ['invalid_request', 400],
  UnsupportedGrantTypeException: ['unsupported_grant_type', 400],
  InvalidRedirectUriException: ['invalid_redirect_uri', 400],
};

const OIDC_ROUTES: Readonly<Record<string, string>> = {
  'POST /client/register': 'RegisterClient',
  'POST /device_authorization': 'StartDeviceAuthorization',
  'POST /token': 'CreateToken',
};

function json(status: number, body: unknown, extra: Record<string, string> = {}): WireResponse {
  return { status, headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(body) };
}

function oauthError(name: OAuthError, description?: string): WireResponse {
  const [error, status] = OAUTH_CODES[name];
  return json(status, { error, ...(description ? { error_description: description } : {}) }, { 'x-amzn-ErrorType': name });
}

function parseBody(request: ReceivedRequest): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(request.body.toString('utf8') || '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** A loopback redirect matches a registered one whatever its port (RFC 8252 §7.3). */
function redirectAllowed(registered: readonly string[], redirectUri: string): boolean {
  try {
    const asked = new URL(redirectUri);
    return registered.some((entry) => {
      const allowed = new URL(entry);
      return allowed.protocol === asked.protocol && allowed.hostname === asked.hostname && allowed.pathname === asked.pathname;
    });
  } catch {
    return false;
  }
}

function page(status: number, text: string): WireResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<!DOCTYPE html><html><body><p>${text}</p></body></html>` };
}

/** Answers an SSO OIDC request, or null when the path is not one of its operations. */
export function ssoOidcResponse(directory: SsoDirectory, request: ReceivedRequest, now: number): { operation: string; response: WireResponse } | null {
  const route = `${request.method} ${request.path}`;
  if (route === 'GET /device')
    return { operation: 'DevicePage', response: page(200, 'Enter the code shown by the app (the simulator waits for a test to approve).') };
  if (route === 'GET /authorize') return { operation: 'Authorize', response: authorizePage(directory, request) };
  const operation = OIDC_ROUTES[route];
  if (!operation) return null;
  const body = parseBody(request);
  if (!body) return { operation, response: oauthError('InvalidRequestException', 'The request body is not a JSON object.') };
  return { operation, response: answer(directory, operation, body, now) };
}

function authorizePage(directory: SsoDirectory, request: ReceivedRequest): WireResponse {
  const query = (name: string) => {
    const value = request.query[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const client = directory.clients.get(query('client_id') ?? '');
  const redirectUri = query('redirect_uri') ?? '';
  if (!client || !client.grantTypes.includes('authorization_code')) return page(400, 'Unknown client.');
  if (!redirectAllowed(client.redirectUris, redirectUri)) return page(400, 'The redirect_uri is not registered for this client.');
  if (query('response_type') !== 'code' || query('code_challenge_method') !== 'S256' || !query('code_challenge')) {
    return page(400, 'response_type=code with an S256 code_challenge is required.');
  }
  const instance = client.issuerUrl ? directory.instanceFor(client.issuerUrl) : undefined;
  const target = new URL(redirectUri);
  const state = query('state');
  if (state !== undefined) target.searchParams.set('state', state);
  if (!instance || directory.decision === 'deny') {
    target.searchParams.set('error', 'access_denied');
    return { status: 302, headers: { location: target.toString() }, body: '' };
  }
  if (directory.decision === 'pending') return page(200, 'Sign in to continue (the simulator waits for a test to approve).');
  const code = directory.authorize(client.clientId, redirectUri, query('code_challenge')!, instance.startUrl);
  target.searchParams.set('code', code.code);
  return { status: 302, headers: { location: target.toString() }, body: '' };
}

function answer(directory: SsoDirectory, operation: string, body: Record<string, unknown>, now: number): WireResponse {
  if (operation === 'RegisterClient') {
    if (!str(body.clientName) || body.clientType !== 'public') return oauthError('InvalidRequestException', 'clientName and clientType=public are required.');
    const grantTypes = strings(body.grantTypes);
    const redirectUris = strings(body.redirectUris);
    if (grantTypes.includes('authorization_code') && redirectUris.length === 0) return oauthError('InvalidRedirectUriException', 'redirectUris are required.');
    const client = directory.registerClient({ grantTypes, redirectUris, scopes: strings(body.scopes), issuerUrl: str(body.issuerUrl) ?? null });
    return json(200, {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      clientIdIssuedAt: Math.floor(now / 1000),
      clientSecretExpiresAt: client.expiresAt,
    });
  }
  const client = directory.clients.get(str(body.clientId) ?? '');
  if (!client || client.clientSecret !== body.clientSecret) return oauthError('InvalidClientException', 'Invalid client credentials.');
  if (client.expiresAt * 1000 <= now) return oauthError('InvalidClientException', 'The client registration has expired.');
  if (operation === 'StartDeviceAuthorization') {
    const startUrl = str(body.startUrl) ?? '';
    if (!directory.instanceFor(startUrl)) return oauthError('InvalidRequestException', `The start URL ${startUrl} is not an IAM Identity Center portal here.`);
    const authorization = directory.startDeviceAuthorization(client.clientId, startUrl);
    const verificationUri = `${directory.baseUrl}/device`;
    return json(200, {
      deviceCode: authorization.deviceCode,
      userCode: authorization.userCode,
      verificationUri,
      verificationUriComplete: `${verificationUri}?user_code=${authorization.userCode}`,
      expiresIn: directory.authorizationSeconds,
      interval: directory.intervalSeconds,
    });
  }
  return createToken(directory, client, body, now);
}

function createToken(directory: SsoDirectory, client: NonNullable<ReturnType<SsoDirectory['clients']['get']>>, body: Record<string, unknown>, now: number) {
  const grantType = str(body.grantType);
  const issue = (startUrl: string) => {
    const instance = directory.instanceFor(startUrl);
    if (!instance) return oauthError('InvalidGrantException', 'The grant is no longer valid.');
    return json(200, { tokenType: 'Bearer', ...directory.issueToken(instance, client) });
  };
  if (grantType === 'urn:ietf:params:oauth:grant-type:device_code') {
    const authorization = directory.deviceAuthorizations.get(str(body.deviceCode) ?? '');
    if (!authorization || authorization.clientId !== client.clientId || authorization.state === 'used')
      return oauthError('InvalidGrantException', 'Invalid device code.');
    if (authorization.expiresAt <= now) return oauthError('ExpiredTokenException', 'The device code has expired.');
    if (authorization.slowDownNext) {
      authorization.slowDownNext = false;
      return oauthError('SlowDownException');
    }
    if (authorization.state === 'denied') return oauthError('AccessDeniedException', 'The user denied the request.');
    if (authorization.state === 'pending') return oauthError('AuthorizationPendingException');
    authorization.state = 'used';
    return issue(authorization.startUrl);
  }
  if (grantType === 'authorization_code') {
    const code = directory.authorizationCodes.get(str(body.code) ?? '');
    if (!code || code.used || code.clientId !== client.clientId) return oauthError('InvalidGrantException', 'Invalid authorization code.');
    if (code.expiresAt <= now) return oauthError('ExpiredTokenException', 'The authorization code has expired.');
    if (str(body.redirectUri) !== code.redirectUri) return oauthError('InvalidGrantException', 'redirectUri does not match the authorization request.');
    if (s256(str(body.codeVerifier) ?? '') !== code.codeChallenge)
      return oauthError('InvalidGrantException', 'Code verifier does not match the code challenge.');
    code.used = true;
    return issue(code.startUrl);
  }
  if (grantType === 'refresh_token') {
    if (!mayRefresh(client)) return oauthError('UnsupportedGrantTypeException', 'The client is not registered for refresh_token.');
    const refresh = directory.refreshTokens.get(str(body.refreshToken) ?? '');
    if (!refresh || refresh.revoked || refresh.clientId !== client.clientId) return oauthError('InvalidGrantException', 'Invalid refresh token.');
    // Rotation: a refresh token is used once and replaced.
    refresh.revoked = true;
    return issue(refresh.startUrl);
  }
  return oauthError('UnsupportedGrantTypeException', `Unsupported grant type ${grantType ?? '(none)'}.`);
}
