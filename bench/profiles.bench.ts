import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planIniEdits } from '../src/core/aws-files/ini-edit';
import { loadProfiles } from '../src/core/profiles/load-profiles';
import { profileListView } from '../src/core/profiles/views';

/** One measured number; `baseline` is the target the issue sets, `ratio` = value / baseline. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

const profileCount = 10_000;
const runs = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A credentials file and a config file with `count` profiles each, the shape `aws configure` writes. */
function bigFiles(count: number): { credentials: string; config: string } {
  const credentials: string[] = [];
  const config: string[] = [];
  for (let index = 0; index < count; index += 1) {
    // Fake, well-formed keys made per profile: 20-character AKIA ids, 40-character secrets.
    const keyId = `AKIA${String(index).padStart(16, 'X')}`;
    const secret = `fake${String(index).padStart(36, '0')}`;
    credentials.push(`[p${index}]\naws_access_key_id = ${keyId}\naws_secret_access_key = ${secret}\n`);
    config.push(`[profile p${index}]\nregion = us-east-1\noutput = json\n`);
  }
  return { credentials: credentials.join('\n'), config: config.join('\n') };
}

/**
 * Lists 10,000 profiles (credentials + config, every check on) through the same path the
 * profiles channel uses, and edits one value in the middle of the 10,000-section file.
 * The target: listing in under a second.
 */
export async function benchProfiles(): Promise<BenchRow[]> {
  const home = await mkdtemp(join(tmpdir(), 'bench-profiles-'));
  try {
    await mkdir(join(home, '.aws'));
    const files = bigFiles(profileCount);
    await writeFile(join(home, '.aws', 'credentials'), files.credentials, { mode: 0o600 });
    await writeFile(join(home, '.aws', 'config'), files.config, { mode: 0o600 });
    const host = { env: { HOME: home }, homeDir: home, platform: process.platform, appDataDir: join(home, 'app'), now: () => new Date() };
    const listTimes: number[] = [];
    let listed = 0;
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      const view = profileListView(await loadProfiles(host));
      listTimes.push(performance.now() - started);
      listed = view.profiles.length;
    }
    if (listed !== profileCount) throw new Error(`Expected ${profileCount} profiles, listed ${listed}.`);
    const editTimes: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      planIniEdits(files.config, [{ section: `profile p${profileCount / 2}`, key: 'region', value: 'eu-west-1' }]);
      editTimes.push(performance.now() - started);
    }
    const list = median(listTimes);
    return [
      {
        name: `profiles: list ${profileCount} profiles (median of ${runs})`,
        value: Math.round(list),
        unit: 'ms',
        baseline: 1000,
        ratio: Number((list / 1000).toFixed(3)),
      },
      { name: `profiles: plan one edit in a ${profileCount}-section config (median of ${runs})`, value: Number(median(editTimes).toFixed(1)), unit: 'ms' },
    ];
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
