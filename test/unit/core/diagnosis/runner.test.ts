import { describe, expect, it } from 'vitest';
import type { Facts, TargetFact } from '../../../../src/core/diagnosis/facts';
import { defineProbe, type ProbeDefinition } from '../../../../src/core/diagnosis/probe';
import { runPlan, validatePlan } from '../../../../src/core/diagnosis/runner';
import type { HostEnvironment } from '../../../../src/core/host';

const host: HostEnvironment = { env: {}, homeDir: '/nowhere', platform: 'linux', appDataDir: '/nowhere/app', now: () => new Date('2026-01-01T00:00:00Z') };
const target = { region: 'eu-west-1' } as TargetFact;
const initial: Partial<Facts> = { target };

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

function options(overrides: Partial<Parameters<typeof runPlan>[2]> = {}) {
  return { signal: new AbortController().signal, host, defaultTimeoutMs: 5_000, ...overrides };
}

describe('runPlan', () => {
  it('runs independent probes in parallel and dependent ones after their inputs', async () => {
    const order: string[] = [];
    const probe = (id: string, needs: ProbeDefinition['needs'], yields: ProbeDefinition['yields'], ms: number) =>
      defineProbe({
        id,
        step: 'credentials',
        title: id,
        needs,
        yields,
        async run({ signal }) {
          order.push(`start ${id}`);
          await sleep(ms, signal);
          order.push(`end ${id}`);
          return { status: 'pass', verdict: id, facts: Object.fromEntries(yields.map((key) => [key, { id }])) as Partial<Facts> };
        },
      });
    const run = await runPlan(
      [probe('a', ['target'], ['clock'], 60), probe('b', ['target'], ['accessKeys'], 60), probe('c', ['clock', 'accessKeys'], [], 10)],
      initial,
      options(),
    );
    // a and b both start before either ends (they run side by side); c waits for both.
    expect(order.indexOf('start c')).toBeGreaterThan(Math.max(order.indexOf('end a'), order.indexOf('end b')));
    expect(order.slice(0, 2).sort()).toEqual(['start a', 'start b']);
    expect(run.results.map((result) => result.status)).toEqual(['pass', 'pass', 'pass']);
  });

  it('skips a probe whose needed fact never came, with the reason, and runs one that only uses it', async () => {
    const producer = defineProbe({
      id: 'p',
      step: 'credentials',
      title: 'p',
      needs: ['target'],
      yields: ['identity'],
      run: async () => ({ status: 'fail', verdict: 'no identity' }),
    });
    const needer = defineProbe({
      id: 'n',
      step: 'key-health',
      title: 'n',
      needs: ['identity'],
      yields: [],
      skipReasons: { identity: 'Needs who you are.' },
      run: async () => ({ status: 'pass', verdict: 'ran' }),
    });
    const user = defineProbe({
      id: 'u',
      step: 'renew',
      title: 'u',
      needs: ['target'],
      uses: ['identity'],
      yields: [],
      run: async ({ facts }) => ({ status: 'pass', verdict: facts.identity ? 'with' : 'without' }),
    });
    const run = await runPlan([producer, needer, user], initial, options());
    expect(run.results.find((result) => result.id === 'n')).toMatchObject({ status: 'skipped', verdict: 'Needs who you are.' });
    expect(run.results.find((result) => result.id === 'u')).toMatchObject({ status: 'pass', verdict: 'without' });
  });

  it('turns a probe past its time limit into unknown without waiting for it', async () => {
    const stuck = defineProbe({
      id: 's',
      step: 'region',
      title: 'Stuck',
      needs: ['target'],
      yields: [],
      timeoutMs: 50,
      run: () => new Promise(() => undefined),
    });
    // The probe never settles: the plan finishing at all shows the runner did not wait for it.
    const run = await runPlan([stuck], initial, options());
    expect(run.results[0]).toMatchObject({ status: 'unknown', verdict: expect.stringContaining('No answer within') });
  });

  it('a probe that throws is unknown with the message, and the run goes on', async () => {
    const broken = defineProbe({
      id: 'x',
      step: 'region',
      title: 'x',
      needs: ['target'],
      yields: [],
      run: async () => {
        throw new Error('boom');
      },
    });
    const fine = defineProbe({ id: 'y', step: 'region', title: 'y', needs: ['target'], yields: [], run: async () => ({ status: 'pass', verdict: 'ok' }) });
    const run = await runPlan([broken, fine], initial, options());
    expect(run.results.map((result) => [result.id, result.status])).toEqual([
      ['x', 'unknown'],
      ['y', 'pass'],
    ]);
    expect(run.results[0]!.verdict).toContain('boom');
  });

  it('cancellation aborts running probes and skips the rest', async () => {
    const controller = new AbortController();
    let sawAbort = false;
    const slow = defineProbe({
      id: 'slow',
      step: 'credentials',
      title: 'slow',
      needs: ['target'],
      yields: ['identity'],
      async run({ signal }) {
        signal.addEventListener('abort', () => (sawAbort = true));
        await sleep(10_000, signal);
        return { status: 'pass', verdict: 'never' };
      },
    });
    const later = defineProbe({
      id: 'later',
      step: 'permissions',
      title: 'later',
      needs: ['identity'],
      yields: [],
      run: async () => ({ status: 'pass', verdict: 'never' }),
    });
    setTimeout(() => controller.abort(new Error('stop')), 30);
    const run = await runPlan([slow, later], initial, options({ signal: controller.signal }));
    expect(sawAbort).toBe(true);
    expect(run.cancelled).toBe(true);
    expect(run.results.map((result) => result.status)).toEqual(['skipped', 'skipped']);
  });

  it('refuses a fact a probe did not declare, and plans with cycles or duplicate ids', async () => {
    const liar = defineProbe({
      id: 'l',
      step: 'region',
      title: 'l',
      needs: ['target'],
      yields: [],
      run: async () => ({ status: 'pass', verdict: 'x', facts: { clock: { offsetMs: 0, serverDate: 'x' } } }),
    });
    const run = await runPlan([liar], initial, options());
    expect(run.results[0]!.status).toBe('unknown');
    expect(run.facts.clock).toBeUndefined();
    const a = defineProbe({ id: 'a', step: 'region', title: 'a', needs: ['clock'], yields: ['identity'], run: async () => ({ status: 'pass', verdict: '' }) });
    const b = defineProbe({ id: 'b', step: 'region', title: 'b', needs: ['identity'], yields: ['clock'], run: async () => ({ status: 'pass', verdict: '' }) });
    expect(() => validatePlan([a, b], ['target'])).toThrow(/cycle/);
    expect(() => validatePlan([a, a], ['target'])).toThrow(/share the id/);
  });

  it('counts the dependent round trips of the plan as it ran', async () => {
    const call = (id: string, needs: ProbeDefinition['needs'], yields: ProbeDefinition['yields'], sequentialCalls: number, parallelCalls = 1) =>
      defineProbe({
        id,
        step: 'region',
        title: id,
        needs,
        yields,
        async run() {
          for (let round = 0; round < sequentialCalls; round += 1) {
            await Promise.all(Array.from({ length: parallelCalls }, () => sleep(5)));
          }
          return { status: 'pass', verdict: id, facts: Object.fromEntries(yields.map((key) => [key, {}])) as Partial<Facts> };
        },
      });
    // Round trips are counted through ProbeContext.call, which needs a session; count here through a fake one.
    const counted = (probe: ProbeDefinition, rounds: number, width: number): ProbeDefinition => ({
      ...probe,
      async run(context) {
        for (let round = 0; round < rounds; round += 1) {
          await Promise.all(Array.from({ length: width }, () => context.call('sts', 'eu-west-1', 'fake', async () => sleep(5))));
        }
        return probe.run(context);
      },
    });
    const session = {
      call: async (_request: string, _signal: AbortSignal, send: (o: { abortSignal: AbortSignal }) => Promise<unknown>) => ({
        ok: true,
        output: await send({ abortSignal: new AbortController().signal }),
      }),
      client: () => ({}),
    };
    const withSession = { ...initial, credentials: { session } } as unknown as Partial<Facts>;
    const run = await runPlan(
      [
        counted(call('first', ['target'], ['identity'], 0), 1, 1),
        counted(call('fan', ['target'], ['clock'], 0), 1, 10),
        counted(call('second', ['identity'], [], 0), 2, 1),
      ],
      withSession,
      options(),
    );
    expect(run.criticalPathRoundTrips).toBe(3);
  });
});
