import { hostForPreset } from '../src/demo/preset-session';
import { diagnose } from '../src/core/diagnosis/diagnose';
import { diagnoseFleet } from '../src/core/diagnosis/fleet';
import { defaultProbes } from '../src/core/probes';
import type { PresetFolder } from '../src/sim/presets';

/**
 * The fleet benchmark's diagnosing side, in a process of its own so that its peak memory
 * is the fleet's and not that of whatever ran before. Reads the preset folders as JSON on
 * stdin, diagnoses one profile to load every module, then the whole fleet, and prints
 * one JSON line: wall time, peak RSS, the RSS before the fleet, and the root causes.
 */
async function main(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  const { folders, concurrency } = JSON.parse(input) as { folders: PresetFolder[]; concurrency: number };
  const base = { platform: process.platform, now: () => new Date() };
  const members = folders.map((folder) => {
    const entry = folder.presets[0]!;
    return { host: hostForPreset(folder, entry, base), request: { profile: entry.profile, cluster: entry.cluster } };
  });
  // Loading the SDK's modules is a one-time cost, not the fleet's: pay it before the baseline.
  await diagnose(members[0]!.host, members[0]!.request, { probes: defaultProbes });
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  // memoryUsage.rss() reads one number; memoryUsage() walks the heap spaces too, every 5 ms, on the measured CPU.
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const cpuBefore = process.cpuUsage();
  const began = performance.now();
  const runs = await diagnoseFleet(members, { probes: defaultProbes, concurrency });
  const wallMs = performance.now() - began;
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuBefore);
  peak = Math.max(peak, process.memoryUsage.rss());
  const rootCauses = runs.map((run) => run.report.rootCause);
  const scanned = runs.filter((run) => run.report.probes.some((probe) => probe.id === 'region.scan' && probe.status !== 'skipped')).length;
  process.stdout.write(`${JSON.stringify({ wallMs, peakRss: peak, baselineRss: baseline, cpuMs: (cpu.user + cpu.system) / 1000, rootCauses, scanned })}\n`);
  process.exit(0);
}

void main();
