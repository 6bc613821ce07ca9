import type { JsonErrorStyle } from './wire';
import type { AccountKnobs } from './world';

/** Runtime-adjustable behaviour of the simulator. Per-account overrides live on each account. */
export interface SimulatorKnobs {
  /** Added delay before every answer, in ms. */
  latencyMs: number;
  /** Sustained requests per second (and burst size) before `Throttling` / `ThrottlingException`; 0 = unlimited. */
  throttlePerSecond: number;
  /** Probability (0–1) that a request fails with InternalFailure 500 or ServiceUnavailable 503. */
  faultRate: number;
  /** Delay before a newly created access key is recognised (IAM eventual consistency), in ms. */
  propagationDelayMs: number;
  /** Server clock minus true time, in ms. */
  clockOffsetMs: number;
  /** Answer like a non-AWS endpoint: XML MemoryDB errors, HTML 500 pages for unimplemented operations. */
  nonAws: boolean;
  /** Seed of the pseudo-random source used for fault injection. */
  seed: number;
  /** How awsJson errors name their type: `namespaced` __type, `bare` __type, or only the x-amzn-ErrorType header. */
  jsonErrorStyle: JsonErrorStyle;
  /**
   * Answers to lose, by operation name (`{ CreateAccessKey: 1 }`): the next N such requests
   * are carried out (IAM acts) and then the connection is destroyed before a byte of the
   * answer is sent, as when a network drops the reply. Counts down; replace the object to arm it.
   */
  dropAnswers: Readonly<Partial<Record<string, number>>>;
}

/** Defaults: a fast, faithful AWS. */
export const DEFAULT_KNOBS: SimulatorKnobs = {
  latencyMs: 0,
  throttlePerSecond: 0,
  faultRate: 0,
  propagationDelayMs: 0,
  clockOffsetMs: 0,
  nonAws: false,
  seed: 1,
  jsonErrorStyle: 'namespaced',
  dropAnswers: Object.freeze({}),
};

/** Validates knob values so a typo gives a clear message instead of odd behaviour. */
export function checkKnobs(knobs: Partial<SimulatorKnobs> | AccountKnobs): void {
  for (const [name, value] of Object.entries(knobs)) {
    if (value === undefined || typeof value === 'boolean') continue;
    if (name === 'jsonErrorStyle') {
      if (!['namespaced', 'bare', 'header-only'].includes(String(value)))
        throw new Error(`Simulator knob jsonErrorStyle must be namespaced, bare or header-only, got ${String(value)}.`);
      continue;
    }
    if (name === 'dropAnswers') {
      checkDropAnswers(value);
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`Simulator knob ${name} must be a finite number, got ${String(value)}.`);
    if (name === 'faultRate' && (value < 0 || value > 1)) throw new Error(`Simulator knob faultRate must be between 0 and 1, got ${value}.`);
    if (['latencyMs', 'throttlePerSecond', 'propagationDelayMs'].includes(name) && value < 0)
      throw new Error(`Simulator knob ${name} must not be negative, got ${value}.`);
  }
}

function checkDropAnswers(value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('Simulator knob dropAnswers must map operation names to counts, e.g. { "CreateAccessKey": 1 }.');
  for (const [operation, count] of Object.entries(value))
    if (!Number.isInteger(count) || (count as number) < 0)
      throw new Error(`Simulator knob dropAnswers.${operation} must be a whole number of answers to drop, got ${String(count)}.`);
}

/**
 * Takes one dropped answer for `operation`, from the account's knob if it arms one, else the
 * simulator's, and says whether this request's answer is to be lost.
 */
export function takeDroppedAnswer(
  global: Pick<SimulatorKnobs, 'dropAnswers'>,
  account: { dropAnswers?: SimulatorKnobs['dropAnswers'] },
  operation: string,
): boolean {
  for (const owner of [account, global]) {
    const left = owner.dropAnswers?.[operation] ?? 0;
    if (left > 0) {
      owner.dropAnswers = { ...owner.dropAnswers, [operation]: left - 1 };
      return true;
    }
  }
  return false;
}

/** mulberry32: a tiny seeded PRNG so fault sequences repeat from run to run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Token buckets per scope (the simulator, or one account): `limit` tokens of burst, refilled
 * at `limit` per second — the shape AWS's documented API rate limits take.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Takes a token if one is left and says whether the request may proceed. */
  admit(scope: string, limit: number, now: number): boolean {
    if (limit <= 0) return true;
    const bucket = this.buckets.get(scope) ?? { tokens: limit, at: now };
    bucket.tokens = Math.min(limit, bucket.tokens + ((now - bucket.at) / 1000) * limit);
    bucket.at = now;
    this.buckets.set(scope, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
