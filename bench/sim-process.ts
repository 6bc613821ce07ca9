import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startPresetSession } from '../src/demo/preset-session';

/**
 * The simulator for the benchmarks, in its own process so that the diagnosing process's
 * time and memory are measured alone. Writes `--copies` folders of the named presets (each
 * copy is its own account) with the demo's preset session, prints one JSON line with the
 * endpoint and the folders, then answers `stats` (request counts) and `stop` on stdin; the
 * folders are removed on `stop`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      latency: { type: 'string', default: '0' },
      copies: { type: 'string', default: '1' },
      preset: { type: 'string', multiple: true },
      'account-throttle': { type: 'string', default: '0' },
    },
  });
  const session = await startPresetSession({
    simulator: { latencyMs: Number(values.latency) },
    only: values.preset,
    copies: Number(values.copies),
    prefix: 'mdb-doctor-bench-',
  });
  const { sim, folders } = session;
  const throttle = Number(values['account-throttle']);
  // Each account gets its own token bucket, as AWS meters API calls per account.
  if (throttle > 0) for (const account of sim.world.accounts.values()) account.knobs.throttlePerSecond = throttle;
  process.stdout.write(`${JSON.stringify({ endpoint: sim.endpoint, folders })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'stats') {
      const log = sim.requestLog;
      process.stdout.write(
        `${JSON.stringify({ requests: log.length, throttled: log.filter((entry) => /Throttl/.test(entry.errorCode ?? '')).length, errors5xx: log.filter((entry) => entry.status >= 500).length, cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000) })}\n`,
      );
    } else if (line === 'reset') {
      (sim.requestLog as unknown as unknown[]).length = 0;
      process.stdout.write('{}\n');
    } else if (line === 'stop') {
      break;
    }
  }
  await session.close();
  process.exit(0);
}

void main();
