import { execFile, execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPresetSim, type PresetSim } from '../../helpers/sim-presets';

/*
 * The AWS CLI (botocore: its own SigV4 signer and its own query/JSON parsers) against the
 * presets — an independent client checking the simulator's wire formats. Expected codes
 * are the same as in sdk-faults.test.ts, whose sources are cited there.
 */

function awsVersion(): string | null {
  try {
    return execFileSync('aws', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 }).trim();
  } catch {
    return null;
  }
}

const version = awsVersion();
if (!version) console.warn('aws-cli.test.ts skipped: no `aws` command on PATH (CI installs it in .ci/run).');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

let env: PresetSim;

function aws(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  // A clean environment: nothing from the host's AWS setup may leak in.
  const base: Record<string, string> = { PATH: process.env['PATH'] ?? '', HOME: env.folder.dir, LANG: 'C.UTF-8' };
  const childEnv = {
    ...base,
    AWS_CONFIG_FILE: env.folder.configFile,
    AWS_SHARED_CREDENTIALS_FILE: env.folder.credentialsFile,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    ...extraEnv,
  };
  return new Promise((resolve) => {
    // The endpoint is passed explicitly as well as through the profiles' endpoint_url: Debian's
    // awscli 2.9 (what .ci/run installs where no `aws` exists) predates endpoint_url in config
    // files (AWS CLI 2.13), and without it would call the real AWS.
    const withEndpoint = args.includes('--endpoint-url') ? args : [...args, '--endpoint-url', env.sim.endpoint];
    execFile('aws', withEndpoint, { env: childEnv, timeout: 30_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const errorCode = (result: CliResult): string | null => /An error occurred \(([A-Za-z]+)\)/.exec(result.stderr)?.[1] ?? null;

describe.skipIf(!version)(`AWS CLI (${version ?? 'absent'}) against the presets`, () => {
  beforeAll(async () => {
    env = await startPresetSim();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('sts get-caller-identity: the same outcome per preset as the SDK', async () => {
    const expected: Record<string, string | null> = {
      good: null,
      'bad-key-id': 'InvalidClientTokenId',
      'bad-secret': 'SignatureDoesNotMatch',
      'inactive-key': 'InvalidClientTokenId',
      'expired-session': 'ExpiredToken',
      // botocore does not correct clock skew, so the CLI shows the raw error.
      'clock-skew': 'SignatureDoesNotMatch',
      'region-not-enabled': 'InvalidClientTokenId',
      'explicit-deny': null,
    };
    const results = await Promise.all(
      Object.keys(expected).map(async (profile) => [profile, await aws(['sts', 'get-caller-identity', '--profile', profile])] as const),
    );
    for (const [profile, result] of results) {
      expect({ profile, code: errorCode(result) }).toEqual({ profile, code: expected[profile] });
      if (expected[profile] === null) expect(JSON.parse(result.stdout).Arn).toMatch(new RegExp(`:user/${profile}$`));
      else expect(result.code).not.toBe(0);
    }
    const skew = results.find(([p]) => p === 'clock-skew')![1];
    expect(skew.stderr).toMatch(/Signature expired: \d{8}T\d{6}Z is now earlier than/);
  });

  it('sts get-caller-identity: the session-token faults of docs/aws-behaviour.md §7', async () => {
    // A long-term key with a leftover token is ExpiredToken (aws/aws-cli#7870); a long-expired token is no longer
    // known (jrl84/amazon-sp-api#57); a global-endpoint v1 token is refused in an opt-in region the account enabled.
    const [stray, old, v1, v1InUsEast1] = await Promise.all([
      aws(['sts', 'get-caller-identity', '--profile', 'stray-session-token']),
      aws(['sts', 'get-caller-identity', '--profile', 'old-session-token']),
      aws(['sts', 'get-caller-identity', '--profile', 'global-sts-token']),
      aws(['sts', 'get-caller-identity', '--profile', 'global-sts-token', '--region', 'us-east-1']),
    ]);
    expect([errorCode(stray), errorCode(old), errorCode(v1)]).toEqual(['ExpiredToken', 'InvalidClientTokenId', 'InvalidClientTokenId']);
    expect(JSON.parse(v1InUsEast1.stdout).Arn).toMatch(/:user\/global-sts-token$/);
  });

  it('a 10-minute skew: STS accepts (15-minute window, aws/aws-cli#6676), MemoryDB refuses (5 minutes)', async () => {
    const [sts, memorydb] = await Promise.all([
      aws(['sts', 'get-caller-identity', '--profile', 'clock-skew-small']),
      aws(['memorydb', 'describe-clusters', '--region', 'eu-west-1', '--profile', 'clock-skew-small']),
    ]);
    expect(JSON.parse(sts.stdout).Arn).toMatch(/:user\/clock-skew-small$/);
    expect(errorCode(memorydb)).toBe('InvalidSignatureException');
    expect(memorydb.stderr).toMatch(/Signature expired: .* - 5 min\.\)/);
  });

  it('AccessDenied without the policy-type wording, and the query-style NotAuthorized of MemoryDB CommonErrors', async () => {
    const [plain, query] = await Promise.all([
      aws(['memorydb', 'describe-clusters', '--region', 'eu-west-1', '--profile', 'deny-unexplained']),
      aws(['memorydb', 'describe-clusters', '--region', 'eu-west-1', '--profile', 'query-style-errors']),
    ]);
    expect(errorCode(plain)).toBe('AccessDeniedException');
    expect(plain.stderr).toMatch(/is not authorized to perform: memorydb:DescribeClusters on resource: \S+\s*$/);
    expect(errorCode(query)).toBe('NotAuthorized');
  });

  it('iam list-access-keys: keys, the MFA explicit deny, and the two-key user', async () => {
    const [good, mfa, full] = await Promise.all([
      aws(['iam', 'list-access-keys', '--profile', 'good']),
      aws(['iam', 'list-access-keys', '--profile', 'mfa-required']),
      aws(['iam', 'list-access-keys', '--profile', 'two-keys-full']),
    ]);
    expect(JSON.parse(good.stdout).AccessKeyMetadata).toHaveLength(1);
    expect(errorCode(mfa)).toBe('AccessDenied');
    expect(mfa.stderr).toContain('with an explicit deny in an identity-based policy');
    expect(JSON.parse(full.stdout).AccessKeyMetadata.map((k: { Status: string }) => k.Status)).toEqual(['Active', 'Active']);
  });

  it('sts get-access-key-info and the IAM lookup of a refused key: any key id names its account; an inactive key is listed, a deleted one is not', async () => {
    const keyOf = async (profile: string) => (await aws(['configure', 'get', 'aws_access_key_id', '--profile', profile])).stdout.trim();
    const [inactive, deleted] = await Promise.all([keyOf('inactive-key-lookup'), keyOf('deleted-key-lookup')]);
    const admin = ['--profile', 'inactive-key-lookup-admin'];
    const [self, ofInactive, ofDeleted, neverIssued, tooShort, denied, lastUsed, listed, deletedLastUsed] = await Promise.all([
      aws(['sts', 'get-caller-identity', ...admin]),
      aws(['sts', 'get-access-key-info', '--access-key-id', inactive, ...admin]),
      aws(['sts', 'get-access-key-info', '--access-key-id', deleted, ...admin]),
      // Aidan Steele's published example: an id AWS never issued to us still names an account (ASIAY34FZKBOKMUTVV7A -> 609629065308).
      aws(['sts', 'get-access-key-info', '--access-key-id', 'ASIAY34FZKBOKMUTVV7A', ...admin]),
      aws(['sts', 'get-access-key-info', '--access-key-id', 'AKIA1234', ...admin]),
      aws(['sts', 'get-access-key-info', '--access-key-id', inactive, '--profile', 'good']),
      aws(['iam', 'get-access-key-last-used', '--access-key-id', inactive, ...admin]),
      aws(['iam', 'list-access-keys', '--user-name', 'inactive-key-lookup', ...admin]),
      aws(['iam', 'get-access-key-last-used', '--access-key-id', deleted, '--profile', 'deleted-key-lookup-admin']),
    ]);
    const account = JSON.parse(self.stdout).Account as string;
    expect(JSON.parse(ofInactive.stdout)).toEqual({ Account: account });
    expect(JSON.parse(ofDeleted.stdout).Account).toMatch(/^\d{12}$/);
    expect(JSON.parse(ofDeleted.stdout).Account).not.toBe(account);
    expect(JSON.parse(neverIssued.stdout)).toEqual({ Account: '609629065308' });
    // botocore checks the model's minimum length (16) before sending.
    expect(tooShort.stderr).toMatch(/Invalid length for parameter AccessKeyId/);
    expect(errorCode(denied)).toBe('AccessDenied');
    expect(JSON.parse(lastUsed.stdout)).toMatchObject({ UserName: 'inactive-key-lookup', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } });
    expect(JSON.parse(listed.stdout).AccessKeyMetadata).toEqual([expect.objectContaining({ AccessKeyId: inactive, Status: 'Inactive' })]);
    expect(errorCode(deletedLastUsed)).toBe('NoSuchEntity');
  });

  it('memorydb describe-clusters --region R: clusters, empty regions and the JSON-protocol errors', async () => {
    const cases: Array<[string, string, string | null]> = [
      ['good', 'eu-west-1', null],
      ['wrong-region', 'us-west-2', null],
      ['bad-key-id', 'eu-west-1', 'UnrecognizedClientException'],
      ['bad-secret', 'eu-west-1', 'InvalidSignatureException'],
      ['expired-session', 'eu-west-1', 'ExpiredTokenException'],
      ['no-permission', 'eu-west-1', 'AccessDeniedException'],
      ['explicit-deny', 'eu-west-1', 'AccessDeniedException'],
      ['region-not-enabled', 'ap-east-1', 'UnrecognizedClientException'],
      ['global-sts-token', 'ap-east-1', 'UnrecognizedClientException'],
      ['stray-session-token', 'eu-west-1', 'ExpiredTokenException'],
    ];
    const results = await Promise.all(cases.map(([profile, region]) => aws(['memorydb', 'describe-clusters', '--region', region, '--profile', profile])));
    results.forEach((result, i) => {
      const [profile, , code] = cases[i]!;
      expect({ profile, code: errorCode(result) }).toEqual({ profile, code });
    });
    expect(JSON.parse(results[0]!.stdout).Clusters.map((c: { Name: string }) => c.Name)).toEqual(['orders']);
    expect(JSON.parse(results[1]!.stdout).Clusters).toEqual([]);
  });

  it('iam policy reads: the CLI decodes the URL-encoded documents into JSON, groups and versions included', async () => {
    const [userPolicy, group, groupPolicy, attached, policy] = await Promise.all([
      aws(['iam', 'get-user-policy', '--user-name', 'deny-in-group', '--policy-name', 'NoPolicySimulator', '--profile', 'deny-in-group']),
      aws(['iam', 'list-groups-for-user', '--user-name', 'deny-in-group', '--profile', 'deny-in-group']),
      aws(['iam', 'get-group-policy', '--group-name', 'contractors', '--policy-name', 'no-memorydb', '--profile', 'deny-in-group']),
      aws(['iam', 'list-attached-user-policies', '--user-name', 'deny-in-managed-policy', '--profile', 'deny-in-managed-policy']),
      aws(['iam', 'get-user', '--profile', 'boundary-without-memorydb']),
    ]);
    expect(JSON.parse(userPolicy.stdout).PolicyDocument.Statement).toEqual([
      { Sid: 'NoPolicySimulator', Effect: 'Deny', Action: 'iam:SimulatePrincipalPolicy', Resource: '*' },
    ]);
    expect(JSON.parse(group.stdout).Groups.map((g: { GroupName: string }) => g.GroupName)).toEqual(['contractors']);
    expect(JSON.parse(groupPolicy.stdout).PolicyDocument.Statement[0]).toMatchObject({ Sid: 'DenyMemoryDb', Effect: 'Deny' });
    const guardrail = JSON.parse(attached.stdout).AttachedPolicies.find((p: { PolicyName: string }) => p.PolicyName === 'MemoryDBGuardrail').PolicyArn;
    const meta = await aws(['iam', 'get-policy', '--policy-arn', guardrail, '--profile', 'deny-in-managed-policy']);
    expect(JSON.parse(meta.stdout).Policy.DefaultVersionId).toBe('v3');
    const version = await aws(['iam', 'get-policy-version', '--policy-arn', guardrail, '--version-id', 'v3', '--profile', 'deny-in-managed-policy']);
    expect(JSON.parse(version.stdout).PolicyVersion.Document.Statement[0]).toMatchObject({ Sid: 'DenyMemoryDb', Action: ['memorydb:*'] });
    expect(JSON.parse(policy.stdout).User.PermissionsBoundary).toMatchObject({ PermissionsBoundaryType: 'Policy' });
  });

  it('env-shadowing: environment keys win over the profile when no profile is named', async () => {
    const entry = env.preset('env-shadowing');
    const result = await aws(['sts', 'get-caller-identity', '--endpoint-url', env.sim.endpoint, '--region', entry.region], entry.env);
    expect(errorCode(result)).toBe('InvalidClientTokenId');
    const named = await aws(['sts', 'get-caller-identity', '--profile', entry.profile]);
    expect(named.code).toBe(0);
  });
});
