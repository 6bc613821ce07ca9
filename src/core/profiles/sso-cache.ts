import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the cached SSO token says, without the token itself. */
export type SsoTokenState =
  | { status: 'missing'; path: string }
  | { status: 'unreadable'; path: string; reason: string }
  | { status: 'valid' | 'expiring' | 'expired'; path: string; expiresAt: Date; refreshable: boolean };

/** Within this much of its expiry a token counts as expiring (the SDK refreshes 5 minutes ahead). */
export const ssoExpiringWindowMs = 15 * 60 * 1000;

/**
 * The SDK's `getSSOTokenFilepath`: sha1 of the sso-session name (or, for legacy profiles,
 * of the start URL) under `~/.aws/sso/cache`.
 */
export function ssoTokenPath(cacheDir: string, id: string): string {
  return join(cacheDir, `${ssoTokenKey(id)}.json`);
}

/** The cache key of a token (the file name without `.json`): sha1 hex of the sso-session name, or of the start URL. */
export function ssoTokenKey(id: string): string {
  return createHash('sha1').update(id, 'utf8').digest('hex');
}

function isString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/**
 * Reads one cached token and classifies it against `now`. A token the SDK could refresh
 * (sso-session tokens carrying clientId, clientSecret, refreshToken and a live client
 * registration) is reported as refreshable.
 */
export async function readSsoToken(cacheDir: string, id: string, now: Date, viaSession: boolean): Promise<SsoTokenState> {
  const path = ssoTokenPath(cacheDir, id);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing', path };
    return { status: 'unreadable', path, reason: (error as Error).message };
  }
  let token: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { status: 'unreadable', path, reason: 'it is not a JSON object' };
    token = parsed as Record<string, unknown>;
  } catch {
    return { status: 'unreadable', path, reason: 'it is not valid JSON' };
  }
  if (!isString(token.accessToken)) return { status: 'unreadable', path, reason: 'it has no accessToken' };
  const expiresAt = isString(token.expiresAt) ? new Date(token.expiresAt) : null;
  if (expiresAt === null || Number.isNaN(expiresAt.getTime())) return { status: 'unreadable', path, reason: 'its expiresAt is missing or not a date' };
  const registrationExpiresAt = isString(token.registrationExpiresAt) ? new Date(token.registrationExpiresAt) : null;
  const refreshable =
    viaSession &&
    isString(token.clientId) &&
    isString(token.clientSecret) &&
    isString(token.refreshToken) &&
    (registrationExpiresAt === null || registrationExpiresAt.getTime() > now.getTime());
  const left = expiresAt.getTime() - now.getTime();
  const status = left <= 0 ? 'expired' : left <= ssoExpiringWindowMs ? 'expiring' : 'valid';
  return { status, path, expiresAt, refreshable };
}
