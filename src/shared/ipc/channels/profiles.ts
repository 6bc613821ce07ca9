import { z } from 'zod';
import { profileFixSchema } from '../../model/finding';
import { fixPreviewSchema, fixResultSchema, profileDetailViewSchema, profileListSchema } from '../../model/profile';
import { event, invoke } from '../define';

const fixSelector = {
  profile: z.string().min(1).max(256),
  /** A finding's `key` from the latest list or detail; its own fix is applied. */
  findingKey: z.string().max(1024).optional(),
  /** Or an explicit edit of a non-secret setting of the profile (e.g. set region). */
  fix: profileFixSchema.optional(),
};
const oneOf = (request: { findingKey?: string | undefined; fix?: unknown }) => (request.findingKey === undefined) !== (request.fix === undefined);
const oneOfMessage = { message: 'Give either findingKey or fix, not both.' };

/** Channels that read (and, through the safe writer, edit) the user's AWS profiles. */
export const profileChannels = {
  listProfiles: invoke('profiles:list', z.object({}).strict(), profileListSchema),
  getProfile: invoke('profiles:get', z.object({ name: z.string().min(1).max(256) }).strict(), profileDetailViewSchema),
  previewProfileFix: invoke('profiles:preview-fix', z.object(fixSelector).strict().refine(oneOf, oneOfMessage), fixPreviewSchema),
  applyProfileFix: invoke(
    'profiles:apply-fix',
    z
      .object({ ...fixSelector, expectedHash: z.string().min(1).max(128) })
      .strict()
      .refine(oneOf, oneOfMessage),
    fixResultSchema,
  ),
};

/** Pushed when the resolved AWS files (or the SSO token cache) change on disk. */
export const profileEvents = {
  onProfilesChanged: event('profiles:changed', z.object({ changedAt: z.string(), paths: z.array(z.string()) })),
};
