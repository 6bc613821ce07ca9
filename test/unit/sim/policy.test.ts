import { describe, expect, it } from 'vitest';
import { accessDeniedMessage, evaluate, wildcardMatch, type NamedPolicy, type PolicySet } from '../../../src/sim/policy';
import { entityPolicies } from '../../../src/sim/principal';
import { SimWorld } from '../../../src/sim/world';

/* Evaluation rules from the IAM User Guide, "Policy evaluation logic" (reference_policies_evaluation-logic.html). */

const allow = (id: string, action: string | string[], resource: string | string[] = '*', extra: object = {}): NamedPolicy => ({
  id,
  document: { Statement: [{ Effect: 'Allow', Action: action, Resource: resource, ...extra }] },
});
const deny = (id: string, action: string | string[], resource: string | string[] = '*', extra: object = {}): NamedPolicy => ({
  id,
  document: { Statement: [{ Effect: 'Deny', Action: action, Resource: resource, ...extra }] },
});
const user = 'arn:aws:iam::123456789012:user/alice';

describe('wildcardMatch', () => {
  it('matches * and ? and compares actions without case', () => {
    expect(wildcardMatch('memorydb:Describe*', 'memorydb:describeclusters', true)).toBe(true);
    expect(wildcardMatch('memorydb:Describe*', 'memorydb:ListTags', true)).toBe(false);
    expect(wildcardMatch('arn:aws:iam::*:user/?lice', user, false)).toBe(true);
    expect(wildcardMatch('arn:aws:iam::*:user/Alice', user, false)).toBe(false);
    expect(wildcardMatch('a.b', 'axb', false)).toBe(false);
  });
});

