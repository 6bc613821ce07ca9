import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * IAM Identity Center as the simulator keeps it: instances (a start URL in a home region,
 * with users' account and role assignments), registered OIDC clients, pending device and
 * browser authorizations, and the tokens issued. Tests drive the person's side through
 * `approve`, `deny`, `expire` and `slowDown`, or answer every request with `decision`.
 */

/** An account + permission set a person may sign in to; `roleName` is the permission set's name. */
export interface SsoAssignment {
  accountId: string;
  accountName: string;
  roleName: string;
  /** The IAM role in the account that GetRoleCredentials sessions act as (AWSReservedSSO_...). */
  iamRoleName: string;
}

/** One IAM Identity Center instance. */
export interface SsoInstance {
  startUrl: string;
  region: string;
  userName: string;
  assignments: SsoAssignment[];
  /** Lifetime of access tokens, in seconds (AWS: the session duration, default 8 hours; 1 hour for access tokens). */
  accessTokenSeconds: number;
}

/** A registered OIDC client. */
export interface SsoClient {
  clientId: string;
  clientSecret: string;
  expiresAt: number;
  grantTypes: string[];
  redirectUris: string[];
  scopes: string[];
  issuerUrl: string | null;
}

/** What happens to a pending request when the person acts (or the test says so). */
export type SsoDecision = 'pending' | 'approve' | 'deny';

/** A device authorization waiting for the person. */
export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  startUrl: string;
  expiresAt: number;
  state: 'pending' | 'approved' | 'denied' | 'used';
  /** The next poll answers slow_down once. */
  slowDownNext: boolean;
}

/** An authorization code handed to a loopback redirect. */
export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  startUrl: string;
  expiresAt: number;
  used: boolean;
}

/** An access token the portal accepts. */
export interface SsoAccessToken {
  startUrl: string;
  region: string;
  expiresAt: number;
}

/** A refresh token and what it refreshes. */
export interface SsoRefreshToken {
  clientId: string;
  startUrl: string;
  revoked: boolean;
}

const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

function userCode(): string {
  const bytes = randomBytes(8);
  const letters = [...bytes].map((b) => USER_CODE_ALPHABET[b % USER_CODE_ALPHABET.length]).join('');
  return `${letters.slice(0, 4)}-${letters.slice(4)}`;
}

/** The simulator's IAM Identity Center. */
export class SsoDirectory {
  readonly instances: SsoInstance[] = [];
  readonly clients = new Map<string, SsoClient>();
  readonly deviceAuthorizations = new Map<string, DeviceAuthorization>();
  readonly authorizationCodes = new Map<string, AuthorizationCode>();
  readonly accessTokens = new Map<string, SsoAccessToken>();
  readonly refreshTokens = new Map<string, SsoRefreshToken>();
  /** How the person answers the browser page for the authorization code grant, and new device codes. */
  decision: SsoDecision = 'pending';
  /** Seconds a device code or an authorization code stays valid (AWS: 600). */
  authorizationSeconds = 600;
  /** Polling interval StartDeviceAuthorization asks for (AWS: 1 second). */
  intervalSeconds = 1;
  /** The simulator's base URL, for the verification pages it hands out; set when it listens. */
  baseUrl = 'http://127.0.0.1';

  constructor(private readonly now: () => number) {}

  /** Adds an instance; one start URL belongs to one instance. */
  addInstance(instance: Omit<SsoInstance, 'accessTokenSeconds'> & Partial<Pick<SsoInstance, 'accessTokenSeconds'>>): SsoInstance {
    const full: SsoInstance = { accessTokenSeconds: 3600, ...instance };
    this.instances.push(full);
    return full;
  }

  /** The instance of a start URL (trailing slashes and case of the host do not matter, as in AWS). */
  instanceFor(startUrl: string): SsoInstance | undefined {
    const normal = (url: string) => url.replace(/\/+$/, '').replace(/^https?:\/\/[^/]+/i, (origin) => origin.toLowerCase());
    return this.instances.find((instance) => normal(instance.startUrl) === normal(startUrl));
  }

  /** Registers a client (RegisterClient): secrets last 90 days, as AWS's do. */
  registerClient(input: { grantTypes: string[]; redirectUris: string[]; scopes: string[]; issuerUrl: string | null }): SsoClient {
    const client: SsoClient = {
      clientId: randomBytes(16).toString('base64url'),
      clientSecret: 'eyJraWQiOiJrZXktMTU2' + randomBytes(96).toString('base64url'),
      expiresAt: Math.floor(this.now() / 1000) + 90 * 86_400,
      ...input,
    };
    this.clients.set(client.clientId, client);
    return client;
  }

