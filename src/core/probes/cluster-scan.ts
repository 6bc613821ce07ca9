import pLimit from 'p-limit';
import type { Cause, Evidence, Fix } from '../../shared/model/diagnosis';
import { makeCause } from '../diagnosis/causes';
import type { ClusterSighting, TargetFact } from '../diagnosis/facts';
import { defineProbe, type ProbeOutcome } from '../diagnosis/probe';
import { nearNames } from '../diagnosis/profile-context';
import { isOptInRegion, memoryDbRegionsNear } from '../regions/regions';
import { listClusters, notOfferedIn } from './memorydb-clusters';
import { regionFixes } from './region-config';
import { note } from './shared';

/**
 * No cluster of that name anywhere the scan looked: say which clusters there are (a typo is
 * the usual reason: "did you mean"), and how to list them.
 */
function clusterNotFound(target: TargetFact, found: readonly ClusterSighting[], where: string, evidence: Evidence[]): Cause {
  const name = target.cluster!;
  const near = nearNames(
    name,
    found.map((cluster) => cluster.name),
  );
  const closest = near[0] ? found.find((cluster) => cluster.name === near[0]) : undefined;
  const yours =
    found.length === 0
      ? ' The account has no MemoryDB clusters there at all.'
      : ` Your clusters: ${found
          .slice(0, 5)
          .map((cluster) => `${cluster.name} (${cluster.region})`)
          .join(', ')}${found.length > 5 ? ', …' : ''}.`;
  const guess = closest ? ` Did you mean ${closest.name} (${closest.region})?` : '';
  const listIn = target.region ?? closest?.region ?? found[0]?.region;
  const fixes: Fix[] = listIn
    ? [
        {
          kind: 'copy-command',
          label: `List the clusters in ${listIn}`,
          command: `aws memorydb describe-clusters --region ${listIn} --query "Clusters[].Name"`,
        },
      ]
    : [];
  return makeCause('cluster.not-found', `No cluster named ${name} ${where}.${guess}${yours}`, evidence, fixes);
}

/**
 * Step 3: when the named cluster is not in the configured region, or that region holds
 * none (or none is usable), ask every MemoryDB region of the partition in parallel, with
 * bounded concurrency, and say where the clusters are.
 */
