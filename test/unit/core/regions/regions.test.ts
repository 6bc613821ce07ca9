import { describe, expect, it } from 'vitest';
import { knownRegions, memoryDbRegions, optInRegions, regionDataSource } from '../../../../src/core/regions/region-data';
import {
  fallbackRegion,
  isKnownRegion,
  isOptInRegion,
  looksLikeRegion,
  memoryDbRegionsNear,
  offersMemoryDb,
  partitionOf,
} from '../../../../src/core/regions/regions';

describe('region data (docs/aws-behaviour.md §3.1)', () => {
  it('lists the 19 commercial, 2 GovCloud and 2 China MemoryDB regions and names its sources', () => {
    expect(memoryDbRegions.aws).toHaveLength(19);
    expect(memoryDbRegions['aws-us-gov']).toEqual(['us-gov-east-1', 'us-gov-west-1']);
    expect(memoryDbRegions['aws-cn']).toEqual(['cn-north-1', 'cn-northwest-1']);
    expect(new Set(memoryDbRegions.aws).size).toBe(19);
    expect(regionDataSource.memoryDb).toMatch(/memorydb-service\.html/);
  });

  it('marks Hong Kong, Milan and Spain as the opt-in MemoryDB regions', () => {
    expect(memoryDbRegions.aws.filter((region) => optInRegions.includes(region)).sort()).toEqual(['ap-east-1', 'eu-south-1', 'eu-south-2']);
  });

  it('knows every MemoryDB and opt-in region, once', () => {
    for (const region of [...memoryDbRegions.aws, ...optInRegions]) expect(knownRegions).toContain(region);
    expect(new Set(knownRegions).size).toBe(knownRegions.length);
  });
});

describe('region helpers', () => {
  it('classifies names', () => {
    expect(looksLikeRegion('eu-west-1')).toBe(true);
    expect(looksLikeRegion('us-gov-west-1')).toBe(true);
    expect(looksLikeRegion('europe')).toBe(false);
    expect(isKnownRegion('us-east-7')).toBe(false);
    expect(offersMemoryDb('af-south-1')).toBe(false);
    expect(offersMemoryDb('cn-north-1')).toBe(true);
    expect(isOptInRegion('ap-east-1')).toBe(true);
    expect(isOptInRegion('us-east-1')).toBe(false);
  });

  it('keeps fallbacks and scans within the partition', () => {
    expect(partitionOf('cn-northwest-1')).toBe('aws-cn');
    expect(fallbackRegion('ap-east-1')).toBe('us-east-1');
    expect(fallbackRegion('us-gov-east-1')).toBe('us-gov-west-1');
    expect(fallbackRegion(null)).toBe('us-east-1');
    expect(memoryDbRegionsNear('cn-north-1')).toEqual(['cn-north-1', 'cn-northwest-1']);
    expect(memoryDbRegionsNear(null)).toHaveLength(19);
  });
});
