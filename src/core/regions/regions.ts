import { alwaysEnabledRegion, knownRegions, memoryDbRegions, optInRegions } from './region-data';

export type Partition = keyof typeof memoryDbRegions;

/** The partition a region name belongs to, by the SDK's naming rules. */
export function partitionOf(region: string): Partition {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}

/** The shape of an AWS region name (`xx-name-N`), known or not. */
export function looksLikeRegion(region: string): boolean {
  return /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/.test(region);
}

/** True when the SDK's partitions table names this region. */
export function isKnownRegion(region: string): boolean {
  return knownRegions.includes(region);
}

/** True when MemoryDB is offered in the region. */
export function offersMemoryDb(region: string): boolean {
  return (memoryDbRegions[partitionOf(region)] as readonly string[]).includes(region);
}

/** True for a region an account must opt in to. */
export function isOptInRegion(region: string): boolean {
  return optInRegions.includes(region);
}

/** The MemoryDB regions of the partition `region` lives in (the commercial ones when unknown). */
export function memoryDbRegionsNear(region: string | null): readonly string[] {
  return memoryDbRegions[region ? partitionOf(region) : 'aws'];
}

/** The region used to ask STS about a key when the configured one cannot be used (same partition). */
export function fallbackRegion(region: string | null): string {
  if (region && partitionOf(region) === 'aws-us-gov') return 'us-gov-west-1';
  if (region && partitionOf(region) === 'aws-cn') return 'cn-north-1';
  return alwaysEnabledRegion;
}
