/**
 * Why a sign-in did not end signed in. The codes are part of the IPC contract and the CLI's
 * output, so the page and scripts can react without parsing messages.
 */
export type SsoFailureCode =
  /** The profile has no SSO settings, or they are incomplete. */
  | 'not-configured'
  /** The person (or their organisation's policy) refused the request. */
  | 'denied'
  /** The code or the browser step was not completed in time. */
  | 'expired'
  /** Cancelled from the app or with Ctrl-C. */
  | 'cancelled'
  /** The browser came back with a different state: possibly another site's request. */
  | 'state-mismatch'
  /** IAM Identity Center refused the start URL, the region or the client. */
  | 'rejected'
  /** IAM Identity Center could not be reached or answered with a fault. */
  | 'unreachable'
  /** The token could not be written to the SSO cache. */
  | 'cache-write';

/** A typed sign-in failure; its message never holds a token or a client secret. */
export class SsoLoginError extends Error {
  constructor(
    readonly code: SsoFailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'SsoLoginError';
  }
}
