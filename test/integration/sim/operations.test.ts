import { GetRegionOptStatusCommand, AccountClient } from '@aws-sdk/client-account';
import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsForUserCommand,
  ListRolePoliciesCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListUserPoliciesCommand,
  SetSecurityTokenServicePreferencesCommand,
  SimulatePrincipalPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { DescribeACLsCommand, DescribeClustersCommand, DescribeUsersCommand, ListTagsCommand, MemoryDBClient } from '@aws-sdk/client-memorydb';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryDbEndpointFor } from '../../../src/sim/world';
import { failureOf, startPresetSim, type PresetSim } from '../../helpers/sim-presets';

/*
 * Operation behaviour and response shapes through the SDK: the shapes come from the service
 * models the SDK was generated from (botocore memorydb 2021-01-01, iam 2010-05-08, sts 2011-06-15),
 * so a field the SDK does not know would be dropped and a wrong type would throw.
 */

let env: PresetSim;
beforeAll(async () => {
  env = await startPresetSim({}, [
    'good',
    'two-keys-full',
    'old-key',
    'no-permission',
    'acl-user-disabled',
    'acl-wrong-auth-type',
    'wrong-region',
    'cluster-not-found',
    'memorydb-not-offered',
    'deny-in-group',
    'deny-in-managed-policy',
    'boundary-without-memorydb',
  ]);
});
afterAll(async () => {
  await env.close();
});

describe('IAM key lifecycle (the rotation path)', () => {
  it('creates a second key, refuses a third, deactivates and deletes the old one', async () => {
    // Any working developer preset; this test changes its keys, so no other test uses it.
    const ROTATED = 'cluster-not-found';
    const client = new IAMClient(env.clientConfig(ROTATED));
    const [oldKey] = (await client.send(new ListAccessKeysCommand({}))).AccessKeyMetadata!;
    const created = await client.send(new CreateAccessKeyCommand({}));
    expect(created.AccessKey).toMatchObject({ UserName: ROTATED, Status: 'Active' });
    expect(created.AccessKey!.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(created.AccessKey!.SecretAccessKey).toHaveLength(40);
    expect(env.sim.world.findKey(created.AccessKey!.AccessKeyId!)?.createDate).toBeInstanceOf(Date);
    expect((await failureOf(() => client.send(new CreateAccessKeyCommand({})))).name).toBe('LimitExceededException');

    const newClient = new IAMClient({
      ...env.clientConfig(ROTATED),
      credentials: { accessKeyId: created.AccessKey!.AccessKeyId!, secretAccessKey: created.AccessKey!.SecretAccessKey! },
    });
    await newClient.send(new UpdateAccessKeyCommand({ AccessKeyId: oldKey!.AccessKeyId!, Status: 'Inactive' }));
    expect(env.sim.world.findKey(oldKey!.AccessKeyId!)?.status).toBe('Inactive');
    // The deactivated key no longer signs anything.
    expect((await failureOf(() => client.send(new ListAccessKeysCommand({})))).name).toBe('InvalidClientTokenId');
    await newClient.send(new DeleteAccessKeyCommand({ AccessKeyId: oldKey!.AccessKeyId! }));
    expect(env.sim.world.keysOf(ROTATED).map((k) => k.accessKeyId)).toEqual([created.AccessKey!.AccessKeyId]);
    const missing = await failureOf(() => newClient.send(new DeleteAccessKeyCommand({ AccessKeyId: oldKey!.AccessKeyId! })));
    // IAM model: NoSuchEntity, HTTP 404 (awsQueryError), SDK class NoSuchEntityException.
    expect(missing).toMatchObject({ name: 'NoSuchEntityException', status: 404, message: `The Access Key with id ${oldKey!.AccessKeyId} cannot be found.` });
  });

  it('reports when and where a key was last used, and N/A for a key never used (GetAccessKeyLastUsed API reference)', async () => {
    const client = new IAMClient(env.clientConfig('old-key'));
    await new MemoryDBClient(env.clientConfig('old-key')).send(new DescribeClustersCommand({}));
    const [key] = (await client.send(new ListAccessKeysCommand({}))).AccessKeyMetadata!;
    expect(Date.now() - key!.CreateDate!.getTime()).toBeGreaterThan(199 * 86_400_000);
    const used = await client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key!.AccessKeyId! }));
    // The ListAccessKeys call itself is the latest use: IAM, in IAM's home region.
    expect(used.AccessKeyLastUsed).toMatchObject({ ServiceName: 'iam', Region: 'us-east-1' });
    expect(Math.abs(Date.now() - used.AccessKeyLastUsed!.LastUsedDate!.getTime())).toBeLessThan(5_000);

    const user = env.sim.world.findUser(env.sim.world.findKey(key!.AccessKeyId!)!.accountId, 'old-key')!;
    const unused = env.sim.world.createAccessKey(user);
    const never = await client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: unused.accessKeyId }));
    expect(never.AccessKeyLastUsed).toEqual({ ServiceName: 'N/A', Region: 'N/A' });
  });

  it('GetUser, ListAttachedUserPolicies and ListUserPolicies describe the caller', async () => {
    const client = new IAMClient(env.clientConfig('two-keys-full'));
    const { User } = await client.send(new GetUserCommand({}));
    expect(User).toMatchObject({ UserName: 'two-keys-full', Path: '/' });
    expect(User!.UserId).toMatch(/^AIDA/);
    const attached = await client.send(new ListAttachedUserPoliciesCommand({ UserName: 'two-keys-full' }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['MemoryDBDeveloper']);
    const inline = await client.send(new ListUserPoliciesCommand({ UserName: 'two-keys-full' }));
    expect(inline.PolicyNames).toEqual(['ManageOwnAccessKeys']);
    expect(await failureOf(() => client.send(new GetUserCommand({ UserName: 'nobody' })))).toMatchObject({ status: 403, name: 'AccessDenied' });
  });
});

