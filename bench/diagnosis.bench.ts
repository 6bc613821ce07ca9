import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { promisify } from 'node:util';
import { hostForPreset } from '../src/demo/preset-session';
import { diagnose } from '../src/core/diagnosis/diagnose';
import { defaultProbes } from '../src/core/probes';
import type { PresetFolder } from '../src/sim/presets';

/** One row of the benchmark table. */
export interface BenchRow {
  bench: string;
  measured: string;
  target: string;
  verdict: string;
}

interface SimProcess {
  endpoint: string;
  folders: PresetFolder[];
  ask(command: 'stats' | 'reset'): Promise<{ requests?: number; throttled?: number; errors5xx?: number; cpuMs?: number }>;
  stop(): Promise<void>;
}

async function startSimProcess(args: string[]): Promise<SimProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'sim-process.ts'), ...args], {
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const lines: Interface = createInterface({ input: child.stdout });
  const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
  const first = JSON.parse(await next()) as { endpoint: string; folders: PresetFolder[] };
  return {
    ...first,
    async ask(command) {
      const answer = next();
      child.stdin.write(`${command}\n`);
      return JSON.parse(await answer) as { requests?: number; throttled?: number; errors5xx?: number; cpuMs?: number };
    },
    async stop() {
      child.stdin.write('stop\n');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

const base = { platform: process.platform, now: () => new Date() };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** One profile at latency L: wall time against the plan's critical path of dependent round trips. */
async function oneProfile(latencyMs: number, preset: string): Promise<{ row: BenchRow; wallMs: number; sim: SimProcess }> {
  const sim = await startSimProcess(['--latency', String(latencyMs), '--preset', preset]);
  const folder = sim.folders[0]!;
  const entry = folder.presets[0]!;
  const host = hostForPreset(folder, entry, base);
  const request = { profile: entry.profile, cluster: entry.cluster, user: entry.user };
  await diagnose(host, request, { probes: defaultProbes });
  const walls: number[] = [];
  let rounds = 0;
  for (let run = 0; run < 5; run += 1) {
    const began = performance.now();
    const result = await diagnose(host, request, { probes: defaultProbes });
    walls.push(performance.now() - began);
    rounds = result.criticalPathRoundTrips;
  }
  const wallMs = median(walls);
  const ratio = wallMs / (rounds * latencyMs);
  return {
    wallMs,
    sim,
    row: {
      bench: `one profile (${preset}), L=${latencyMs} ms`,
      measured: `${wallMs.toFixed(0)} ms for ${rounds} dependent round trips = ${ratio.toFixed(2)}x the lower bound`,
      target: '≤ 1.2x',
      verdict: ratio <= 1.2 ? 'met' : 'missed',
    },
  };
}

const execFileAsync = promisify(execFile);

async function awsCliAvailable(): Promise<boolean> {
  try {
    await execFileAsync('aws', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** The same checks the way a user would do them without us: the AWS CLI, one command after another. */
async function awsCliSequence(sim: SimProcess): Promise<number> {
  const folder = sim.folders[0]!;
  const entry = folder.presets[0]!;
  const env = {
    ...process.env,
    AWS_CONFIG_FILE: folder.configFile,
    AWS_SHARED_CREDENTIALS_FILE: folder.credentialsFile,
    AWS_PROFILE: entry.profile,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const keyId = /aws_access_key_id = (\S+)/.exec(await readFile(folder.credentialsFile, 'utf8'))![1]!;
  const aws = async (...args: string[]) =>
    JSON.parse((await execFileAsync('aws', [...args, '--output', 'json'], { env })).stdout || '{}') as Record<string, unknown>;
  const began = performance.now();
  const identity = (await aws('sts', 'get-caller-identity')) as { Arn: string };
  await aws('iam', 'list-access-keys');
  await aws('iam', 'get-access-key-last-used', '--access-key-id', keyId);
  const clusters = (await aws('memorydb', 'describe-clusters')) as { Clusters: Array<{ ARN: string }> };
  await aws(
    'iam',
    'simulate-principal-policy',
    '--policy-source-arn',
    identity.Arn,
    '--action-names',
    'memorydb:DescribeClusters',
    'memorydb:ListTags',
    'memorydb:DescribeUsers',
    'memorydb:DescribeACLs',
    'memorydb:Connect',
  );
  await aws('memorydb', 'describe-users');
  await aws('memorydb', 'describe-acls');
  if (clusters.Clusters[0]) await aws('memorydb', 'list-tags', '--resource-arn', clusters.Clusters[0].ARN);
  return performance.now() - began;
}

/** 100 profiles x every MemoryDB region at L=100 ms, each account with its own rate limit. */
async function fleet(heapCapMb?: number): Promise<BenchRow[]> {
  const profiles = 100;
  const accountRate = 50;
  const concurrency = Number(process.env.FLEET_CONCURRENCY ?? 25);
  const sim = await startSimProcess(['--latency', '100', '--copies', String(profiles), '--preset', 'wrong-region', '--account-throttle', String(accountRate)]);
  try {
    const simCpuBefore = (await sim.ask('stats')).cpuMs ?? 0;
    const flags = heapCapMb ? [`--max-old-space-size=${heapCapMb}`] : [];
    const child = spawn(process.execPath, [...flags, '--import', 'tsx', join(__dirname, 'fleet-process.ts')], {
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    child.stdin.end(JSON.stringify({ folders: sim.folders, concurrency }));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise((resolve) => child.once('exit', resolve));
    const result = JSON.parse(output) as {
      wallMs: number;
      peakRss: number;
      baselineRss: number;
      cpuMs: number;
      rootCauses: Array<string | null>;
      scanned: number;
    };
    const { wallMs } = result;
    const stats = await sim.ask('stats');
    const correct = result.rootCauses.filter((cause) => cause === 'region.cluster-elsewhere').length;
    const { scanned } = result;
    const peakMb = result.peakRss / 1024 / 1024;
    return [
      {
        bench: `fleet: ${profiles} profiles x 19 MemoryDB regions, L=100 ms${heapCapMb ? `, node --max-old-space-size=${heapCapMb}` : ''}`,
        measured: `${(wallMs / 1000).toFixed(2)} s (${concurrency} profiles at a time); ${stats.requests} requests incl. a one-profile warm-up; ${scanned}/${profiles} scanned every region; ${correct}/${profiles} correct root cause; CPU ${(result.cpuMs / 1000).toFixed(1)} s ours, ${(((stats.cpuMs ?? 0) - simCpuBefore) / 1000).toFixed(1)} s simulator`,
        target: '< 3 s',
        verdict: wallMs < 3_000 && correct === profiles ? 'met' : 'missed',
      },
      {
        bench: `fleet: our CPU per AWS request${heapCapMb ? `, heap capped at ${heapCapMb} MB` : ''}`,
        measured: `${(result.cpuMs / Math.max(1, stats.requests ?? 0)).toFixed(2)} ms (${(result.cpuMs / 1000).toFixed(1)} s over ${stats.requests} requests)`,
        target: '≤ 1 ms',
        verdict: result.cpuMs / Math.max(1, stats.requests ?? 0) <= 1 ? 'met' : 'missed',
      },
      {
        bench: `fleet: peak memory (RSS of the diagnosing process)${heapCapMb ? `, heap capped at ${heapCapMb} MB` : ', default V8 heap'}`,
        measured: `${peakMb.toFixed(0)} MB (${(result.baselineRss / 1024 / 1024).toFixed(0)} MB after loading the modules, before the fleet)`,
        target: '< 250 MB',
        verdict: peakMb < 250 ? 'met' : 'missed',
      },
      {
        bench: `fleet: simulator throttling (${accountRate} requests/s per account)`,
        measured: `${stats.throttled} throttled answers`,
        target: '0',
        verdict: stats.throttled === 0 ? 'met' : 'missed',
      },
    ];
  } finally {
    await sim.stop();
  }
}

/** Every diagnosis benchmark, as table rows. */
export async function benchDiagnosis(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  if (process.env.BENCH_ONLY_FLEET) return [...(await fleet()), ...(await fleet(160))];
  const hasAws = await awsCliAvailable();
  for (const latency of [50, 200]) {
    for (const preset of ['good', 'wrong-region']) {
      const { row, wallMs, sim } = await oneProfile(latency, preset);
      rows.push(row);
      if (preset === 'good') {
        if (hasAws) {
          const cliMs = await awsCliSequence(sim);
          rows.push({
            bench: `AWS CLI, same checks one after another, L=${latency} ms`,
            measured: `${cliMs.toFixed(0)} ms = ${(cliMs / wallMs).toFixed(1)}x our time`,
            target: 'speed-up reported',
            verdict: 'measured',
          });
        } else {
          rows.push({ bench: `AWS CLI, same checks, L=${latency} ms`, measured: 'aws not installed', target: 'speed-up reported', verdict: 'skipped' });
        }
      }
      await sim.stop();
    }
  }
  // The live heap of a fleet stays small; with V8's default limits the old space grows
  // lazily past it, so the fleet is measured both ways.
  rows.push(...(await fleet()), ...(await fleet(160)));
  return rows;
}
