import { readdir, readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SsoPrompt } from '../../../src/core/sso/sign-in';
import { SsoLoginError } from '../../../src/core/sso/sso-errors';
import { registrationCacheKey } from '../../../src/core/sso/token-cache';
import { browserVisit, sessionName, ssoRegion, startSsoBench, startUrl, type SsoBench } from './sso-fixture';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

async function failure(run: Promise<unknown>): Promise<SsoLoginError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof SsoLoginError) return error;
    throw error;
  }
  throw new Error('expected the sign-in to fail');
}

describe('signing in to IAM Identity Center against the simulator', () => {
  let bench: SsoBench;
  /** Polling waits are counted, not slept: the test sees every interval the client asked for. */
  const waits: number[] = [];
  const wait = async (seconds: number, signal: AbortSignal | undefined) => {
    waits.push(seconds);
    if (signal?.aborted) throw signal.reason;
    await new Promise((resolve) => setImmediate(resolve));
  };

  beforeAll(async () => {
    bench = await startSsoBench();
  });
  afterAll(async () => bench.close());
  afterEach(async () => {
    waits.length = 0;
    bench.sim.sso.decision = 'pending';
    const { rm } = await import('node:fs/promises');
    await rm(bench.cacheDir, { recursive: true, force: true });
  });

  it('device code: shows the code, polls until approved, writes the CLI-shaped token file 0600 named by sha1 of the start URL', async () => {
    const prompts: SsoPrompt[] = [];
    const done = signIn({
      host: bench.host(),
      profile: 'legacy-dev',
      wait: async (seconds, signal) => {
        await wait(seconds, signal);
        if (waits.length === 2) bench.sim.sso.approve(prompts[0]!.userCode!);
      },
      onPrompt: (prompt) => void prompts.push(prompt),
    });
    const result = await done;
    expect(result.method).toBe('device-code');
    expect(prompts).toHaveLength(1);
    expect(prompts[0]!.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(prompts[0]!.verificationUri).toBe(`${bench.sim.endpoint}/device`);
    expect(waits).toEqual([1, 1]);
    const path = join(bench.cacheDir, `${sha1(startUrl)}.json`);
    expect(result.cachePath).toBe(path);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const token = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
    expect(Object.keys(token)).toEqual(['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt']);
    expect(token.startUrl).toBe(startUrl);
    expect(token.region).toBe(ssoRegion);
    expect(token.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(token.registrationExpiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(new Date(token.expiresAt).getTime()).toBe(result.expiresAt.getTime());
    expect(bench.sim.sso.accessTokens.has(token.accessToken!)).toBe(true);
  });

  it('device code: slow_down adds five seconds to the interval, then the approval signs in', async () => {
    let userCode = '';
    const result = await signIn({
      host: bench.host(),
      profile: 'legacy-dev',
      wait: async (seconds, signal) => {
        await wait(seconds, signal);
        if (waits.length === 1) bench.sim.sso.slowDown(userCode);
        if (waits.length === 2) bench.sim.sso.approve(userCode);
      },
      onPrompt: (prompt) => void (userCode = prompt.userCode!),
    });
    expect(result.method).toBe('device-code');
    expect(waits).toEqual([1, 6]);
  });

  it('device code: a denied request fails as denied and writes no token', async () => {
    const error = await failure(
      signIn({
        host: bench.host(),
        profile: 'legacy-dev',
        wait,
        onPrompt: (prompt) => bench.sim.sso.deny(prompt.userCode!),
      }),
    );
    expect(error.code).toBe('denied');
    expect(await readdir(bench.cacheDir).catch(() => [])).not.toContain(`${sha1(startUrl)}.json`);
  });

  it('device code: a code nobody approves in time fails as expired', async () => {
    const error = await failure(signIn({ host: bench.host(), profile: 'legacy-dev', wait, onPrompt: (prompt) => bench.sim.sso.expire(prompt.userCode!) }));
    expect(error.code).toBe('expired');
  });

  it('device code: cancelling while polling stops at once with a cancelled failure', async () => {
    const controller = new AbortController();
    const error = await failure(
      signIn({
        host: bench.host(),
        profile: 'legacy-dev',
        signal: controller.signal,
        wait: async (seconds, signal) => {
          controller.abort(new Error('Cancelled by the user.'));
          await wait(seconds, signal);
        },
        onPrompt: () => undefined,
      }),
    );
    expect(error.code).toBe('cancelled');
    expect(bench.sim.sso.pendingDeviceAuthorizations()).toHaveLength(1);
  });

  it('device code: the client registration is cached under the CLI key and reused by the next sign-in', async () => {
    const approve = (prompt: SsoPrompt) => bench.sim.sso.approve(prompt.userCode!);
    await signIn({ host: bench.host(), profile: 'legacy-dev', wait, onPrompt: approve, force: true });
    const clients = bench.sim.sso.clients.size;
    await signIn({ host: bench.host(), profile: 'legacy-dev', wait, onPrompt: approve, force: true });
    expect(bench.sim.sso.clients.size).toBe(clients);
    const key = registrationCacheKey({ startUrl, region: ssoRegion, scopes: null, sessionName: null });
    const registration = JSON.parse(await readFile(join(bench.cacheDir, `${key}.json`), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(registration)).toEqual(['clientId', 'clientSecret', 'expiresAt']);
  });

  it('authorization code with PKCE (sso-session): the browser redirect to the loopback signs in, file named by sha1 of the session name, with a refresh token', async () => {
    bench.sim.sso.decision = 'approve';
    let visited = 0;
    const result = await signIn({
      host: bench.host(),
      profile: 'session-dev',
      onPrompt: async (prompt) => {
        expect(prompt.flow).toBe('authorization-code');
        expect(prompt.userCode).toBeNull();
        const url = new URL(prompt.verificationUri);
        expect(url.origin + url.pathname).toBe(`${bench.sim.endpoint}/authorize`);
        expect(url.searchParams.get('code_challenge_method')).toBe('S256');
        expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
        expect(url.searchParams.get('scopes')).toBe('sso:account:access');
        // The browser runs on its own; the sign-in waits for its redirect.
        void browserVisit(prompt.verificationUri).then((status) => (visited = status));
      },
    });
    expect(result.method).toBe('authorization-code');
    expect(visited).toBe(200);
    const token = JSON.parse(await readFile(join(bench.cacheDir, `${sha1(sessionName)}.json`), 'utf8')) as Record<string, string>;
    expect(Object.keys(token)).toEqual(['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken']);
    const key = registrationCacheKey({ startUrl, region: ssoRegion, scopes: ['sso:account:access'], sessionName });
    const registration = JSON.parse(await readFile(join(bench.cacheDir, `${key}.json`), 'utf8')) as Record<string, unknown>;
    expect(registration.grantTypes).toEqual(['authorization_code', 'refresh_token']);
    expect(registration.scopes).toEqual(['sso:account:access']);
  });

  it('authorization code: a denial in the browser fails as denied', async () => {
    bench.sim.sso.decision = 'deny';
    const error = await failure(signIn({ host: bench.host(), profile: 'session-dev', onPrompt: (prompt) => void browserVisit(prompt.verificationUri) }));
    expect(error.code).toBe('denied');
  });

  it('authorization code: a browser that never comes back fails as expired; cancel fails as cancelled and frees the port', async () => {
    const expired = await failure(signIn({ host: bench.host(), profile: 'session-dev', callbackTimeoutMs: 50, onPrompt: () => undefined }));
    expect(expired.code).toBe('expired');
    const controller = new AbortController();
    let redirect = '';
    const cancelled = await failure(
      signIn({
        host: bench.host(),
        profile: 'session-dev',
        signal: controller.signal,
        onPrompt: (prompt) => {
          redirect = new URL(prompt.verificationUri).searchParams.get('redirect_uri')!;
          controller.abort(new Error('Cancelled by the user.'));
        },
      }),
    );
    expect(cancelled.code).toBe('cancelled');
    await expect(fetch(`${redirect}?code=x&state=y`)).rejects.toThrow();
  });

  it('authorization code: a redirect carrying another state is refused', async () => {
    const error = await failure(
      signIn({
        host: bench.host(),
        profile: 'session-dev',
        onPrompt: async (prompt) => {
          const redirect = new URL(prompt.verificationUri).searchParams.get('redirect_uri')!;
          void fetch(`${redirect}?code=stolen&state=not-ours`).then((r) => r.text());
        },
      }),
    );
    expect(error.code).toBe('state-mismatch');
  });

  it('refresh: an expired token with a refresh token is renewed without asking the person', async () => {
    bench.sim.sso.decision = 'approve';
    await signIn({ host: bench.host(), profile: 'session-dev', onPrompt: (prompt) => void browserVisit(prompt.verificationUri) });
    const path = join(bench.cacheDir, `${sha1(sessionName)}.json`);
    const before = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path, JSON.stringify({ ...before, expiresAt: '2020-01-01T00:00:00Z' }));
    const result = await signIn({
      host: bench.host(),
      profile: 'session-dev',
      onPrompt: () => {
        throw new Error('a refresh must not ask the person');
      },
    });
    expect(result.method).toBe('refreshed');
    const after = JSON.parse(await readFile(path, 'utf8')) as Record<string, string>;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.clientId).toBe(before.clientId);
    expect(new Date(after.expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('a profile without SSO settings fails as not-configured', async () => {
    const error = await failure(signIn({ host: bench.host(), profile: 'keys', onPrompt: () => undefined }));
    expect(error.code).toBe('not-configured');
    expect(error.message).toContain('sso_start_url');
  });
});
