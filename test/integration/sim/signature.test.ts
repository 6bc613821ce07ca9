import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index';
import type { SimAccessKey } from '../../../src/sim/world';

/*
 * The signature cannot be bypassed: requests are signed here with @smithy/signature-v4 (the
 * SDK's signer), then altered the way an attacker or a broken proxy would, and sent raw.
 */

let sim: RunningSimulator;
let key: SimAccessKey;
let host: string;

beforeAll(async () => {
  sim = await startSimulator();
  const account = sim.world.addAccount('111122223333');
  const user = sim.world.addUser(account.id, 'alice', { policies: { all: { Statement: [{ Effect: 'Allow', Action: 'memorydb:*', Resource: '*' }] } } });
  key = sim.world.createAccessKey(user);
  host = new URL(sim.endpoint).host;
});
afterAll(async () => {
  await sim.stop();
});

interface Draft {
  service: string;
  headers: Record<string, string>;
  body: string;
  date?: Date;
  region?: string;
}

async function sign(draft: Draft): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
    region: draft.region ?? 'us-east-1',
    service: draft.service,
    sha256: Sha256,
  });
  const request = new HttpRequest({ method: 'POST', protocol: 'http:', hostname: host, path: '/', headers: { host, ...draft.headers }, body: draft.body });
  const signed = await signer.sign(request, { signingDate: draft.date ?? new Date() });
  return signed.headers;
}

const stsDraft = (): Draft => ({
  service: 'sts',
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body: 'Action=GetCallerIdentity&Version=2011-06-15',
});
const memoryDbDraft = (body = '{}'): Draft => ({
  service: 'memorydb',
  region: 'eu-west-1',
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonMemoryDB.DescribeClusters' },
  body,
});

async function send(headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  const forwarded = { ...headers };
  delete forwarded['host'];
  const response = await fetch(sim.endpoint, { method: 'POST', headers: forwarded, body });
  return { status: response.status, text: await response.text() };
}

describe('SigV4 verification', () => {
  it('accepts the untouched request (control)', async () => {
    const draft = stsDraft();
    const response = await send(await sign(draft), draft.body);
    expect(response.status).toBe(200);
    expect(response.text).toContain('<Arn>arn:aws:iam::111122223333:user/alice</Arn>');
  });

  it('rejects a tampered body, even when x-amz-content-sha256 still claims the old hash', async () => {
    const draft = stsDraft();
    const headers = await sign(draft);
    expect(headers['x-amz-content-sha256']).toBeDefined();
    const response = await send(headers, 'Action=GetSessionToken&Version=2011-06-15');
    expect(response.status).toBe(403);
    expect(response.text).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('rejects a tampered signed header (x-amz-target changed after signing)', async () => {
    const draft = memoryDbDraft();
    const headers = await sign(draft);
    const response = await send({ ...headers, 'x-amz-target': 'AmazonMemoryDB.DescribeUsers' }, draft.body);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ __type: 'com.amazon.coral.service#InvalidSignatureException' });
  });

  it('ignores a header that was not signed', async () => {
    const draft = memoryDbDraft();
    const headers = await sign(draft);
    const response = await send({ ...headers, 'x-extra-unsigned': 'anything' }, draft.body);
    expect(response.status).toBe(200);
  });

  it('rejects a signature whose SignedHeaders names a header the request no longer carries', async () => {
    const draft = memoryDbDraft();
    const headers = await sign(draft);
    delete headers['x-amz-target'];
    const response = await send({ ...headers, 'x-amz-target': '' }, draft.body);
    expect(response.status).toBe(400);
  });

  it('rejects a replay outside the 15-minute window (query) and the 5-minute window (JSON), with AWS’s "Signature expired" text', async () => {
    const stale = new Date(Date.now() - 16 * 60_000);
    const draft = { ...stsDraft(), date: stale };
    const response = await send(await sign(draft), draft.body);
    expect(response.status).toBe(403);
    expect(response.text).toMatch(/<Message>Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)<\/Message>/);

    const json = { ...memoryDbDraft(), date: new Date(Date.now() - 6 * 60_000) };
    const jsonResponse = await send(await sign(json), json.body);
    expect(jsonResponse.status).toBe(400);
    expect(JSON.parse(jsonResponse.text).message).toMatch(/^Signature expired: .* - 5 min\.\)$/);
  });

  it('rejects a request dated in the future beyond the window ("Signature not yet current")', async () => {
    const draft = { ...stsDraft(), date: new Date(Date.now() + 16 * 60_000) };
    const response = await send(await sign(draft), draft.body);
    expect(response.status).toBe(403);
    expect(response.text).toContain('Signature not yet current:');
  });

  it('replaying a captured request within the window is accepted, as on AWS (SigV4 has no nonce)', async () => {
    const draft = stsDraft();
    const headers = await sign(draft);
    expect((await send(headers, draft.body)).status).toBe(200);
    expect((await send(headers, draft.body)).status).toBe(200);
  });

  it('rejects a signature computed for another region than the scope claims', async () => {
    const draft = memoryDbDraft();
    const headers = await sign(draft);
    headers['authorization'] = headers['authorization']!.replace('/eu-west-1/', '/us-east-1/');
    const response = await send(headers, draft.body);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).__type).toBe('com.amazon.coral.service#InvalidSignatureException');
  });
});
