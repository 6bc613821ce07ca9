import { maskKeyId } from '../profiles/mask';

const keyIdPattern = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;
// A run of 40 base64 characters standing alone is what a secret access key looks like;
// 100 or more is a session token. ARNs, request ids and dates never match (they hold ':' or '-').
const secretPattern = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const tokenPattern = /[A-Za-z0-9/+=]{100,}/g;

function looksRandom(value: string): boolean {
  return /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9/+]/.test(value);
}

/**
 * Removes secrets from anything that leaves the main process (events, reports, exports,
 * logs): the run's own secret key and session token wherever they appear, full key ids
 * masked to `AKIA…WXYZ`, and anything shaped like a secret or a token.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Adds values that must never appear (a secret key, a session token). */
  add(...values: Array<string | undefined | null>): void {
    for (const value of values) if (value && value.length >= 8) this.secrets.add(value);
  }

  /** A string with every secret removed. */
  text(value: string): string {
    let out = value;
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    return out
      .replace(tokenPattern, '[redacted]')
      .replace(secretPattern, (match) => (looksRandom(match) ? '[redacted]' : match))
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
