import { DescribeUsersCommand } from '@aws-sdk/client-memorydb';
import type { Evidence } from '../../../shared/model/diagnosis';
import { connectAction, connectFixes, connectResources, partitionOfArn, simulateConnect, type ConnectVerdict } from '../../cluster/connect-rules';
import { makeCause } from '../../diagnosis/causes';
import { defineProbe, type ProbeOutcome } from '../../diagnosis/probe';
import { fallbackRegion } from '../../regions/regions';
import { describeOffset, maxClockSkewMs, note, policySourceOf } from '../shared';
import { describeCluster, locateCluster } from './cluster-location';
import { describeDecision } from '../../diagnosis/facts';

function describeVerdicts(verdicts: readonly ConnectVerdict[]): string {
  return verdicts
    .map((verdict) => `${verdict.resource.split(':').pop()}: ${describeDecision(verdict.decision)}${verdict.deniedBy ? ` (${verdict.deniedBy})` : ''}`)
    .join('; ');
}

/**
 * Step 6, IAM authentication: whether the caller may `memorydb:Connect` on BOTH the
 * cluster ARN and the user ARN (the IAM policy simulator, once per resource; when the caller
 * may not simulate, the permissions step's simulation of Connect on `*` stands in), and the
 * clock offset, since the token is a SigV4 signature made with the local clock.
 */
export const connectPermissionProbe = defineProbe({
  id: 'cluster.connect-permission',
  step: 'cluster',
  title: 'memorydb:Connect for IAM sign-in',
  needs: ['target', 'credentials', 'identity'],
  uses: ['regionClusters', 'clusterLocations', 'clock', 'simulation'],
  yields: [],
  async run(context): Promise<ProbeOutcome> {
    const target = context.need('target');
    const identity = context.need('identity');
    if (!target.cluster || !target.user) return { status: 'skipped', verdict: 'Needs a cluster and a sign-in user (--cluster, --user).' };
    const where = locateCluster(context.facts, target.cluster);
    if (!where.found) return { status: 'skipped', verdict: where.verdict };
    const { region } = where;
    const userName = target.user;
    const [users, clusterLookup] = await Promise.all([
      context.call('memorydb', region, `memorydb:DescribeUsers ${userName} in ${region}`, (client, options) =>
        client.send(new DescribeUsersCommand({ UserName: userName }), options),
      ),
      describeCluster(context, region, target.cluster),
    ]);
    const evidence: Evidence[] = [users.evidence];
    if (!users.ok)
      return { status: 'skipped', verdict: `Cannot tell how ${userName} signs in (${users.failure.errorName}); the sign-in user check says why.`, evidence };
    const user = users.output.Users?.find((entry) => entry.Name === userName);
    const type = user?.Authentication?.Type;
    if (type !== 'iam')
      return { status: 'skipped', verdict: `${userName} signs in with ${type ?? 'an unknown method'}, not IAM; memorydb:Connect does not apply.`, evidence };

    const resources = {
      ...connectResources(partitionOfArn(identity.arn), region, identity.account, target.cluster, userName),
      ...(clusterLookup.cluster?.ARN ? { clusterArn: clusterLookup.cluster.ARN } : {}),
      ...(user?.ARN ? { userArn: user.ARN } : {}),
    };
    const source = policySourceOf(identity.arn);
    const clock = context.facts.clock;
    const clockEvidence = clock
      ? note(
          'Clock offset for token signing',
          `${describeOffset(clock.offsetMs)}${Math.abs(clock.offsetMs) > maxClockSkewMs ? ": outside the 5 minutes MemoryDB accepts. The doctor signs its tokens with AWS's time (measured from STS); tokens other tools make on this machine are refused." : '; fine for signing tokens.'}`,
        )
      : note('Clock offset for token signing', 'Not measured (no STS answer).');
    const skewed = clock !== undefined && Math.abs(clock.offsetMs) > maxClockSkewMs;
    const fixes = connectFixes(resources, source.kind === 'none' ? null : source);

    if (source.kind === 'none') return { status: 'skipped', verdict: source.reason, evidence: [...evidence, clockEvidence] };
    const simulation = await simulateConnect(context, fallbackRegion(target.region), source.arn, resources);
    evidence.push(...simulation.evidence);
    let verdicts: ConnectVerdict[] | null = simulation.ok ? simulation.verdicts : null;
    if (!simulation.ok) {
      const broad = context.facts.simulation?.verdicts.find((verdict) => verdict.action.toLowerCase() === connectAction.toLowerCase());
      if (broad && broad.decision !== 'unknown') {
        // The permissions step asked about Connect on every resource; a deny there holds for ours too.
        verdicts = [{ ...broad, resource: '*' }];
        evidence.push(
          note(`Fallback: the permissions step's simulation of ${connectAction} on *`, `${broad.decision}${broad.deniedBy ? ` (${broad.deniedBy})` : ''}`),
        );
      }
    }
    evidence.push(clockEvidence);
    if (!verdicts) {
      return {
        status: 'unknown',
        verdict: `Could not check ${connectAction}: ${simulation.ok ? 'no verdict' : simulation.failure.kind === 'access-denied' ? 'you may not use iam:SimulatePrincipalPolicy' : simulation.failure.errorName}. The live sign-in test with an IAM token decides: WRONGPASS with the user and cluster right means Connect is denied.`,
        evidence,
        fixes,
      };
    }
    const denied = verdicts.filter((verdict) => verdict.decision === 'explicitDeny' || verdict.decision === 'implicitDeny');
    if (denied.length > 0) {
      const cause = makeCause(
        'cluster.connect-denied',
        `${identity.arn} may not ${connectAction} (${describeVerdicts(denied)}); IAM sign-in needs it on both the cluster and the user, else MemoryDB answers WRONGPASS.`,
        [...evidence],
        fixes,
      );
      return { status: 'fail', verdict: cause.summary, evidence, causes: [cause], fixes };
    }
    if (verdicts.some((verdict) => verdict.decision === 'unknown'))
      return { status: 'unknown', verdict: `The simulator gave no clear verdict for ${connectAction}: ${describeVerdicts(verdicts)}.`, evidence, fixes };
    if (skewed)
      return {
        status: 'warn',
        verdict: `${connectAction} is allowed, but the ${describeOffset(clock.offsetMs)}: tokens made here are refused until the clock is fixed.`,
        evidence,
      };
    return { status: 'pass', verdict: `${connectAction} is allowed on ${resources.clusterArn} and ${resources.userArn}.`, evidence };
  },
});
