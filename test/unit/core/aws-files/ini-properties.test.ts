import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planIniEdits, IniEditError, type IniEdit } from '../../../../src/core/aws-files/ini-edit';
import { canonicalSectionName, iniMapFromScan, scanIniText, splitIniLines } from '../../../../src/core/aws-files/ini-lines';
import { parseIniWithSdk } from '../../../../src/core/aws-files/sdk-ini';

const sectionNames = ['default', 'profile dev', "profile 'prod'", 'profile  spaced', 'dev', 'sso-session corp', 'services local', 'weird prefix', '__x'];
const keys = ['region', 'output', 'aws_access_key_id', 'aws_secret_access_key', 's3', 'endpoint_url', 'x'];
const values = ['us-east-1', 'eu-west-1', 'json', 'AKIAIOSFODNN7EXAMPLE', 'a=b', 'v#x', 'with space', '"quoted"', 'caf\u00e9'];

const space = fc.constantFrom('', ' ', '  ', '\t');
const line = fc.oneof(
  fc.tuple(space, fc.constantFrom(...sectionNames), space, fc.constantFrom('', ' # c', ' ; c')).map(([a, name, b, comment]) => `${a}[${name}]${b}${comment}`),
  fc
    .tuple(fc.constantFrom('', '', '  '), fc.constantFrom(...keys), space, space, fc.constantFrom(...values), fc.constantFrom('', ' # note', '#x', ' ;c'))
    .map(([indent, key, a, b, value, tail]) => `${indent}${key}${a}=${b}${value}${tail}`),
  fc.tuple(fc.constantFrom('', '  '), fc.constantFrom(...keys), space).map(([indent, key, a]) => `${indent}${key}${a}=`),
  fc.constantFrom('', '# comment', '; comment', '   ', 'no equals here', '=novalue', '\u00a0region = x'),
);
const file = fc
  .tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
  .map(([lines, eol, bom, trailing]) => `${bom ? '\uFEFF' : ''}${lines.join(eol)}${trailing && lines.length > 0 ? eol : ''}`);
const edit: fc.Arbitrary<IniEdit> = fc.record({
  section: fc.constantFrom('default', 'profile dev', 'profile prod', 'dev', 'sso-session corp', 'profile new'),
  key: fc.constantFrom('region', 'output', 'aws_access_key_id', 's3', 'new_key'),
  value: fc.option(fc.constantFrom('us-west-2', 'text', 'AKIAI44QH8DHBEXAMPLE', 'a=b=c', 'x#y'), { nil: null }),
});

function get(map: Record<string, Record<string, string>>, section: string, key: string): string | undefined {
  return Object.hasOwn(map, section) && Object.hasOwn(map[section]!, key) ? map[section]![key] : undefined;
}

describe('the line scanner agrees with the SDK parser', () => {
  it('yields exactly the values parseIni yields, for random files', async () => {
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        const ours = JSON.parse(JSON.stringify(iniMapFromScan(scanIniText(text))));
        const sdk = JSON.parse(JSON.stringify(await parseIniWithSdk(text)));
        expect(ours).toEqual(sdk);
      }),
      { numRuns: 400 },
    );
  });
});

describe('applyIniEdits on random files', () => {
  it('changes exactly the reported lines, and the SDK reads the new value with every other value unchanged', async () => {
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(file, edit, async (text, change) => {
        let plan;
        try {
          plan = planIniEdits(text, [change]);
        } catch (error) {
          // Refusing is allowed only with the editor's own error, never a crash.
          expect(error).toBeInstanceOf(IniEditError);
          return;
        }
        applied += 1;
        const before = splitIniLines(text);
        const after = splitIniLines(plan.text);
        const replaced = new Set(plan.changes.filter((c) => c.kind === 'replace').map((c) => c.oldLine));
        const deleted = new Set(plan.changes.filter((c) => c.kind === 'delete').map((c) => c.oldLine));
        const inserted = new Set(plan.changes.filter((c) => c.kind === 'insert').map((c) => c.newLine));
        // Untouched old lines appear, in order and byte for byte, as the non-inserted new lines.
        const keptOld = before.filter((l) => !replaced.has(l.number) && !deleted.has(l.number)).map((l) => l.text);
        const keptNew = after
          .filter((l) => !inserted.has(l.number) && !plan.changes.some((c) => c.kind === 'replace' && c.newLine === l.number))
          .map((l) => l.text);
        expect(keptNew).toEqual(keptOld);
        expect(plan.text.startsWith('\uFEFF')).toBe(text.startsWith('\uFEFF'));
        if (text !== '') expect(plan.text.endsWith('\n')).toBe(text.endsWith('\n'));
        if (text.includes('\r\n') && !/(^|[^\r])\n/.test(text)) expect(/(^|[^\r])\n/.test(plan.text)).toBe(false);
        const [old, now] = [await parseIniWithSdk(text), await parseIniWithSdk(plan.text)];
        const section = canonicalSectionName(change.section)!;
        expect(get(now, section, change.key)).toBe(change.value ?? undefined);
        for (const name of new Set([...Object.keys(old), ...Object.keys(now)])) {
          for (const key of new Set([...Object.keys(old[name] ?? {}), ...Object.keys(now[name] ?? {})])) {
            if (name === section && key === change.key) continue;
            expect(get(now, name, key)).toBe(get(old, name, key));
          }
        }
      }),
      { numRuns: 600 },
    );
    expect(applied).toBeGreaterThan(400);
  });
});
