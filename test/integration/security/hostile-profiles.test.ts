import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadProfiles } from '../../../src/core/profiles/load-profiles';
import { profileListView } from '../../../src/core/profiles/views';
import type { ProfileSet } from '../../../src/core/profiles/types';
import { hostFor } from '../../unit/core/profiles/fixture-home';

let home: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'hostile-profiles-'));
  await mkdir(join(home, '.aws'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

/** A config of `hops` role profiles, each taking its credentials from the next; `last` names where the final one points. */
function chainConfig(hops: number, last: (index: number) => string): string {
  const sections: string[] = [];
  for (let index = 0; index < hops; index += 1) {
    const source = index === hops - 1 ? last(index) : `p${index + 1}`;
    sections.push(`[profile p${index}]\nrole_arn = arn:aws:iam::123456789012:role/r${index}\nsource_profile = ${source}\nregion = us-east-1\n`);
  }
  return sections.join('');
}

/** The 1-based line of `text` in the config file. */
function lineOf(config: string, text: string): number {
  return config.split('\n').indexOf(text) + 1;
}

async function load(config: string, credentials = ''): Promise<ProfileSet> {
  await writeFile(join(home, '.aws', 'config'), config);
  await writeFile(join(home, '.aws', 'credentials'), credentials);
  return loadProfiles(hostFor(home));
}

const findingIds = (set: ProfileSet, name: string) => set.profiles.find((profile) => profile.name === name)!.findings.map((finding) => finding.id);

describe('hostile AWS files: long source_profile chains and huge profile counts', () => {
  it.each([1_500, 3_000])('resolves a %i-hop chain ending in keys: every profile resolves, the chain shown is capped', async (hops) => {
    const set = await load(
      chainConfig(hops, () => 'keys'),
      '[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    );
    expect(set.profiles).toHaveLength(hops + 1);
    for (const name of ['p0', `p${hops - 1}`]) expect(findingIds(set, name).filter((id) => id.startsWith('source-profile'))).toEqual([]);
    const first = set.profiles.find((profile) => profile.name === 'p0')!;
    expect(first.sourceProfileChain.slice(0, 3)).toEqual(['p0', 'p1', 'p2']);
    expect(first.sourceProfileChain.at(-1)).toBe('keys');
    expect(first.sourceProfileChain).toContain('…');
    expect(first.sourceProfileChain.length).toBeLessThan(20);
  });

  it('finishes a 46,879-hop chain that ends at a missing profile without a stack overflow, naming the real culprit', async () => {
    const config = chainConfig(46_879, () => 'nowhere');
    const set = await load(config);
    const first = set.profiles.find((profile) => profile.name === 'p0')!;
    const missing = first.findings.find((finding) => finding.id === 'source-profile.missing')!;
    expect(missing.message).toContain('"nowhere"');
    // The source_profile line that names the missing profile is in the last profile of the chain, not the first.
    expect(missing.location).toMatchObject({ file: 'config', line: lineOf(config, 'source_profile = nowhere') });
    expect(profileListView(set).profiles).toHaveLength(46_879);
  });

  it('reports a 46,879-profile ring as a cycle from every profile on it', async () => {
    const set = await load(chainConfig(46_879, () => 'p0'));
    expect(findingIds(set, 'p0')).toContain('source-profile.cycle');
    expect(findingIds(set, 'p23000')).toContain('source-profile.cycle');
    const first = set.profiles.find((profile) => profile.name === 'p0')!;
    expect(first.sourceProfileChain.at(-1)).toBe('p0');
  });

  it('walks small chains exactly as the SDK does: a ring, a tail into a ring, and a role with keys closing the loop', async () => {
    const config = [
      '[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n',
      '[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = c\n',
      '[profile c]\nrole_arn = arn:aws:iam::1:role/c\nsource_profile = b\n',
      '[profile keyed]\nrole_arn = arn:aws:iam::1:role/k\nsource_profile = loop\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
      '[profile loop]\nrole_arn = arn:aws:iam::1:role/l\nsource_profile = keyed\n',
      '[profile orphan]\nrole_arn = arn:aws:iam::1:role/o\nsource_profile = empty\n',
      '[profile empty]\nregion = us-east-1\n',
    ].join('');
    const set = await load(config);
    const byName = (name: string) => set.profiles.find((profile) => profile.name === name)!;
    expect(byName('a').sourceProfileChain).toEqual(['a', 'b', 'c']);
    expect(byName('a').findings.find((finding) => finding.id === 'source-profile.cycle')?.message).toContain('a → b → c → b');
    expect(byName('b').sourceProfileChain).toEqual(['b', 'c', 'b']);
    // keyed → loop → keyed: the SDK stops at keyed's own keys on the way back, so no cycle.
    expect(byName('keyed').sourceProfileChain).toEqual(['keyed', 'loop', 'keyed']);
    expect(byName('keyed').findings.map((finding) => finding.id)).not.toContain('source-profile.cycle');
    const unresolvable = byName('orphan').findings.find((finding) => finding.id === 'source-profile.unresolvable')!;
    expect(unresolvable.location).toMatchObject({ file: 'config', line: lineOf(config, 'source_profile = empty') });
  });

  it('lets other work run on the event loop while it resolves a large file', async () => {
    const sections: string[] = [];
    for (let index = 0; index < 5_000; index += 1) sections.push(`[profile q${index}]\nregion = us-east-1\n`);
    const config = Buffer.from(sections.join(''));
    // Bytes handed over without file I/O, so only the resolution itself could make room for other work.
    const readBytes = async (path: string) => ({ realPath: path, bytes: path.endsWith('config') ? config : Buffer.alloc(0), mode: 0o600 });
    const order: string[] = [];
    const listing = loadProfiles(hostFor(home), { readBytes }).then((set) => order.push(`listed ${set.profiles.length}`));
    setImmediate(() => order.push('other work'));
    await listing;
    expect(order).toEqual(['other work', 'listed 5000']);
  });
});
