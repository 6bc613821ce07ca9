import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCausesDoc } from '../../../scripts/causes-doc';
import { causeCatalogue, causeIds } from '../../../src/shared/model/causes';

describe('docs/CAUSES.md', () => {
  it('says what the cause catalogue says (run `npm run docs:causes` after changing the catalogue)', async () => {
    const doc = await readFile(join(__dirname, '../../../docs/CAUSES.md'), 'utf8');
    expect(doc).toBe(renderCausesDoc());
  });

  it('gives every cause its own rank, so the root cause never depends on declaration order', () => {
    const ranks = causeIds.map((id) => causeCatalogue[id].rank);
    expect(new Set(ranks).size).toBe(ranks.length);
  });
});
