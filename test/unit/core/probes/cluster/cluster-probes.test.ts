import { describe, expect, it } from 'vitest';
import type { Facts } from '../../../../../src/core/diagnosis/facts';
import { clusterSignInProbe } from '../../../../../src/core/probes/cluster/cluster-sign-in';
import { connectPermissionProbe } from '../../../../../src/core/probes/cluster/connect-permission';
import { clusterTarget, fakeProbeContext, type Answer } from '../../../../helpers/fake-probe-context';

const account = '123456789012';
const identity = { arn: `arn:aws:iam::${account}:user/dev`, account, userId: 'AIDAEXAMPLE', region: 'eu-west-1' };
const orders = {
  Name: 'orders',
  Status: 'available',
  Engine: 'valkey',
  EngineVersion: '7.2',
  TLSEnabled: true,
  ACLName: 'orders-acl',
  ARN: `arn:aws:memorydb:eu-west-1:${account}:cluster/orders`,
};
const iamUser = {
  Name: 'app-user',
  Status: 'active',
  AccessString: 'on ~* &* +@all',
  Authentication: { Type: 'iam' },
  ARN: `arn:aws:memorydb:eu-west-1:${account}:user/app-user`,
};
const denied = {
  kind: 'access-denied' as const,
  errorName: 'AccessDenied',
  message: `User: ${identity.arn} is not authorized to perform: iam:SimulatePrincipalPolicy`,
};

const clusterAnswers: Answer[] = [
  { match: /^memorydb:DescribeClusters orders in eu-west-1$/, output: { Clusters: [orders] } },
  { match: /^memorydb:DescribeUsers app-user in eu-west-1$/, output: { Users: [iamUser] } },
];

function facts(extra: Partial<Facts> = {}): Partial<Facts> {
  return { target: clusterTarget(), identity, ...extra };
}

const simulation = (decision: 'allowed' | 'implicitDeny'): Answer => ({
  match: /^iam:SimulatePrincipalPolicy memorydb:Connect on /,
  output: { EvaluationResults: [{ EvalActionName: 'memorydb:Connect', EvalDecision: decision }] },
});

describe('connect permission probe', () => {
  it('asks about Connect on the cluster ARN and the user ARN separately', async () => {
    const context = fakeProbeContext(facts(), [...clusterAnswers, simulation('allowed')]);
    const outcome = await connectPermissionProbe.run(context);
    expect(outcome.status).toBe('pass');
    expect(context.asked.filter((label) => label.startsWith('iam:'))).toEqual([
      `iam:SimulatePrincipalPolicy memorydb:Connect on ${orders.ARN}`,
      `iam:SimulatePrincipalPolicy memorydb:Connect on ${iamUser.ARN}`,
    ]);
  });

  it('falls back to the permissions step’s simulation of Connect when the caller may not simulate', async () => {
    const broad = {
      source: 'simulator' as const,
      verdicts: [{ action: 'memorydb:Connect', decision: 'implicitDeny' as const, evidence: { label: 'Simulator: memorydb:Connect → implicitDeny' } }],
    };
    const outcome = await connectPermissionProbe.run(
      fakeProbeContext(facts({ simulation: broad }), [...clusterAnswers, { match: /^iam:Simulate/, failure: denied }]),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.causes?.map((cause) => cause.id)).toEqual(['cluster.connect-denied']);
    expect(outcome.evidence?.map((item) => item.label)).toContain("Fallback: the permissions step's simulation of memorydb:Connect on *");
  });

  it('says it cannot tell, and still gives the policy, without the simulator or a fallback', async () => {
    const outcome = await connectPermissionProbe.run(fakeProbeContext(facts(), [...clusterAnswers, { match: /^iam:Simulate/, failure: denied }]));
    expect(outcome.status).toBe('unknown');
    expect(outcome.verdict).toMatch(/you may not use iam:SimulatePrincipalPolicy.*live sign-in test/);
    expect(outcome.fixes?.map((fix) => fix.kind)).toEqual(['copy-policy', 'copy-command']);
  });

  it('warns that tokens made here are refused when the clock is off by more than five minutes', async () => {
    const outcome = await connectPermissionProbe.run(
      fakeProbeContext(facts({ clock: { offsetMs: 9 * 60_000, serverDate: 'Sun, 01 Mar 2026 12:09:00 GMT' } }), [...clusterAnswers, simulation('allowed')]),
    );
    expect(outcome.status).toBe('warn');
    expect(outcome.verdict).toMatch(/local clock 9 min 0 s behind the server: tokens made here are refused/);
  });

  it('attaches the policy to the role behind an assumed-role session', async () => {
    const role = { ...identity, arn: `arn:aws:sts::${account}:assumed-role/AppRole/session-1` };
    const outcome = await connectPermissionProbe.run(fakeProbeContext(facts({ identity: role }), [...clusterAnswers, simulation('implicitDeny')]));
    expect(outcome.causes?.[0]?.fixes).toContainEqual(
      expect.objectContaining({
        command: 'aws iam put-role-policy --role-name AppRole --policy-name MemoryDBConnect --policy-document file://memorydb-connect.json',
      }),
    );
  });

  it('does not apply to password users', async () => {
    const context = fakeProbeContext(facts(), [
      clusterAnswers[0]!,
      { match: /^memorydb:DescribeUsers/, output: { Users: [{ ...iamUser, Authentication: { Type: 'password', PasswordCount: 1 } }] } },
    ]);
    const outcome = await connectPermissionProbe.run(context);
    expect(outcome).toMatchObject({ status: 'skipped', verdict: expect.stringMatching(/signs in with password, not IAM/) });
    expect(context.asked.some((label) => label.startsWith('iam:'))).toBe(false);
  });
});

