import type { Cause, Evidence, Fix } from '../../shared/model/diagnosis';
import { makeCause } from '../diagnosis/causes';
import type { ActionVerdict, IdentityFact, TargetFact } from '../diagnosis/facts';
import { defineProbe, type ProbeOutcome } from '../diagnosis/probe';
import { checkedActions, requiredActions } from './permission-actions';
import { note, policySourceOf } from './shared';

const policyName = 'mdb-doctor-memorydb-access';

/** The least-privilege policy for the actions, scoped to the region and account (and the named cluster and user for Connect). */
export function leastPrivilegePolicy(target: TargetFact, account: string, actions: readonly string[]): string {
  const region = target.region ?? '*';
  const prefix = `arn:aws:memorydb:${region}:${account}`;
  const statements: object[] = [];
  const describe = actions.filter((action) => action !== 'memorydb:Connect');
  if (describe.length > 0) statements.push({ Sid: 'MemoryDbRead', Effect: 'Allow', Action: describe, Resource: `${prefix}:*` });
  if (actions.includes('memorydb:Connect')) {
    statements.push({
      Sid: 'MemoryDbConnect',
      Effect: 'Allow',
      Action: ['memorydb:Connect'],
      Resource: [`${prefix}:cluster/${target.cluster ?? '*'}`, `${prefix}:user/${target.user ?? '*'}`],
    });
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

function attachCommand(identity: IdentityFact): string | null {
  const source = policySourceOf(identity.arn);
  if (source.kind === 'user')
    return `aws iam put-user-policy --user-name ${source.name} --policy-name ${policyName} --policy-document file://${policyName}.json`;
  if (source.kind === 'role')
    return `aws iam put-role-policy --role-name ${source.name} --policy-name ${policyName} --policy-document file://${policyName}.json`;
  return null;
}

/** Where to look for a Deny statement attached to the caller. */
function listPoliciesCommand(identity: IdentityFact): string | null {
  const source = policySourceOf(identity.arn);
  if (source.kind === 'user') return `aws iam list-attached-user-policies --user-name ${source.name}; aws iam list-user-policies --user-name ${source.name}`;
  if (source.kind === 'role') return `aws iam list-attached-role-policies --role-name ${source.name}; aws iam list-role-policies --role-name ${source.name}`;
  return null;
}

/** The two sources side by side: the simulator's decision when it answered, the real call's wording when sharper. */
function combine(simulated: ActionVerdict | undefined, real: ActionVerdict | undefined): ActionVerdict | undefined {
  if (real?.decision === 'explicitDeny') return real;
  if (simulated && simulated.decision !== 'unknown') {
    // The simulator does not see every policy type (session policies, some SCP setups): a real denial wins over its "allowed".
    if (simulated.decision === 'allowed' && (real?.decision === 'implicitDeny' || real?.decision === 'denied')) return real;
    return simulated;
  }
  if (real && real.decision !== 'unknown') return real;
  return simulated ?? real;
}

/**
 * A denial whose kind nobody could tell: AWS's message lacks the "explicit deny" / "because no …
 * policy allows" wording (not every service uses it, IAM User Guide troubleshoot_access-denied) and
 * the policy simulator did not decide. An Allow helps only if nothing denies, so the first fix is
 * to look for a Deny; the Allow comes second and says so.
 */
function unexplainedDenyCause(target: TargetFact, identity: IdentityFact, verdicts: readonly ActionVerdict[], simulated: boolean): Cause {
  const actions = verdicts.map((verdict) => verdict.action);
  const fixes: Fix[] = [];
  const command = listPoliciesCommand(identity);
  if (command)
    fixes.push({
      kind: 'copy-command',
      label: 'First look for a Deny statement in your own policies (a service control policy or permissions boundary needs your administrator)',
      command,
    });
  fixes.push({
    kind: 'copy-policy',
    label: 'Only if no policy denies them: the least-privilege Allow for these actions (an Allow cannot override a deny)',
    json: leastPrivilegePolicy(target, identity.account, actions),
  });
  return makeCause(
    'permissions.denied',
    `${actions.join(', ')} ${actions.length === 1 ? 'is' : 'are'} denied for ${identity.arn}, and AWS's message does not say whether a policy is missing or an explicit deny blocks ${actions.length === 1 ? 'it' : 'them'} (not every service words it)${simulated ? '' : '; the policy simulator could not be used to tell'}.`,
    verdicts.map((verdict) => verdict.evidence),
    fixes,
  );
}

/**
 * Step 4, verdict: weighs the simulator against the real calls for each action the
 * request needs, names `permissions.explicit-deny` or `permissions.missing`, and gives the
 * least-privilege policy with the command that attaches it.
 */
export const permissionsVerdictProbe = defineProbe({
  id: 'permissions.verdict',
  step: 'permissions',
  title: 'Permissions for MemoryDB',
  needs: ['target', 'identity'],
  uses: ['simulation', 'realCalls'],
  yields: [],
  async run({ need, facts }): Promise<ProbeOutcome> {
    const target = need('target');
    const identity = need('identity');
    const required = requiredActions(target);
    const verdicts = checkedActions
      .map((action) =>
        combine(
          facts.simulation?.verdicts.find((verdict) => verdict.action.toLowerCase() === action.toLowerCase()),
          facts.realCalls?.verdicts.find((verdict) => verdict.action === action),
        ),
      )
      .filter((verdict): verdict is ActionVerdict => verdict !== undefined);
    if (verdicts.length === 0) return { status: 'unknown', verdict: 'Neither the policy simulator nor the real calls could tell what you may do.' };
    const denied = verdicts.filter(
      (verdict) =>
        required.includes(verdict.action) && (verdict.decision === 'explicitDeny' || verdict.decision === 'implicitDeny' || verdict.decision === 'denied'),
    );
    const optionalDenied = verdicts.filter((verdict) => !required.includes(verdict.action) && verdict.decision !== 'allowed' && verdict.decision !== 'unknown');
    const evidence: Evidence[] = verdicts.map((verdict) => verdict.evidence);
    const causes: Cause[] = [];
    const explicit = denied.filter((verdict) => verdict.decision === 'explicitDeny');
    const implicit = denied.filter((verdict) => verdict.decision === 'implicitDeny');
    if (explicit.length > 0) {
      const by = [...new Set(explicit.map((verdict) => verdict.deniedBy).filter(Boolean))].join(', ') || 'a policy';
      const command = listPoliciesCommand(identity);
      const fixes: Fix[] = command
        ? [{ kind: 'copy-command', label: 'Find the Deny statement among your policies (an SCP needs your organisation’s administrator)', command }]
        : [];
      causes.push(
        makeCause(
          'permissions.explicit-deny',
          `An explicit deny (${by}) blocks ${explicit.map((verdict) => verdict.action).join(', ')} for ${identity.arn}; adding an Allow cannot override it.`,
          explicit.map((verdict) => verdict.evidence),
          fixes,
        ),
      );
    }
    if (implicit.length > 0) {
      const fixes: Fix[] = [
        {
          kind: 'copy-policy',
          label: 'Least-privilege policy for the missing actions',
          json: leastPrivilegePolicy(
            target,
            identity.account,
            implicit.map((verdict) => verdict.action),
          ),
        },
      ];
      const command = attachCommand(identity);
      if (command) fixes.push({ kind: 'copy-command', label: `Attach it (save the policy as ${policyName}.json first)`, command });
      causes.push(
        makeCause(
          'permissions.missing',
          `No policy allows ${implicit.map((verdict) => verdict.action).join(', ')} for ${identity.arn}.`,
          implicit.map((verdict) => verdict.evidence),
          fixes,
        ),
      );
    }
    const unexplained = denied.filter((verdict) => verdict.decision === 'denied');
    if (unexplained.length > 0) causes.push(unexplainedDenyCause(target, identity, unexplained, facts.simulation !== undefined));
    const fullPolicy: Fix = {
      kind: 'copy-policy',
      label: 'The whole least-privilege policy for MemoryDB work',
      json: leastPrivilegePolicy(target, identity.account, required),
    };
    if (optionalDenied.length > 0)
      evidence.push(note(`Not needed unless you sign in to a cluster: ${optionalDenied.map((verdict) => verdict.action).join(', ')} denied`));
    if (causes.length > 0) return { status: 'fail', verdict: causes.map((cause) => cause.summary).join(' '), evidence, causes, fixes: [fullPolicy] };
    const unknown = verdicts.filter((verdict) => required.includes(verdict.action) && verdict.decision === 'unknown');
    if (unknown.length > 0)
      return { status: 'unknown', verdict: `Could not tell for ${unknown.map((verdict) => verdict.action).join(', ')}.`, evidence, fixes: [fullPolicy] };
    return {
      status: optionalDenied.length > 0 ? 'warn' : 'pass',
      verdict: `Allowed: ${required.join(', ')}.${optionalDenied.length > 0 ? ` (Denied, needed only for cluster sign-in: ${optionalDenied.map((verdict) => verdict.action).join(', ')}.)` : ''}`,
      evidence,
      fixes: [fullPolicy],
    };
  },
});