export const clusterScanProbe = defineProbe({
  id: 'region.scan',
  step: 'region',
  title: 'Clusters in every MemoryDB region',
  needs: ['target', 'credentials', 'identity'],
  uses: ['regionClusters'],
  yields: ['clusterLocations'],
  async run(context): Promise<ProbeOutcome> {
    const target = context.need('target');
    const here = context.facts.regionClusters;
    if (here && !here.failure && (target.cluster ? here.named : here.clusters.length > 0)) {
      return {
        status: 'skipped',
        verdict: `Not needed: ${target.cluster ? `cluster ${target.cluster} is` : 'clusters are'} in ${here.region}.`,
        facts: { clusterLocations: here.clusters },
      };
    }
    if (here?.failure?.kind === 'access-denied') {
      return { status: 'skipped', verdict: `Not run: memorydb:DescribeClusters is denied in ${here.region}, so other regions would say the same.` };
    }
    const limit = pLimit(Math.max(1, target.scanConcurrency));
    const regions = memoryDbRegionsNear(target.region).filter((region) => region !== here?.region);
    const scanned = await Promise.all(regions.map((region) => limit(async () => ({ region, ...(await listClusters(context, region, 'once')) }))));
    const all = [...(here && !here.failure ? here.clusters : []), ...scanned.flatMap((result) => result.clusters)];
    // An opt-in region the account has not enabled refuses the key and cannot hold a cluster: that is an answer.
    // OptInRequired is how a query-style front end says the same (MemoryDB CommonErrors).
    const notEnabled = scanned.filter(
      (result) => (result.failure?.kind === 'key-rejected' || result.failure?.kind === 'region-disabled') && isOptInRegion(result.region),
    );
    // A region whose MemoryDB endpoint does not resolve has no MemoryDB, so no cluster: that is an answer too.
    const notOffered = scanned.filter((result) => notOfferedIn(result.region, result.failure) !== null);
    const failed = scanned.filter((result) => result.failure && !notEnabled.includes(result) && !notOffered.includes(result));
    const evidence = [
      ...(here ? [here.evidence] : []),
      ...scanned.filter((result) => failed.includes(result) || result.clusters.length > 0).map((result) => result.evidence),
    ];
    evidence.push(note(`Asked memorydb:DescribeClusters in ${regions.length} more regions`, regions.join(', ')));
    if (notEnabled.length > 0)
      evidence.push(note(`Not enabled for the account (no clusters possible): ${notEnabled.map((result) => result.region).join(', ')}`));
    if (notOffered.length > 0)
      evidence.push(note(`MemoryDB not offered (the endpoint does not resolve): ${notOffered.map((result) => result.region).join(', ')}`));
    if (failed.length > 0)
      evidence.push(
        note(
          `${failed.length} of ${regions.length} regions did not answer`,
          failed.map((result) => `${result.region}: ${result.failure?.errorName}`).join(', '),
        ),
      );
    const causes: Cause[] = [];
    const where = (names: typeof all) => [...new Set(names.map((cluster) => cluster.region))];
    const hereNotOffered = here ? notOfferedIn(here.region, here.failure) : null;
    if (here && hereNotOffered) {
      const elsewhere = where(all);
      causes.push(
        makeCause(
          'region.invalid',
          `${hereNotOffered}${elsewhere.length > 0 ? ` Your clusters are in ${elsewhere.join(', ')}.` : ''}`,
          evidence,
          elsewhere.slice(0, 3).flatMap((region) => regionFixes(target, region, 'where your clusters are')),
        ),
      );
    }
    if (target.cluster) {
      const matches = all.filter((cluster) => cluster.name === target.cluster);
      if (matches.length > 0) {
        const regionsOfNamed = where(matches);
        causes.push(
          makeCause(
            'region.cluster-elsewhere',
            `Cluster ${target.cluster} is in ${regionsOfNamed.join(', ')}, not in ${target.region ?? 'the (missing) configured region'}.`,
            evidence,
            regionsOfNamed.flatMap((region) => regionFixes(target, region, `where ${target.cluster} is`)),
          ),
        );
      } else {
        const checked = regions.length + (here ? 1 : 0) - failed.length;
        const unchecked = failed.length > 0 ? ` (${failed.length} could not be checked: ${failed.map((result) => result.region).join(', ')})` : '';
        causes.push(clusterNotFound(target, all, `in the ${checked} MemoryDB regions checked${unchecked}`, evidence));
      }
    } else if (all.length > 0 && target.region && here && !here.failure) {
      const regionsWithClusters = where(all);
      causes.push(
        makeCause(
          'region.cluster-elsewhere',
          `${target.region} has no clusters; yours are in ${regionsWithClusters.join(', ')}.`,
          evidence,
          regionsWithClusters.slice(0, 3).flatMap((region) =>
            regionFixes(
              target,
              region,
              `clusters there: ${all
                .filter((c) => c.region === region)
                .map((c) => c.name)
                .join(', ')}`,
            ),
          ),
        ),
      );
    }
    const summary =
      all.length > 0
        ? `Found ${all.length} cluster(s): ${where(all)
            .map(
              (region) =>
                `${region} (${all
                  .filter((c) => c.region === region)
                  .map((c) => c.name)
                  .join(', ')})`,
            )
            .join('; ')}.`
        : `No clusters in ${regions.length} regions scanned.`;
    return {
      status: causes.length > 0 ? 'fail' : failed.length > 0 ? 'unknown' : 'pass',
      verdict: causes[0]?.summary ?? summary,
      evidence: [note(summary), ...evidence],
      causes,
      facts: { clusterLocations: all },
    };
  },
});
