import { z } from 'zod';

/** How bad a finding is: errors break credential loading, warnings likely mislead, info explains. */
export const findingSeveritySchema = z.enum(['error', 'warning', 'info']);
export type FindingSeverity = z.infer<typeof findingSeveritySchema>;

/** Which AWS file a fix edits. */
export const awsFileKindSchema = z.enum(['credentials', 'config']);
export type AwsFileKind = z.infer<typeof awsFileKindSchema>;

/** Where a finding points: a line of an AWS file, an SSO cache file, or an environment variable. */
export const findingLocationSchema = z.union([
  z.object({ file: z.enum(['credentials', 'config', 'sso-cache']), path: z.string(), line: z.number().int().positive().nullable() }),
  z.object({ file: z.literal('environment'), variable: z.string() }),
]);
export type FindingLocation = z.infer<typeof findingLocationSchema>;

/**
 * A machine-applicable fix, as a description rather than bytes: fixes that touch a secret
 * (`clean-value`, `rename-key`) name the key only, and the main process computes the new
 * value from the file itself, so no secret ever travels with a fix.
 */
export const profileFixSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('set-value'), file: awsFileKindSchema, section: z.string(), key: z.string(), value: z.string() }),
  z.object({ kind: z.literal('remove-key'), file: awsFileKindSchema, section: z.string(), key: z.string() }),
  /** Strip quotes, stray whitespace, carriage returns and invisible characters from the current value. */
  z.object({ kind: z.literal('clean-value'), file: awsFileKindSchema, section: z.string(), key: z.string() }),
  /** Move the current value of `key` to `newKey` (a misspelt key name). */
  z.object({ kind: z.literal('rename-key'), file: awsFileKindSchema, section: z.string(), key: z.string(), newKey: z.string() }),
  /** Make the file readable and writable by its owner only (mode 0600); its text stays as it is. */
  z.object({ kind: z.literal('owner-only'), file: awsFileKindSchema }),
]);
export type ProfileFix = z.infer<typeof profileFixSchema>;

/**
 * One static problem found without the network. `id` names the check and never changes
 * meaning; `key` is unique within one load (id + where), for the UI and for applying a fix.
 */
export const findingSchema = z.object({
  id: z.string(),
  key: z.string(),
  severity: findingSeveritySchema,
  message: z.string(),
  location: findingLocationSchema.nullable(),
  fixHint: z.string(),
  fix: profileFixSchema.nullable(),
  /** The profile the finding is about, null for file- or environment-level findings. */
  profile: z.string().nullable(),
});
export type Finding = z.infer<typeof findingSchema>;

const severityRank: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

/** The worst severity among findings, or null when there are none. */
export function worstSeverity(findings: readonly Pick<Finding, 'severity'>[]): FindingSeverity | null {
  let worst: FindingSeverity | null = null;
  for (const finding of findings) if (worst === null || severityRank[finding.severity] < severityRank[worst]) worst = finding.severity;
  return worst;
}

/** Errors first, then warnings, then info; stable otherwise. */
export function sortFindings<T extends Pick<Finding, 'severity'>>(findings: readonly T[]): T[] {
  return [...findings].sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
}
