import { z } from 'zod';
import { awsFileKindSchema, findingSchema, findingSeveritySchema } from './finding';

/** How a profile obtains credentials; mirrors the providers of the SDK's default chain. */
export const profileKindSchema = z.enum(['static', 'temporary', 'assume-role', 'sso', 'process', 'web-identity', 'environment', 'unknown']);
export type ProfileKind = z.infer<typeof profileKindSchema>;

/** Where a value came from: a line of an AWS file, or an environment variable. */
export const valueSourceSchema = z.union([
  z.object({ file: awsFileKindSchema, path: z.string(), line: z.number().int().positive() }),
  z.object({ env: z.string() }),
]);
export type ValueSource = z.infer<typeof valueSourceSchema>;

/** A non-secret value and where it came from. */
export const sourcedValueSchema = z.object({ value: z.string(), source: valueSourceSchema });
export type SourcedValue = z.infer<typeof sourcedValueSchema>;

/**
 * One row of the profile list as the renderer sees it: no secret, only a masked key id.
 */
export const profileSummarySchema = z.object({
  name: z.string(),
  kind: profileKindSchema,
  region: z.string().nullable(),
  regionSource: z.string().nullable(),
  maskedKeyId: z.string().nullable(),
  hasSessionToken: z.boolean(),
  isDefault: z.boolean(),
  findingCount: z.number().int().nonnegative(),
  worstSeverity: findingSeveritySchema.nullable(),
  /** The environment variable whose credentials the SDK would use instead of this profile. */
  shadowedBy: z.string().nullable(),
});
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

/** What the environment contributes, with the access key id masked and no secret. */
export const environmentSummarySchema = z.object({
  hasAccessKeyId: z.boolean(),
  hasSecretAccessKey: z.boolean(),
  hasSessionToken: z.boolean(),
  maskedKeyId: z.string().nullable(),
  profile: z.string().nullable(),
  region: z.string().nullable(),
  defaultRegion: z.string().nullable(),
  endpointUrls: z.record(z.string(), z.string()),
  /** True when the SDK's default chain would take the environment keys before any profile. */
  credentialsWin: z.boolean(),
});
export type EnvironmentSummary = z.infer<typeof environmentSummarySchema>;

/** One AWS file as read: where, whether it exists, and the hash a fix must quote. */
export const awsFileInfoSchema = z.object({
  kind: awsFileKindSchema,
  path: z.string(),
  exists: z.boolean(),
  hash: z.string().nullable(),
  error: z.string().nullable(),
});
export type AwsFileInfo = z.infer<typeof awsFileInfoSchema>;

export const profileListSchema = z.object({
  profiles: z.array(profileSummarySchema),
  defaultProfile: z.string(),
  files: z.object({ credentials: z.string(), config: z.string() }),
  fileInfo: z.array(awsFileInfoSchema),
  environment: environmentSummarySchema,
  /** File- and environment-level findings (profile findings are in each detail). */
  findings: z.array(findingSchema),
});
export type ProfileList = z.infer<typeof profileListSchema>;

/** A file line a finding points at, with secret values masked. */
export const profileLineSchema = z.object({
  file: awsFileKindSchema,
  path: z.string(),
  line: z.number().int().positive(),
  text: z.string(),
});
export type ProfileLine = z.infer<typeof profileLineSchema>;

/** One profile in full, as the renderer sees it: sources, settings, findings; no secret. */
export const profileDetailViewSchema = z.object({
  summary: profileSummarySchema,
  sources: z.record(z.string(), valueSourceSchema),
  region: sourcedValueSchema.nullable(),
  endpointUrl: sourcedValueSchema.nullable(),
  servicesSection: z.string().nullable(),
  sourceProfileChain: z.array(z.string()),
  settings: z.record(z.string(), z.string()),
  findings: z.array(findingSchema),
  lines: z.array(profileLineSchema),
  files: z.array(awsFileInfoSchema),
});
export type ProfileDetailView = z.infer<typeof profileDetailViewSchema>;

/** One line of a fix preview; `before`/`after` are masked like every displayed line. */
export const fixDiffLineSchema = z.object({
  kind: z.enum(['replace', 'insert', 'delete']),
  oldLine: z.number().int().positive().nullable(),
  newLine: z.number().int().positive().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type FixDiffLine = z.infer<typeof fixDiffLineSchema>;

export const fixPreviewSchema = z.object({
  file: awsFileKindSchema,
  path: z.string(),
  /** The hash the apply request must quote; the write is refused if the file moved on. */
  expectedHash: z.string(),
  summary: z.string(),
  diff: z.array(fixDiffLineSchema),
});
export type FixPreview = z.infer<typeof fixPreviewSchema>;

export const fixResultSchema = z.object({
  file: awsFileKindSchema,
  path: z.string(),
  backupPath: z.string().nullable(),
  previousHash: z.string(),
  newHash: z.string(),
  changedLines: z.array(z.number().int().positive()),
  diff: z.array(fixDiffLineSchema),
  /** The proposal that puts the change back (apply it by `fixId`); null when none is offered. */
  undoFixId: z.string().nullable(),
});
export type FixResult = z.infer<typeof fixResultSchema>;
