import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ssoTokenKey } from '../profiles/sso-cache';

/**
 * The SSO cache the AWS CLI v2 keeps in ~/.aws/sso/cache, byte-compatible with it
 * (awscli/botocore/utils.py SSOTokenFetcher, SSOTokenFetcherAuth, SSOTokenLoader;
 * awscli/customizations/sso/utils.py `_sso_json_dumps`): one JSON file per token, named by
 * the sha1 of the sso-session name (or of the start URL for legacy profiles), and one per
 * client registration, named by the sha1 of Python's `json.dumps(..., sort_keys=True)` of
 * the registration's identity.
 */

/** A cached token, with the CLI's field names and order. */
export interface CachedSsoToken {
  startUrl: string;
  region: string;
  accessToken: string;
  /** UTC, 'YYYY-MM-DDTHH:MM:SSZ'. */
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

/** A cached client registration, as the CLI stores it. */
export interface CachedRegistration {
  clientId: string;
  clientSecret: string;
  /** UTC, 'YYYY-MM-DDTHH:MM:SSZ'. */
  expiresAt: string;
  scopes?: string[];
  /** Present for authorization-code registrations only; device-code ones never had it. */
  grantTypes?: string[];
}

/** The CLI's `_serialize_utc_timestamp`: whole seconds, a literal Z. */
export function formatCacheTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Cache key of a token: sha1 hex of the sso-session name, or of the start URL for legacy profiles. */
export function tokenCacheKey(startUrl: string, sessionName: string | null): string {
  return ssoTokenKey(sessionName ?? startUrl);
}

/** Python's json.dumps with its default separators and ensure_ascii, for the values a registration key holds. */
function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${pythonJson(key)}: ${pythonJson(item)}`).join(', ')}}`;
  }
  return String(value);
}

/** Cache key of a client registration (botocore `_registration_cache_key`). */
export function registrationCacheKey(input: { startUrl: string; region: string; scopes: string[] | null; sessionName: string | null }): string {
  const args = { tool: 'botocore', startUrl: input.startUrl, region: input.region, scopes: input.scopes, session_name: input.sessionName };
  return createHash('sha1').update(pythonJson(args), 'utf8').digest('hex');
}

/** Where a cache entry lives. */
export function cacheEntryPath(cacheDir: string, key: string): string {
  return join(cacheDir, `${key}.json`);
}

/** Reads a cache entry; null when it is missing or is not a JSON object. */
export async function readCacheEntry(cacheDir: string, key: string): Promise<Record<string, unknown> | null> {
  let text: string;
  try {
    text = await readFile(cacheEntryPath(cacheDir, key), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Writes a cache entry the way a reader never sees half of it: a 0600 temp file in the same
 * folder, synced, then renamed over the old one. The folder is created 0700 like the CLI's.
 */
export async function writeCacheEntry(cacheDir: string, key: string, value: CachedSsoToken | CachedRegistration): Promise<string> {
  await mkdir(cacheDir, { recursive: true, mode: 0o700 });
  const target = cacheEntryPath(cacheDir, key);
  const temp = join(cacheDir, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    try {
      await handle.chmod(0o600);
      await handle.writeFile(JSON.stringify(value), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await chmod(target, 0o600);
  return target;
}

function text(entry: Record<string, unknown>, key: string): string | undefined {
  const value = entry[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A cached token if the entry has the fields the CLI and SDKs need, else null. */
export function asCachedToken(entry: Record<string, unknown> | null): CachedSsoToken | null {
  if (!entry) return null;
  const startUrl = text(entry, 'startUrl');
  const region = text(entry, 'region');
  const accessToken = text(entry, 'accessToken');
  const expiresAt = text(entry, 'expiresAt');
  if (!accessToken || !expiresAt || Number.isNaN(Date.parse(expiresAt))) return null;
  const optional = (['clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken'] as const).flatMap((key) => {
    const value = text(entry, key);
    return value ? [[key, value] as const] : [];
  });
  return { startUrl: startUrl ?? '', region: region ?? '', accessToken, expiresAt, ...Object.fromEntries(optional) };
}

/** A cached registration if the entry has its three fields, else null. */
export function asCachedRegistration(entry: Record<string, unknown> | null): CachedRegistration | null {
  if (!entry) return null;
  const clientId = text(entry, 'clientId');
  const clientSecret = text(entry, 'clientSecret');
  const expiresAt = text(entry, 'expiresAt');
  if (!clientId || !clientSecret || !expiresAt || Number.isNaN(Date.parse(expiresAt))) return null;
  const list = (key: string) => (Array.isArray(entry[key]) ? (entry[key] as unknown[]).filter((v): v is string => typeof v === 'string') : undefined);
  const scopes = list('scopes');
  const grantTypes = list('grantTypes');
  return { clientId, clientSecret, expiresAt, ...(scopes ? { scopes } : {}), ...(grantTypes ? { grantTypes } : {}) };
}
