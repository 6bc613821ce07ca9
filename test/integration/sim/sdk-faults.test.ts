import { AccountClient, GetRegionOptStatusCommand } from '@aws-sdk/client-account';
import { CreateAccessKeyCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { DescribeClustersCommand, MemoryDBClient } from '@aws-sdk/client-memorydb';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, startPresetSim, type PresetSim } from '../../helpers/sim-presets';

/*
 * Every fault, through the real SDK v3 clients, against the error name and HTTP status AWS
 * gives. Sources, cited per expectation below:
 *  [COMMON]  AWS API Reference "Common Errors" (e.g. docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html,
 *            docs.aws.amazon.com/memorydb/latest/APIReference/CommonErrors.html): InvalidClientTokenId 403,
 *            MissingAuthenticationToken 403, IncompleteSignature 400, AccessDeniedException 400, ThrottlingException 400.
 *  [DDB]     DynamoDB developer guide, "Error handling with DynamoDB" (Programming.Errors): awsJson front-door auth
 *            errors (UnrecognizedClientException, InvalidSignatureException, ExpiredTokenException,
 *            MissingAuthenticationTokenException) answer HTTP 400 with a com.amazon.coral.service#… __type.
 *  [FACTS]   /work/shared/design/docs/aws-behaviour.md §1.3 / §3.2 / §4 and the reports it cites there.
 */

let env: PresetSim;
beforeAll(async () => {
  env = await startPresetSim();
});
afterAll(async () => {
  await env.close();
});

const sts = (preset: string, extra: { maxAttempts?: number } = {}) => new STSClient({ ...env.clientConfig(preset), ...extra });
const iam = (preset: string) => new IAMClient(env.clientConfig(preset));
const memorydb = (preset: string, region?: string, extra: { maxAttempts?: number } = {}) =>
  new MemoryDBClient({ ...env.clientConfig(preset, region), ...extra });

describe('good credentials', () => {
  it('answers GetCallerIdentity, ListAccessKeys and DescribeClusters', async () => {
    const identity = await sts('good').send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toMatch(/^arn:aws:iam::\d{12}:user\/good$/);
    const keys = await iam('good').send(new ListAccessKeysCommand({}));
    expect(keys.AccessKeyMetadata?.map((k) => k.Status)).toEqual(['Active']);
    const clusters = await memorydb('good').send(new DescribeClustersCommand({}));
    expect(clusters.Clusters?.map((c) => c.Name)).toEqual(['orders']);
  });
});

