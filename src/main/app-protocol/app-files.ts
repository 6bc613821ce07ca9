import { realpath, readFile, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { contentSecurityPolicy } from '../../shared/security/csp';
import { contentTypes } from '../../shared/web/content-types';

/** The privileged scheme the renderer is served from, never file://, whose pages share an origin with every local file. */
export const appScheme = 'app';
/** The one host of that scheme: with it, the app's origin is `app://doctor`. */
const appHost = 'doctor';
/** The page the main window loads. */
export const appPageUrl = `${appScheme}://${appHost}/index.html`;

/** What the scheme handler answers: a status, its headers (the CSP on every one) and a body. */
export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

const baseHeaders = { 'Content-Security-Policy': contentSecurityPolicy, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };

function answer(status: number, body?: Buffer, contentType = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): AppResponse {
  const text = status === 404 ? 'Not found' : 'Method not allowed';
  return { status, headers: { ...baseHeaders, 'Content-Type': contentType, ...extra }, body: body ?? Buffer.from(text) };
}

/** True when `url` is on the app's origin (scheme and host), whatever its path. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}

/**
 * The URL's path as file-name segments, or null when any segment could step outside the
 * folder: `.`/`..` (also percent-encoded), an encoded `/` or `\`, a raw backslash, NUL,
 * a drive letter or other colon, or an empty segment (`//`, which would make it absolute).
 */
function safeSegments(rawPath: string): string[] | null {
  if (rawPath.includes('\\')) return null;
  const segments = rawPath.replace(/^\//, '').split('/');
  const decoded: string[] = [];
  for (const segment of segments) {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (name === '' || name === '.' || name === '..' || /[/\\\0:]/.test(name)) return null;
    decoded.push(name);
  }
  return decoded;
}

/** The path part of the request URL exactly as sent, before any dot-segment clean-up. */
function rawPathOf(url: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)?/i.exec(url);
  if (!match) return null;
  return match[1] ?? '/';
}

/**
 * Answers one request for the app scheme from the built renderer folder: GET or HEAD of a
 * file inside `rendererDir` (after following symlinks) with its Content-Type; 404 for
 * anything else, including every path that tries to leave the folder; the CSP on every answer.
 */
export async function resolveAppRequest(rendererDir: string, url: string, method = 'GET'): Promise<AppResponse> {
  if (!isAppUrl(url)) return answer(404);
  if (method !== 'GET' && method !== 'HEAD') return answer(405, undefined, undefined, { Allow: 'GET, HEAD' });
  const rawPath = rawPathOf(url);
  const segments = rawPath === '/' ? ['index.html'] : rawPath === null ? null : safeSegments(rawPath);
  if (!segments) return answer(404);
  try {
    const root = await realpath(rendererDir);
    const file = await realpath(join(root, ...segments));
    if (!file.startsWith(root + sep) || !(await stat(file)).isFile()) return answer(404);
    const contentType = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const body = method === 'HEAD' ? Buffer.alloc(0) : await readFile(file);
    return answer(200, body, contentType);
  } catch {
    return answer(404);
  }
}
