import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/core/diagnosis/diagnose';
import { defaultProbes } from '../../../src/core/probes';
import { startPresetSim, type PresetSim } from '../../helpers/sim-presets';

let bench: PresetSim;

beforeAll(async () => {
  bench = await startPresetSim({}, ['good']);
});

afterAll(async () => {
  await bench?.close();
});

describe('what AWS sees of the doctor', () => {
  it('every request names the product in its User-Agent, so CloudTrail shows who called', async () => {
    const entry = bench.preset('good');
    await diagnose(bench.hostFor(entry), { profile: entry.profile, cluster: entry.cluster! }, { probes: defaultProbes, probeTimeoutMs: 15_000 });
    const services = new Set(bench.sim.requestLog.map((logged) => logged.service));
    expect([...services]).toEqual(expect.arrayContaining(['sts', 'iam', 'memorydb']));
    expect(bench.sim.requestLog.length).toBeGreaterThan(3);
    for (const logged of bench.sim.requestLog) expect(logged.userAgent, `${logged.service}:${logged.operation}`).toMatch(/\bmdb-doctor\b/);
  });
});