describe('credential faults', () => {
  it('unknown key id: STS InvalidClientTokenId 403 [COMMON]; MemoryDB UnrecognizedClientException 400 [DDB][FACTS §1.3]', async () => {
    const viaSts = await failureOf(() => sts('bad-key-id').send(new GetCallerIdentityCommand({})));
    expect(viaSts).toMatchObject({ name: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.' });
    const viaMemoryDb = await failureOf(() => memorydb('bad-key-id').send(new DescribeClustersCommand({})));
    expect(viaMemoryDb).toMatchObject({ name: 'UnrecognizedClientException', status: 400, message: 'The security token included in the request is invalid.' });
  });

  it('inactive key answers exactly like an unknown key [FACTS §1.3: "Unknown/deleted/inactive access key ID"]', async () => {
    expect(await failureOf(() => sts('inactive-key').send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    expect(await failureOf(() => memorydb('inactive-key').send(new DescribeClustersCommand({})))).toMatchObject({
      name: 'UnrecognizedClientException',
      status: 400,
    });
  });

  it('wrong secret: SignatureDoesNotMatch 403 (aws/aws-sdk-js#401) / InvalidSignatureException 400 [DDB] (teralytics/prometheus-ecs-discovery#7)', async () => {
    const viaSts = await failureOf(() => sts('bad-secret').send(new GetCallerIdentityCommand({})));
    expect(viaSts.name).toBe('SignatureDoesNotMatch');
    expect(viaSts.status).toBe(403);
    expect(viaSts.message).toMatch(/^The request signature we calculated does not match the signature you provided\./);
    // Signature errors are clock-skew codes to the SDK, but without skew there is no correction and no retry.
    expect(viaSts.attempts).toBe(1);
    const viaMemoryDb = await failureOf(() => memorydb('bad-secret').send(new DescribeClustersCommand({})));
    expect(viaMemoryDb).toMatchObject({ name: 'InvalidSignatureException', status: 400 });
  });

  it('expired session token: ExpiredToken 403 (cfn-sphere/cfn-sphere#55) / ExpiredTokenException 400 [DDB]', async () => {
    const viaSts = await failureOf(() => sts('expired-session').send(new GetCallerIdentityCommand({})));
    expect(viaSts).toMatchObject({ name: 'ExpiredToken', status: 403, message: 'The security token included in the request is expired' });
    const viaMemoryDb = await failureOf(() => memorydb('expired-session').send(new DescribeClustersCommand({})));
    expect(viaMemoryDb).toMatchObject({ name: 'ExpiredTokenException', status: 400 });
  });

  it('server clock 20 min ahead: "Signature expired" SignatureDoesNotMatch 403 (aws/aws-cli#135), 5-minute form for JSON (aws/aws-sdk-js#2598)', async () => {
    const viaSts = await failureOf(() => sts('clock-skew', { maxAttempts: 1 }).send(new GetCallerIdentityCommand({})));
    expect(viaSts.name).toBe('SignatureDoesNotMatch');
    expect(viaSts.status).toBe(403);
    expect(viaSts.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
    const viaMemoryDb = await failureOf(() => memorydb('clock-skew', undefined, { maxAttempts: 1 }).send(new DescribeClustersCommand({})));
    expect(viaMemoryDb.name).toBe('InvalidSignatureException');
    expect(viaMemoryDb.message).toMatch(/- 5 min\.\)$/);
  });

  it('the SDK corrects the skew from the Date header and retries, as @aws-sdk/core AwsSdkSigV4Signer.errorHandler does against AWS', async () => {
    const before = env.sim.requestLog.length;
    const identity = await sts('clock-skew').send(new GetCallerIdentityCommand({}));
    expect(identity.$metadata.attempts).toBe(2);
    expect(env.sim.requestLog.slice(before).map((e) => e.errorCode)).toEqual(['SignatureDoesNotMatch', null]);
  });

  it('region not enabled: keys are unknown there (STS InvalidClientTokenId 403, MemoryDB UnrecognizedClientException) [FACTS §3.2: aws-okta#225, chalice#1445]', async () => {
    expect(await failureOf(() => sts('region-not-enabled').send(new GetCallerIdentityCommand({})))).toMatchObject({
      name: 'InvalidClientTokenId',
      status: 403,
    });
    expect(await failureOf(() => memorydb('region-not-enabled').send(new DescribeClustersCommand({})))).toMatchObject({
      name: 'UnrecognizedClientException',
      status: 400,
    });
    // The same key works in an always-enabled region — the differential probe docs/diagnosis.md describes.
    const identity = await new STSClient(env.clientConfig('region-not-enabled', 'us-east-1')).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toMatch(/user\/region-not-enabled$/);
    const status = await new AccountClient(env.clientConfig('region-not-enabled', 'us-east-1')).send(
      new GetRegionOptStatusCommand({ RegionName: 'ap-east-1' }),
    );
    expect(status.RegionOptStatus).toBe('DISABLED');
  });
});

describe('authorization faults', () => {
  it('no memorydb permission: AccessDeniedException 400 [COMMON, MemoryDB] naming the implicit deny (IAM UG troubleshoot_access-denied)', async () => {
    const failure = await failureOf(() => memorydb('no-permission').send(new DescribeClustersCommand({})));
    expect(failure.name).toBe('AccessDeniedException');
    expect(failure.status).toBe(400);
    expect(failure.message).toMatch(
      /^User: arn:aws:iam::\d{12}:user\/no-permission is not authorized to perform: memorydb:DescribeClusters on resource: arn:aws:memorydb:eu-west-1:\d{12}:cluster\/\* because no identity-based policy allows the memorydb:DescribeClusters action$/,
    );
  });

  it('explicit deny: the message names the identity-based policy (IAM UG troubleshoot_access-denied)', async () => {
    const failure = await failureOf(() => memorydb('explicit-deny').send(new DescribeClustersCommand({})));
    expect(failure).toMatchObject({ name: 'AccessDeniedException', status: 400 });
    expect(failure.message).toMatch(/with an explicit deny in an identity-based policy$/);
  });

  it('GetCallerIdentity needs no permission and works under explicit deny [FACTS §1.3, botocore sts model]', async () => {
    await expect(sts('explicit-deny').send(new GetCallerIdentityCommand({}))).resolves.toHaveProperty('Account');
    await expect(sts('no-permission').send(new GetCallerIdentityCommand({}))).resolves.toHaveProperty('Account');
  });

  it('two keys already: CreateAccessKey LimitExceeded 409 "Cannot exceed quota for AccessKeysPerUser: 2" [FACTS §4: IAM API reference, fwdcloudsec/granted#388]', async () => {
    const failure = await failureOf(() => iam('two-keys-full').send(new CreateAccessKeyCommand({})));
    // The wire code is LimitExceeded; the IAM model's awsQueryError trait maps it to the SDK class LimitExceededException.
    expect(failure).toMatchObject({ name: 'LimitExceededException', status: 409, message: 'Cannot exceed quota for AccessKeysPerUser: 2' });
    expect(env.sim.requestLog.at(-1)).toMatchObject({ operation: 'CreateAccessKey', errorCode: 'LimitExceeded', status: 409 });
  });

  it('MFA-required policy: IAM AccessDenied 403 with long-term keys; GetSessionToken without MFA cannot call IAM (InvalidClientTokenId, aws-vault USAGE.md); with MFA it can', async () => {
    const denied = await failureOf(() => iam('mfa-required').send(new ListAccessKeysCommand({})));
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(denied.message).toMatch(/iam:ListAccessKeys on resource: user mfa-required with an explicit deny in an identity-based policy$/);

    const plain = await sts('mfa-required').send(new GetSessionTokenCommand({}));
    const plainIam = new IAMClient({
      endpoint: env.sim.endpoint,
      region: 'eu-west-1',
      credentials: {
        accessKeyId: plain.Credentials!.AccessKeyId!,
        secretAccessKey: plain.Credentials!.SecretAccessKey!,
        sessionToken: plain.Credentials!.SessionToken!,
      },
    });
    expect(await failureOf(() => plainIam.send(new ListAccessKeysCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });

    const mfa = env.preset('mfa-required').mfa!;
    const wrongCode = await failureOf(() =>
      sts('mfa-required').send(new GetSessionTokenCommand({ SerialNumber: mfa.serialNumber, TokenCode: mfa.code === '123456' ? '654321' : '123456' })),
    );
    expect(wrongCode).toMatchObject({ name: 'AccessDenied', status: 403 });
    const withMfa = await sts('mfa-required').send(new GetSessionTokenCommand({ SerialNumber: mfa.serialNumber, TokenCode: mfa.code }));
    expect(withMfa.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const mfaIam = new IAMClient({
      endpoint: env.sim.endpoint,
      region: 'eu-west-1',
      credentials: {
        accessKeyId: withMfa.Credentials!.AccessKeyId!,
        secretAccessKey: withMfa.Credentials!.SecretAccessKey!,
        sessionToken: withMfa.Credentials!.SessionToken!,
      },
    });
    const keys = await mfaIam.send(new ListAccessKeysCommand({ UserName: 'mfa-required' }));
    expect(keys.AccessKeyMetadata).toHaveLength(1);
    // ListAccessKeys API reference: "If a temporary access key is used, then UserName is required."
    expect(await failureOf(() => mfaIam.send(new ListAccessKeysCommand({})))).toMatchObject({ name: 'ValidationError', status: 400 });
  });
});

describe('unsigned and malformed requests', () => {
  it('an anonymous request gets MissingAuthenticationToken 403 [COMMON]', async () => {
    const response = await fetch(env.sim.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });

  it('an Authorization header without Signature gets IncompleteSignature 400 [COMMON]', async () => {
    const response = await fetch(env.sim.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-amz-date': '20260101T000000Z',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date',
      },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain('<Code>IncompleteSignature</Code>');
    expect(body).toContain("Authorization header requires 'Signature' parameter.");
  });
});
