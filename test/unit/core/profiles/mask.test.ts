import { describe, expect, it } from 'vitest';
import { scanIniText } from '../../../../src/core/aws-files/ini-lines';
import { maskKeyId, maskLine } from '../../../../src/core/profiles/mask';
import { cleanValue } from '../../../../src/core/profiles/file-findings';

describe('masking', () => {
  it('keeps the first and last four characters of a key id', () => {
    expect(maskKeyId('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…MPLE');
    expect(maskKeyId('  AKIAIOSFODNN7EXAMPLE ')).toBe('AKIA…MPLE');
    expect(maskKeyId('AKIA')).not.toContain('AKIA');
  });

  it('masks secret values in lines, also under misspelt keys and in stray lines, and leaves settings alone', () => {
    const lines = scanIniText(
      [
        '[default]',
        'aws_access_key_id = AKIAIOSFODNN7EXAMPLE # mine',
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'AWS_Secret_Key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
        'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'region = us-east-1',
      ].join('\n'),
    );
    const shown = lines.map(maskLine);
    expect(shown[1]).toBe('aws_access_key_id = AKIA…MPLE # mine');
    expect(shown[2]).toBe('aws_secret_access_key = •••• (40 characters)');
    expect(shown[3]).toBe('AWS_Secret_Key = •••• (42 characters)');
    expect(shown[4]).toBe('•••• (40 characters)');
    expect(shown[5]).toBe('region = us-east-1');
  });

  it('cleans quotes, invisible characters and (for tokens) inner whitespace', () => {
    expect(cleanValue('aws_access_key_id', '"AKIAIOSFOD NN7EXAM\u200bPLE"')).toBe('AKIAIOSFODNN7EXAMPLE');
    expect(cleanValue('region', "'us-east-1\r'")).toBe('us-east-1');
    expect(cleanValue('credential_process', 'my tool --flag')).toBe('my tool --flag');
  });
});
