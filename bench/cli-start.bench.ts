import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchRow } from './diagnosis.bench';

const runs = 7;
const projectRoot = join(__dirname, '..');
const bundle = join(projectRoot, 'out', 'cli', 'mdb-doctor.mjs');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wall time of one process start to exit, in ms; a failed run is an error, not a number. */
function wall(args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  return elapsed;
}

/**
 * CLI start on the built bundle (`npm run build:cli` first if it is missing): `--help` against a
 * bare `node -e 0` measured in the same run, alternating so machine noise hits both alike, and
 * `profiles` on a 10-profile file against the 0.3 s.
 */
export async function benchCliStart(): Promise<BenchRow[]> {
  if (!existsSync(bundle)) spawnSync('npm', ['run', '-s', 'build:cli'], { cwd: projectRoot, stdio: 'inherit' });
  const home = await mkdtemp(join(tmpdir(), 'bench-cli-'));
  try {
    await mkdir(join(home, '.aws'));
    const profiles = Array.from({ length: 10 }, (_, index) => index);
    await writeFile(
      join(home, '.aws', 'credentials'),
      profiles
        .map(
          (index) =>
            `[p${index}]\naws_access_key_id = AKIA${String(index).padStart(16, 'X')}\naws_secret_access_key = fake${String(index).padStart(36, '0')}\n`,
        )
        .join('\n'),
      { mode: 0o600 },
    );
    await writeFile(join(home, '.aws', 'config'), profiles.map((index) => `[profile p${index}]\nregion = us-east-1\n`).join('\n'), { mode: 0o600 });
    const env = { PATH: process.env.PATH, HOME: home };
    // One unmeasured run each fills the compile cache, as any second run of the installed CLI finds it.
    wall(['-e', '0'], env);
    wall([bundle, '--help'], env);
    wall([bundle, 'profiles'], env);
    const bare: number[] = [];
    const help: number[] = [];
    const list: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      bare.push(wall(['-e', '0'], env));
      help.push(wall([bundle, '--help'], env));
      list.push(wall([bundle, 'profiles'], env));
    }
    const bareMs = median(bare);
    const helpMs = median(help);
    const listMs = median(list);
    return [
      {
        bench: `cli: mdb-doctor --help over a bare node -e 0 (median of ${runs}; bare ${Math.round(bareMs)} ms)`,
        measured: `+${Math.round(helpMs - bareMs)} ms (${Math.round(helpMs)} ms wall)`,
        target: '≤ +50 ms',
        verdict: helpMs - bareMs <= 50 ? 'met' : 'missed',
      },
      {
        bench: `cli: mdb-doctor profiles on 10 profiles (median of ${runs}; bare node ${Math.round(bareMs)} ms)`,
        measured: `${Math.round(listMs)} ms wall`,
        target: '≤ 300 ms',
        verdict: listMs <= 300 ? 'met' : 'missed',
      },
    ];
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
