import { CreateAccessKeyCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index';

/*
 * The `dropAnswers` knob: IAM carries the call out, then the connection is destroyed before
 * any answer is written — what a client sees when a network drops the reply.
 */

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function world() {
  sim = await startSimulator();
  const account = sim.world.addAccount('444455556666');
  const user = sim.world.addUser(account.id, 'bob', { policies: { all: { Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] } } });
  const key = sim.world.createAccessKey(user);
  const iam = (maxAttempts: number) =>
    new IAMClient({
      endpoint: sim!.endpoint,
      region: 'us-east-1',
      maxAttempts,
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
    });
  return { sim, account, key, iam };
}

describe('dropAnswers', () => {
  it('carries the call out, then resets the connection: the client gets no answer, yet the key exists', async () => {
    const { sim, account, iam } = await world();
    account.knobs.dropAnswers = { CreateAccessKey: 1 };
    const failure = await iam(1)
      .send(new CreateAccessKeyCommand({ UserName: 'bob' }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBeUndefined();
    expect(sim.world.keysOf('bob', account.id)).toHaveLength(2);
    expect(sim.requestLog.at(-1)).toMatchObject({ operation: 'CreateAccessKey', status: 0, errorCode: 'AnswerDropped' });
    // The count went down: the next call is answered.
    const listed = await iam(1).send(new ListAccessKeysCommand({ UserName: 'bob' }));
    expect(listed.AccessKeyMetadata).toHaveLength(2);
    expect(account.knobs.dropAnswers).toEqual({ CreateAccessKey: 0 });
  });

  it('lets the SDK retry strategy do what it does with a lost answer: a retried CreateAccessKey meets the quota the first one filled', async () => {
    const { sim, account, iam } = await world();
    account.knobs.dropAnswers = { CreateAccessKey: 1 };
    await expect(iam(3).send(new CreateAccessKeyCommand({ UserName: 'bob' }))).rejects.toMatchObject({ name: 'LimitExceededException' });
    expect(sim.requestLog.filter((entry) => entry.operation === 'CreateAccessKey').map((entry) => entry.errorCode)).toEqual(
      expect.arrayContaining(['AnswerDropped', 'LimitExceeded']),
    );
  });

  it('refuses a knob that is not a map of whole counts', async () => {
    await expect(startSimulator({ dropAnswers: { CreateAccessKey: -1 } })).rejects.toThrow(/whole number/);
  });
});
