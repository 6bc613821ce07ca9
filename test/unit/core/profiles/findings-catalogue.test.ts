import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findingCatalogue, findingIds } from '../../../../src/core/profiles/catalogue';
import { loadProfiles } from '../../../../src/core/profiles/load-profiles';
import type { ProfileSet } from '../../../../src/core/profiles/types';
import { findingFixturesDir, materialize } from './fixture-home';

const homes: string[] = [];
afterAll(async () => {
  await Promise.all(homes.map((home) => rm(home, { recursive: true, force: true })));
});

function allFindings(set: ProfileSet) {
  return [...set.findings, ...set.profiles.flatMap((profile) => profile.findings)];
}

async function load(id: string, side: 'trigger' | 'clean'): Promise<ProfileSet> {
  const fixture = await materialize(join(findingFixturesDir, id, side));
  homes.push(fixture.home);
  return loadProfiles(fixture.host, fixture.options);
}

describe('findings catalogue', () => {
  it('has a fixture folder for every id and no folder without an id', async () => {
    const folders = (await readdir(findingFixturesDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.sort()).toEqual(findingIds().sort());
  });

  for (const id of findingIds()) {
    it(`${id}: the trigger fixture produces it with the catalogue severity, the clean one does not`, async () => {
      const triggered = allFindings(await load(id, 'trigger')).filter((finding) => finding.id === id);
      expect(triggered.length, `no ${id} in trigger`).toBeGreaterThan(0);
      for (const finding of triggered) {
        expect(finding.severity).toBe(findingCatalogue[id].severity);
        expect(finding.message.length).toBeGreaterThan(10);
        expect(finding.fixHint.length).toBeGreaterThan(5);
      }
      const clean = allFindings(await load(id, 'clean')).filter((finding) => finding.id === id);
      expect(clean.map((finding) => finding.message)).toEqual([]);
    });
  }
});

describe('FINDINGS.md', () => {
  it('lists every catalogue id with its severity and summary', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(join(__dirname, '../../../../src/core/profiles/FINDINGS.md'), 'utf8');
    const rows = text.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toEqual(findingIds().map((id) => `| \`${id}\` | ${findingCatalogue[id].severity} | ${findingCatalogue[id].summary} |`));
  });
});