describe('cluster sign-in user probe', () => {
  it('looks in the region where the scan found the cluster', async () => {
    const elsewhere = { ...facts(), clusterLocations: [{ name: 'orders', region: 'us-east-1' }] };
    const context = fakeProbeContext(elsewhere, [
      { match: /^memorydb:DescribeClusters orders in us-east-1$/, output: { Clusters: [orders] } },
      { match: /^memorydb:DescribeUsers app-user in us-east-1$/, output: { Users: [{ ...iamUser, Authentication: { Type: 'password', PasswordCount: 2 } }] } },
      { match: /^memorydb:DescribeACLs orders-acl in us-east-1$/, output: { ACLs: [{ Name: 'orders-acl', Status: 'active', UserNames: ['app-user'] }] } },
    ]);
    const outcome = await clusterSignInProbe.run(context);
    expect(outcome.status).toBe('pass');
    expect(outcome.verdict).toMatch(/password authentication \(2 passwords\)/);
    expect(outcome.evidence?.[0]?.message).toBe('Looked up in us-east-1, where the region scan found it.');
  });

  it('cannot judge the user when DescribeUsers is denied, and says where the fix is', async () => {
    const outcome = await clusterSignInProbe.run(
      fakeProbeContext(facts(), [
        clusterAnswers[0]!,
        {
          match: /^memorydb:DescribeUsers/,
          failure: { kind: 'access-denied', errorName: 'AccessDeniedException', message: 'not authorized to perform: memorydb:DescribeUsers' },
        },
        { match: /^memorydb:DescribeACLs/, output: { ACLs: [{ Name: 'orders-acl', UserNames: ['app-user'] }] } },
      ]),
    );
    expect(outcome).toMatchObject({
      status: 'unknown',
      verdict: expect.stringMatching(/DescribeUsers app-user is denied \(AccessDeniedException\); the permissions step/),
    });
    expect(outcome.causes ?? []).toEqual([]);
  });

  it('reports the cluster and its ACL when no user is named', async () => {
    const outcome = await clusterSignInProbe.run(
      fakeProbeContext({ target: clusterTarget({ user: null }) }, [
        clusterAnswers[0]!,
        { match: /^memorydb:DescribeACLs/, output: { ACLs: [{ Name: 'orders-acl', Status: 'active', UserNames: ['default', 'app-user'] }] } },
      ]),
    );
    expect(outcome.status).toBe('pass');
    expect(outcome.verdict).toMatch(/ACL orders-acl: active, users default, app-user\. Name the sign-in user/);
  });

  it('names cluster.not-found when DescribeClusters says so where the cluster was expected', async () => {
    const outcome = await clusterSignInProbe.run(
      fakeProbeContext(facts(), [
        { match: /^memorydb:DescribeClusters/, failure: { kind: 'not-found', errorName: 'ClusterNotFoundFault', message: 'Cluster orders not found' } },
        clusterAnswers[1]!,
      ]),
    );
    expect(outcome.causes?.map((cause) => cause.id)).toEqual(['cluster.not-found']);
  });
});
