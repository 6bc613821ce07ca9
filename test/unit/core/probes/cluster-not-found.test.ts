import { describe, expect, it } from 'vitest';
import type { RegionClustersFact } from '../../../../src/core/diagnosis/facts';
import { clusterScanProbe } from '../../../../src/core/probes/cluster-scan';
import { clusterTarget, fakeProbeContext, type Answer } from '../../../helpers/fake-probe-context';

const identity = { arn: 'arn:aws:iam::123456789012:user/dev', account: '123456789012', userId: 'AIDA', region: 'us-east-1' };
const credentials = {} as never;
const here = (region: string): RegionClustersFact => ({
  region,
  clusters: [],
  named: null,
  failure: null,
  evidence: { label: `memorydb:DescribeClusters in ${region}` },
});

async function notFound(cluster: string, answers: Answer[]) {
  const target = clusterTarget({ region: 'eu-west-1', regionSource: 'config file [profile dev]', cluster });
  const outcome = await clusterScanProbe.run(fakeProbeContext({ target, credentials, identity, regionClusters: here('eu-west-1') }, answers));
  return outcome.causes?.find((cause) => cause.id === 'cluster.not-found');
}

describe('a named cluster that is in no region', () => {
  it('a typo: says which cluster was probably meant and where, lists the account’s clusters, and how to list them', async () => {
    const cause = await notFound('oders', [
      { match: /DescribeClusters in us-east-2/, output: { Clusters: [{ Name: 'orders', Status: 'available' }] } },
      { match: /DescribeClusters in /, output: { Clusters: [] } },
    ]);
    expect(cause?.summary).toMatch(
      /^No cluster named oders in the \d+ MemoryDB regions checked\. Did you mean orders \(us-east-2\)\? Your clusters: orders \(us-east-2\)\.$/,
    );
    expect(cause?.fixes).toEqual([
      { kind: 'copy-command', label: 'List the clusters in eu-west-1', command: 'aws memorydb describe-clusters --region eu-west-1 --query "Clusters[].Name"' },
    ]);
  });

  it('no cluster anywhere: says the account has none, and guesses nothing', async () => {
    const cause = await notFound('payments', [{ match: /DescribeClusters in /, output: { Clusters: [] } }]);
    expect(cause?.summary).toMatch(/regions checked\. The account has no MemoryDB clusters there at all\.$/);
    expect(cause?.summary).not.toContain('Did you mean');
  });
});
