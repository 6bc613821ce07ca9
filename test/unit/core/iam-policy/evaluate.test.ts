import { describe, expect, it } from 'vitest';
import { parsePolicyDocument, type PolicyDocument } from '../../../../src/core/iam-policy/document';
import { describeStatement, readAction, type PolicyOrigin, type ReadPolicy } from '../../../../src/core/iam-policy/evaluate';
import { statementMatches, type RequestFacts } from '../../../../src/core/iam-policy/statement';

/* Evaluation as the IAM User Guide describes it (reference_policies_evaluation-logic, _elements_*, _variables, _condition-keys). */

const doc = (statements: object[]): PolicyDocument => {
  const parsed = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.document;
};
const alice = { type: 'user', name: 'alice' } as const;
const inline = (name: string, statements: object[], holder: PolicyOrigin['holder'] = alice): ReadPolicy => ({
  origin: { kind: 'inline', name, holder },
  document: doc(statements),
});
const request = (action: string, resource = 'arn:aws:memorydb:eu-west-1:123456789012:cluster/orders', context: Record<string, string> = {}): RequestFacts => ({
  action,
  resource,
  context: {
    'aws:username': 'alice',
    'aws:PrincipalArn': 'arn:aws:iam::123456789012:user/alice',
    'aws:PrincipalAccount': '123456789012',
    'aws:RequestedRegion': 'eu-west-1',
    'aws:SecureTransport': 'true',
    'aws:PrincipalType': 'User',
    ...context,
  },
});
const allowAll = inline('dev', [{ Sid: 'All', Effect: 'Allow', Action: 'memorydb:*', Resource: '*' }]);

describe('statementMatches', () => {
  const one = (statement: object) => doc([statement]).Statement[0]!;

  it('matches actions without case and with wildcards; NotAction and NotResource invert', () => {
    expect(statementMatches(one({ Effect: 'Deny', Action: 'MemoryDB:describe*' }), request('memorydb:DescribeClusters'))).toEqual({ applies: true });
    expect(statementMatches(one({ Effect: 'Deny', Action: 'memorydb:List?ags' }), request('memorydb:ListTags'))).toEqual({ applies: true });
    expect(statementMatches(one({ Effect: 'Deny', Action: 'memorydb:Describe*' }), request('memorydb:ListTags'))).toEqual({ applies: false });
    expect(statementMatches(one({ Effect: 'Deny', NotAction: 'iam:*' }), request('memorydb:ListTags'))).toEqual({ applies: true });
    expect(statementMatches(one({ Effect: 'Deny', Action: '*', NotResource: 'arn:aws:memorydb:*:*:cluster/*' }), request('memorydb:ListTags'))).toEqual({
      applies: false,
    });
    expect(statementMatches(one({ Effect: 'Deny', Action: '*', Resource: 'arn:aws:memorydb:*:*:cluster/Orders' }), request('memorydb:ListTags'))).toEqual({
      applies: false,
    });
  });

  it('substitutes ${aws:username}; a variable it does not know makes the statement conditional, never a guess', () => {
    const iam = request('iam:GetUser', 'arn:aws:iam::123456789012:user/alice');
    expect(statementMatches(one({ Effect: 'Allow', Action: 'iam:GetUser', Resource: 'arn:aws:iam::*:user/${aws:username}' }), iam)).toEqual({ applies: true });
    expect(statementMatches(one({ Effect: 'Allow', Action: 'iam:GetUser', Resource: 'arn:aws:iam::*:user/${aws:PrincipalTag/team}' }), iam)).toEqual({
      applies: 'conditional',
      unknown: ['aws:PrincipalTag/team'],
    });
    expect(statementMatches(one({ Effect: 'Allow', Action: 'iam:GetUser', Resource: 'arn:aws:iam::*:user/a${*}' }), iam)).toEqual({ applies: false });
  });

  it('evaluates conditions on the keys it knows for sure, and reports the others as conditional', () => {
    const mdb = request('memorydb:DescribeClusters');
    const cond = (Condition: object) => statementMatches(one({ Effect: 'Deny', Action: '*', Resource: '*', Condition }), mdb);
    expect(cond({ StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } })).toEqual({ applies: true });
    expect(cond({ StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } })).toEqual({ applies: false });
    expect(cond({ StringLike: { 'aws:principalarn': 'arn:aws:iam::*:user/al*' } })).toEqual({ applies: true });
    expect(cond({ Bool: { 'aws:SecureTransport': false } })).toEqual({ applies: false });
    expect(cond({ StringEquals: { 'aws:PrincipalType': 'AssumedRole' } })).toEqual({ applies: false });
    expect(cond({ StringEquals: { 'aws:PrincipalAccount': '123456789012' }, BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } })).toEqual({
      applies: 'conditional',
      unknown: ['BoolIfExists aws:MultiFactorAuthPresent'],
    });
    expect(cond({ 'ForAnyValue:StringEquals': { 'aws:RequestedRegion': 'eu-west-1' } })).toMatchObject({ applies: 'conditional' });
    expect(cond({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })).toMatchObject({ applies: 'conditional', unknown: ['IpAddress aws:SourceIp'] });
    // A known condition that fails decides, whatever the unknown one would say.
    expect(cond({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, StringEquals: { 'aws:RequestedRegion': 'us-west-2' } })).toEqual({ applies: false });
  });
});

