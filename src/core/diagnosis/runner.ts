import { setMaxListeners } from 'node:events';
import type { Cause, ProbeResult } from '../../shared/model/diagnosis';
import type { AwsService } from '../aws/endpoints';
import type { ClientFor } from '../aws/session';
import type { HostEnvironment } from '../host';
import { factDescriptions, type FactKey, type Facts } from './facts';
import type { ProbeContext, ProbeDefinition, ProbeOutcome } from './probe';

/** How a run is driven and observed. */
export interface RunnerOptions {
  signal: AbortSignal;
  host: HostEnvironment;
  /** Time limit for a probe that declares none. */
  defaultTimeoutMs: number;
  onProbeStarted?(probe: ProbeDefinition): void;
  /** Called with the facts as they stand after the probe (so a listener can learn secrets to redact). */
  onProbeFinished?(result: ProbeResult, facts: Readonly<Partial<Facts>>): void;
  /** Where a call goes, for the verdict of a probe whose call did not answer by the deadline. */
  describeEndpoint?(service: AwsService, region: string): string;
}

/** The reason the run's signal carries when the overall deadline passes. */
export class DeadlineExceeded extends Error {
  constructor(readonly ms: number) {
    super(`The diagnosis stopped at its ${Math.round(ms / 100) / 10} s deadline.`);
    this.name = 'DeadlineExceeded';
  }
}

/** How the evidence of a call still waiting at the deadline begins; the rest names the call and where it went. */
export const noAnswerByDeadline = 'No answer by the deadline: ';

/** Everything a plan produced. */
export interface PlanRun {
  results: ProbeResult[];
  causes: Cause[];
  facts: Partial<Facts>;
  cancelled: boolean;
  /**
   * The dependent AWS round trips on the longest chain of the plan as it ran: a probe's own
   * sequential calls plus the longest chain among the probes it waited for. Times the
   * latency, it is the lower bound a perfectly parallel run could reach.
   */
  criticalPathRoundTrips: number;
}

/** Checks a plan before it runs: unique ids, and no probe waiting on a fact only it (or a later probe that waits on it) yields. */
export function validatePlan(probes: readonly ProbeDefinition[], initial: readonly FactKey[]): void {
  const ids = new Set<string>();
  for (const probe of probes) {
    if (ids.has(probe.id)) throw new Error(`Two probes share the id ${probe.id}.`);
    ids.add(probe.id);
  }
  const producers = producersOf(probes);
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (probe: ProbeDefinition): void => {
    if (done.has(probe.id)) return;
    if (visiting.has(probe.id)) throw new Error(`The plan has a cycle through ${probe.id}.`);
    visiting.add(probe.id);
    for (const fact of inputsOf(probe)) {
      if (initial.includes(fact)) continue;
      for (const producer of producers.get(fact) ?? []) if (producer !== probe) visit(producer);
    }
    visiting.delete(probe.id);
    done.add(probe.id);
  };
  probes.forEach(visit);
}

function inputsOf(probe: ProbeDefinition): FactKey[] {
  return [...probe.needs, ...(probe.uses ?? [])];
}

function producersOf(probes: readonly ProbeDefinition[]): Map<FactKey, ProbeDefinition[]> {
  const producers = new Map<FactKey, ProbeDefinition[]>();
  for (const probe of probes) {
    for (const fact of probe.yields) producers.set(fact, [...(producers.get(fact) ?? []), probe]);
  }
  return producers;
}

/** The longest chain of calls that did not overlap: the probe's own dependent round trips. */
function sequentialRounds(intervals: ReadonlyArray<[number, number]>): number {
  const sorted = [...intervals].sort((a, b) => a[1] - b[1]);
  const best: number[] = [];
  sorted.forEach(([start], index) => {
    let longest = 0;
    for (let before = 0; before < index; before += 1) {
      if (sorted[before]![1] <= start) longest = Math.max(longest, best[before]!);
    }
    best.push(longest + 1);
  });
  return Math.max(0, ...best);
}

class ProbeTimeout extends Error {
  constructor(readonly ms: number) {
    super(`No answer within ${Math.round(ms / 100) / 10} s.`);
    this.name = 'ProbeTimeout';
  }
}

