import { IAMClient, CreateAccessKeyCommand } from '@aws-sdk/client-iam';
import { DescribeClustersCommand, MemoryDBClient } from '@aws-sdk/client-memorydb';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../src/sim/index';
import { failureOf } from '../../helpers/sim-presets';

/*
 * Knobs, seen through the SDK's standard retry strategy (@smithy/core retry: throttling and
 * 5xx are retryable; the default is 3 attempts — docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
 */

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function world(options: SimulatorOptions) {
  sim = await startSimulator(options);
  const account = sim.world.addAccount('444455556666');
  const user = sim.world.addUser(account.id, 'bob', {
    policies: { all: { Statement: [{ Effect: 'Allow', Action: ['memorydb:*', 'iam:*'], Resource: '*' }] } },
  });
  const key = sim.world.createAccessKey(user);
  const config = { endpoint: sim.endpoint, region: 'us-east-1', credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey } };
  return { sim, account, user, key, config };
}

describe('throttling', () => {
  it('answers Throttling (query) / ThrottlingException (JSON) 400 once the bucket is empty [Common Errors: ThrottlingException 400]', async () => {
    const { config, sim } = await world({ throttlePerSecond: 2 });
    const sts = new STSClient({ ...config, maxAttempts: 1 });
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map(() => sts.send(new GetCallerIdentityCommand({}))));
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected.length).toBeGreaterThanOrEqual(2);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ name: 'Throttling', $metadata: { httpStatusCode: 400 } });
    sim.knobs.throttlePerSecond = 1;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const memorydb = new MemoryDBClient({ ...config, maxAttempts: 1 });
    await memorydb.send(new DescribeClustersCommand({}));
    expect(await failureOf(() => memorydb.send(new DescribeClustersCommand({})))).toMatchObject({ name: 'ThrottlingException', status: 400 });
  });

  it('is retried by the SDK with backoff until the bucket refills, and the calls then succeed', async () => {
    const { config, sim } = await world({ throttlePerSecond: 5 });
    // A generous maxAttempts keeps the test deterministic under load; the backoff and the retry decisions are the SDK's own.
    const sts = new STSClient({ ...config, maxAttempts: 10 });
    const results = await Promise.all(Array.from({ length: 12 }, () => sts.send(new GetCallerIdentityCommand({}))));
    expect(results.every((r) => r.Account === '444455556666')).toBe(true);
    expect(results.some((r) => (r.$metadata.attempts ?? 1) > 1)).toBe(true);
    const codes = sim.requestLog.map((e) => e.errorCode);
    expect(codes.filter((c) => c === 'Throttling').length).toBeGreaterThanOrEqual(3);
    expect(codes.filter((c) => c === null)).toHaveLength(12);
  });

  it('can be set per account', async () => {
    const { config, account } = await world({});
    account.knobs.throttlePerSecond = 1;
    const sts = new STSClient({ ...config, maxAttempts: 1 });
    await sts.send(new GetCallerIdentityCommand({}));
    expect(await failureOf(() => sts.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'Throttling', status: 400 });
  });
});

describe('5xx faults', () => {
  it('InternalFailure 500 / ServiceUnavailable 503 are retried by the SDK and the calls succeed (seeded, so the sequence repeats)', async () => {
    const { config, sim } = await world({ faultRate: 0.4, seed: 7 });
    const sts = new STSClient(config);
    for (let i = 0; i < 6; i++) await sts.send(new GetCallerIdentityCommand({}));
    const codes = sim.requestLog.map((e) => e.errorCode);
    expect(codes.filter((c) => c === null)).toHaveLength(6);
    expect(codes.some((c) => c === 'InternalFailure' || c === 'ServiceUnavailable')).toBe(true);
    const statuses = new Set(sim.requestLog.filter((e) => e.errorCode).map((e) => e.status));
    expect([...statuses].every((s) => s === 500 || s === 503)).toBe(true);
  });

  it('surfaces the fault when every attempt fails', async () => {
    const { config } = await world({ faultRate: 1 });
    const failure = await failureOf(() => new MemoryDBClient(config).send(new DescribeClustersCommand({})));
    expect(['InternalFailure', 'ServiceUnavailable']).toContain(failure.name);
    expect(failure.attempts).toBe(3);
  });
});

describe('latency, clock and propagation', () => {
  it('delays every answer by latencyMs, changeable at runtime', async () => {
    // A wide contrast (1.5 s against none) so a loaded machine cannot blur it.
    const { config, sim } = await world({ latencyMs: 1_500 });
    const sts = new STSClient(config);
    let started = Date.now();
    await sts.send(new GetCallerIdentityCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_490);
    sim.knobs.latencyMs = 0;
    started = Date.now();
    await sts.send(new GetCallerIdentityCommand({}));
    expect(Date.now() - started).toBeLessThan(1_490);
  });

  it('sends its skewed clock in the Date header; the SDK corrects and retries (docs/aws-behaviour.md §1.5)', async () => {
    const { config } = await world({ clockOffsetMs: -30 * 60_000 });
    const identity = await new STSClient(config).send(new GetCallerIdentityCommand({}));
    expect(identity.$metadata.attempts).toBe(2);
  });

  it('a new key is unknown (InvalidClientTokenId) until the propagation delay has passed', async () => {
    const { config } = await world({ propagationDelayMs: 400 });
    const created = await new IAMClient(config).send(new CreateAccessKeyCommand({}));
    const fresh = new STSClient({
      ...config,
      maxAttempts: 1,
      credentials: { accessKeyId: created.AccessKey!.AccessKeyId!, secretAccessKey: created.AccessKey!.SecretAccessKey! },
    });
    expect(await failureOf(() => fresh.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    await new Promise((resolve) => setTimeout(resolve, 450));
    await expect(fresh.send(new GetCallerIdentityCommand({}))).resolves.toHaveProperty('Arn', 'arn:aws:iam::444455556666:user/bob');
  });
});

describe('nonAws mode', () => {
  it('answers MemoryDB errors as XML and unimplemented operations with an HTML 500 page', async () => {
    const { config } = await world({ nonAws: true });
    const memorydb = new MemoryDBClient({ ...config, maxAttempts: 1 });
    const failure = await failureOf(() => memorydb.send(new DescribeClustersCommand({ ClusterName: 'missing' })));
    // The JSON deserializer cannot read an XML body, so the SDK reports a generic failure — what users of look-alike endpoints see.
    expect(failure).toMatchObject({ name: 'SyntaxError', status: 404 });
    const { SimulatePrincipalPolicyCommand } = await import('@aws-sdk/client-iam');
    const simulate = await failureOf(() =>
      new IAMClient({ ...config, maxAttempts: 1 }).send(
        new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::444455556666:user/bob', ActionNames: ['memorydb:DescribeClusters'] }),
      ),
    );
    expect(simulate).toMatchObject({ name: 'Unknown', status: 500 });
  });
});
