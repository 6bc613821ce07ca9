import { z } from 'zod';
import { appInfoSchema } from '../../model/app-info';
import { invoke } from '../define';

/** Channels about the app itself and the desktop around it. */
export const appChannels = {
  getAppInfo: invoke('app:get-info', z.object({}).strict(), appInfoSchema),
  /** Puts text (a policy, a command, a report) on the system clipboard. */
  copyText: invoke('app:copy-text', z.object({ text: z.string().max(200_000) }).strict(), z.object({ copied: z.boolean() })),
  /** Opens an AWS console or documentation page in the system browser; other URLs are refused. */
  openExternal: invoke('app:open-external', z.object({ url: z.string().url().max(2_048) }).strict(), z.object({ opened: z.boolean() })),
};
