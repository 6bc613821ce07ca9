import type { Cause, Evidence, Fix, ProbeStatus, StepId } from '../../shared/model/diagnosis';
import type { AwsService } from '../aws/endpoints';
import type { CallResult, ClientFor } from '../aws/session';
import type { HostEnvironment } from '../host';
import type { FactKey, Facts } from './facts';

/** What a probe hands back: its status and verdict, evidence, fixes, any causes it names, and facts for later probes. */
export interface ProbeOutcome {
  status: ProbeStatus;
  verdict: string;
  evidence?: Evidence[];
  fixes?: Fix[];
  causes?: Cause[];
  facts?: Partial<Facts>;
}

/** What the runner gives a probe. */
export interface ProbeContext {
  /** Facts yielded so far; the probe's `needs` are guaranteed present. */
  readonly facts: Readonly<Partial<Facts>>;
  /** A needed fact (throws only if the probe forgot to declare it). */
  need<K extends FactKey>(key: K): Facts[K];
  /** Aborted on cancellation or when the probe's time is up; pass it on to every call. */
  readonly signal: AbortSignal;
  readonly host: HostEnvironment;
  /** Causes named by probes that finished so far (a probe sees those it declared it uses). */
  causesSoFar(): readonly Cause[];
  /** One AWS call with the run's credentials, recorded for evidence and for the critical path. */
  call<S extends AwsService, Output>(
    service: S,
    region: string,
    request: string,
    send: (client: ClientFor[S], options: { abortSignal: AbortSignal }) => Promise<Output>,
    /** `once`: the region is asked only this once, so its client is not kept for the run. */
    reuse?: 'keep' | 'once',
  ): Promise<CallResult<Output>>;
}

/**
 * One probe: a small module that declares what it needs and what it yields. The runner
 * starts it as soon as its inputs are settled; if a needed fact never came, it is skipped
 * with the reason, never silently passed.
 */
export interface ProbeDefinition {
  id: string;
  step: StepId;
  title: string;
  /** Facts that must exist for the probe to run. */
  needs: readonly FactKey[];
  /** Facts the probe reads when present; it waits for their producers but runs without them. */
  uses?: readonly FactKey[];
  yields: readonly FactKey[];
  /** Why the probe is skipped when a needed fact is missing, per fact (a generic reason otherwise). */
  skipReasons?: Partial<Record<FactKey, string>>;
  /**
   * An extra check (the policy simulator, which many users may not call): when it cannot
   * run but the rest of its step decided, the run still counts as decided.
   */
  optional?: true;
  /** Per-probe time limit; the runner's default applies when absent. */
  timeoutMs?: number;
  run(context: ProbeContext): Promise<ProbeOutcome>;
}

/** Declares a probe (an identity function that lets TypeScript check the shape). */
export function defineProbe(probe: ProbeDefinition): ProbeDefinition {
  return probe;
}
