import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateAuthToken, maskAuthToken, tokenLifetimeSeconds } from '../../../../src/core/cluster/auth-token';

// AWS documentation's example key pair: fake by design.
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const signingDate = new Date('2026-03-01T12:34:56Z');

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const rfc3986 = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * SigV4 query signing written out from AWS's "Create a signed AWS API request" steps, with
 * no SDK code: canonical request, string to sign, derived key, signature.
 */
function expectedSignature(host: string, params: Array<[string, string]>, secret: string, region: string, amzDate: string): string {
  const canonicalQuery = params
    .filter(([key]) => key !== 'X-Amz-Signature')
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const emptyHash = createHash('sha256').update('').digest('hex');
  const canonicalRequest = ['GET', '/', canonicalQuery, `host:${host}\n`, 'host', emptyHash].join('\n');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${region}/memorydb/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), 'memorydb'), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

function parse(token: string): { host: string; params: Array<[string, string]> } {
  const [host, query] = token.split('/?');
  return { host: host!, params: [...new URLSearchParams(query!).entries()] };
}

describe('generateAuthToken', () => {
  it('is the documented presigned connect request, host = cluster name, scheme stripped', async () => {
    const token = await generateAuthToken({ clusterName: 'orders', userName: 'app-user', region: 'eu-west-1', credentials, signingDate });
    expect(token.startsWith('orders/?')).toBe(true);
    expect(token).not.toMatch(/^https?:/);
    const { host, params } = parse(token);
    const map = new Map(params);
    expect(host).toBe('orders');
    expect(map.get('Action')).toBe('connect');
    expect(map.get('User')).toBe('app-user');
    expect(map.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(map.get('X-Amz-Credential')).toBe('AKIAIOSFODNN7EXAMPLE/20260301/eu-west-1/memorydb/aws4_request');
    expect(map.get('X-Amz-Date')).toBe('20260301T123456Z');
    expect(map.get('X-Amz-Expires')).toBe(String(tokenLifetimeSeconds));
    expect(tokenLifetimeSeconds).toBe(900);
    expect(map.get('X-Amz-SignedHeaders')).toBe('host');
    expect(map.has('X-Amz-Security-Token')).toBe(false);
    expect(params.map(([key]) => key)).toEqual([
      'Action',
      'User',
      'X-Amz-Algorithm',
      'X-Amz-Credential',
      'X-Amz-Date',
      'X-Amz-Expires',
      'X-Amz-SignedHeaders',
      'X-Amz-Signature',
    ]);
    expect(map.get('X-Amz-Signature')).toBe(expectedSignature('orders', params, credentials.secretAccessKey, 'eu-west-1', '20260301T123456Z'));
  });

  it('carries a session token inside the signed query for temporary credentials', async () => {
    const sessionToken = 'FwoGZXIvYXdzEXAMPLE//token+with/slashes=';
    const token = await generateAuthToken({
      clusterName: 'orders',
      userName: 'app-user',
      region: 'us-east-1',
      credentials: { ...credentials, accessKeyId: 'ASIAIOSFODNN7EXAMPLE', sessionToken },
      signingDate,
    });
    const { params } = parse(token);
    const map = new Map(params);
    expect(map.get('X-Amz-Security-Token')).toBe(sessionToken);
    expect(map.get('X-Amz-Signature')).toBe(expectedSignature('orders', params, credentials.secretAccessKey, 'us-east-1', '20260301T123456Z'));
  });

  it('changes with every input the server checks', async () => {
    const base = { clusterName: 'orders', userName: 'app-user', region: 'eu-west-1', credentials, signingDate };
    const signature = async (input: typeof base) => new Map(parse(await generateAuthToken(input)).params).get('X-Amz-Signature');
    const reference = await signature(base);
    expect(await signature({ ...base, clusterName: 'payments' })).not.toBe(reference);
    expect(await signature({ ...base, userName: 'reporting' })).not.toBe(reference);
    expect(await signature({ ...base, region: 'us-east-1' })).not.toBe(reference);
    expect(await signature({ ...base, signingDate: new Date(signingDate.getTime() + 1000) })).not.toBe(reference);
    expect(await signature(base)).toBe(reference);
  });
});

describe('maskAuthToken', () => {
  it('keeps the cluster and user and hides the signature and the key id', async () => {
    const token = await generateAuthToken({ clusterName: 'orders', userName: 'app-user', region: 'eu-west-1', credentials, signingDate });
    const masked = maskAuthToken(token);
    const signature = new Map(parse(token).params).get('X-Amz-Signature')!;
    expect(masked).toContain('orders/?Action=connect&User=app-user');
    expect(masked).toContain('AKIA…MPLE');
    expect(masked).not.toContain(signature);
    expect(masked).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });
});
