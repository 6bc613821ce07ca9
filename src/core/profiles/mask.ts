import type { IniLineInfo } from '../aws-files/ini-lines';

/** Keys whose values are secrets: never shown, never sent to the renderer. */
export const secretKeys: ReadonlySet<string> = new Set(['aws_secret_access_key', 'aws_session_token', 'aws_security_token']);

/** Keys whose values are shown only masked. */
export const maskedKeys: ReadonlySet<string> = new Set(['aws_access_key_id']);

/** An access key id reduced to its first and last four characters: `AKIA…WXYZ`. */
export function maskKeyId(keyId: string): string {
  const trimmed = keyId.trim();
  if (trimmed.length <= 8) return '…'.padStart(Math.min(trimmed.length, 4) + 1, '•');
  return `${trimmed.slice(0, 4)}…${trimmed.slice(-4)}`;
}

/** A secret's stand-in: says only that something is there and how long it is. */
export function maskSecret(value: string): string {
  return `•••• (${value.length} characters)`;
}

/** Keys that may hold a secret: the known ones, and misspelt or unknown keys that sound like one. */
export function isSecretishKey(key: string): boolean {
  const bare = key.toLowerCase();
  return secretKeys.has(bare) || /secret|token|password|passwd/.test(bare) || (/key/.test(bare) && !maskedKeys.has(bare));
}

/** A value as it may be displayed: secrets hidden, key ids masked, everything else as is. */
export function displayValue(key: string, value: string): string {
  if (maskedKeys.has(key.toLowerCase())) return maskKeyId(value);
  if (isSecretishKey(key) || looksSecret(value)) return maskSecret(value);
  return value;
}

/**
 * A file line as it may be shown: the value of a secret key is replaced, the rest of the
 * line (key, spacing, comment) stays, so the user recognises it. Lines the scanner cannot
 * classify are shown only when they cannot hold a secret-looking token.
 */
export function maskLine(info: IniLineInfo): string {
  const text = info.line.text;
  if (info.kind === 'entry') {
    // Misspelt or unknown keys can hold a secret too (aws_secret_key, AWS_SESSION_TOKEN).
    return text.slice(0, info.valueStart) + displayValue(info.rawKey, info.value) + text.slice(info.valueEnd);
  }
  if (info.kind === 'other' || info.kind === 'comment') {
    return text.replace(/[A-Za-z0-9/+=]{16,}/g, (token) => (looksSecret(token) ? maskSecret(token) : token));
  }
  return text;
}

/** Long base64-ish tokens (secrets, session tokens) pasted where they do not belong. */
function looksSecret(raw: string): boolean {
  const value = raw.replace(/^["'\s]+|["'\s]+$/g, '');
  return /^[A-Za-z0-9/+=]{30,}$/.test(value) || /^(AKIA|ASIA)[A-Z0-9]{12,}/.test(value);
}
