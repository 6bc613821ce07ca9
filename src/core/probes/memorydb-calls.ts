import { DescribeACLsCommand, DescribeUsersCommand, ListTagsCommand } from '@aws-sdk/client-memorydb';
import type { Evidence } from '../../shared/model/diagnosis';
import type { AwsFailure } from '../aws/error-evidence';
import { isRefused, type ActionVerdict } from '../diagnosis/facts';
import { defineProbe, type ProbeOutcome } from '../diagnosis/probe';
import { readDenial } from './permission-actions';
import { memoryDbRegionOf } from './shared';

/** A real call's outcome as a verdict on its action: a refusal's wording says which kind of deny. */
export function verdictFromCall(action: string, failure: AwsFailure | null, evidence: Evidence): ActionVerdict {
  if (!failure) return { action, decision: 'allowed', evidence };
  if (failure.kind !== 'access-denied') return { action, decision: 'unknown', evidence };
  return { action, ...readDenial(failure.message), evidence };
}

/**
 * Step 4, fallback and cross-check: the MemoryDB calls themselves in the configured region
 * (DescribeClusters from the region step, DescribeUsers, DescribeACLs, and ListTags on a
 * cluster when there is one), whose AccessDenied messages name the policy type that denied.
 */
export const memoryDbCallsProbe = defineProbe({
  id: 'permissions.real-calls',
  step: 'permissions',
  title: 'MemoryDB calls in the configured region',
  needs: ['target', 'credentials'],
  uses: ['regionClusters'],
  yields: ['realCalls'],
  async run(context): Promise<ProbeOutcome> {
    const target = context.need('target');
    const region = memoryDbRegionOf(target);
    if (!region) return { status: 'skipped', verdict: 'No configured region where MemoryDB is offered.' };
    const clustersHere = context.facts.regionClusters;
    const clusterArn = clustersHere?.named?.arn ?? clustersHere?.clusters[0]?.arn;
    const [users, acls, tags] = await Promise.all([
      context.call('memorydb', region, `memorydb:DescribeUsers in ${region}`, (client, options) => client.send(new DescribeUsersCommand({}), options)),
      context.call('memorydb', region, `memorydb:DescribeACLs in ${region}`, (client, options) => client.send(new DescribeACLsCommand({}), options)),
      clusterArn
        ? context.call('memorydb', region, `memorydb:ListTags on ${clusterArn}`, (client, options) =>
            client.send(new ListTagsCommand({ ResourceArn: clusterArn }), options),
          )
        : Promise.resolve(null),
    ]);
    const verdicts: ActionVerdict[] = [];
    if (clustersHere) verdicts.push(verdictFromCall('memorydb:DescribeClusters', clustersHere.failure, clustersHere.evidence));
    verdicts.push(verdictFromCall('memorydb:DescribeUsers', users.ok ? null : users.failure, users.evidence));
    verdicts.push(verdictFromCall('memorydb:DescribeACLs', acls.ok ? null : acls.failure, acls.evidence));
    if (tags) verdicts.push(verdictFromCall('memorydb:ListTags', tags.ok ? null : tags.failure, tags.evidence));
    const denied = verdicts.filter(isRefused);
    const unknown = verdicts.filter((verdict) => verdict.decision === 'unknown');
    const evidence = verdicts.map((verdict) => verdict.evidence);
    const status = denied.length > 0 ? 'warn' : unknown.length > 0 ? 'unknown' : 'pass';
    const verdict =
      denied.length > 0
        ? `Denied: ${denied.map((entry) => `${entry.action}${entry.deniedBy ? ` (${entry.deniedBy})` : ''}`).join(', ')}.`
        : unknown.length > 0
          ? `Could not tell for ${unknown.map((entry) => entry.action).join(', ')}: the calls failed for other reasons.`
          : `Allowed: ${verdicts.map((entry) => entry.action).join(', ')}.`;
    return { status, verdict, evidence, facts: { realCalls: { source: 'real-calls', verdicts } } };
  },
});
