import { describe, expect, it } from 'vitest';
import { applyIniEdits, IniEditError, planIniEdits, sectionHeaderFor } from '../../../../src/core/aws-files/ini-edit';

describe('sectionHeaderFor', () => {
  it('prefixes config profiles except default', () => {
    expect(sectionHeaderFor('config', 'dev')).toBe('profile dev');
    expect(sectionHeaderFor('config', 'default')).toBe('default');
    expect(sectionHeaderFor('credentials', 'dev')).toBe('dev');
  });
});

describe('applyIniEdits', () => {
  it('replaces only the value, keeping spacing and an inline comment', () => {
    const text = '# top\n[profile dev]\nregion   =  us-east-1   # mine\noutput=json\n';
    expect(applyIniEdits(text, [{ section: 'profile dev', key: 'region', value: 'eu-west-1' }])).toBe(
      '# top\n[profile dev]\nregion   =  eu-west-1   # mine\noutput=json\n',
    );
  });

  it('inserts a missing key after the last entry, before the next section comment, in the file style', () => {
    const text = '[default]\r\nregion=us-east-1\r\n\r\n# work\r\n[profile work]\r\noutput=json\r\n';
    const plan = planIniEdits(text, [{ section: 'default', key: 'output', value: 'text' }]);
    expect(plan.text).toBe('[default]\r\nregion=us-east-1\r\noutput=text\r\n\r\n# work\r\n[profile work]\r\noutput=json\r\n');
    expect(plan.changes).toEqual([{ kind: 'insert', oldLine: null, newLine: 3 }]);
  });

  it('appends a missing section and keeps the BOM and a missing final newline', () => {
    const text = '\uFEFF[default]\nregion = us-east-1';
    expect(applyIniEdits(text, [{ section: 'profile x', key: 'region', value: 'eu-west-1' }])).toBe(
      '\uFEFF[default]\nregion = us-east-1\n\n[profile x]\nregion = eu-west-1',
    );
  });

  it('creates a new file from nothing', () => {
    expect(applyIniEdits('', [{ section: 'dev', key: 'aws_access_key_id', value: 'AKIAIOSFODNN7EXAMPLE' }])).toBe(
      '[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n',
    );
  });

  it('sets the last of duplicate keys (the one the SDK uses) and removes all of them', () => {
    const text = '[a]\nk = 1\n[a]\nk = 2\nz = 3\n';
    expect(applyIniEdits(text, [{ section: 'a', key: 'k', value: '9' }])).toBe('[a]\nk = 1\n[a]\nk = 9\nz = 3\n');
    expect(applyIniEdits(text, [{ section: 'a', key: 'k', value: null }])).toBe('[a]\n[a]\nz = 3\n');
  });

  it('removing the last line keeps the file without a final newline', () => {
    expect(applyIniEdits('[a]\nx = 1\nk = 2', [{ section: 'a', key: 'k', value: null }])).toBe('[a]\nx = 1');
  });

  it('matches a quoted profile header the way the SDK reads it', () => {
    const text = "[profile 'dev']\nregion = us-east-1\n";
    expect(applyIniEdits(text, [{ section: 'profile dev', key: 'region', value: 'us-west-2' }])).toBe("[profile 'dev']\nregion = us-west-2\n");
  });

  it('inserts after an indented sub-section so the new key stays top level', () => {
    const text = '[profile a]\ns3 =\n  max_concurrent_requests = 10\n\n[profile b]\n';
    expect(applyIniEdits(text, [{ section: 'profile a', key: 'region', value: 'us-east-1' }])).toBe(
      '[profile a]\ns3 =\n  max_concurrent_requests = 10\nregion = us-east-1\n\n[profile b]\n',
    );
  });

  it('refuses values the SDK would read differently and edits that would move other values', () => {
    expect(() => applyIniEdits('', [{ section: 'a', key: 'k', value: ' padded' }])).toThrow(IniEditError);
    expect(() => applyIniEdits('', [{ section: 'a', key: 'k', value: 'x #y' }])).toThrow(IniEditError);
    expect(() => applyIniEdits('', [{ section: 'a', key: 'k', value: '' }])).toThrow(IniEditError);
    expect(() => applyIniEdits('', [{ section: 'foo bar', key: 'k', value: 'v' }])).toThrow(IniEditError);
    expect(() => applyIniEdits('', [{ section: 'a', key: 'k=v', value: 'v' }])).toThrow(IniEditError);
    // Removing `region` would turn the indented `bar` into `s3.bar`.
    const tricky = '[a]\ns3 =\n  foo = 1\nregion = us\n  bar = 2\n';
    expect(() => applyIniEdits(tricky, [{ section: 'a', key: 'region', value: null }])).toThrow(/unsafe/);
  });
});