describe('reading policies (what a user without the policy simulator can do)', () => {
  const decoded = (document: string | undefined) => JSON.parse(decodeURIComponent(document ?? ''));

  it('groups of the user, their inline and attached policies, URL-encoded documents as the API reference says', async () => {
    const client = new IAMClient(env.clientConfig('deny-in-group'));
    const { Groups } = await client.send(new ListGroupsForUserCommand({ UserName: 'deny-in-group' }));
    expect(Groups).toEqual([
      expect.objectContaining({ GroupName: 'contractors', Path: '/', Arn: expect.stringMatching(/^arn:aws:iam::\d{12}:group\/contractors$/) }),
    ]);
    expect((await client.send(new ListGroupPoliciesCommand({ GroupName: 'contractors' }))).PolicyNames).toEqual(['no-memorydb']);
    expect((await client.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'contractors' }))).AttachedPolicies).toEqual([]);
    const policy = await client.send(new GetGroupPolicyCommand({ GroupName: 'contractors', PolicyName: 'no-memorydb' }));
    expect(policy.PolicyDocument).toMatch(/^%7B/);
    expect(decoded(policy.PolicyDocument).Statement).toEqual([{ Sid: 'DenyMemoryDb', Effect: 'Deny', Action: ['memorydb:*'], Resource: '*' }]);
    expect(await failureOf(() => client.send(new GetGroupPolicyCommand({ GroupName: 'contractors', PolicyName: 'nope' })))).toMatchObject({
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The group policy with name nope cannot be found.',
    });
    const own = await client.send(new GetUserPolicyCommand({ UserName: 'deny-in-group', PolicyName: 'NoPolicySimulator' }));
    expect(decoded(own.PolicyDocument).Statement[0]).toMatchObject({ Effect: 'Deny', Action: 'iam:SimulatePrincipalPolicy' });
  });

  it('the simulator evaluates group policies too: leaving the group lifts the deny', async () => {
    const client = new MemoryDBClient(env.clientConfig('deny-in-group'));
    expect(await failureOf(() => client.send(new DescribeClustersCommand({})))).toMatchObject({ name: 'AccessDeniedException' });
    const { Account } = await new STSClient(env.clientConfig('deny-in-group')).send(new GetCallerIdentityCommand({}));
    const group = env.sim.world.findGroup(Account!, 'contractors')!;
    group.members = [];
    await expect(client.send(new DescribeClustersCommand({}))).resolves.toHaveProperty('Clusters');
    group.members = ['deny-in-group'];
  });

  it('lists page with MaxItems and Marker; managed policies report their default version and only it can be read', async () => {
    const client = new IAMClient(env.clientConfig('deny-in-managed-policy'));
    const first = await client.send(new ListAttachedUserPoliciesCommand({ UserName: 'deny-in-managed-policy', MaxItems: 1 }));
    expect(first).toMatchObject({ IsTruncated: true, AttachedPolicies: [{ PolicyName: 'MemoryDBDeveloper' }] });
    const second = await client.send(new ListAttachedUserPoliciesCommand({ UserName: 'deny-in-managed-policy', MaxItems: 1, Marker: first.Marker }));
    expect(second).toMatchObject({ IsTruncated: false, AttachedPolicies: [{ PolicyName: 'MemoryDBGuardrail' }] });
    const arn = second.AttachedPolicies![0]!.PolicyArn!;
    expect((await client.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy).toMatchObject({
      PolicyName: 'MemoryDBGuardrail',
      DefaultVersionId: 'v3',
      Arn: arn,
    });
    const version = await client.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' }));
    expect(version.PolicyVersion).toMatchObject({ VersionId: 'v3', IsDefaultVersion: true });
    expect(decoded(version.PolicyVersion!.Document).Statement[0].Sid).toBe('DenyMemoryDb');
    expect(await failureOf(() => client.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' })))).toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy ${arn} version v1 does not exist or is not attachable.`,
    });
    expect(await failureOf(() => client.send(new GetPolicyCommand({ PolicyArn: `${arn}-gone` })))).toMatchObject({
      name: 'NoSuchEntityException',
      status: 404,
    });
  });

  it('GetUser names the permissions boundary; role reads are authorized on the role ARN and show inline, attached and boundary', async () => {
    const client = new IAMClient(env.clientConfig('boundary-without-memorydb'));
    const { User } = await client.send(new GetUserCommand({}));
    expect(User!.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: 'Policy',
      PermissionsBoundaryArn: expect.stringMatching(/:policy\/DeveloperBoundary$/),
    });

    const { Account } = await new STSClient(env.clientConfig('deny-in-group')).send(new GetCallerIdentityCommand({}));
    const world = env.sim.world;
    const attached = world.addManagedPolicy(Account!, 'RoleReads', { Statement: [{ Effect: 'Allow', Action: 'memorydb:Describe*', Resource: '*' }] });
    world.addRole(Account!, 'Builder', {
      trustedPrincipals: [`arn:aws:iam::${Account}:root`],
      policies: { 'builder-inline': { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } },
      attachedPolicyArns: [attached],
      permissionsBoundaryArn: attached,
    });
    const reader = new IAMClient(env.clientConfig('deny-in-group'));
    const refused = await failureOf(() => reader.send(new ListRolePoliciesCommand({ RoleName: 'Builder' })));
    expect(refused).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(refused.message).toContain(`is not authorized to perform: iam:ListRolePolicies on resource: role Builder`);
    world
      .findUser(Account!, 'deny-in-group')!
      .inlinePolicies.set('ReadRoles', { Statement: [{ Effect: 'Allow', Action: 'iam:*Role*', Resource: `arn:aws:iam::${Account}:role/*` }] });
    const { Role } = await reader.send(new GetRoleCommand({ RoleName: 'Builder' }));
    expect(Role).toMatchObject({ RoleName: 'Builder', MaxSessionDuration: 3600, PermissionsBoundary: { PermissionsBoundaryArn: attached } });
    expect(decoded(Role!.AssumeRolePolicyDocument).Statement[0].Action).toBe('sts:AssumeRole');
    expect((await reader.send(new ListRolePoliciesCommand({ RoleName: 'Builder' }))).PolicyNames).toEqual(['builder-inline']);
    expect((await reader.send(new ListAttachedRolePoliciesCommand({ RoleName: 'Builder' }))).AttachedPolicies).toEqual([
      { PolicyName: 'RoleReads', PolicyArn: attached },
    ]);
    const inline = await reader.send(new GetRolePolicyCommand({ RoleName: 'Builder', PolicyName: 'builder-inline' }));
    expect(decoded(inline.PolicyDocument).Statement[0].Action).toBe('s3:*');
    expect(await failureOf(() => reader.send(new GetRoleCommand({ RoleName: 'Nobody' })))).toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role with name Nobody cannot be found.',
    });
    world.findUser(Account!, 'deny-in-group')!.inlinePolicies.delete('ReadRoles');
  });
});

