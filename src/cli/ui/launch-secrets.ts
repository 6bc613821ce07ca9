import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh 256-bit random secret, URL-safe. */
function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares two secrets in constant time (by their digests, so lengths leak nothing either). */
function sameSecret(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * The secrets of one `mdb-doctor ui` launch: the token printed once in the URL, and the
 * session the browser holds as a cookie after trading the token in. The token works once,
 * so a URL left in a terminal's scrollback or a shell history is worth nothing later.
 */
export class LaunchSecrets {
  readonly token = randomSecret();
  private readonly session = randomSecret();
  private redeemed = false;

  /** Trades the printed token for the session secret; null when wrong or already used. */
  redeem(candidate: string | null): string | null {
    if (this.redeemed || !sameSecret(candidate, this.token)) return null;
    this.redeemed = true;
    return this.session;
  }

  /** Whether a cookie value is this launch's session. */
  isSession(candidate: string | undefined): boolean {
    return sameSecret(candidate, this.session);
  }
}
