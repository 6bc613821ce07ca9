import { CreateAccessKeyCommand, DeleteAccessKeyCommand, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { DescribeClustersCommand, MemoryDBClient } from '@aws-sdk/client-memorydb';
import { fromIni } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIamClient } from '../../../src/core/aws/clients';
import { classifyAwsError } from '../../../src/core/aws/error-kinds';
import { describeAwsError } from '../../../src/core/aws/error-evidence';
import type { SimulatorKnobs } from '../../../src/sim/knobs';
import { failureOf, startPresetSim, type PresetSim } from '../../helpers/sim-presets';

/*
 * The one classifier against what the real SDK v3 clients make of the simulator's answers.
 * IAM's query codes LimitExceeded / NoSuchEntity / InvalidInput reach us renamed by the SDK
 * (aws-sdk-js-v3 clients/client-iam/src/models/errors.ts: LimitExceededException,
 * NoSuchEntityException, InvalidInputException), and the SDK's standard retry strategy counts
 * LimitExceededException as throttling (@smithy/core THROTTLING_ERROR_CODES).
 */

let env: PresetSim;
beforeAll(async () => {
  env = await startPresetSim({}, ['two-keys-full', 'bad-key-id', 'good', 'query-style-errors']);
});
afterAll(async () => {
  await env.close();
});

function iamFor(preset: string, maxAttempts = 4) {
  const config = env.clientConfig(preset);
  return createIamClient({ region: config.region, credentials: config.credentials, endpoints: { iam: env.sim.endpoint }, maxAttempts });
}

async function thrown(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to fail.');
}

describe('IAM errors through the SDK', () => {
  it('a full key quota is LimitExceededException, classified limit-exceeded, and asked once, not retried as throttling', async () => {
    const before = env.sim.requestLog.filter((entry) => entry.operation === 'CreateAccessKey').length;
    const error = await thrown(() => iamFor('two-keys-full').send(new CreateAccessKeyCommand({})));
    expect((error as { name: string }).name).toBe('LimitExceededException');
    expect(classifyAwsError(error)).toBe('limit-exceeded');
    expect((error as { $metadata: { attempts: number } }).$metadata.attempts).toBe(1);
    expect(env.sim.requestLog.filter((entry) => entry.operation === 'CreateAccessKey').length - before).toBe(1);
  });

  it('a missing key is NoSuchEntityException (not-found); a malformed ARN is InvalidInputException (invalid-input)', async () => {
    const missing = await thrown(() => iamFor('good').send(new DeleteAccessKeyCommand({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' })));
    expect((missing as { name: string }).name).toBe('NoSuchEntityException');
    expect(classifyAwsError(missing)).toBe('not-found');
    expect(describeAwsError(missing).kind).toBe('not-found');
    const invalid = await thrown(() =>
      iamFor('good').send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::123456789012:nothing', ActionNames: ['memorydb:Connect'] })),
    );
    expect((invalid as { name: string }).name).toBe('InvalidInputException');
    expect(classifyAwsError(invalid)).toBe('invalid-input');
    expect(describeAwsError(invalid).kind).toBe('invalid-input');
  });
});

describe('awsJson error bodies in every form AWS uses classify the same', () => {
  it.each<SimulatorKnobs['jsonErrorStyle']>(['namespaced', 'bare', 'header-only'])('%s', async (style) => {
    env.sim.knobs.jsonErrorStyle = style;
    try {
      const preset = env.preset('bad-key-id');
      const client = new MemoryDBClient({
        endpoint: env.sim.endpoint,
        region: preset.region,
        credentials: fromIni({ profile: preset.profile, filepath: env.folder.credentialsFile, configFilepath: env.folder.configFile, ignoreCache: true }),
      });
      const error = await thrown(() => client.send(new DescribeClustersCommand({})));
      expect((error as { name: string }).name).toBe('UnrecognizedClientException');
      expect(classifyAwsError(error)).toBe('key-rejected');
      expect(describeAwsError(error)).toMatchObject({ kind: 'key-rejected', errorName: 'UnrecognizedClientException', httpStatus: 400 });
      expect((await failureOf(() => client.send(new DescribeClustersCommand({})))).message).toBe('The security token included in the request is invalid.');
    } finally {
      env.sim.knobs.jsonErrorStyle = 'namespaced';
    }
  });
});

describe('the query-style names of the MemoryDB CommonErrors page', () => {
  it('NotAuthorized is an access denial; OptInRequired in an opt-in region not enabled is a disabled region', async () => {
    const denied = await thrown(() => new MemoryDBClient(env.clientConfig('query-style-errors')).send(new DescribeClustersCommand({})));
    expect(describeAwsError(denied)).toMatchObject({ kind: 'access-denied', errorName: 'NotAuthorized', httpStatus: 400 });
    const optIn = await thrown(() =>
      new MemoryDBClient({ ...env.clientConfig('query-style-errors', 'ap-east-1'), maxAttempts: 1 }).send(new DescribeClustersCommand({})),
    );
    expect(describeAwsError(optIn)).toMatchObject({ kind: 'region-disabled', errorName: 'OptInRequired', httpStatus: 403 });
  });
});
