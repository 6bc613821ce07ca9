import type { Cause, Evidence, Fix } from '../../shared/model/diagnosis';
import { connectAction, connectResources, partitionOfArn } from '../cluster/connect-rules';
import { makeCause } from '../diagnosis/causes';
import { isRefused, type ActionVerdict, type IdentityFact, type PolicyReadingFact, type TargetFact } from '../diagnosis/facts';
import { defineProbe, type ProbeOutcome } from '../diagnosis/probe';
import { describeOrigin, describeStatement, statementName, type ActionReading, type PolicyOrigin, type StatementRef } from '../iam-policy/evaluate';
import { checkedActions, requiredActions } from './permission-actions';
import { note, policySourceOf } from './shared';

const policyName = 'mdb-doctor-memorydb-access';

/** The least-privilege policy for the actions, scoped to the caller's partition and account and the region (and the named cluster and user for Connect). */
export function leastPrivilegePolicy(target: TargetFact, identity: IdentityFact, actions: readonly string[]): string {
  const region = target.region ?? '*';
  const partition = partitionOfArn(identity.arn);
  const statements: object[] = [];
  const describe = actions.filter((action) => action !== connectAction);
  if (describe.length > 0)
    statements.push({ Sid: 'MemoryDbRead', Effect: 'Allow', Action: describe, Resource: `arn:${partition}:memorydb:${region}:${identity.account}:*` });
  if (actions.includes(connectAction)) {
    const { clusterArn, userArn } = connectResources(partition, region, identity.account, target.cluster ?? '*', target.user ?? '*');
    statements.push({ Sid: 'MemoryDbConnect', Effect: 'Allow', Action: [connectAction], Resource: [clusterArn, userArn] });
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

/** The exact command that prints a policy: the inline one of its user, group or role, or a managed policy's version. */
export function readPolicyCommand(origin: PolicyOrigin): string {
  if (origin.kind !== 'inline') return `aws iam get-policy-version --policy-arn ${origin.arn} --version-id ${origin.versionId}`;
  const { type, name } = origin.holder;
  return `aws iam get-${type}-policy --${type}-name ${name} --policy-name ${origin.name}`;
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const them = (count: number): string => (count === 1 ? 'it' : 'them');

/**
 * What the reading of the caller's own policies adds to an action's verdict: a refusal of unknown
 * kind takes whatever the reading found; an explicit deny gains its statement; a missing Allow
 * learns whether the boundary lacks it. A Deny statement that certainly applies is named even when
 * the message speaks of a missing Allow: no Allow can help while it is there.
 */
function sharpened(verdict: ActionVerdict, reading: PolicyReadingFact | undefined): ActionReading | undefined {
  const found = reading?.actions.find((entry) => entry.action === verdict.action)?.reading;
  if (!found || found.outcome === 'undecided') return undefined;
  if (verdict.decision === 'denied' || found.outcome === 'explicit-deny') return found;
  if (verdict.decision === 'implicitDeny' && (found.outcome === 'no-identity-allow' || found.outcome === 'no-boundary-allow')) return found;
  return undefined;
}

/** Explicit denies whose statement the reading found, one sentence per statement, and the command that prints each policy. */
function statementDenies(
  entries: ReadonlyArray<{ verdict: ActionVerdict; statement: StatementRef }>,
  identity: IdentityFact,
): { sentence: string; fixes: Fix[] } {
  const byStatement = new Map<string, { statement: StatementRef; actions: string[] }>();
  for (const { verdict, statement } of entries) {
    const key = describeStatement(statement);
    const group = byStatement.get(key) ?? { statement, actions: [] };
    group.actions.push(verdict.action);
    byStatement.set(key, group);
  }
  const groups = [...byStatement.values()];
  const sentence = groups
    .map(({ statement, actions }) => `${capitalised(describeStatement(statement))} denies ${actions.join(', ')} for ${identity.arn}`)
    .join('. ');
  const commands = new Map(groups.map(({ statement }) => [readPolicyCommand(statement.origin), statement.origin]));
  const fixes: Fix[] = [...commands].map(([command, origin]) => ({
    kind: 'copy-command',
    label: `Print the policy ${origin.name}, then remove or narrow its Deny (or ask whoever manages it)`,
    command,
  }));
  return { sentence, fixes };
}

/**
 * Refused, yet every policy of the caller that could be read allows it: the deny is in a policy
 * the caller cannot read. Only an administrator of the organisation (or of the role session or the
 * network) can look; an Allow would change nothing, so none is offered.
 */
function denyOutsideCause(
  identity: IdentityFact,
  entries: ReadonlyArray<{ verdict: ActionVerdict; statement: StatementRef }>,
  reading: PolicyReadingFact,
): Cause {
  const actions = entries.map((entry) => entry.verdict.action);
  const allowedBy = [...new Set(entries.map((entry) => describeStatement(entry.statement)))].join(', ');
  const session = reading.holder.type === 'role' ? ', a session policy passed when the role was assumed' : '';
  return makeCause(
    'permissions.denied',
    `${actions.join(', ')} ${actions.length === 1 ? 'is' : 'are'} refused for ${identity.arn}, although your own policies allow ${them(actions.length)} (${allowedBy}) and ${reading.policiesRead === 1 ? 'the one policy' : `none of the ${reading.policiesRead} policies`} you can read ${reading.policiesRead === 1 ? 'does not deny' : 'denies'} ${them(actions.length)}. So a policy you cannot read denies ${them(actions.length)}: a service control policy or resource control policy of your organisation${session}, or a VPC endpoint policy if you reach AWS through one; adding an Allow would change nothing.`,
    entries.map((entry) => entry.verdict.evidence),
    [
      {
        kind: 'copy-command',
        label: `Your organisation's administrator can list the service and resource control policies on account ${identity.account} (from the management account)`,
        command: `aws organizations list-policies-for-target --target-id ${identity.account} --filter SERVICE_CONTROL_POLICY; aws organizations list-policies-for-target --target-id ${identity.account} --filter RESOURCE_CONTROL_POLICY`,
      },
    ],
  );
}

/** A permissions boundary that allows none of the actions: an Allow in the caller's own policies cannot help until it does. */
function boundaryCause(target: TargetFact, identity: IdentityFact, boundary: PolicyOrigin, verdicts: readonly ActionVerdict[]): Cause {
  const actions = verdicts.map((verdict) => verdict.action);
  return makeCause(
    'permissions.missing',
    actions.length === 1
      ? `${capitalised(describeOrigin(boundary))} does not allow ${actions[0]}, so it is denied for ${identity.arn} whatever your own policies allow; the boundary must allow it too.`
      : `${capitalised(describeOrigin(boundary))} allows none of ${actions.join(', ')}, so they are denied for ${identity.arn} whatever your own policies allow; the boundary must allow them too.`,
    verdicts.map((verdict) => verdict.evidence),
    [
      {
        kind: 'copy-command',
        label: `Print the boundary; whoever manages your ${boundary.holder.type} must add these actions to it`,
        command: readPolicyCommand(boundary),
      },
      {
        kind: 'copy-policy',
        label: 'What the boundary (and your own policies, if they do not yet) must allow',
        json: leastPrivilegePolicy(target, identity, actions),
      },
    ],
  );
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

/** Why the reading could not decide these actions, in words. */
function undecidedReasons(reading: PolicyReadingFact, actions: readonly string[]): string {
  const reasons = reading.actions.flatMap((entry) => (actions.includes(entry.action) && entry.reading.outcome === 'undecided' ? entry.reading.reasons : []));
  return [...new Set(reasons)].join('; ') || 'nothing could be read';
}

/**
 * A denial whose kind nobody could tell: AWS's message lacks the "explicit deny" / "because no …
 * policy allows" wording (not every service uses it, IAM User Guide troubleshoot_access-denied) and
 * the policy simulator did not decide. An Allow helps only if nothing denies, so the first fix is
 * to look for a Deny; the Allow comes second and says so.
 */
function unexplainedDenyCause(
  target: TargetFact,
  identity: IdentityFact,
  verdicts: readonly ActionVerdict[],
  simulated: boolean,
  reading: PolicyReadingFact | undefined,
): Cause {
  const actions = verdicts.map((verdict) => verdict.action);
  const fixes: Fix[] = [];
  // A Deny that applies only under a condition the tool cannot check: print its policy, the likeliest place to look.
  const conditional = new Map(
    (reading?.actions ?? [])
      .flatMap((entry) => (actions.includes(entry.action) && entry.reading.outcome === 'undecided' ? entry.reading.conditionalDenies : []))
      .map((ref) => [readPolicyCommand(ref.origin), ref] as const),
  );
  for (const [command, ref] of conditional)
    fixes.push({ kind: 'copy-command', label: `Print ${describeOrigin(ref.origin)}: its ${statementName(ref)} denies under a condition`, command });
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
    json: leastPrivilegePolicy(target, identity, actions),
  });
  return makeCause(
    'permissions.denied',
    `${actions.join(', ')} ${actions.length === 1 ? 'is' : 'are'} denied for ${identity.arn}, and AWS's message does not say whether a policy is missing or an explicit deny blocks ${actions.length === 1 ? 'it' : 'them'} (not every service words it)${simulated ? '' : '; the policy simulator could not be used to tell'}${reading ? `, and reading your own policies did not settle it (${undecidedReasons(reading, actions)})` : ''}.`,
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
  uses: ['simulation', 'realCalls', 'policyReading'],
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
    const denied = verdicts.filter((verdict) => required.includes(verdict.action) && isRefused(verdict));
    const optionalDenied = verdicts.filter((verdict) => !required.includes(verdict.action) && isRefused(verdict));
    const evidence: Evidence[] = verdicts.map((verdict) => verdict.evidence);
    const causes: Cause[] = [];
    const reading = facts.policyReading;
    const readings = denied.map((verdict) => ({ verdict, found: sharpened(verdict, reading) }));
    const withStatement = readings.flatMap(({ verdict, found }) => (found?.outcome === 'explicit-deny' ? [{ verdict, statement: found.statement }] : []));
    const explicit = readings.filter(({ verdict, found }) => !found && verdict.decision === 'explicitDeny').map(({ verdict }) => verdict);
    if (withStatement.length > 0 || explicit.length > 0) {
      const named = statementDenies(withStatement, identity);
      const by = [...new Set(explicit.map((verdict) => verdict.deniedBy).filter(Boolean))].join(', ') || 'a policy';
      const command = listPoliciesCommand(identity);
      const fixes: Fix[] = [...named.fixes];
      if (explicit.length > 0 && command)
        fixes.push({ kind: 'copy-command', label: 'Find the Deny statement among your policies (an SCP needs your organisation’s administrator)', command });
      const sentences = [
        ...(withStatement.length > 0 ? [named.sentence] : []),
        ...(explicit.length > 0 ? [`An explicit deny (${by}) blocks ${explicit.map((verdict) => verdict.action).join(', ')} for ${identity.arn}`] : []),
      ];
      const statements = [...new Map(withStatement.map(({ statement }) => [describeStatement(statement), statement])).values()];
      causes.push(
        makeCause(
          'permissions.explicit-deny',
          `${sentences.join('. ')}; adding an Allow cannot override it.`,
          [
            ...[...withStatement.map((entry) => entry.verdict), ...explicit].map((verdict) => verdict.evidence),
            ...statements.map((statement) => note(`Read from ${describeOrigin(statement.origin)}`, statement.text)),
          ],
          fixes,
        ),
      );
    }
    const boundaries = new Map<string, { origin: PolicyOrigin; verdicts: ActionVerdict[] }>();
    for (const { verdict, found } of readings) {
      if (found?.outcome !== 'no-boundary-allow') continue;
      const entry = boundaries.get(found.boundary.name) ?? { origin: found.boundary, verdicts: [] };
      entry.verdicts.push(verdict);
      boundaries.set(found.boundary.name, entry);
    }
    for (const { origin, verdicts: refused } of boundaries.values()) causes.push(boundaryCause(target, identity, origin, refused));
    const implicit = readings
      .filter(({ verdict, found }) => found?.outcome === 'no-identity-allow' || (!found && verdict.decision === 'implicitDeny'))
      .map(({ verdict }) => verdict);
    if (implicit.length > 0) {
      const fixes: Fix[] = [
        {
          kind: 'copy-policy',
          label: 'Least-privilege policy for the missing actions',
          json: leastPrivilegePolicy(
            target,
            identity,
            implicit.map((verdict) => verdict.action),
          ),
        },
      ];
      const command = attachCommand(identity);
      if (command) fixes.push({ kind: 'copy-command', label: `Attach it (save the policy as ${policyName}.json first)`, command });
      const read =
        implicit.some((verdict) => verdict.decision === 'denied') && reading
          ? ` (${reading.policiesRead === 1 ? 'your one policy was read' : `all ${reading.policiesRead} of your policies were read`})`
          : '';
      causes.push(
        makeCause(
          'permissions.missing',
          `No policy allows ${implicit.map((verdict) => verdict.action).join(', ')} for ${identity.arn}${read}.`,
          implicit.map((verdict) => verdict.evidence),
          fixes,
        ),
      );
    }
    const outside = readings.flatMap(({ verdict, found }) => (found?.outcome === 'allowed' ? [{ verdict, statement: found.statement }] : []));
    if (outside.length > 0 && reading) causes.push(denyOutsideCause(identity, outside, reading));
    const unexplained = readings.filter(({ verdict, found }) => !found && verdict.decision === 'denied').map(({ verdict }) => verdict);
    if (unexplained.length > 0) causes.push(unexplainedDenyCause(target, identity, unexplained, facts.simulation !== undefined, reading));
    const fullPolicy: Fix = {
      kind: 'copy-policy',
      label: 'The whole least-privilege policy for MemoryDB work',
      json: leastPrivilegePolicy(target, identity, required),
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