  /** A new device authorization in the current `decision`. */
  startDeviceAuthorization(clientId: string, startUrl: string): DeviceAuthorization {
    const authorization: DeviceAuthorization = {
      deviceCode: randomBytes(32).toString('base64url'),
      userCode: userCode(),
      clientId,
      startUrl,
      expiresAt: this.now() + this.authorizationSeconds * 1000,
      state: this.decision === 'approve' ? 'approved' : this.decision === 'deny' ? 'denied' : 'pending',
      slowDownNext: false,
    };
    this.deviceAuthorizations.set(authorization.deviceCode, authorization);
    return authorization;
  }

  private pick(userCode: string | undefined): DeviceAuthorization {
    const pending = [...this.deviceAuthorizations.values()].filter((a) => a.state === 'pending' && (userCode === undefined || a.userCode === userCode));
    const found = pending.at(-1);
    if (!found) throw new Error(userCode ? `No pending device authorization with code ${userCode}.` : 'No pending device authorization.');
    return found;
  }

  /** The person approves the code (the latest pending one by default). */
  approve(userCode?: string): void {
    this.pick(userCode).state = 'approved';
  }

  /** The person denies the code. */
  deny(userCode?: string): void {
    this.pick(userCode).state = 'denied';
  }

  /** The code runs out before anyone acts. */
  expire(userCode?: string): void {
    this.pick(userCode).expiresAt = this.now() - 1;
  }

  /** The next poll for the code answers slow_down. */
  slowDown(userCode?: string): void {
    this.pick(userCode).slowDownNext = true;
  }

  /** Device authorizations still waiting for the person. */
  pendingDeviceAuthorizations(): DeviceAuthorization[] {
    return [...this.deviceAuthorizations.values()].filter((a) => a.state === 'pending' && a.expiresAt > this.now());
  }

  /** Issues an access token (and a refresh token when the client may refresh). */
  issueToken(instance: SsoInstance, client: SsoClient): { accessToken: string; expiresIn: number; refreshToken?: string } {
    const accessToken = 'aoa' + randomBytes(96).toString('base64url');
    this.accessTokens.set(accessToken, { startUrl: instance.startUrl, region: instance.region, expiresAt: this.now() + instance.accessTokenSeconds * 1000 });
    if (!mayRefresh(client)) return { accessToken, expiresIn: instance.accessTokenSeconds };
    const refreshToken = 'aor' + randomBytes(96).toString('base64url');
    this.refreshTokens.set(refreshToken, { clientId: client.clientId, startUrl: instance.startUrl, revoked: false });
    return { accessToken, expiresIn: instance.accessTokenSeconds, refreshToken };
  }

  /** A refresh token for a client, as if an earlier sign-in had returned it (for cache fixtures). */
  mintRefreshToken(client: SsoClient, startUrl: string): string {
    const refreshToken = 'aor' + randomBytes(96).toString('base64url');
    this.refreshTokens.set(refreshToken, { clientId: client.clientId, startUrl, revoked: false });
    return refreshToken;
  }

  /** An access token that has already run out (for "expired" fixtures). */
  mintAccessToken(startUrl: string, region: string, expiresAt: number): string {
    const accessToken = 'aoa' + randomBytes(96).toString('base64url');
    this.accessTokens.set(accessToken, { startUrl, region, expiresAt });
    return accessToken;
  }

  /** The browser step of the authorization code grant: a code for the redirect, or null when the person denies. */
  authorize(clientId: string, redirectUri: string, codeChallenge: string, startUrl: string): AuthorizationCode {
    const code: AuthorizationCode = {
      code: randomUUID(),
      clientId,
      redirectUri,
      codeChallenge,
      startUrl,
      expiresAt: this.now() + this.authorizationSeconds * 1000,
      used: false,
    };
    this.authorizationCodes.set(code.code, code);
    return code;
  }
}

/** RFC 7636 S256: base64url(sha256(verifier)) without padding. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** Refresh tokens go to clients registered with scopes or the refresh_token grant (sso-session sign-ins); legacy ones get none. */
export function mayRefresh(client: SsoClient): boolean {
  return client.grantTypes.includes('refresh_token') || client.scopes.length > 0;
}
