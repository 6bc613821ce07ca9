import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../src/core/aws/session';
import type { ActionVerdict, Facts, TargetFact } from '../../../../src/core/diagnosis/facts';
import { permissionsVerdictProbe } from '../../../../src/core/probes/permissions-verdict';
import { policySimulationProbe } from '../../../../src/core/probes/policy-simulation';
import { fakeProbeContext } from '../../../helpers/fake-probe-context';

const target = { region: 'eu-west-1', cluster: null, user: null, profile: { name: 'dev' } } as unknown as TargetFact;

const fail = (errorName: string, kind: 'not-found' | 'access-denied', message = errorName): CallResult<unknown> => ({
  ok: false,
  failure: { kind, errorName, message, fromRawBody: false },
  attempts: [],
  evidence: { label: errorName, errorName },
});
const ok = (output: unknown): CallResult<unknown> => ({ ok: true, output, attempts: [], evidence: { label: 'answered' } });

describe('policy simulation', () => {
  it('asks about the role behind an assumed-role session, and retries with the pathful ARN from iam:GetRole', async () => {
    const identity = { arn: 'arn:aws:sts::123456789012:assumed-role/Deploy/ci', account: '123456789012', userId: 'AROA:ci', region: 'eu-west-1' };
    const sources: unknown[] = [];
    const context = fakeProbeContext({ target, identity }, (command, input) => {
      if (command === 'SimulatePrincipalPolicyCommand') {
        sources.push(input.PolicySourceArn);
        if (input.PolicySourceArn === 'arn:aws:iam::123456789012:role/Deploy') return fail('NoSuchEntity', 'not-found');
        return ok({ EvaluationResults: [{ EvalActionName: 'memorydb:DescribeClusters', EvalDecision: 'implicitDeny' }] });
      }
      return ok({ Role: { Arn: 'arn:aws:iam::123456789012:role/team/Deploy' } });
    });
    const outcome = await policySimulationProbe.run(context);
    expect(sources).toEqual(['arn:aws:iam::123456789012:role/Deploy', 'arn:aws:iam::123456789012:role/team/Deploy']);
    expect(context.asked).toEqual(['SimulatePrincipalPolicyCommand', 'GetRoleCommand', 'SimulatePrincipalPolicyCommand']);
    expect(outcome.facts?.simulation?.verdicts[0]).toMatchObject({ action: 'memorydb:DescribeClusters', decision: 'implicitDeny' });
  });

  it('reads an SCP or a boundary from the evaluation details', async () => {
    const identity = { arn: 'arn:aws:iam::123456789012:user/dev', account: '123456789012', userId: 'AIDA', region: 'eu-west-1' };
    const context = fakeProbeContext({ target, identity }, () =>
      ok({
        EvaluationResults: [
          { EvalActionName: 'memorydb:DescribeClusters', EvalDecision: 'explicitDeny', OrganizationsDecisionDetail: { AllowedByOrganizations: false } },
          { EvalActionName: 'memorydb:ListTags', EvalDecision: 'implicitDeny', PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false } },
        ],
      }),
    );
    const verdicts = (await policySimulationProbe.run(context)).facts!.simulation!.verdicts;
    expect(verdicts.map((verdict) => verdict.deniedBy)).toEqual(['service control policy', 'permissions boundary']);
  });
});

describe('permissions verdict', () => {
  const identity = { arn: 'arn:aws:iam::123456789012:user/dev', account: '123456789012', userId: 'AIDA', region: 'eu-west-1' };
  const verdict = (action: string, decision: ActionVerdict['decision'], deniedBy?: string): ActionVerdict => ({
    action,
    decision,
    deniedBy,
    evidence: { label: `${action} ${decision}` },
  });

  it('a real denial wins over the simulator’s allow (it does not see session policies)', async () => {
    const facts: Partial<Facts> = {
      target,
      identity,
      simulation: { source: 'simulator', verdicts: [verdict('memorydb:DescribeClusters', 'allowed'), verdict('memorydb:ListTags', 'allowed')] },
      realCalls: { source: 'real-calls', verdicts: [verdict('memorydb:DescribeClusters', 'implicitDeny', 'session policy')] },
    };
    const outcome = await permissionsVerdictProbe.run(fakeProbeContext(facts, () => ok({})));
    expect(outcome.causes?.map((cause) => cause.id)).toEqual(['permissions.missing']);
    expect(outcome.causes?.[0]?.fixes).toContainEqual(
      expect.objectContaining({ kind: 'copy-command', command: expect.stringContaining('put-user-policy --user-name dev') }),
    );
  });

  it('an explicit deny in a real call’s message is explicit-deny, with no policy to add', async () => {
    const facts: Partial<Facts> = {
      target,
      identity,
      realCalls: { source: 'real-calls', verdicts: [verdict('memorydb:DescribeClusters', 'explicitDeny', 'service control policy')] },
    };
    const outcome = await permissionsVerdictProbe.run(fakeProbeContext(facts, () => ok({})));
    expect(outcome.causes?.map((cause) => cause.id)).toEqual(['permissions.explicit-deny']);
    expect(outcome.causes?.[0]?.summary).toContain('service control policy');
    expect(outcome.causes?.[0]?.fixes.some((fix) => fix.kind === 'copy-policy')).toBe(false);
  });

  it('memorydb:Connect alone is left to the cluster step', async () => {
    const facts: Partial<Facts> = {
      target,
      identity,
      simulation: {
        source: 'simulator',
        verdicts: [verdict('memorydb:DescribeClusters', 'allowed'), verdict('memorydb:ListTags', 'allowed'), verdict('memorydb:Connect', 'implicitDeny')],
      },
    };
    const outcome = await permissionsVerdictProbe.run(fakeProbeContext(facts, () => ok({})));
    expect(outcome.causes ?? []).toEqual([]);
    expect(outcome.status).toBe('warn');
  });

  it('nothing known is unknown, never pass', async () => {
    const outcome = await permissionsVerdictProbe.run(fakeProbeContext({ target, identity }, () => ok({})));
    expect(outcome.status).toBe('unknown');
  });
});