/**
 * Runs a plan of probes as parallel as their declared inputs allow. Each probe gets a
 * signal that fires on cancellation or at its time limit; the runner does not wait for a
 * probe past that point, so a stuck call ends as `unknown` rather than a hang. Probes that
 * cannot run end `skipped` with the reason; a probe that throws ends `unknown`.
 */
export async function runPlan(probes: readonly ProbeDefinition[], initialFacts: Partial<Facts>, options: RunnerOptions): Promise<PlanRun> {
  const initialKeys = Object.keys(initialFacts) as FactKey[];
  validatePlan(probes, initialKeys);
  const producers = producersOf(probes);
  const facts: Partial<Facts> = { ...initialFacts };
  const results = new Map<string, ProbeResult>();
  const causes: Cause[] = [];
  const settled = new Set<string>();
  const started = new Set<string>();
  const rounds = new Map<string, number>();

  const factSettled = (fact: FactKey, asker: ProbeDefinition): boolean =>
    facts[fact] !== undefined || (producers.get(fact) ?? []).every((producer) => producer === asker || settled.has(producer.id));

  const finish = (probe: ProbeDefinition, outcome: ProbeOutcome, startedAt: number): void => {
    if (settled.has(probe.id)) return;
    const undeclared = (Object.keys(outcome.facts ?? {}) as FactKey[]).filter((key) => !probe.yields.includes(key));
    if (undeclared.length > 0) {
      // A plan bug, reported as the probe's result rather than thrown, so the run still ends.
      outcome = { status: 'unknown', verdict: `Probe ${probe.id} yielded ${undeclared.join(', ')}, which it does not declare; its result is not used.` };
    }
    for (const key of Object.keys(outcome.facts ?? {}) as FactKey[]) {
      if (facts[key] === undefined) Object.assign(facts, { [key]: outcome.facts?.[key] });
    }
    causes.push(...(outcome.causes ?? []));
    const result: ProbeResult = {
      id: probe.id,
      step: probe.step,
      title: probe.title,
      status: outcome.status,
      verdict: outcome.verdict,
      evidence: outcome.evidence ?? [],
      fixes: outcome.fixes ?? [],
      durationMs: Math.max(0, performance.now() - startedAt),
    };
    results.set(probe.id, result);
    settled.add(probe.id);
    options.onProbeFinished?.(result, facts);
  };

  const execute = async (probe: ProbeDefinition): Promise<void> => {
    const startedAt = performance.now();
    const controller = new AbortController();
    // Every call of a fan-out (the region scan) listens on this signal; that is by design, not a leak.
    setMaxListeners(0, controller.signal);
    const timeoutMs = probe.timeoutMs ?? options.defaultTimeoutMs;
    const timer = setTimeout(() => controller.abort(new ProbeTimeout(timeoutMs)), timeoutMs);
    const onCancel = () => controller.abort(options.signal.reason);
    options.signal.addEventListener('abort', onCancel, { once: true });
    const intervals: Array<[number, number]> = [];
    const pending = new Set<{ service: AwsService; region: string; request: string }>();
    const context: ProbeContext = {
      facts,
      signal: controller.signal,
      host: options.host,
      causesSoFar: () => causes,
      need(key) {
        const value = facts[key];
        if (value === undefined) throw new Error(`Probe ${probe.id} needs ${key} without declaring it.`);
        return value;
      },
      async call<S extends AwsService, Output>(
        service: S,
        region: string,
        request: string,
        send: (client: ClientFor[S], callOptions: { abortSignal: AbortSignal }) => Promise<Output>,
        reuse: 'keep' | 'once' = 'keep',
      ) {
        const session = context.need('credentials').session;
        const callStart = performance.now();
        const client = reuse === 'once' ? session.transientClient(service, region) : session.client(service, region);
        const call = { service, region, request };
        pending.add(call);
        try {
          return await session.call(request, controller.signal, (callOptions) => send(client, callOptions));
        } finally {
          pending.delete(call);
          intervals.push([callStart, performance.now()]);
        }
      },
    };
    const aborted = new Promise<ProbeOutcome>((resolve) => {
      const settle = () => {
        const reason: unknown = controller.signal.reason;
        if (reason instanceof DeadlineExceeded) {
          const waiting = [...pending].map((call) => `${call.request} at ${options.describeEndpoint?.(call.service, call.region) ?? call.region}`);
          resolve({
            status: 'unknown',
            verdict:
              waiting.length > 0
                ? `${probe.title}: no answer by the ${reason.ms / 1000} s deadline from ${waiting.join('; ')}.`
                : `${probe.title}: not finished by the ${reason.ms / 1000} s deadline.`,
            evidence: waiting.map((text) => ({ label: `${noAnswerByDeadline}${text}` })),
          });
          return;
        }
        resolve(
          reason instanceof ProbeTimeout
            ? {
                status: 'unknown',
                verdict: `${probe.title}: ${reason.message}`,
                evidence: [{ label: `Timed out after ${reason.ms} ms`, message: reason.message }],
              }
            : { status: 'skipped', verdict: 'Cancelled before it finished.' },
        );
      };
      if (controller.signal.aborted) settle();
      else controller.signal.addEventListener('abort', settle, { once: true });
    });
    const ran = probe.run(context).catch((error: unknown): ProbeOutcome => ({
      status: 'unknown',
      verdict: `The probe could not finish: ${error instanceof Error ? error.message : String(error)}`,
      evidence: [{ label: 'Internal error', message: error instanceof Error ? error.message : String(error) }],
    }));
    const outcome = await Promise.race([ran, aborted]);
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onCancel);
    // A probe that lost the race to its signal must not leave facts behind for others.
    const kept = controller.signal.aborted && outcome.facts ? { ...outcome, facts: undefined } : outcome;
    rounds.set(probe.id, sequentialRounds(intervals));
    finish(probe, kept, startedAt);
  };

  let release = () => {};
  await new Promise<void>((resolve) => {
    const inFlight = new Set<Promise<void>>();
    const schedule = (): void => {
      let progressed = true;
      while (progressed) {
        progressed = false;
        for (const probe of probes) {
          if (started.has(probe.id)) continue;
          if (options.signal.aborted) {
            started.add(probe.id);
            const verdict = options.signal.reason instanceof DeadlineExceeded ? 'Not started: the deadline had passed.' : 'Cancelled before it started.';
            finish(probe, { status: 'skipped', verdict }, performance.now());
            progressed = true;
            continue;
          }
          if (!inputsOf(probe).every((fact) => factSettled(fact, probe))) continue;
          started.add(probe.id);
          progressed = true;
          const missing = probe.needs.filter((fact) => facts[fact] === undefined);
          if (missing.length > 0) {
            const reason = missing.map((fact) => probe.skipReasons?.[fact]).find((text) => text !== undefined);
            finish(
              probe,
              {
                status: 'skipped',
                verdict: reason ?? `Not run: it needs ${missing.map((fact) => factDescriptions[fact]).join(' and ')}, which earlier probes did not provide.`,
              },
              performance.now(),
            );
            continue;
          }
          options.onProbeStarted?.(probe);
          const task = execute(probe).then(() => {
            inFlight.delete(task);
            schedule();
          });
          inFlight.add(task);
        }
      }
      if (inFlight.size === 0 && probes.every((probe) => settled.has(probe.id))) resolve();
    };
    const onAbort = () => schedule();
    options.signal.addEventListener('abort', onAbort, { once: true });
    release = () => options.signal.removeEventListener('abort', onAbort);
    schedule();
  });
  release();

  const depth = new Map<string, number>();
  const depthOf = (probe: ProbeDefinition): number => {
    const known = depth.get(probe.id);
    if (known !== undefined) return known;
    const waitedOn = inputsOf(probe)
      .flatMap((fact) => (initialKeys.includes(fact) ? [] : (producers.get(fact) ?? [])))
      .filter((producer) => producer !== probe);
    const value = (rounds.get(probe.id) ?? 0) + Math.max(0, ...waitedOn.map(depthOf));
    depth.set(probe.id, value);
    return value;
  };

  return {
    results: probes.map((probe) => results.get(probe.id)).filter((result): result is ProbeResult => result !== undefined),
    causes,
    facts,
    cancelled: options.signal.aborted,
    criticalPathRoundTrips: Math.max(0, ...probes.map(depthOf)),
  };
}
