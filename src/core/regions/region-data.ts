/**
 * Region facts the diagnosis relies on, in one place so a reviewer can check them against
 * their sources and a maintainer can update them in one edit.
 *
 * Sources, read 2026-11 (see docs/docs/aws-behaviour.md §3):
 * - MemoryDB regions: AWS General Reference "Amazon MemoryDB endpoints and quotas"
 *   (docs.aws.amazon.com/general/latest/gr/memorydb-service.html), the MemoryDB developer
 *   guide "Supported regions and endpoints" (regionsandazs.html) and botocore's
 *   endpoints.json, which agree.
 * - Opt-in regions: AWS Account Management guide "Specify which AWS Regions your account can
 *   use" (manage-acct-regions.html): regions launched after 2019-03-20 are disabled by default.
 * - Known region names: the partitions table shipped with the AWS SDK for JavaScript v3
 *   (@aws-sdk/core util-endpoints partitions.js, 3.981).
 */
export const regionDataSource = {
  memoryDb: 'docs.aws.amazon.com/general/latest/gr/memorydb-service.html (read 2026-11)',
  optIn: 'docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html (read 2026-11)',
  knownRegions: '@aws-sdk/core util-endpoints partitions.js 3.981',
} as const;

/** Regions where MemoryDB is offered, by partition. */
export const memoryDbRegions = {
  aws: [
    'us-east-1',
    'us-east-2',
    'us-west-1',
    'us-west-2',
    'ca-central-1',
    'sa-east-1',
    'ap-south-1',
    'ap-northeast-1',
    'ap-northeast-2',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-east-1',
    'eu-central-1',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'eu-north-1',
    'eu-south-1',
    'eu-south-2',
  ],
  'aws-us-gov': ['us-gov-east-1', 'us-gov-west-1'],
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
} as const satisfies Record<string, readonly string[]>;

/** Commercial regions an account must enable before any credential works there. */
export const optInRegions: readonly string[] = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
];

/** Every region name the SDK's partitions table knows, MemoryDB or not. */
export const knownRegions: readonly string[] = [
  ...new Set([
    ...memoryDbRegions.aws,
    ...memoryDbRegions['aws-us-gov'],
    ...memoryDbRegions['aws-cn'],
    ...optInRegions,
    'ap-northeast-3',
    'me-west-1',
    'sa-west-1',
  ]),
];

/** A region whose every account has it on (used for the differential STS probe). */
export const alwaysEnabledRegion = 'us-east-1';
