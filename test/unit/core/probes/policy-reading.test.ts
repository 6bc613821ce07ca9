import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../src/core/aws/session';
import type { ActionVerdict, Facts, PolicyReadingFact, TargetFact } from '../../../../src/core/diagnosis/facts';
import { permissionsVerdictProbe, readPolicyCommand } from '../../../../src/core/probes/permissions-verdict';
import { policyReadingProbe, readingLimits } from '../../../../src/core/probes/policy-reading';
import { fakeProbeContext } from '../../../helpers/fake-probe-context';

/* Reading the caller's own policies when the policy simulator gave no verdict (issue 15, item 5). */

const target = { region: 'eu-west-1', cluster: null, user: null, profile: { name: 'dev' } } as unknown as TargetFact;
const user = { arn: 'arn:aws:iam::123456789012:user/alice', account: '123456789012', userId: 'AIDA', region: 'eu-west-1' };
const role = { arn: 'arn:aws:sts::123456789012:assumed-role/Deploy/ci', account: '123456789012', userId: 'AROA:ci', region: 'eu-west-1' };
const PLAIN =
  'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: memorydb:DescribeClusters on resource: arn:aws:memorydb:eu-west-1:123456789012:cluster/*';

const ok = (output: unknown): CallResult<unknown> => ({ ok: true, output, attempts: [], evidence: { label: 'answered' } });
const denied = (action: string): CallResult<unknown> => ({
  ok: false,
  failure: { kind: 'access-denied', errorName: 'AccessDenied', message: `not authorized to perform: ${action}`, fromRawBody: false },
  attempts: [],
  evidence: { label: 'AccessDenied' },
});
const encoded = (statements: object[]) => encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
const refused = (decision: ActionVerdict['decision'], message = PLAIN): Partial<Facts> => ({
  realCalls: { source: 'real-calls', verdicts: [{ action: 'memorydb:DescribeClusters', decision, evidence: { label: 'AccessDeniedException', message } }] },
  regionClusters: undefined,
});

const ALLOW = [{ Sid: 'Read', Effect: 'Allow', Action: 'memorydb:Describe*', Resource: '*' }];
const DENY = [{ Sid: 'DenyMemoryDb', Effect: 'Deny', Action: 'memorydb:*', Resource: '*' }];

/** An IAM that answers for user alice: inline `dev`, group `ops` with inline `guardrail`; `overrides` by command name. */
function iam(overrides: Record<string, (input: Record<string, unknown>) => CallResult<unknown>> = {}) {
  return (command: string, input: Record<string, unknown>): CallResult<unknown> => {
    const name = command.replace(/Command$/, '');
    if (overrides[name]) return overrides[name]!(input);
    switch (name) {
      case 'GetUser':
        return ok({ User: { UserName: 'alice' } });
      case 'ListUserPolicies':
        return ok({ PolicyNames: ['dev'], IsTruncated: false });
      case 'GetUserPolicy':
        return ok({ PolicyName: 'dev', PolicyDocument: encoded(ALLOW) });
      case 'ListAttachedUserPolicies':
      case 'ListAttachedGroupPolicies':
        return ok({ AttachedPolicies: [], IsTruncated: false });
      case 'ListGroupsForUser':
        return ok({ Groups: [{ GroupName: 'ops' }], IsTruncated: false });
      case 'ListGroupPolicies':
        return ok({ PolicyNames: ['guardrail'], IsTruncated: false });
      case 'GetGroupPolicy':
        return ok({ PolicyDocument: encoded(DENY) });
      default:
        throw new Error(`unexpected ${name}`);
    }
  };
}

