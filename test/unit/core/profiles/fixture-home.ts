import { chmod, cp, mkdtemp, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostEnvironment } from '../../../../src/core/host';
import { AwsFileReadError, readAwsFileBytes } from '../../../../src/core/aws-files/read-aws-file';
import type { LoadProfilesOptions } from '../../../../src/core/profiles/load-profiles';

/** The clock every fixture is written against. */
export const fixtureNow = new Date('2026-06-01T00:00:00.000Z');

/** Root of the per-finding fixtures. */
export const findingFixturesDir = join(__dirname, '../../../fixtures/aws/findings');

interface CaseMeta {
  env?: Record<string, string>;
  modes?: Record<string, string>;
  readError?: 'credentials' | 'config';
  generate?: { path: string; bytes: number };
}

async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else files.push(path);
  }
  return files;
}

/** A temp home built from a fixture side, and the host and load options that point at it. */
export interface FixtureHome {
  home: string;
  host: HostEnvironment;
  options: LoadProfilesOptions;
}

/** Plain host over a temp home, with the fixture clock. */
export function hostFor(home: string, env: Record<string, string> = {}): HostEnvironment {
  return { env: { HOME: home, ...env }, homeDir: '/nonexistent-os-home', platform: 'linux', appDataDir: join(home, 'app-data'), now: () => fixtureNow };
}

/** Copies `<fixture>/home` to a temp folder and applies the side's case.json. */
export async function materialize(sideDir: string): Promise<FixtureHome> {
  const home = await mkdtemp(join(tmpdir(), 'aws-fixture-'));
  await cp(join(sideDir, 'home'), home, { recursive: true });
  const meta = JSON.parse(await readFile(join(sideDir, 'case.json'), 'utf8')) as CaseMeta;
  for (const file of await walk(home)) {
    if (file.endsWith('.keep')) continue;
    const bytes = await readFile(file);
    if (bytes.includes(Buffer.from('@HOME@'))) await writeFile(file, bytes.toString('utf8').replaceAll('@HOME@', home));
    await chmod(file, 0o600);
  }
  for (const [path, mode] of Object.entries(meta.modes ?? {})) await chmod(join(home, path), parseInt(mode, 8));
  if (meta.generate) {
    await writeFile(join(home, meta.generate.path), '');
    await truncate(join(home, meta.generate.path), meta.generate.bytes);
  }
  const env = Object.fromEntries(Object.entries(meta.env ?? {}).map(([name, value]) => [name, value.replaceAll('@HOME@', home)]));
  const host = hostFor(home, env);
  const options: LoadProfilesOptions = {};
  if (meta.readError) {
    const target = join(home, '.aws', meta.readError);
    // Tests run as root, where chmod 000 does not stop reads: inject the EACCES instead.
    options.readBytes = async (path) => {
      if (path === target) throw new AwsFileReadError('unreadable', path, `${path} cannot be read: EACCES: permission denied, open '${path}'`);
      return readAwsFileBytes(path);
    };
  }
  await stat(home);
  return { home, host, options };
}
