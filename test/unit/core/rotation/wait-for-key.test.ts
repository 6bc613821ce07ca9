import { STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import type { AwsClientFactory } from '../../../../src/core/rotation/aws-access';
import { defaultClientFactory } from '../../../../src/core/rotation/aws-access';
import { waitForKey, type Sleep } from '../../../../src/core/rotation/wait-for-key';

/** A real STS client whose answers come from a script, via a middleware that never sends. */
function scriptedSts(answers: Array<Error | string>): { factory: AwsClientFactory; calls: () => number } {
  let calls = 0;
  const factory: AwsClientFactory = {
    iam: defaultClientFactory.iam,
    sts: (target) => {
      const client = new STSClient({ region: target.region, credentials: target.credentials, maxAttempts: 1 });
      client.middlewareStack.add(
        () => async () => {
          const answer = answers[Math.min(calls, answers.length - 1)]!;
          calls += 1;
          if (answer instanceof Error) throw answer;
          return { output: { Arn: answer, Account: '111122223333', UserId: 'AIDA', $metadata: {} }, response: {} };
        },
        { step: 'initialize', name: 'scripted' },
      );
      return client;
    },
  };
  return { factory, calls: () => calls };
}

const unknownKey = () =>
  Object.assign(new Error('The security token included in the request is invalid.'), { name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
const arn = 'arn:aws:iam::111122223333:user/dev';

function fakeClock(): { sleep: Sleep; now: () => number; slept: number[] } {
  let time = 0;
  const slept: number[] = [];
  return { slept, now: () => time, sleep: async (ms) => void (slept.push(ms), (time += ms)) };
}

const key = { id: 'AKIAI44QH8DHBEXAMPLE', secret: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY' };
const place = { region: 'us-east-1', endpoints: {} };

describe('waiting for a new key to propagate', () => {
  it('backs off exponentially until the key answers as the same user', async () => {
    const sts = scriptedSts([unknownKey(), unknownKey(), unknownKey(), arn]);
    const clock = fakeClock();
    const result = await waitForKey({
      clients: sts.factory,
      place,
      key,
      expectedArn: arn,
      backoff: { initialDelayMs: 100, maxDelayMs: 300, maxWaitMs: 10_000 },
      ...clock,
    });
    expect(result).toMatchObject({ ok: true, attempts: 4 });
    expect(clock.slept).toEqual([100, 200, 300]);
  });

  it('gives up within the bound', async () => {
    const sts = scriptedSts([unknownKey()]);
    const clock = fakeClock();
    const result = await waitForKey({
      clients: sts.factory,
      place,
      key,
      expectedArn: arn,
      backoff: { initialDelayMs: 100, maxDelayMs: 400, maxWaitMs: 1_000 },
      ...clock,
    });
    expect(result.ok).toBe(false);
    expect(clock.now()).toBeLessThanOrEqual(1_000);
    expect(sts.calls()).toBe(clock.slept.length + 1);
  });

  it('stops at once when the key belongs to someone else', async () => {
    const sts = scriptedSts(['arn:aws:iam::111122223333:user/someone-else']);
    const clock = fakeClock();
    const result = await waitForKey({
      clients: sts.factory,
      place,
      key,
      expectedArn: arn,
      backoff: { initialDelayMs: 100, maxDelayMs: 400, maxWaitMs: 1_000 },
      ...clock,
    });
    expect(result).toMatchObject({ ok: false, wrongUser: true, attempts: 1 });
    expect(clock.slept).toEqual([]);
  });
});
