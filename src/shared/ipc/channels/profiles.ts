import { z } from 'zod';
import { fixPreviewSchema, fixResultSchema, profileDetailViewSchema, profileListSchema } from '../../model/profile';
import { profileNameSchema } from '../../model/primitives';
import { event, invoke } from '../define';

/**
 * Which proposed fix: a finding's, by its `key` from the latest list or detail (without a
 * profile for a finding about a whole file), or one the
 * core proposed in the profile's latest diagnosis (or an undo), by its `fixId`. The page can
 * never name the edit itself: main re-plans the proposal against the file as it is now.
 */
const byFinding = { profile: profileNameSchema.optional(), findingKey: z.string().min(1).max(1024) };
const byProposal = { profile: profileNameSchema, fixId: z.string().min(1).max(512) };
const expectedHash = z.string().min(1).max(128);

/** Channels that read (and, through the safe writer, edit) the user's AWS profiles. */
export const profileChannels = {
  listProfiles: invoke('profiles:list', z.object({}).strict(), profileListSchema),
  getProfile: invoke('profiles:get', z.object({ name: profileNameSchema }).strict(), profileDetailViewSchema),
  previewProfileFix: invoke('profiles:preview-fix', z.union([z.object(byFinding).strict(), z.object(byProposal).strict()]), fixPreviewSchema),
  applyProfileFix: invoke(
    'profiles:apply-fix',
    z.union([z.object({ ...byFinding, expectedHash }).strict(), z.object({ ...byProposal, expectedHash }).strict()]),
    fixResultSchema,
  ),
};

/** Pushed when the resolved AWS files (or the SSO token cache) change on disk. */
export const profileEvents = {
  onProfilesChanged: event('profiles:changed', z.object({ changedAt: z.string(), paths: z.array(z.string()) })),
};
