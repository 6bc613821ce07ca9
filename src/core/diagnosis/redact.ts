import { maskKeyId } from '../profiles/mask';

/** Longest string the redactor scans; the rest is cut before any pattern runs, so a huge body costs nothing. */
export const maxRedactedChars = 8_192;

const redacted = '[redacted]';
const keyIdPattern = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;
// One character of a base64 secret, written plainly or URL-encoded (%2F is '/', %2B is '+', %3D is '=').
const secretChar = String.raw`(?:[A-Za-z0-9/+]|%2[FfBb])`;
const tokenChar = String.raw`(?:[A-Za-z0-9/+=]|%2[FfBb]|%3[Dd])`;
// A run of 40 base64 characters standing alone is what a secret access key looks like, after
// `=` or `&` too; 100 or more is a session token. ARNs, request ids and dates never match
// (they hold ':' or '-').
const secretPattern = new RegExp(String.raw`(?<![A-Za-z0-9/+%])${secretChar}{40}(?!${secretChar}|=)`, 'g');
const tokenPattern = new RegExp(`${tokenChar}{100,}`, 'g');
// A value after a name that says it is secret, in every form it is written in: `name=value`,
// `name: value` (headers, YAML), `"name": "value"` (JSON, escaped inside a string too), `name%3Dvalue` (URL-encoded), and
// `--name value` / `--name=value` on a command line.
// The name must end in the secret word (SecretAccessKey, X-Amz-Security-Token, --password), so
// `--global-endpoint-token-version v2Token` or `ExpiredTokenException: …` stay readable.
const secretName = String.raw`[\w.-]*(?:secret|token|password|passwd|signature|secret[_-]?access[_-]?key|secret[_-]?key)(?![\w.-])`;
const namedValuePattern = new RegExp(String.raw`(${secretName}(?:\\?")?\s*(?:=|:|%3[Dd])\s*(?:\\?")?)([^\s"'&,;}<>\\]+)`, 'gi');
const flagValuePattern = new RegExp(String.raw`(--${secretName}\s+)([^\s"'-][^\s"']*)`, 'gi');
// `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` up to the end of the line.
const authorizationPattern = /(authorization"?\s*[:=]\s*"?)[^\r\n"]+/gi;

function looksRandom(value: string): boolean {
  const decoded = value.replace(/%2[Ff]/g, '/').replace(/%2[Bb]/g, '+');
  return /[a-z]/.test(decoded) && /[A-Z]/.test(decoded) && /[0-9/+]/.test(decoded);
}

/** A value worth hiding after a secret's name: not a plain word of prose ("ExpiredToken: The security token …"). */
function looksLikeValue(value: string): boolean {
  if (value === redacted || value.length < 6) return false;
  return /[0-9/+=%]/.test(value) || (/[a-z]/.test(value) && /[A-Z]/.test(value.slice(1)));
}

/** Cuts text to the scanned length, dropping a token cut in half so no partial secret survives. */
function bounded(value: string): string {
  if (value.length <= maxRedactedChars) return value;
  const head = value.slice(0, maxRedactedChars).replace(/[A-Za-z0-9/+=%]+$/, '');
  return `${head}… [${value.length - head.length} more characters not shown]`;
}

/**
 * Removes secrets from anything that leaves the main process (events, reports, exports,
 * logs): the run's own secret key and session token wherever they appear, full key ids
 * masked to `AKIA…WXYZ`, the value of anything named a secret, token, password or
 * signature, and anything shaped like a secret or a token. Text is cut to a few KB first.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Adds values that must never appear (a secret key, a session token), as written and URL-encoded. */
  add(...values: Array<string | undefined | null>): void {
    for (const value of values) {
      if (!value || value.length < 8) continue;
      this.secrets.add(value);
      // Encoded once here, not for every string redacted: a session token is a thousand characters.
      this.secrets.add(encodeURIComponent(value));
    }
  }

  /** A string with every secret removed. */
  text(value: string): string {
    let out = bounded(value);
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(redacted);
    return out
      .replace(authorizationPattern, `$1${redacted}`)
      .replace(namedValuePattern, (match, name: string, secret: string) => (looksLikeValue(secret) ? `${name}${redacted}` : match))
      .replace(flagValuePattern, `$1${redacted}`)
      .replace(tokenPattern, redacted)
      .replace(secretPattern, (match) => (looksRandom(match) ? redacted : match))
      .replace(keyIdPattern, (match) => maskKeyId(match));
  }

  /** A deep copy of plain data with every string redacted. */
  deep<T>(value: T): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) return value.map((item: unknown) => this.deep(item)) as T;
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, this.deep(inner)])) as T;
    }
    return value;
  }
}
