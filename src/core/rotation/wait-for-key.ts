import type { AccessKey, AwsClientFactory, AwsPlace } from './aws-access';
import { callerIdentity } from './aws-access';
import { classifyAwsError, awsErrorLine, isWorthRetrying } from './aws-errors';

/** How long to wait for a new key to work: exponential backoff, capped per wait and in total. */
export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** The whole wait, counting every attempt; after it the key is declared not working. */
  maxWaitMs: number;
}

/**
 * Defaults from tool practice, since AWS publishes no number for IAM propagation
 * (docs/aws-behaviour.md §4): aws-vault waits up to 20 s, aws-rotate-key warns "it may take a minute".
 */
export const defaultBackoff: BackoffOptions = { initialDelayMs: 1_000, maxDelayMs: 8_000, maxWaitMs: 60_000 };

/** Sleeps, waking early (with a rejection) when the signal aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The real timer. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** The result of waiting for a key. */
export type KeyWaitResult =
  { ok: true; attempts: number; waitedMs: number } | { ok: false; attempts: number; waitedMs: number; reason: string; wrongUser: boolean };

/**
 * Polls sts:GetCallerIdentity with exactly `key` until it answers with `expectedArn`, backing
 * off while IAM propagates the key (InvalidClientTokenId), throttles, or has an outage. An
 * answer for another identity stops at once: that key must never replace the user's.
 */
export async function waitForKey(options: {
  clients: AwsClientFactory;
  place: AwsPlace;
  key: AccessKey;
  expectedArn: string;
  backoff: BackoffOptions;
  sleep: Sleep;
  now: () => number;
  signal?: AbortSignal;
  onRetry?: (attempt: number, reason: string, delayMs: number) => void;
}): Promise<KeyWaitResult> {
  const started = options.now();
  let delay = options.backoff.initialDelayMs;
  for (let attempt = 1; ; attempt += 1) {
    let reason: string;
    try {
      const identity = await callerIdentity(options.clients, options.place, options.key, options.signal);
      const waitedMs = options.now() - started;
      if (identity.arn === options.expectedArn) return { ok: true, attempts: attempt, waitedMs };
      return { ok: false, attempts: attempt, waitedMs, wrongUser: true, reason: `the key answers as ${identity.arn}, not ${options.expectedArn}` };
    } catch (error) {
      reason = awsErrorLine(error);
      if (classifyAwsError(error) === 'aborted' || options.signal?.aborted || !isWorthRetrying(error)) {
        return { ok: false, attempts: attempt, waitedMs: options.now() - started, wrongUser: false, reason };
      }
    }
    const waitedMs = options.now() - started;
    if (waitedMs + delay > options.backoff.maxWaitMs) {
      return {
        ok: false,
        attempts: attempt,
        waitedMs,
        wrongUser: false,
        reason: `still failing after ${attempt} attempts over ${Math.round(waitedMs / 100) / 10} s: ${reason}`,
      };
    }
    options.onRetry?.(attempt, reason, delay);
    try {
      await options.sleep(delay, options.signal);
    } catch {
      return { ok: false, attempts: attempt, waitedMs: options.now() - started, wrongUser: false, reason: 'cancelled while waiting for the key' };
    }
    delay = Math.min(delay * 2, options.backoff.maxDelayMs);
  }
}
