import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { causeCatalogue, causeIds } from '../src/shared/model/causes';

/** docs/CAUSES.md as the cause catalogue (src/shared/model/causes.ts) says it: one row per cause, in rank order. */
export function renderCausesDoc(): string {
  const byRank = [...causeIds].sort((a, b) => causeCatalogue[a].rank - causeCatalogue[b].rank);
  const rows = byRank.map((id) => {
    const cause = causeCatalogue[id];
    return `| ${cause.rank} | \`${id}\` | ${cause.step} | ${cause.severity} | ${cause.meaning.replaceAll('|', '\\|')} |`;
  });
  return [
    '# Causes',
    '',
    '<!-- Generated from src/shared/model/causes.ts by `npm run docs:causes`; test/unit/shared/causes-doc.test.ts fails when it is out of step. -->',
    '',
    'Every cause the diagnosis can name. The ids are stable: they appear in `mdb-doctor diagnose --json`, in exported reports',
    'and in the simulator presets. When several causes are found, the root cause is the first of them: errors before warnings,',
    'and within each the lowest rank, which follows the order in which a request meets them, from the profile to the cluster.',
    'To add one, see [adding-a-cause.md](adding-a-cause.md).',
    '',
    '| rank | id | wizard step | severity | meaning |',
    '| ---: | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1]?.endsWith('causes-doc.ts')) {
  writeFileSync(join(__dirname, '..', 'docs', 'CAUSES.md'), renderCausesDoc());
}
