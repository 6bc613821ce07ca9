import { DescribeClustersCommand, type Cluster } from '@aws-sdk/client-memorydb';
import type { AwsFailure } from '../aws/error-evidence';
import type { Evidence } from '../../shared/model/diagnosis';
import type { ClusterSighting } from '../diagnosis/facts';
import type { ProbeContext } from '../diagnosis/probe';

const maxPages = 10;

function sighting(cluster: Cluster, region: string): ClusterSighting {
  return {
    name: cluster.Name ?? '(unnamed)',
    region,
    status: cluster.Status,
    aclName: cluster.ACLName,
    tlsEnabled: cluster.TLSEnabled,
    arn: cluster.ARN,
  };
}

/**
 * What a DNS failure of the MemoryDB endpoint means: in a region without MemoryDB the name
 * memory-db.<region>.amazonaws.com has no record, so the client fails with ENOTFOUND before any
 * request (docs/aws-behaviour.md §7). Null for every other failure.
 */
export function notOfferedIn(region: string, failure: AwsFailure | null): string | null {
  if (failure?.kind !== 'network' || failure.errorName !== 'ENOTFOUND') return null;
  return `MemoryDB is not offered in ${region}: its endpoint does not resolve (ENOTFOUND).`;
}

/** Every cluster memorydb:DescribeClusters lists in one region (following NextToken), or the failure. */
export async function listClusters(
  context: Pick<ProbeContext, 'call'>,
  region: string,
  reuse: 'keep' | 'once' = 'keep',
): Promise<{ clusters: ClusterSighting[]; failure: AwsFailure | null; evidence: Evidence }> {
  const clusters: ClusterSighting[] = [];
  let nextToken: string | undefined;
  let evidence: Evidence = { label: `memorydb:DescribeClusters in ${region}` };
  for (let page = 0; page < maxPages; page += 1) {
    const result = await context.call(
      'memorydb',
      region,
      `memorydb:DescribeClusters in ${region}`,
      (client, options) => client.send(new DescribeClustersCommand({ MaxResults: 100, NextToken: nextToken }), options),
      reuse,
    );
    evidence = result.evidence;
    if (!result.ok) return { clusters, failure: result.failure, evidence };
    clusters.push(...(result.output.Clusters ?? []).map((cluster) => sighting(cluster, region)));
    nextToken = result.output.NextToken;
    if (!nextToken) break;
  }
  return {
    clusters,
    failure: null,
    evidence: {
      ...evidence,
      message: `${clusters.length} cluster${clusters.length === 1 ? '' : 's'}${clusters.length > 0 ? `: ${clusters.map((cluster) => cluster.name).join(', ')}` : ''}`,
    },
  };
}
