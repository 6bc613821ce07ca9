import { CreateTokenCommand, type CreateTokenCommandOutput, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { oidcBaseUrl, signInFailure } from './oidc-client';
import type { SsoPrompt } from './prompt';
import { defaultAuthCodeScope } from './registration';
import { SsoLoginError } from './sso-errors';
import type { SsoSettings } from './sso-settings';
import type { CachedRegistration } from './token-cache';

/** The redirect URI the client is registered with; the port is added per sign-in (RFC 8252 §7.3). */
export const loopbackRedirectUri = 'http://127.0.0.1/oauth/callback';
/** How long the AWS CLI waits for the browser to come back (10 minutes). */
export const defaultCallbackTimeoutMs = 10 * 60 * 1000;
const verifierAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

/** A PKCE pair as the AWS CLI makes it: 64 unreserved characters, S256 challenge without padding. */
export function pkcePair(): { verifier: string; challenge: string } {
  let verifier = '';
  for (let i = 0; i < 64; i++) verifier += verifierAlphabet[randomInt(verifierAlphabet.length)];
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

const returnPage = (message: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>MemoryDB Credentials Doctor</title></head><body><p>${message}</p></body></html>`;

/** The loopback server that receives the browser's redirect, on 127.0.0.1 and a port the system picks. */
export class LoopbackCallback {
  private server: Server | null = null;
  private settle: ((outcome: { code: string; state: string } | { error: string }) => void) | null = null;
  private readonly outcome: Promise<{ code: string; state: string } | { error: string }>;
  port = 0;

  constructor() {
    this.outcome = new Promise((resolve) => (this.settle = resolve));
  }

  /** Starts listening. */
  async listen(): Promise<void> {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method !== 'GET' || url.pathname !== '/oauth/callback') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      }
      const code = url.searchParams.get('code');
      const state = url.searchParams.get('state');
      const error = url.searchParams.get('error');
      const signedIn = !error && code !== null && state !== null;
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
        .end(returnPage(signedIn ? 'Signed in. You can close this tab and return to the app.' : 'The sign-in did not complete. Return to the app.'));
      if (error) this.settle?.({ error });
      else if (code !== null && state !== null) this.settle?.({ code, state });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** The redirect URI with this server's port. */
  get redirectUri(): string {
    return `http://127.0.0.1:${this.port}/oauth/callback`;
  }

  /** Resolves with the code and state, or the error the browser brought back; rejects on timeout or cancel. */
  async result(timeoutMs: number, signal: AbortSignal | undefined): Promise<{ code: string; state: string } | { error: string }> {
    let timer: NodeJS.Timeout | undefined;
    let abort: (() => void) | undefined;
    const stop = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SsoLoginError('expired', 'The browser did not come back within 10 minutes. Start again.')), timeoutMs);
      abort = () => reject(new SsoLoginError('cancelled', 'Sign-in was cancelled.'));
      if (signal?.aborted) abort();
      signal?.addEventListener('abort', abort, { once: true });
    });
    try {
      return await Promise.race([this.outcome, stop]);
    } finally {
      clearTimeout(timer);
      if (abort) signal?.removeEventListener('abort', abort);
    }
  }

  /** Stops listening and drops any open connection. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** What the authorization code grant needs besides the client. */
export interface AuthCodeDeps {
  now(): Date;
  onPrompt(prompt: SsoPrompt): void | Promise<void>;
  signal: AbortSignal | undefined;
  callbackTimeoutMs: number;
}

/**
 * The authorization code grant with PKCE, as `aws sso login` runs it for sso-session
 * profiles: the /authorize URL on the OIDC endpoint with a random state and an S256
 * challenge, the browser's redirect to the loopback server, a state check, then
 * CreateToken with the code and the verifier.
 */
export async function authCodeToken(
  client: SSOOIDCClient,
  settings: SsoSettings,
  registration: CachedRegistration,
  callback: LoopbackCallback,
  deps: AuthCodeDeps,
): Promise<CreateTokenCommandOutput> {
  const { verifier, challenge } = pkcePair();
  const state = randomUUID();
  const scopes = registration.scopes?.length ? registration.scopes : [defaultAuthCodeScope];
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: registration.clientId,
    redirect_uri: callback.redirectUri,
    state,
    code_challenge_method: 'S256',
    scopes: scopes.join(' '),
    code_challenge: challenge,
  });
  const authorizeUrl = `${await oidcBaseUrl(client, settings)}/authorize?${query.toString()}`;
  await deps.onPrompt({
    flow: 'authorization-code',
    verificationUri: authorizeUrl,
    verificationUriComplete: authorizeUrl,
    userCode: null,
    expiresAt: new Date(deps.now().getTime() + deps.callbackTimeoutMs),
  });
  const answer = await callback.result(deps.callbackTimeoutMs, deps.signal);
  if ('error' in answer) {
    throw new SsoLoginError(
      answer.error === 'access_denied' ? 'denied' : 'rejected',
      answer.error === 'access_denied' ? 'The sign-in was denied in the browser.' : `The browser came back with the error "${answer.error}".`,
    );
  }
  if (answer.state !== state)
    throw new SsoLoginError('state-mismatch', 'The browser came back with a different state than this sign-in sent; nothing was accepted.');
  try {
    return await client.send(
      new CreateTokenCommand({
        grantType: 'authorization_code',
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        redirectUri: callback.redirectUri,
        codeVerifier: verifier,
        code: answer.code,
      }),
      { abortSignal: deps.signal },
    );
  } catch (error) {
    throw signInFailure(error, deps.signal, 'the authorization code');
  }
}
