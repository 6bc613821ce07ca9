import { z } from 'zod';
import { profileListSchema } from '../../model/profile';
import { invoke } from '../define';

/** Channels that read (and, through the safe writer, edit) the user's AWS profiles. */
export const profileChannels = {
  listProfiles: invoke('profiles:list', z.object({}).strict(), profileListSchema),
};
