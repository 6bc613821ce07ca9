import { DescribeACLsCommand, DescribeUsersCommand, type ACL, type User } from '@aws-sdk/client-memorydb';
import type { Evidence } from '../../../shared/model/diagnosis';
import type { AwsFailure } from '../../aws/error-evidence';
import { analyseDataPlane } from '../../cluster/analysis';
import { makeCause } from '../../diagnosis/causes';
import { defineProbe, type ProbeContext, type ProbeOutcome } from '../../diagnosis/probe';
import { note } from '../shared';
import { describeCluster, locateCluster } from './cluster-location';

type Lookup<T> = { value: T | null; failure: AwsFailure | null; evidence: Evidence };

async function describeUser(context: Pick<ProbeContext, 'call'>, region: string, name: string): Promise<Lookup<User>> {
  const result = await context.call('memorydb', region, `memorydb:DescribeUsers ${name} in ${region}`, (client, options) =>
    client.send(new DescribeUsersCommand({ UserName: name }), options),
  );
  if (result.ok) return { value: result.output.Users?.find((user) => user.Name === name) ?? null, failure: null, evidence: result.evidence };
  // UserNotFoundFault is an answer: the user does not exist.
  return { value: null, failure: result.failure.errorName === 'UserNotFoundFault' ? null : result.failure, evidence: result.evidence };
}

async function describeAcl(context: Pick<ProbeContext, 'call'>, region: string, name: string): Promise<Lookup<ACL>> {
  const result = await context.call('memorydb', region, `memorydb:DescribeACLs ${name} in ${region}`, (client, options) =>
    client.send(new DescribeACLsCommand({ ACLName: name }), options),
  );
  if (result.ok) return { value: result.output.ACLs?.find((acl) => acl.Name === name) ?? null, failure: null, evidence: result.evidence };
  return { value: null, failure: result.failure, evidence: result.evidence };
}

function refusal(what: string, failure: AwsFailure): string {
  return failure.kind === 'access-denied'
    ? `${what} is denied (${failure.errorName}); the permissions step names the policy that allows it.`
    : `${what} failed: ${failure.errorName} — ${failure.message}`;
}

/**
 * Step 6: the named cluster's TLS setting and ACL, the ACL's users and pending changes, and
 * the sign-in user (exists, in that ACL, active, switched on, authentication type and
 * password count, engine version for IAM), read with DescribeClusters, DescribeACLs and
 * DescribeUsers in the region where the cluster is; then the causes MemoryDB would answer
 * WRONGPASS for.
 */
export const clusterSignInProbe = defineProbe({
  id: 'cluster.sign-in-user',
  step: 'cluster',
  title: 'Cluster ACL, TLS and sign-in user',
  needs: ['target', 'credentials'],
  uses: ['regionClusters', 'clusterLocations'],
  yields: [],
  async run(context): Promise<ProbeOutcome> {
    const target = context.need('target');
    if (!target.cluster) return { status: 'skipped', verdict: 'No cluster named: give one (--cluster) to check how its users sign in.' };
    const where = locateCluster(context.facts, target.cluster);
    if (!where.found) return { status: 'skipped', verdict: where.verdict };
    const { region } = where;
    const [clusterLookup, userLookup] = await Promise.all([
      describeCluster(context, region, target.cluster),
      target.user ? describeUser(context, region, target.user) : Promise.resolve(null),
    ]);
    const evidence: Evidence[] = [note(`Cluster ${target.cluster}`, `Looked up ${where.how}.`), clusterLookup.evidence];
    if (userLookup) evidence.push(userLookup.evidence);
    const cluster = clusterLookup.cluster;
    if (!cluster) {
      if (clusterLookup.failure && clusterLookup.failure.errorName !== 'ClusterNotFoundFault') {
        return { status: 'unknown', verdict: refusal(`memorydb:DescribeClusters in ${region}`, clusterLookup.failure), evidence };
      }
      const cause = makeCause('cluster.not-found', `No cluster named ${target.cluster} in ${region} (ClusterNotFoundFault).`, evidence, [
        {
          kind: 'copy-command',
          label: `List the clusters in ${region}`,
          command: `aws memorydb describe-clusters --region ${region} --query "Clusters[].Name"`,
        },
      ]);
      return { status: 'fail', verdict: cause.summary, evidence, causes: [cause] };
    }
    const aclName = cluster.ACLName;
    const aclLookup = aclName ? await describeAcl(context, region, aclName) : null;
    if (aclLookup) evidence.push(aclLookup.evidence);
    const aclProblem = !aclName ? 'The cluster names no ACL.' : aclLookup?.failure ? refusal(`memorydb:DescribeACLs ${aclName}`, aclLookup.failure) : undefined;

    if (!target.user || !userLookup) {
      const findings = analyseDataPlane({
        region,
        cluster,
        acl: aclLookup?.value ?? null,
        aclProblem,
        userName: null,
        user: null,
        signIn: target.signIn,
        profile: target.profile.name,
      });
      const summary = findings.evidence.map((item) => item.label).join('; ');
      return {
        status: findings.warnings.length > 0 ? 'warn' : 'pass',
        verdict: `${summary}. Name the sign-in user (--user) to check it.`,
        evidence: [...evidence, ...findings.evidence, ...findings.warnings.map((warning) => note(warning))],
      };
    }
    if (userLookup.failure) {
      return { status: 'unknown', verdict: refusal(`memorydb:DescribeUsers ${target.user}`, userLookup.failure), evidence };
    }
    const findings = analyseDataPlane({
      region,
      cluster,
      acl: aclLookup?.value ?? null,
      aclProblem,
      userName: target.user,
      user: userLookup.value,
      signIn: target.signIn,
      profile: target.profile.name,
    });
    const allEvidence = [...evidence, ...findings.evidence, ...findings.warnings.map((warning) => note(warning))];
    const errors = findings.causes.filter((cause) => cause.severity === 'error');
    if (errors.length > 0) return { status: 'fail', verdict: errors.map((cause) => cause.summary).join(' '), evidence: allEvidence, causes: findings.causes };
    if (findings.causes.length > 0 || findings.warnings.length > 0 || aclProblem) {
      const verdict = [...findings.causes.map((cause) => cause.summary), ...findings.warnings, ...(aclProblem ? [aclProblem] : [])].join(' ');
      return { status: aclProblem && findings.causes.length === 0 ? 'unknown' : 'warn', verdict, evidence: allEvidence, causes: findings.causes };
    }
    const user = userLookup.value;
    const auth = user?.Authentication;
    return {
      status: 'pass',
      verdict: `${target.user} may sign in to ${cluster.Name}: in ACL ${aclName}, ${user?.Status}, switched on, ${auth?.Type} authentication${auth?.Type === 'password' ? ` (${auth.PasswordCount ?? 0} password${auth.PasswordCount === 1 ? '' : 's'})` : ''}, TLS ${cluster.TLSEnabled === false ? 'off' : 'on'}.`,
      evidence: allEvidence,
    };
  },
});
