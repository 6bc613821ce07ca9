import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchCliStart } from './cli-start.bench';
import { benchDiagnosis, type BenchRow } from './diagnosis.bench';
import { benchFirstScreen } from './first-screen.bench';
import { benchSecurity, type SecurityRow } from './security.bench';

/** The profiles benchmark's row shape: one number against a target. */
interface MeasuredRow {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

function fromMeasured(row: MeasuredRow): BenchRow {
  const ratio = row.ratio ?? (row.baseline ? row.value / row.baseline : undefined);
  return {
    bench: row.name,
    measured: `${Number(row.value.toFixed(1))} ${row.unit}${ratio !== undefined ? ` (${ratio.toFixed(2)}x the target)` : ''}`,
    target: row.baseline !== undefined ? `≤ ${row.baseline} ${row.unit}` : '—',
    verdict: ratio === undefined ? 'measured' : ratio <= 1 ? 'met' : 'missed',
  };
}

/** A security row: the measurement against a baseline measured in the same run, under a ceiling ratio. */
function fromBaseline(row: SecurityRow): BenchRow {
  return {
    bench: row.name,
    measured: `${row.value} ${row.unit} (${row.ratio.toFixed(2)}x the baseline)`,
    target: `≤ ${row.ceiling}x the baseline ${row.baseline} ${row.unit}`,
    verdict: row.ratio <= row.ceiling ? 'met' : 'missed',
  };
}

function table(rows: BenchRow[]): string {
  const header: BenchRow = { bench: 'benchmark', measured: 'measured', target: 'target', verdict: 'verdict' };
  const columns = ['bench', 'measured', 'target', 'verdict'] as const;
  const widths = columns.map((column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row: BenchRow) => `| ${columns.map((column, index) => row[column].padEnd(widths[index]!)).join(' | ')} |`;
  return [line(header), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** `npm run bench`: every benchmark, printed as one table (not a timed test: it never fails the build). */
async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.env.AWS_EC2_METADATA_DISABLED ??= 'true';
  const rows: BenchRow[] = [];
  const profilesBench = join(__dirname, 'profiles.bench.ts');
  if (existsSync(profilesBench)) {
    const module = (await import(profilesBench)) as { benchProfiles?: () => Promise<MeasuredRow[]> };
    if (module.benchProfiles) rows.push(...(await module.benchProfiles()).map(fromMeasured));
  }
  rows.push(...(await benchCliStart()));
  rows.push(...(await benchFirstScreen()));
  rows.push(...(await benchDiagnosis()));
  rows.push(...(await benchSecurity()).map(fromBaseline));
  process.stdout.write(`${table(rows)}\n`);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(2);
  },
);