describe('readAction across the layers', () => {
  it('an explicit Deny wins, named by Sid or by position', () => {
    const guardrail: ReadPolicy = {
      origin: {
        kind: 'managed',
        name: 'Guardrail',
        arn: 'arn:aws:iam::123456789012:policy/Guardrail',
        versionId: 'v3',
        holder: { type: 'group', name: 'contractors' },
      },
      document: doc([
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        { Effect: 'Deny', Action: 'memorydb:Describe*', Resource: '*' },
      ]),
    };
    const result = readAction({ policies: [allowAll, guardrail], unread: [] }, request('memorydb:DescribeClusters'));
    expect(result).toMatchObject({ outcome: 'explicit-deny', statement: { index: 2, origin: { name: 'Guardrail' } } });
    if (result.outcome === 'explicit-deny')
      expect(describeStatement(result.statement)).toBe('statement 2 of the managed policy Guardrail (version v3) attached to group contractors');
    // Even a partial reading names a Deny it found.
    expect(readAction({ policies: [guardrail], unread: [{ what: 'x', layer: 'identity' }] }, request('memorydb:DescribeClusters')).outcome).toBe(
      'explicit-deny',
    );
  });

  it('no Allow at all is said only when every identity policy was read', () => {
    const other = inline('s3', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]);
    expect(readAction({ policies: [other], unread: [] }, request('memorydb:ListTags'))).toEqual({ outcome: 'no-identity-allow' });
    expect(readAction({ policies: [other], unread: [{ what: 'could not read group g', layer: 'identity' }] }, request('memorydb:ListTags'))).toEqual({
      outcome: 'undecided',
      reasons: ['could not read group g'],
      conditionalDenies: [],
    });
  });

  it('a boundary that allows nothing for the action is named; one that allows it lets the identity decide', () => {
    const boundary: ReadPolicy = {
      origin: { kind: 'boundary', name: 'DevBoundary', arn: 'arn:aws:iam::123456789012:policy/DevBoundary', versionId: 'v1', holder: alice },
      document: doc([{ Effect: 'Allow', Action: ['iam:*', 'sts:*'], Resource: '*' }]),
    };
    expect(readAction({ policies: [allowAll, boundary], unread: [] }, request('memorydb:ListTags'))).toEqual({
      outcome: 'no-boundary-allow',
      boundary: boundary.origin,
    });
    const wide = { ...boundary, document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) };
    expect(readAction({ policies: [allowAll, wide], unread: [] }, request('memorydb:ListTags'))).toMatchObject({
      outcome: 'allowed',
      statement: { sid: 'All' },
    });
  });

  it('allowed by everything read means the deny is elsewhere; a conditional Deny or an unread part leaves it undecided', () => {
    expect(readAction({ policies: [allowAll], unread: [] }, request('memorydb:ListTags'))).toMatchObject({ outcome: 'allowed' });
    const mfaDeny = inline('mfa', [
      { Sid: 'NoMfa', Effect: 'Deny', Action: '*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
    ]);
    const undecided = readAction({ policies: [allowAll, mfaDeny], unread: [] }, request('memorydb:ListTags'));
    expect(undecided).toEqual({
      outcome: 'undecided',
      reasons: [
        'statement "NoMfa" of the inline policy mfa on user alice would deny it only under conditions this tool cannot check (BoolIfExists aws:MultiFactorAuthPresent)',
      ],
      conditionalDenies: [{ sid: 'NoMfa', index: 1, origin: mfaDeny.origin, text: expect.stringContaining('"Sid":"NoMfa"') }],
    });
    expect(readAction({ policies: [allowAll], unread: [{ what: 'the boundary could not be read', layer: 'boundary' }] }, request('memorydb:ListTags'))).toEqual(
      {
        outcome: 'undecided',
        reasons: ['the boundary could not be read'],
        conditionalDenies: [],
      },
    );
  });
});
