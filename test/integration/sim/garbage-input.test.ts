import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index';

/* Bad input gets an AWS-shaped 4xx, never a crash or a 5xx of the simulator's own making. */

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
  sim.world.addAccount('777788889999');
});
afterAll(async () => {
  await sim.stop();
});

const headerValue = fc.string({ maxLength: 120 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));

describe('garbage requests', () => {
  it('answer 4xx with a parseable error body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          path: fc.constantFrom('/', '/getRegionOptStatus', '/x/../y', '/%2F'),
          target: fc.option(fc.constantFrom('AmazonMemoryDB.DescribeClusters', 'AmazonMemoryDB.', 'Nope.Op', '.'), { nil: undefined }),
          authorization: fc.option(
            fc.oneof(
              headerValue,
              headerValue.map((v) => `AWS4-HMAC-SHA256 Credential=${v}, SignedHeaders=host, Signature=00`),
            ),
            { nil: undefined },
          ),
          amzDate: fc.option(fc.oneof(headerValue, fc.constant('20260101T000000Z')), { nil: undefined }),
          body: fc.oneof(fc.string({ maxLength: 200 }), fc.json(), fc.constant('Action=GetCallerIdentity&Version=2011-06-15')),
          contentType: fc.constantFrom('application/x-www-form-urlencoded', 'application/x-amz-json-1.1', 'application/json', 'text/plain'),
        }),
        async (draft) => {
          const headers: Record<string, string> = { 'content-type': draft.contentType };
          if (draft.target !== undefined) headers['x-amz-target'] = draft.target;
          if (draft.authorization !== undefined) headers['authorization'] = draft.authorization;
          if (draft.amzDate !== undefined) headers['x-amz-date'] = draft.amzDate;
          const response = await fetch(`${sim.endpoint}${draft.path}`, { method: 'POST', headers, body: draft.body });
          const text = await response.text();
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          expect(text).toMatch(/<Code>[A-Za-z]+<\/Code>|"__type":"[\w.]+#[A-Za-z]+"/);
        },
      ),
      { numRuns: 150 },
    );
    expect(sim.requestLog.every((entry) => entry.status < 500)).toBe(true);
  });
});
