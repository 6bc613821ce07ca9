import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../../../../src/core/iam-policy/document';

/* Documents as IAM returns them (URL-encoded per RFC 3986, GetUserPolicy / GetPolicyVersion API reference) and as written by hand. */

const plain = '{"Version":"2012-10-17","Statement":{"Sid":"DenyMemoryDb","Effect":"Deny","Action":"memorydb:*","Resource":"*"}}';

describe('parsePolicyDocument', () => {
  it('reads a URL-encoded document as IAM returns it, and plain JSON, with single values made lists', () => {
    const encoded = encodeURIComponent(plain).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    for (const text of [encoded, plain, `  ${plain}\n`]) {
      expect(parsePolicyDocument(text)).toEqual({
        ok: true,
        document: { Version: '2012-10-17', Statement: [{ Sid: 'DenyMemoryDb', Effect: 'Deny', Action: ['memorydb:*'], Resource: ['*'] }] },
      });
    }
  });

  it('keeps conditions, with booleans and numbers as the strings IAM compares', () => {
    const result = parsePolicyDocument(
      JSON.stringify({
        Statement: [
          { Effect: 'Allow', NotAction: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 's3:max-keys': 10 } } },
        ],
      }),
    );
    expect(result.ok && result.document.Statement[0]!.Condition).toEqual({
      Bool: { 'aws:SecureTransport': ['true'] },
      NumericLessThan: { 's3:max-keys': ['10'] },
    });
  });

  it('gives a reason, never a throw, for damaged or foreign documents', () => {
    expect(parsePolicyDocument('%7B%22Version')).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid JSON/) });
    expect(parsePolicyDocument('%E0%A4%A')).toMatchObject({ ok: false, reason: expect.stringMatching(/neither JSON nor URL-encoded/) });
    expect(parsePolicyDocument('{"Statement":[{"Effect":"Maybe","Action":"*"}]}')).toMatchObject({ ok: false, reason: expect.stringMatching(/at Statement/) });
    expect(parsePolicyDocument('{"Statement":[{"Effect":"Allow","Resource":"*"}]}')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/exactly one of Action and NotAction/),
    });
    expect(parsePolicyDocument('[]')).toMatchObject({ ok: false });
  });
});