describe('SimulatePrincipalPolicy', () => {
  it('evaluates the caller’s policies per action, as the IAM policy simulator reports them', async () => {
    const client = new IAMClient(env.clientConfig('no-permission'));
    const { Arn } = await new STSClient(env.clientConfig('no-permission')).send(new GetCallerIdentityCommand({}));
    const result = await client.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: Arn!, ActionNames: ['memorydb:DescribeClusters', 'iam:ListAccessKeys'], ResourceArns: [Arn!] }),
    );
    const decisions = Object.fromEntries(result.EvaluationResults!.map((r) => [r.EvalActionName, r.EvalDecision]));
    expect(decisions).toEqual({ 'memorydb:DescribeClusters': 'implicitDeny', 'iam:ListAccessKeys': 'allowed' });
  });

  it('rejects an assumed-role ARN with InvalidInput (docs/aws-behaviour.md §4, newrelic/newrelic-lambda-cli#96)', async () => {
    const client = new IAMClient(env.clientConfig('good'));
    const account = (await new STSClient(env.clientConfig('good')).send(new GetCallerIdentityCommand({}))).Account!;
    const failure = await failureOf(() =>
      client.send(
        new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:sts::${account}:assumed-role/Dev/session`, ActionNames: ['memorydb:DescribeClusters'] }),
      ),
    );
    expect(failure.name).toBe('InvalidInputException');
    expect(failure.message).toContain('Invalid Entity Arn: arn:aws:sts::');
  });
});

describe('SetSecurityTokenServicePreferences (the fix for v1 global-endpoint tokens)', () => {
  it('needs iam:SetSecurityTokenServicePreferences, then records v2Token for the account', async () => {
    const entry = env.preset('no-permission');
    const client = new IAMClient(env.clientConfig('no-permission'));
    const command = new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' });
    expect(await failureOf(() => client.send(command))).toMatchObject({ name: 'AccessDenied', status: 403 });
    const user = env.sim.world.users.find((candidate) => candidate.name === entry.profile)!;
    user.inlinePolicies.set('StsPreferences', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:SetSecurityTokenServicePreferences', Resource: '*' }],
    });
    await client.send(command);
    expect(env.sim.world.account(user.accountId).globalEndpointTokenVersion).toBe('v2Token');
  });
});

describe('AssumeRole', () => {
  it('issues role credentials whose identity is the assumed-role ARN, and is refused for an untrusted role', async () => {
    const sts = new STSClient(env.clientConfig('two-keys-full'));
    const { Account, Arn } = await sts.send(new GetCallerIdentityCommand({}));
    const world = env.sim.world;
    world.addRole(Account!, 'Deployer', {
      trustedPrincipals: [Arn!],
      policies: { read: { Statement: [{ Effect: 'Allow', Action: 'memorydb:Describe*', Resource: '*' }] } },
    });
    world.addRole(Account!, 'Locked', { trustedPrincipals: [] });
    const user = world.findUser(Account!, 'two-keys-full')!;
    user.inlinePolicies.set('assume', { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] });

    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${Account}:role/Deployer`, RoleSessionName: 'rotation' }));
    expect(assumed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${Account}:assumed-role/Deployer/rotation`);
    const roleCredentials = {
      accessKeyId: assumed.Credentials!.AccessKeyId!,
      secretAccessKey: assumed.Credentials!.SecretAccessKey!,
      sessionToken: assumed.Credentials!.SessionToken!,
    };
    const identity = await new STSClient({ ...env.clientConfig('two-keys-full'), credentials: roleCredentials }).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws:sts::${Account}:assumed-role/Deployer/rotation`);
    expect(identity.UserId).toMatch(/^AROA[A-Z2-7]{16}:rotation$/);
    const denied = await failureOf(() =>
      new MemoryDBClient({ ...env.clientConfig('two-keys-full'), credentials: roleCredentials }).send(
        new ListTagsCommand({ ResourceArn: `arn:aws:memorydb:eu-west-1:${Account}:cluster/orders` }),
      ),
    );
    expect(denied.message).toBe(
      `User: arn:aws:sts::${Account}:assumed-role/Deployer/rotation is not authorized to perform: memorydb:ListTags on resource: arn:aws:memorydb:eu-west-1:${Account}:cluster/orders because no identity-based policy allows the memorydb:ListTags action`,
    );
    const refused = await failureOf(() => sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${Account}:role/Locked`, RoleSessionName: 'x1' })));
    expect(refused).toMatchObject({
      name: 'AccessDenied',
      status: 403,
      message: `User: ${Arn} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${Account}:role/Locked`,
    });
  });
});

describe('MemoryDB shapes', () => {
  it('DescribeClusters returns the model’s Cluster fields; other regions hold nothing', async () => {
    const client = new MemoryDBClient(env.clientConfig('good'));
    const { Clusters } = await client.send(new DescribeClustersCommand({}));
    expect(Clusters).toHaveLength(1);
    expect(Clusters![0]).toMatchObject({
      Name: 'orders',
      Status: 'available',
      ACLName: 'orders-acl',
      TLSEnabled: true,
      Engine: 'valkey',
      EngineVersion: '7.2',
      ClusterEndpoint: { Port: 6379 },
    });
    expect(Clusters![0]!.ARN).toMatch(/^arn:aws:memorydb:eu-west-1:\d{12}:cluster\/orders$/);
    expect(Clusters![0]!.ClusterEndpoint!.Address).toMatch(/^clustercfg\.orders\.[a-f0-9]{6}\.memorydb\.eu-west-1\.amazonaws\.com$/);
    const elsewhere = await new MemoryDBClient(env.clientConfig('wrong-region')).send(new DescribeClustersCommand({}));
    expect(elsewhere.Clusters).toEqual([]);
    const named = await failureOf(() => client.send(new DescribeClustersCommand({ ClusterName: 'payments' })));
    expect(named).toMatchObject({ name: 'ClusterNotFoundFault', status: 404 });
  });

  it('DescribeUsers and DescribeACLs show the sign-in facts the cluster presets plant', async () => {
    const disabled = new MemoryDBClient(env.clientConfig('acl-user-disabled'));
    const { Users } = await disabled.send(new DescribeUsersCommand({ UserName: 'app-user' }));
    expect(Users![0]).toMatchObject({
      Name: 'app-user',
      Status: 'active',
      AccessString: 'off ~* &* +@all',
      ACLNames: ['orders-acl'],
      Authentication: { Type: 'password', PasswordCount: 1 },
    });
    const iamUser = await new MemoryDBClient(env.clientConfig('acl-wrong-auth-type')).send(new DescribeUsersCommand({ UserName: 'app-user' }));
    expect(iamUser.Users![0]!.Authentication).toEqual({ Type: 'iam' });
    const { ACLs } = await disabled.send(new DescribeACLsCommand({}));
    expect(ACLs!.map((a) => [a.Name, a.UserNames, a.Clusters])).toEqual([
      ['open-access', ['default'], []],
      ['orders-acl', ['default', 'app-user'], ['orders']],
    ]);
    expect(await failureOf(() => disabled.send(new DescribeUsersCommand({ UserName: 'ghost' })))).toMatchObject({ name: 'UserNotFoundFault', status: 404 });
  });

  it('a region without MemoryDB has no endpoint: its client fails DNS resolution (ENOTFOUND) as on AWS, and the simulator never hears of it', async () => {
    const endpoint = memoryDbEndpointFor(env.sim.endpoint, 'ap-northeast-3');
    expect(endpoint).toBe('http://memory-db.ap-northeast-3.invalid');
    expect(memoryDbEndpointFor(env.sim.endpoint, 'eu-west-1')).toBe(env.sim.endpoint);
    const before = env.sim.requestLog.length;
    const client = new MemoryDBClient({ ...env.clientConfig('memorydb-not-offered'), endpoint, maxAttempts: 1 });
    const error = await client.send(new DescribeClustersCommand({})).then(
      () => null,
      (caught: unknown) => caught as { code?: string; $metadata?: { httpStatusCode?: number } },
    );
    expect(error?.code).toBe('ENOTFOUND');
    expect(error?.$metadata?.httpStatusCode).toBeUndefined();
    expect(env.sim.requestLog.length).toBe(before);
  });

  it('a request that still reaches the simulator for such a region has its connection reset', async () => {
    const failure = await failureOf(() =>
      new MemoryDBClient({ ...env.clientConfig('good', 'ap-northeast-3'), maxAttempts: 1 }).send(new DescribeClustersCommand({})),
    );
    expect(failure.status).toBeUndefined();
    expect(env.sim.requestLog.at(-1)).toMatchObject({ region: 'ap-northeast-3', errorCode: 'ConnectionDropped' });
  });

  it('pages with MaxResults / NextToken', async () => {
    const client = new MemoryDBClient(env.clientConfig('good'));
    const first = await client.send(new DescribeUsersCommand({ MaxResults: 2 }));
    expect(first.Users).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const second = await client.send(new DescribeUsersCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect(second.Users!.map((u) => u.Name)).not.toContain(first.Users![0]!.Name);
  });

  it('ListTags returns the cluster’s tags', async () => {
    const client = new MemoryDBClient(env.clientConfig('good'));
    const { Clusters } = await client.send(new DescribeClustersCommand({}));
    const { TagList } = await client.send(new ListTagsCommand({ ResourceArn: Clusters![0]!.ARN! }));
    expect(TagList).toEqual([{ Key: 'team', Value: 'orders' }]);
  });
});

describe('guard rails: SCPs and permissions boundaries', () => {
  it('name the deciding policy kind in AccessDenied (IAM UG troubleshoot_access-denied)', async () => {
    const { Account } = await new STSClient(env.clientConfig('acl-user-disabled')).send(new GetCallerIdentityCommand({}));
    const account = env.sim.world.account(Account!);
    account.serviceControlPolicies = [
      { id: 'p-FullAWSAccess', document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
      { id: 'p-NoTags', document: { Statement: [{ Effect: 'Deny', Action: 'memorydb:ListTags', Resource: '*' }] } },
    ];
    const client = new MemoryDBClient(env.clientConfig('acl-user-disabled'));
    const scp = await failureOf(() => client.send(new ListTagsCommand({ ResourceArn: `arn:aws:memorydb:eu-west-1:${Account}:cluster/orders` })));
    expect(scp.message).toMatch(/memorydb:ListTags on resource: .* with an explicit deny in a service control policy$/);

    const user = env.sim.world.findUser(Account!, 'acl-user-disabled')!;
    user.permissionsBoundaryArn = env.sim.world.addManagedPolicy(Account!, 'OnlyClusters', {
      Statement: [{ Effect: 'Allow', Action: 'memorydb:DescribeClusters', Resource: '*' }],
    });
    await expect(client.send(new DescribeClustersCommand({}))).resolves.toHaveProperty('Clusters');
    const boundary = await failureOf(() => client.send(new DescribeUsersCommand({})));
    expect(boundary.message).toMatch(/because no permissions boundary allows the memorydb:DescribeUsers action$/);
    delete account.serviceControlPolicies;
    delete user.permissionsBoundaryArn;
  });
});

describe('Account GetRegionOptStatus', () => {
  it('reports ENABLED_BY_DEFAULT, DISABLED and, once enabled, ENABLED', async () => {
    const client = new AccountClient(env.clientConfig('good'));
    expect((await client.send(new GetRegionOptStatusCommand({ RegionName: 'eu-west-1' }))).RegionOptStatus).toBe('ENABLED_BY_DEFAULT');
    expect((await client.send(new GetRegionOptStatusCommand({ RegionName: 'eu-south-2' }))).RegionOptStatus).toBe('DISABLED');
    const { Account } = await new STSClient(env.clientConfig('good')).send(new GetCallerIdentityCommand({}));
    env.sim.world.account(Account!).enabledOptInRegions.add('eu-south-2');
    expect((await client.send(new GetRegionOptStatusCommand({ RegionName: 'eu-south-2' }))).RegionOptStatus).toBe('ENABLED');
    expect(await failureOf(() => client.send(new GetRegionOptStatusCommand({ RegionName: 'xx-nowhere-1' })))).toMatchObject({
      name: 'ValidationException',
      status: 400,
    });
  });
});
