import { z } from 'zod';

/** How a profile obtains credentials; mirrors the providers of the SDK's default chain. */
export const profileKindSchema = z.enum([
  'static',
  'temporary',
  'assume-role',
  'sso',
  'process',
  'web-identity',
  'environment',
  'unknown',
]);
export type ProfileKind = z.infer<typeof profileKindSchema>;

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
  worstSeverity: z.enum(['error', 'warning', 'info']).nullable(),
});
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

export const profileListSchema = z.object({
  profiles: z.array(profileSummarySchema),
  defaultProfile: z.string(),
  files: z.object({ credentials: z.string(), config: z.string() }),
});
export type ProfileList = z.infer<typeof profileListSchema>;
