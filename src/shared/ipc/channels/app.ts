import { z } from 'zod';
import { appInfoSchema } from '../../model/app-info';
import { invoke } from '../define';

/** Channels about the app itself. */
export const appChannels = {
  getAppInfo: invoke('app:get-info', z.object({}).strict(), appInfoSchema),
};
