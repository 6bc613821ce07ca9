import { defineProbe, type ProbeOutcome } from '../diagnosis/probe';
import { listClusters, notOfferedIn } from './memorydb-clusters';
import { memoryDbRegionOf } from './shared';

/** Step 3: memorydb:DescribeClusters in the configured region, and whether the named cluster is there. */
export const clustersInRegionProbe = defineProbe({
  id: 'region.clusters',
  step: 'region',
  title: 'Clusters in the configured region',
  needs: ['target', 'credentials'],
  yields: ['regionClusters'],
  async run(context): Promise<ProbeOutcome> {
    const target = context.need('target');
    const region = memoryDbRegionOf(target);
    if (!region) return { status: 'skipped', verdict: 'No configured region where MemoryDB is offered.' };
    const { clusters, failure, evidence } = await listClusters(context, region);
    const named = target.cluster ? (clusters.find((cluster) => cluster.name === target.cluster) ?? null) : null;
    const facts = { regionClusters: { region, clusters, named, failure, evidence } };
    const notOffered = notOfferedIn(region, failure);
    if (notOffered) return { status: 'fail', verdict: `${notOffered} Scanning the other regions.`, evidence: [evidence], facts };
    if (failure) {
      const about =
        failure.kind === 'access-denied'
          ? 'see the permissions step'
          : failure.kind === 'key-rejected' || failure.kind === 'signature' || failure.kind === 'expired'
            ? 'see the credentials step'
            : failure.message;
      return {
        status: failure.kind === 'unparseable' || failure.kind === 'server' || failure.kind === 'network' ? 'unknown' : 'fail',
        verdict: `DescribeClusters in ${region} failed: ${failure.errorName} (${about}).`,
        evidence: [evidence],
        facts,
      };
    }
    if (target.cluster && !named)
      return { status: 'warn', verdict: `No cluster "${target.cluster}" in ${region}; scanning the other regions.`, evidence: [evidence], facts };
    if (clusters.length === 0)
      return { status: 'warn', verdict: `${region} has no MemoryDB clusters; scanning the other regions.`, evidence: [evidence], facts };
    return {
      status: 'pass',
      verdict: named ? `Cluster ${named.name} is in ${region} (${named.status ?? 'status unknown'}).` : `${clusters.length} cluster(s) in ${region}.`,
      evidence: [evidence],
      facts,
    };
  },
});
