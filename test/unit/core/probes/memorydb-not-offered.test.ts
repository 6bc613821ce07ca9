import { describe, expect, it } from 'vitest';
import type { RegionClustersFact } from '../../../../src/core/diagnosis/facts';
import { clusterScanProbe } from '../../../../src/core/probes/cluster-scan';
import { clustersInRegionProbe } from '../../../../src/core/probes/clusters-in-region';
import { clusterTarget, fakeProbeContext, type Answer } from '../../../helpers/fake-probe-context';

// A region without MemoryDB has no DNS record for memory-db.<region>.amazonaws.com: the SDK fails
// with ENOTFOUND before any request (docs/aws-behaviour.md §7). The diagnosis must say so, not "could not reach".
const answers: Answer[] = [
  {
    match: /DescribeClusters in eu-south-2/,
    failure: { kind: 'network', errorName: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND memory-db.eu-south-2.amazonaws.com' },
  },
  { match: /DescribeClusters in eu-west-1/, output: { Clusters: [{ Name: 'orders', Status: 'available' }] } },
  { match: /DescribeClusters in /, output: { Clusters: [] } },
];
const target = clusterTarget({ region: 'eu-south-2', regionSource: 'config file [profile dev]' });
const credentials = {} as never;
const identity = { arn: 'arn:aws:iam::123456789012:user/dev', account: '123456789012', userId: 'AIDA', region: 'us-east-1' };

describe('a MemoryDB endpoint that does not resolve', () => {
  it('the configured region reads "MemoryDB is not offered in <region>"', async () => {
    const outcome = await clustersInRegionProbe.run(fakeProbeContext({ target, credentials }, answers));
    expect(outcome.status).toBe('fail');
    expect(outcome.verdict).toMatch(/^MemoryDB is not offered in eu-south-2: its endpoint does not resolve \(ENOTFOUND\)\./);
  });

  it('the scan names region.invalid with that wording and points at the region of the clusters', async () => {
    const here: RegionClustersFact = {
      region: 'eu-south-2',
      clusters: [],
      named: null,
      failure: { kind: 'network', errorName: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND', fromRawBody: false },
      evidence: { label: 'memorydb:DescribeClusters in eu-south-2' },
    };
    const outcome = await clusterScanProbe.run(fakeProbeContext({ target, credentials, identity, regionClusters: here }, answers));
    const invalid = outcome.causes?.find((cause) => cause.id === 'region.invalid');
    expect(invalid?.summary).toBe('MemoryDB is not offered in eu-south-2: its endpoint does not resolve (ENOTFOUND). Your clusters are in eu-west-1.');
    expect(invalid?.fixes).toContainEqual(expect.objectContaining({ kind: 'set-value', key: 'region', value: 'eu-west-1' }));
  });
});
