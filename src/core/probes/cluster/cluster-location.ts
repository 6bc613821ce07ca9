import { DescribeClustersCommand, type Cluster } from '@aws-sdk/client-memorydb';
import type { Evidence } from '../../../shared/model/diagnosis';
import type { AwsFailure } from '../../aws/error-evidence';
import type { Facts } from '../../diagnosis/facts';
import type { ProbeContext } from '../../diagnosis/probe';
import { memoryDbRegionOf } from '../shared';

/** Where the named cluster is, as far as the region step found out. */
export type ClusterWhereabouts = { found: true; region: string; how: string } | { found: false; verdict: string };

/**
 * The region to look for the named cluster in: where the region step saw it (the configured
 * region, or another one the scan found), else the configured region when nothing was scanned.
 */
export function locateCluster(facts: Readonly<Partial<Facts>>, name: string): ClusterWhereabouts {
  const target = facts.target;
  const here = facts.regionClusters;
  if (here?.named) return { found: true, region: here.region, how: `in the configured region ${here.region}` };
  const elsewhere = facts.clusterLocations?.find((cluster) => cluster.name === name);
  if (elsewhere) return { found: true, region: elsewhere.region, how: `in ${elsewhere.region}, where the region scan found it` };
  if (facts.clusterLocations) {
    return { found: false, verdict: `No cluster named ${name} in any MemoryDB region scanned (see the region step); nothing to sign in to.` };
  }
  const region = target ? memoryDbRegionOf(target) : null;
  if (region) return { found: true, region, how: `in the configured region ${region} (not confirmed by the region step)` };
  return { found: false, verdict: 'No region where MemoryDB is offered is configured, so the cluster cannot be looked up.' };
}

/** memorydb:DescribeClusters for one cluster by name. */
export async function describeCluster(
  context: Pick<ProbeContext, 'call'>,
  region: string,
  name: string,
): Promise<{ cluster: Cluster | null; failure: AwsFailure | null; evidence: Evidence }> {
  const result = await context.call('memorydb', region, `memorydb:DescribeClusters ${name} in ${region}`, (client, options) =>
    client.send(new DescribeClustersCommand({ ClusterName: name }), options),
  );
  if (!result.ok) return { cluster: null, failure: result.failure, evidence: result.evidence };
  return { cluster: result.output.Clusters?.find((cluster) => cluster.Name === name) ?? null, failure: null, evidence: result.evidence };
}
