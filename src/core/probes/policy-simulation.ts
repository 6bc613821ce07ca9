import { GetRoleCommand, SimulatePrincipalPolicyCommand, type EvaluationResult } from '@aws-sdk/client-iam';
import type { Evidence } from '../../shared/model/diagnosis';
import type { CallResult } from '../aws/session';
import { describeDecision, type ActionVerdict } from '../diagnosis/facts';
import { defineProbe, type ProbeContext, type ProbeOutcome } from '../diagnosis/probe';
import { fallbackRegion } from '../regions/regions';
import { checkedActions } from './permission-actions';
import { note, policySourceOf } from './shared';

function verdictOf(result: EvaluationResult, evidence: Evidence): ActionVerdict {
  const decision =
    result.EvalDecision === 'allowed' || result.EvalDecision === 'explicitDeny' || result.EvalDecision === 'implicitDeny' ? result.EvalDecision : 'unknown';
  let deniedBy: string | undefined;
  if (decision !== 'allowed') {
    if (result.OrganizationsDecisionDetail?.AllowedByOrganizations === false) deniedBy = 'service control policy';
    else if (result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false) deniedBy = 'permissions boundary';
    else if (decision === 'explicitDeny')
      deniedBy =
        result.MatchedStatements?.map((statement) => statement.SourcePolicyId)
          .filter(Boolean)
          .join(', ') || 'identity-based policy';
  }
  return {
    action: result.EvalActionName ?? '?',
    decision,
    deniedBy,
    evidence: { ...evidence, label: `Simulator: ${result.EvalActionName} → ${result.EvalDecision}${deniedBy ? ` (${deniedBy})` : ''}` },
  };
}

async function simulate(context: ProbeContext, region: string, sourceArn: string): Promise<CallResult<{ EvaluationResults?: EvaluationResult[] }>> {
  return context.call('iam', region, `iam:SimulatePrincipalPolicy for ${sourceArn}`, (client, options) =>
    client.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: sourceArn, ActionNames: [...checkedActions] }), options),
  );
}

/**
 * Step 4: the IAM policy simulator's verdict for the caller (the role behind an
 * assumed-role session) on the actions MemoryDB work needs. It evaluates identity
 * policies, SCPs and boundaries without calling MemoryDB; when the caller may not use it,
 * the real calls of the next probe decide.
 */
export const policySimulationProbe = defineProbe({
  id: 'permissions.simulate',
  step: 'permissions',
  title: 'IAM policy simulator',
  needs: ['target', 'credentials', 'identity'],
  yields: ['simulation'],
  optional: true,
  async run(context): Promise<ProbeOutcome> {
    const target = context.need('target');
    const identity = context.need('identity');
    const source = policySourceOf(identity.arn);
    if (source.kind === 'none') return { status: 'skipped', verdict: source.reason };
    const region = fallbackRegion(target.region);
    let result = await simulate(context, region, source.arn);
    const evidence: Evidence[] = [result.evidence];
    if (!result.ok && source.kind === 'role' && result.failure.kind === 'not-found') {
      // The assumed-role ARN drops the role's path; IAM knows the full ARN.
      const role = await context.call('iam', region, `iam:GetRole ${source.name}`, (client, options) =>
        client.send(new GetRoleCommand({ RoleName: source.name }), options),
      );
      evidence.push(role.evidence);
      if (role.ok && role.output.Role?.Arn) {
        result = await simulate(context, region, role.output.Role.Arn);
        evidence.push(result.evidence);
      }
    }
    if (!result.ok) {
      const { failure } = result;
      const verdict =
        failure.kind === 'access-denied'
          ? 'You may not use the policy simulator (iam:SimulatePrincipalPolicy); the real calls decide instead.'
          : `The policy simulator did not answer usefully (${failure.errorName}); the real calls decide instead.`;
      return { status: 'unknown', verdict, evidence };
    }
    const verdicts = (result.output.EvaluationResults ?? []).map((entry) => verdictOf(entry, result.evidence));
    const denied = verdicts.filter((verdict) => verdict.decision !== 'allowed');
    evidence.push(...verdicts.map((verdict) => verdict.evidence));
    return {
      status: denied.length > 0 ? 'warn' : 'pass',
      verdict:
        denied.length > 0
          ? `The IAM policy simulator refuses ${denied.map((verdict) => `${verdict.action} (${describeDecision(verdict.decision)})`).join(', ')}.`
          : `The simulator allows all ${verdicts.length} actions for ${source.arn}.`,
      evidence: evidence.length > 0 ? evidence : [note('No evaluation results')],
      facts: { simulation: { source: 'simulator', verdicts } },
    };
  },
});
