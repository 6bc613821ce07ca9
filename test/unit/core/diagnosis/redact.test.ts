import { describe, expect, it } from 'vitest';
import { maxRedactedChars, Redactor } from '../../../../src/core/diagnosis/redact';

const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('the redactor', () => {
  it.each([
    ['after =', `SecretAccessKey=${secret}`, 'SecretAccessKey=[redacted]'],
    ['between = and &', `x=${secret}&y=1`, 'x=[redacted]&y=1'],
    ['URL-encoded, unnamed', `x=${encodeURIComponent(secret)}&y=1`, 'x=[redacted]&y=1'],
    ['JSON', `{"SecretAccessKey": "${secret}"}`, '{"SecretAccessKey": "[redacted]"}'],
    ['escaped JSON', `{\\"SessionToken\\": \\"abc123def\\"}`, '{\\"SessionToken\\": \\"[redacted]\\"}'],
    ['a header', 'X-Amz-Security-Token: FwoGZXIvYXdz123', 'X-Amz-Security-Token: [redacted]'],
    ['an Authorization header', 'Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/x, Signature=abc', 'Authorization: [redacted]'],
    ['--token=value', 'tool --token=abc123XYZ --region us-east-1', 'tool --token=[redacted] --region us-east-1'],
    ['--password value', 'tool --password hunter2 --verbose', 'tool --password [redacted] --verbose'],
  ])('hides a secret %s', (_form, input, output) => {
    expect(new Redactor().text(input)).toBe(output);
  });

  it('keeps AWS error prose and identifiers readable', () => {
    const redactor = new Redactor();
    for (const text of [
      'ExpiredToken: The security token included in the request is expired',
      'SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.',
      'arn:aws:iam::123456789012:user/alice',
      'RequestId: 3f6c2a1e-1111-2222-3333-444455556666',
    ]) {
      expect(redactor.text(text)).toBe(text);
    }
    expect(redactor.text('key AKIAIOSFODNN7EXAMPLE')).toBe('key AKIA…MPLE');
  });

  it('scans only the first few KB of a huge text, and leaves no half of a secret at the cut', () => {
    const huge = `${'a '.repeat(maxRedactedChars / 2 - 10)}${secret}${'b'.repeat(10_000_000)}`;
    const out = new Redactor().text(huge);
    expect(out.length).toBeLessThan(maxRedactedChars + 100);
    expect(out).toContain('more characters not shown');
    expect(out).not.toContain(secret.slice(0, 12));
  });

  it('hides a known secret, also URL-encoded', () => {
    const redactor = new Redactor();
    redactor.add('short-but-known-secret/value');
    expect(redactor.text(`a=${encodeURIComponent('short-but-known-secret/value')} b=short-but-known-secret/value`)).toBe('a=[redacted] b=[redacted]');
  });
});
