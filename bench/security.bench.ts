import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runHostileDiagnosis } from '../test/helpers/run-hostile-diagnosis';

/** One measured number, and the baseline measured in the same run that it is compared to. */
export interface SecurityRow {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  /** The largest acceptable ratio: input-linear for bigger files, about 1x where the body is capped. */
  ceiling: number;
}

/** Ceilings as ratios to the baseline: time, then peak RSS. */
interface Ceilings {
  time: number;
  rss: number;
}

const mebibyte = 1024 * 1024;

async function listInChild(shape: 'plain' | 'chain' | 'ring', count: number): Promise<{ wallMs: number; peakRss: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'list-profiles-process.ts'), shape, String(count)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += String(chunk)));
  await new Promise((resolve) => child.on('close', resolve));
  return JSON.parse(out.trim().split('\n').at(-1)!) as { wallMs: number; peakRss: number };
}

function rows(name: string, measured: { wallMs: number; peakRss: number }, baseline: { wallMs: number; peakRss: number }, ceilings: Ceilings): SecurityRow[] {
  const mb = (bytes: number) => Number((bytes / mebibyte).toFixed(1));
  return [
    {
      name: `${name}: time`,
      value: Math.round(measured.wallMs),
      unit: 'ms',
      baseline: Math.round(baseline.wallMs),
      ratio: measured.wallMs / baseline.wallMs,
      ceiling: ceilings.time,
    },
    {
      name: `${name}: peak RSS`,
      value: mb(measured.peakRss),
      unit: 'MB',
      baseline: mb(baseline.peakRss),
      ratio: measured.peakRss / baseline.peakRss,
      ceiling: ceilings.rss,
    },
  ];
}

/**
 * Hostile input, each in a process of its own (time and peak RSS), against a baseline from the
 * same run: listing huge or deeply chained AWS files against 1,000 plain profiles, and a
 * diagnosis against endpoints sending 30 MB / 150 MB bodies or a 20 MB ARN against one that
 * sends a 1 KB error. Each row has a ceiling as a ratio to its baseline.
 */
export async function benchSecurity(): Promise<SecurityRow[]> {
  const out: SecurityRow[] = [];
  const plain = await listInChild('plain', 1_000);
  // Work grows at most linearly with the input (47x the profiles, 3x the sections); memory far less.
  const linear47 = { time: 47, rss: 4 };
  out.push(...rows('large file: 46,879 plain profiles vs 1,000', await listInChild('plain', 46_879), plain, linear47));
  out.push(...rows('large file: 3,000-hop source_profile chain vs 1,000 plain', await listInChild('chain', 3_000), plain, { time: 3, rss: 1.5 }));
  out.push(...rows('large file: 46,879-profile source_profile ring vs 1,000 plain', await listInChild('ring', 46_879), plain, linear47));
  const normal = await runHostileDiagnosis({ kind: 'error-body', bytes: 1024, announceLength: true });
  for (const [name, answer] of [
    ['hostile endpoint: 30 MB error body vs 1 KB', { kind: 'error-body', bytes: 30 * mebibyte, announceLength: false }],
    ['hostile endpoint: 150 MB error body vs 1 KB', { kind: 'error-body', bytes: 150 * mebibyte, announceLength: false }],
    ['hostile endpoint: 20 MB ARN vs 1 KB error', { kind: 'huge-arn', bytes: 20 * mebibyte, announceLength: false }],
  ] as const) {
    // Bodies are capped, never buffered whole: about the cost of a normal error.
    out.push(...rows(name, await runHostileDiagnosis(answer), normal, { time: 2, rss: 1.5 }));
  }
  return out;
}
