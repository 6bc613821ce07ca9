import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { checkSkew } from '../../../src/sim/auth';
import { RateLimiter, seededRandom } from '../../../src/sim/knobs';
import { formatAmzDate, parseSignature, verifySignature, type ReceivedRequest } from '../../../src/sim/sigv4';

// The AWS documentation's example key pair (General Reference, "Signature Version 4 examples").
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function received(overrides: Partial<ReceivedRequest> = {}): ReceivedRequest {
  return { method: 'POST', path: '/', query: {}, headers: { host: '127.0.0.1:9' }, body: Buffer.from(''), ...overrides };
}

async function signedRequest(
  options: { query?: Record<string, string>; body?: string; sessionToken?: string; presign?: boolean } = {},
): Promise<ReceivedRequest> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}) },
    region: 'eu-west-1',
    service: 'memorydb',
    sha256: Sha256,
  });
  const request = new HttpRequest({
    method: options.presign ? 'GET' : 'POST',
    protocol: 'http:',
    hostname: 'orders',
    path: '/',
    query: options.query ?? {},
    headers: { host: 'orders' },
    body: options.body ?? '',
  });
  const signed = options.presign ? await signer.presign(request, { expiresIn: 900 }) : await signer.sign(request);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.query ?? {})) if (typeof value === 'string') query[name] = value;
  return { method: signed.method, path: signed.path, query, headers, body: Buffer.from(options.body ?? '') };
}

describe('parseSignature', () => {
  it('reports a missing signature and AWS’s IncompleteSignature texts', () => {
    expect(parseSignature(received())).toEqual({ kind: 'missing' });
    const noEquals = parseSignature(
      received({ headers: { authorization: 'AWS4-HMAC-SHA256 AKIAIOSFODNN7EXAMPLE/20200122/us-east-1/sts/aws4_request', 'x-amz-date': '20200122T000000Z' } }),
    );
    expect(noEquals).toEqual({
      kind: 'incomplete',
      message:
        "'AKIAIOSFODNN7EXAMPLE/20200122/us-east-1/sts/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 AKIAIOSFODNN7EXAMPLE/20200122/us-east-1/sts/aws4_request'.",
    });
    const noDate = parseSignature(
      received({ headers: { authorization: 'AWS4-HMAC-SHA256 Credential=A/20200122/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=ab' } }),
    );
    expect(noDate).toMatchObject({ kind: 'incomplete' });
  });

  it('takes key id, region and service from the credential scope', () => {
    expect(
      parseSignature(
        received({
          headers: {
            authorization:
              'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20200122/ap-east-1/memorydb/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcd',
            'x-amz-date': '20200122T101010Z',
          },
        }),
      ),
    ).toMatchObject({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', region: 'ap-east-1', service: 'memorydb', signedHeaders: ['host', 'x-amz-date'], presigned: false });
  });
});

describe('verifySignature', () => {
  it('accepts what the SDK signer produced, with or without a session token, and presigned URLs', async () => {
    for (const request of [
      await signedRequest({ body: '{"a":1}' }),
      await signedRequest({ sessionToken: 'token-1' }),
      await signedRequest({ presign: true, query: { Action: 'connect', User: 'app-user' } }),
    ]) {
      const parsed = parseSignature(request);
      if ('kind' in parsed) throw new Error(`unparsed: ${JSON.stringify(parsed)}`);
      expect(await verifySignature(request, parsed, SECRET)).toBe(true);
    }
  });

  it('rejects another secret, a changed body, a changed signed header and a changed presigned query', async () => {
    const request = await signedRequest({ body: '{"a":1}' });
    const parsed = parseSignature(request);
    if ('kind' in parsed) throw new Error('unparsed');
    expect(await verifySignature(request, parsed, SECRET.replace('K7', 'K8'))).toBe(false);
    expect(await verifySignature({ ...request, body: Buffer.from('{"a":2}') }, parsed, SECRET)).toBe(false);
    expect(await verifySignature({ ...request, headers: { ...request.headers, host: 'elsewhere' } }, parsed, SECRET)).toBe(false);
    const presigned = await signedRequest({ presign: true, query: { Action: 'connect', User: 'app-user' } });
    const presignedParsed = parseSignature(presigned);
    if ('kind' in presignedParsed) throw new Error('unparsed');
    expect(await verifySignature({ ...presigned, query: { ...presigned.query, User: 'admin' } }, presignedParsed, SECRET)).toBe(false);
  });
});

describe('checkSkew', () => {
  it('prints AWS’s "Signature expired" and "not yet current" forms', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    expect(checkSkew('20260101T114600Z', now, 15)).toBeNull();
    expect(checkSkew('20260101T114400Z', now, 15)).toBe(
      'Signature expired: 20260101T114400Z is now earlier than 20260101T114500Z (20260101T120000Z - 15 min.)',
    );
    expect(checkSkew('20260101T120600Z', now, 5)).toBe(
      'Signature not yet current: 20260101T120600Z is still later than 20260101T120500Z (20260101T120000Z + 5 min.)',
    );
    expect(formatAmzDate(now)).toBe('20260101T120000Z');
  });
});

describe('knob helpers', () => {
  it('RateLimiter allows a burst of `limit` and refills at `limit` per second', () => {
    const limiter = new RateLimiter();
    const admitted = [0, 0, 0].map(() => limiter.admit('a', 2, 1000));
    expect(admitted).toEqual([true, true, false]);
    expect(limiter.admit('b', 2, 1000)).toBe(true);
    expect(limiter.admit('a', 2, 1400)).toBe(false);
    expect(limiter.admit('a', 2, 1500)).toBe(true);
    expect(limiter.admit('a', 0, 1500)).toBe(true);
  });

  it('seededRandom repeats its sequence for a seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const sequence = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(sequence);
    expect(sequence.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(sequence[0]);
  });
});
