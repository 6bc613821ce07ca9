/** What the person must do to approve a sign-in: open a page and, for the device code grant, confirm a code. */
export interface SsoPrompt {
  flow: 'device-code' | 'authorization-code';
  /** The page to open, as IAM Identity Center returned it (or the /authorize URL of the service's own endpoint). */
  verificationUri: string;
  /** The same page with the code filled in (device code); equal to verificationUri otherwise. */
  verificationUriComplete: string;
  /** The code to check on the page; null for the authorization code grant, which has none. */
  userCode: string | null;
  /** When the request stops being valid. */
  expiresAt: Date;
}

/** Waits `seconds`, or rejects when the signal aborts. */
export function waitSeconds(seconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, seconds * 1000);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}