describe('permissions.read-policies', () => {
  it('runs only when the simulator gave no verdict and a needed call was refused', async () => {
    const simulated = fakeProbeContext({ target, identity: user, ...refused('denied'), simulation: { source: 'simulator', verdicts: [] } }, iam());
    expect((await policyReadingProbe.run(simulated)).status).toBe('skipped');
    const allowed = fakeProbeContext({ target, identity: user, ...refused('allowed') }, iam());
    expect((await policyReadingProbe.run(allowed)).status).toBe('skipped');
    expect(simulated.asked).toEqual([]);
    expect(allowed.asked).toEqual([]);
    const scp = refused('explicitDeny', `${PLAIN} with an explicit deny in a service control policy`);
    scp.realCalls!.verdicts[0]!.deniedBy = 'service control policy';
    const named = fakeProbeContext({ target, identity: user, ...scp }, iam());
    expect(await policyReadingProbe.run(named)).toMatchObject({ status: 'skipped', verdict: expect.stringContaining('service control policy') });
    expect(named.asked).toEqual([]);
  });

  it("finds the Deny in a group's inline policy, on the resource AWS's message names", async () => {
    const context = fakeProbeContext({ target, identity: user, ...refused('denied') }, iam());
    const outcome = await policyReadingProbe.run(context);
    const fact = outcome.facts!.policyReading!;
    expect(fact.actions).toEqual([
      {
        action: 'memorydb:DescribeClusters',
        resource: 'arn:aws:memorydb:eu-west-1:123456789012:cluster/*',
        reading: {
          outcome: 'explicit-deny',
          statement: {
            sid: 'DenyMemoryDb',
            index: 1,
            text: '{"Sid":"DenyMemoryDb","Effect":"Deny","Action":["memorydb:*"],"Resource":["*"]}',
            origin: { kind: 'inline', name: 'guardrail', holder: { type: 'group', name: 'ops' } },
          },
        },
      },
    ]);
    expect(fact).toMatchObject({ policiesRead: 2, unread: [] });
    expect(context.asked).toContain('GetGroupPolicyCommand');
  });

  it('a read that is denied is named, and the reading says it is partial instead of claiming no Allow', async () => {
    const context = fakeProbeContext(
      { target, identity: user, ...refused('denied') },
      iam({
        GetUserPolicy: () => ok({ PolicyDocument: encoded([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]) }),
        ListGroupPolicies: () => denied('iam:ListGroupPolicies'),
      }),
    );
    const fact = (await policyReadingProbe.run(context)).facts!.policyReading!;
    expect(fact.unread).toEqual(['could not read the policies of group ops: iam:ListGroupPolicies denied']);
    expect(fact.actions[0]!.reading).toEqual({
      outcome: 'undecided',
      reasons: ['could not read the policies of group ops: iam:ListGroupPolicies denied'],
      conditionalDenies: [],
    });
  });

  it('bounded work: pages are capped, and a damaged document is a reason, not a crash', async () => {
    let pages = 0;
    const context = fakeProbeContext(
      { target, identity: user, ...refused('denied') },
      iam({
        ListUserPolicies: () => {
          pages++;
          return ok({ PolicyNames: [`p${pages}`], IsTruncated: true, Marker: `m${pages}` });
        },
        GetUserPolicy: (input) => ok({ PolicyDocument: input.PolicyName === 'p2' ? '%7Bbroken' : encoded(ALLOW) }),
      }),
    );
    const fact = (await policyReadingProbe.run(context)).facts!.policyReading!;
    expect(pages).toBe(readingLimits.pages);
    expect(fact.unread).toEqual(
      expect.arrayContaining([
        `the inline policies of user alice has more than ${readingLimits.pages} pages; the rest was not read`,
        expect.stringMatching(/^the inline policy p2 on user alice could not be read: the document is not valid JSON/),
      ]),
    );
    // The group's Deny is still found, however partial the rest.
    expect(fact.actions[0]!.reading.outcome).toBe('explicit-deny');
  });

  const roleArn = 'arn:aws:iam::123456789012:role/team/Deploy';
  /** An IAM for role Deploy (path /team/): one managed Allow, and boundary Fence allowing `boundaryAction` only for `principal`. */
  const roleIam =
    (boundaryAction: string, principal: string) =>
    (command: string, input: Record<string, unknown>): CallResult<unknown> => {
      switch (command) {
        case 'GetRoleCommand':
          return ok({
            Role: {
              Arn: roleArn,
              PermissionsBoundary: { PermissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/Fence' },
            },
          });
        case 'ListRolePoliciesCommand':
          return ok({ PolicyNames: [] });
        case 'ListAttachedRolePoliciesCommand':
          return ok({ AttachedPolicies: [{ PolicyArn: 'arn:aws:iam::aws:policy/AmazonMemoryDBReadOnlyAccess' }] });
        case 'GetPolicyCommand':
          return ok({ Policy: { DefaultVersionId: input.PolicyArn === 'arn:aws:iam::123456789012:policy/Fence' ? 'v2' : 'v1' } });
        case 'GetPolicyVersionCommand':
          return ok({
            PolicyVersion: {
              Document: encoded(
                input.PolicyArn === 'arn:aws:iam::123456789012:policy/Fence'
                  ? [{ Effect: 'Allow', Action: boundaryAction, Resource: '*', Condition: { ArnEquals: { 'aws:PrincipalArn': principal } } }]
                  : ALLOW,
              ),
            },
          });
        default:
          throw new Error(`unexpected ${command}`);
      }
    };

  it('for a role session: the role’s policies and boundary, with its full ARN as aws:PrincipalArn', async () => {
    const outside = fakeProbeContext({ target, identity: role, ...refused('denied') }, roleIam('s3:*', roleArn));
    const fact = (await policyReadingProbe.run(outside)).facts!.policyReading!;
    expect(fact.holder).toEqual({ type: 'role', name: 'Deploy', arn: roleArn });
    expect(fact.actions[0]!.reading).toMatchObject({ outcome: 'no-boundary-allow', boundary: { name: 'Fence', versionId: 'v2', holder: { type: 'role' } } });
    // The boundary allows MemoryDB only for the role's full ARN (with its path): it applies, so the identity decides.
    const inside = fakeProbeContext({ target, identity: role, ...refused('denied') }, roleIam('memorydb:*', roleArn));
    expect((await policyReadingProbe.run(inside)).facts!.policyReading!.actions[0]!.reading).toMatchObject({ outcome: 'allowed' });
    // Had the session ARN been taken for aws:PrincipalArn, that boundary would not apply.
    const session = fakeProbeContext({ target, identity: role, ...refused('denied') }, roleIam('memorydb:*', role.arn));
    expect((await policyReadingProbe.run(session)).facts!.policyReading!.actions[0]!.reading).toMatchObject({ outcome: 'no-boundary-allow' });
  });
});

describe('permissions verdict with a reading', () => {
  const statement = {
    sid: 'DenyMemoryDb',
    index: 1,
    text: '{"Sid":"DenyMemoryDb","Effect":"Deny","Action":["memorydb:*"],"Resource":["*"]}',
    origin: { kind: 'inline' as const, name: 'guardrail', holder: { type: 'user' as const, name: 'alice' } },
  };
  const reading = (outcome: PolicyReadingFact['actions'][number]['reading']): PolicyReadingFact => ({
    holder: { type: 'user', name: 'alice', arn: user.arn },
    policiesRead: 3,
    unread: [],
    actions: [{ action: 'memorydb:DescribeClusters', resource: '*', reading: outcome }],
  });
  const run = (facts: Partial<Facts>) => permissionsVerdictProbe.run(fakeProbeContext({ target, identity: user, ...facts }, []));

  it('plain wording + a Deny statement found: explicit deny naming the statement, fixed by printing that policy', async () => {
    const outcome = await run({ ...refused('denied'), policyReading: reading({ outcome: 'explicit-deny', statement }) });
    expect(outcome.causes).toHaveLength(1);
    expect(outcome.causes![0]).toMatchObject({
      id: 'permissions.explicit-deny',
      summary: expect.stringContaining('Statement "DenyMemoryDb" of the inline policy guardrail on user alice denies memorydb:DescribeClusters'),
    });
    expect(outcome.causes![0]!.fixes[0]).toMatchObject({ kind: 'copy-command', command: 'aws iam get-user-policy --user-name alice --policy-name guardrail' });
    expect(outcome.causes![0]!.evidence).toContainEqual({ label: 'Read from the inline policy guardrail on user alice', message: statement.text });
    expect(JSON.stringify(outcome.causes)).not.toMatch(/No policy allows|put-user-policy/);
  });

  it('"explicit deny in an identity-based policy" in the message is sharpened with the statement', async () => {
    const message = `${PLAIN} with an explicit deny in an identity-based policy`;
    const outcome = await run({ ...refused('explicitDeny', message), policyReading: reading({ outcome: 'explicit-deny', statement }) });
    expect(outcome.causes![0]!.summary).toMatch(/^Statement "DenyMemoryDb" of the inline policy guardrail/);
  });

  it('a complete reading with no Allow is a missing permission; your own Allow means the deny is in a policy you cannot read', async () => {
    const missing = await run({ ...refused('denied'), policyReading: reading({ outcome: 'no-identity-allow' }) });
    expect(missing.causes!.map((cause) => cause.id)).toEqual(['permissions.missing']);
    expect(missing.causes![0]!.fixes[0]!.kind).toBe('copy-policy');
    const outside = await run({ ...refused('denied'), policyReading: reading({ outcome: 'allowed', statement: { ...statement, sid: 'Read' } }) });
    expect(outside.causes![0]).toMatchObject({
      id: 'permissions.denied',
      summary: expect.stringMatching(/your own policies allow it .* service control policy/),
    });
    expect(JSON.stringify(outside.causes![0]!.fixes)).toContain('aws organizations list-policies-for-target --target-id 123456789012');
    expect(outside.causes![0]!.fixes.map((fix) => fix.kind)).not.toContain('copy-policy');
  });

  it('a Deny that certainly applies is named even when the message speaks of a missing Allow (no Allow can help past it)', async () => {
    const message = `${PLAIN} because no identity-based policy allows the memorydb:DescribeClusters action`;
    const outcome = await run({ ...refused('implicitDeny', message), policyReading: reading({ outcome: 'explicit-deny', statement }) });
    expect(outcome.causes!.map((cause) => cause.id)).toEqual(['permissions.explicit-deny']);
    // Other readings do not override what AWS said.
    const allowed = await run({ ...refused('implicitDeny', message), policyReading: reading({ outcome: 'allowed', statement }) });
    expect(allowed.causes!.map((cause) => cause.id)).toEqual(['permissions.missing']);
  });

  it('prints each kind of policy with its own read command', () => {
    expect(readPolicyCommand({ kind: 'inline', name: 'g', holder: { type: 'group', name: 'ops' } })).toBe(
      'aws iam get-group-policy --group-name ops --policy-name g',
    );
    expect(readPolicyCommand({ kind: 'inline', name: 'r', holder: { type: 'role', name: 'Deploy' } })).toBe(
      'aws iam get-role-policy --role-name Deploy --policy-name r',
    );
    expect(readPolicyCommand({ kind: 'managed', name: 'X', arn: 'arn:aws:iam::1:policy/X', versionId: 'v3', holder: { type: 'user', name: 'a' } })).toBe(
      'aws iam get-policy-version --policy-arn arn:aws:iam::1:policy/X --version-id v3',
    );
  });
});
