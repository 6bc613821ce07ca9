import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfiles } from '../src/core/profiles/load-profiles';
import { profileListView } from '../src/core/profiles/views';

/** The shapes of config file the large-file benchmark lists. */
type Shape = 'plain' | 'chain' | 'ring';

function configOf(shape: Shape, count: number): string {
  const sections: string[] = [];
  for (let index = 0; index < count; index += 1) {
    if (shape === 'plain') sections.push(`[profile p${index}]\nregion = us-east-1\noutput = json\n`);
    else {
      const source = shape === 'ring' ? `p${(index + 1) % count}` : index === count - 1 ? 'keys' : `p${index + 1}`;
      sections.push(`[profile p${index}]\nrole_arn = arn:aws:iam::123456789012:role/r${index}\nsource_profile = ${source}\nregion = us-east-1\n`);
    }
  }
  return sections.join('');
}

/**
 * Lists a generated config file (argv: shape, profile count) in a process of its own, so its
 * peak memory is the listing's; prints one JSON line with wall time, peak RSS and the count.
 */
async function main(): Promise<void> {
  const shape = process.argv[2] as Shape;
  const count = Number(process.argv[3]);
  const home = await mkdtemp(join(tmpdir(), 'bench-list-'));
  try {
    await mkdir(join(home, '.aws'));
    await writeFile(join(home, '.aws', 'config'), configOf(shape, count), { mode: 0o600 });
    await writeFile(
      join(home, '.aws', 'credentials'),
      // Fake key material built at run time: no key-shaped literal sits in the repository.
      `[keys]\naws_access_key_id = ${'AKIA'}${'B'.repeat(16)}\naws_secret_access_key = ${'s'.repeat(40)}\n`,
      { mode: 0o600 },
    );
    const host = { env: { HOME: home }, homeDir: home, platform: process.platform, appDataDir: join(home, 'app'), now: () => new Date() };
    const began = performance.now();
    const listed = profileListView(await loadProfiles(host)).profiles.length;
    const wallMs = performance.now() - began;
    process.stdout.write(`${JSON.stringify({ wallMs, peakRss: process.resourceUsage().maxRSS * 1024, listed })}\n`);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
  process.exit(0);
}

void main();
