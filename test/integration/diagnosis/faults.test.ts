import { afterEach, describe, expect, it, vi } from 'vitest';
import { diagnose, type ProbeProgress } from '../../../src/core/diagnosis/diagnose';
import { defaultProbes } from '../../../src/core/probes';
import { presetRequest } from '../../../src/demo/preset-session';
import { startPresetSim, type PresetSim } from '../../helpers/sim-presets';

let bench: PresetSim | undefined;

afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

async function run(name: string, options: Partial<Parameters<typeof diagnose>[2]> = {}) {
  const entry = bench!.preset(name);
  return diagnose(bench!.hostFor(entry), presetRequest(entry), { probes: defaultProbes, ...options });
}

describe('an endpoint that does not answer like AWS (nonAws)', () => {
  it('HTML 500 from the policy simulator is unknown with the raw status as evidence, never pass; the real calls still decide', async () => {
    bench = await startPresetSim({ nonAws: true }, ['good']);
    const { report } = await run('good');
    const simulate = report.probes.find((probe) => probe.id === 'permissions.simulate')!;
    expect(simulate.status).toBe('unknown');
    const last = simulate.evidence.at(-1)!;
    expect(last.httpStatus).toBe(500);
    expect(last.message).toMatch(/HTTP 500 \(text\/html\)/);
    expect(report.rootCause).toBeNull();
    expect(report.probes.find((probe) => probe.id === 'permissions.verdict')!.status).toBe('pass');
    // The step keeps the simulator's unknown visible: what could not be asked is never shown as passed.
    expect(report.steps.find((step) => step.step === 'permissions')!.status).toBe('unknown');
  });

  it('an AccessDenied code inside an XML body from the JSON MemoryDB service is still an access denial', async () => {
    bench = await startPresetSim({ nonAws: true }, ['no-permission', 'explicit-deny']);
    const missing = (await run('no-permission')).report;
    expect(missing.rootCause).toBe('permissions.missing');
    const denied = missing.probes.find((probe) => probe.id === 'permissions.real-calls')!;
    expect(denied.evidence.find((item) => item.request?.startsWith('memorydb:DescribeClusters'))).toMatchObject({
      errorName: 'AccessDeniedException',
      httpStatus: 400,
    });
    expect((await run('explicit-deny')).report.rootCause).toBe('permissions.explicit-deny');
  });

  it('the credential causes are still named from XML bodies', async () => {
    bench = await startPresetSim({ nonAws: true }, ['bad-key-id', 'bad-secret']);
    expect((await run('bad-key-id')).report.rootCause).toBe('credentials.key-rejected');
    expect((await run('bad-secret')).report.rootCause).toBe('credentials.secret-mismatch');
  });
});

describe('throttling and 5xx faults', () => {
  it('5xx faults on a fifth of the requests still end in the right diagnosis', async () => {
    bench = await startPresetSim({ faultRate: 0.2, seed: 7 }, ['good', 'bad-secret', 'wrong-region', 'no-permission', 'old-key']);
    for (const entry of bench.folder.presets) {
      const { report } = await run(entry.preset);
      expect(report.rootCause, entry.preset).toBe(entry.expectedRootCause);
    }
    expect(bench.sim.requestLog.filter((entry) => entry.status >= 500).length).toBeGreaterThan(5);
  });

  it('throttling still ends in the right diagnosis', async () => {
    bench = await startPresetSim({ throttlePerSecond: 8 }, ['good', 'bad-key-id', 'explicit-deny']);
    for (const entry of bench.folder.presets) {
      const { report } = await run(entry.preset);
      expect(report.rootCause, entry.preset).toBe(entry.expectedRootCause);
    }
    expect(bench.sim.requestLog.some((entry) => /Throttl/.test(entry.errorCode ?? ''))).toBe(true);
  });
});

describe('cancellation and timeouts', () => {
  it('cancelling mid-run aborts the outstanding calls at once and starts no new ones', async () => {
    // Each answer takes 3 s; the simulator marks the key used when a request arrives, and logs it only once answered.
    bench = await startPresetSim({ latencyMs: 3_000 }, ['good']);
    const keys = [...bench.sim.world.keys.values()];
    const usedBefore = new Map(keys.map((key) => [key, key.lastUsed?.date.getTime()]));
    const arrivedSince = (time: number) =>
      keys.filter((key) => key.lastUsed && key.lastUsed.date.getTime() !== usedBefore.get(key) && key.lastUsed.date.getTime() > time);
    const controller = new AbortController();
    const events: ProbeProgress[] = [];
    const running = run('good', { signal: controller.signal, onProgress: (event) => events.push(event) });
    // Abort once a call is at the simulator, waiting for its answer.
    await vi.waitFor(() => expect(arrivedSince(0).length).toBeGreaterThan(0), { timeout: 10_000 });
    const abortedAt = Date.now();
    controller.abort(new Error('test cancel'));
    const { report } = await running;
    // Nothing answered yet: the run came back without waiting for the calls in flight.
    expect(bench.sim.requestLog).toEqual([]);
    expect(report.cancelled).toBe(true);
    expect(report.steps.at(-1)).toMatchObject({ step: 'summary', status: 'unknown' });
    expect(report.probes.some((probe) => probe.verdict.startsWith('Cancelled'))).toBe(true);
    // Once the call that was in flight has been answered, no call had reached the simulator after the abort.
    await vi.waitFor(() => expect(bench!.sim.requestLog.length).toBeGreaterThan(0), { timeout: 10_000 });
    expect(bench.sim.requestLog.filter((entry) => entry.at > abortedAt)).toEqual([]);
    expect(arrivedSince(abortedAt)).toEqual([]);
  });

  it('a probe past its time limit is unknown, not a hang', async () => {
    // An answer that takes a minute: a runner that waited would exceed this test's time limit.
    bench = await startPresetSim({ latencyMs: 60_000 }, ['good']);
    const { report } = await run('good', { probeTimeoutMs: 300 });
    const identity = report.probes.find((probe) => probe.id === 'credentials.caller-identity')!;
    expect(identity.status).toBe('unknown');
    expect(identity.verdict).toMatch(/No answer within 0.3 s/);
    expect(report.rootCause).toBeNull();
    expect(report.steps.at(-1)!.status).toBe('unknown');
  });
});