describe('evaluate', () => {
  it('denies implicitly when nothing allows', () => {
    expect(evaluate({ identity: [] }, 'memorydb:DescribeClusters', '*', {})).toMatchObject({ decision: 'implicitDeny', missingIn: 'identity-based policy' });
  });

  it('allows through an Allow with wildcards, and an explicit Deny wins over any Allow', () => {
    const set: PolicySet = { identity: [allow('p1', 'memorydb:*')] };
    expect(evaluate(set, 'memorydb:DescribeClusters', 'arn:aws:memorydb:eu-west-1:123456789012:cluster/*', {}).decision).toBe('allowed');
    set.identity.push(deny('p2', 'memorydb:Describe*'));
    expect(evaluate(set, 'memorydb:DescribeClusters', '*', {})).toMatchObject({ decision: 'explicitDeny', by: 'identity-based policy', matched: ['p1', 'p2'] });
    expect(evaluate(set, 'memorydb:ListTags', '*', {}).decision).toBe('allowed');
  });

  it('honours NotAction and NotResource', () => {
    const set: PolicySet = {
      identity: [allow('all', '*'), { id: 'na', document: { Statement: [{ Effect: 'Deny', NotAction: ['sts:*', 'iam:ListAccessKeys'], Resource: '*' }] } }],
    };
    expect(evaluate(set, 'iam:ListAccessKeys', '*', {}).decision).toBe('allowed');
    expect(evaluate(set, 'memorydb:DescribeClusters', '*', {}).decision).toBe('explicitDeny');
    const notResource: PolicySet = {
      identity: [{ id: 'nr', document: { Statement: [{ Effect: 'Allow', Action: 'iam:*', NotResource: 'arn:aws:iam::*:user/root*' }] } }],
    };
    expect(evaluate(notResource, 'iam:GetUser', user, {}).decision).toBe('allowed');
    expect(evaluate(notResource, 'iam:GetUser', 'arn:aws:iam::1:user/rootish', {}).decision).toBe('implicitDeny');
  });

  it('substitutes ${aws:username} in resources', () => {
    const set: PolicySet = { identity: [allow('own', 'iam:ListAccessKeys', 'arn:aws:iam::*:user/${aws:username}')] };
    expect(evaluate(set, 'iam:ListAccessKeys', user, { 'aws:username': 'alice' }).decision).toBe('allowed');
    expect(evaluate(set, 'iam:ListAccessKeys', 'arn:aws:iam::123456789012:user/bob', { 'aws:username': 'alice' }).decision).toBe('implicitDeny');
    expect(evaluate(set, 'iam:ListAccessKeys', user, {}).decision).toBe('implicitDeny');
  });

  it('applies aws:MultiFactorAuthPresent with Bool and BoolIfExists as the MFA examples in the IAM User Guide intend', () => {
    const requireMfa: PolicySet = {
      identity: [allow('all', 'iam:*'), deny('mfa', 'iam:*', '*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })],
    };
    // Long-term keys: the key is absent, so BoolIfExists matches and the deny applies.
    expect(evaluate(requireMfa, 'iam:ListAccessKeys', '*', {}).decision).toBe('explicitDeny');
    expect(evaluate(requireMfa, 'iam:ListAccessKeys', '*', { 'aws:MultiFactorAuthPresent': 'false' }).decision).toBe('explicitDeny');
    expect(evaluate(requireMfa, 'iam:ListAccessKeys', '*', { 'aws:MultiFactorAuthPresent': 'true' }).decision).toBe('allowed');
    // Plain Bool does not match an absent key — the documented pitfall of the non-IfExists form.
    const boolOnly: PolicySet = {
      identity: [allow('all', 'iam:*'), deny('mfa', 'iam:*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })],
    };
    const missing = new Set<string>();
    expect(evaluate(boolOnly, 'iam:ListAccessKeys', '*', {}, missing).decision).toBe('allowed');
    expect([...missing]).toEqual(['aws:MultiFactorAuthPresent']);
  });

  it('needs the permissions boundary and the SCPs to allow too, and names them when they decide', () => {
    const boundary: NamedPolicy = allow('arn:aws:iam::1:policy/Boundary', 'memorydb:Describe*');
    const set: PolicySet = { identity: [allow('all', '*')], permissionsBoundary: boundary };
    expect(evaluate(set, 'memorydb:DescribeClusters', '*', {}).decision).toBe('allowed');
    expect(evaluate(set, 'memorydb:Connect', '*', {})).toMatchObject({ decision: 'implicitDeny', missingIn: 'permissions boundary' });
    const scp: PolicySet = { identity: [allow('all', '*')], serviceControl: [allow('FullAWSAccess', '*'), deny('NoMemoryDB', 'memorydb:*')] };
    expect(evaluate(scp, 'memorydb:DescribeClusters', '*', {})).toMatchObject({ decision: 'explicitDeny', by: 'service control policy' });
  });
});

describe('accessDeniedMessage', () => {
  it('uses the IAM User Guide formats for implicit and explicit denies', () => {
    expect(accessDeniedMessage(user, 'iam:ListAccessKeys', 'user alice', { decision: 'implicitDeny', missingIn: 'identity-based policy', matched: [] })).toBe(
      'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:ListAccessKeys on resource: user alice because no identity-based policy allows the iam:ListAccessKeys action',
    );
    expect(accessDeniedMessage(user, 'iam:ListAccessKeys', 'user alice', { decision: 'explicitDeny', by: 'identity-based policy', matched: [] })).toBe(
      'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:ListAccessKeys on resource: user alice with an explicit deny in an identity-based policy',
    );
    expect(accessDeniedMessage(user, 'memorydb:Connect', 'x', { decision: 'explicitDeny', by: 'service control policy', matched: [] })).toMatch(
      /with an explicit deny in a service control policy$/,
    );
    expect(accessDeniedMessage(user, 'memorydb:Connect', 'x', { decision: 'implicitDeny', missingIn: 'permissions boundary', matched: [] })).toMatch(
      /because no permissions boundary allows the memorydb:Connect action$/,
    );
  });
});

describe('group policies', () => {
  it("a user's identity policies include the inline and attached policies of its groups, not of other groups", () => {
    const world = new SimWorld();
    world.addAccount('123456789012');
    const alice = world.addUser('123456789012', 'alice', { policies: { own: allow('x', 'memorydb:*').document } });
    const fence = world.addManagedPolicy('123456789012', 'Fence', deny('y', 'memorydb:ListTags').document);
    world.addGroup('123456789012', 'ops', {
      members: ['alice'],
      policies: { 'no-describe': deny('z', 'memorydb:Describe*').document },
      attachedPolicyArns: [fence],
    });
    world.addGroup('123456789012', 'others', { policies: { everything: allow('w', '*').document } });
    const set = entityPolicies(world, alice, world.account('123456789012'));
    expect(set.identity.map((policy) => policy.id)).toEqual(['own', fence, 'no-describe']);
    expect(evaluate(set, 'memorydb:DescribeClusters', '*', {})).toMatchObject({ decision: 'explicitDeny', by: 'identity-based policy' });
    expect(evaluate(set, 'memorydb:ListTags', '*', {})).toMatchObject({ decision: 'explicitDeny' });
    expect(evaluate(set, 'memorydb:Connect', '*', {}).decision).toBe('allowed');
  });
});
