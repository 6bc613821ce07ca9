import { z } from 'zod';
import { appInfoSchema } from '../../model/app-info';
import { event, invoke } from '../define';

/** Channels about the app itself and the desktop around it. */
export const appChannels = {
  getAppInfo: invoke('app:get-info', z.object({}).strict(), appInfoSchema),
  /** Puts text (a policy, a command, a report) on the system clipboard. */
  copyText: invoke('app:copy-text', z.object({ text: z.string().max(200_000) }).strict(), z.object({ copied: z.boolean() })),
  /** Opens an AWS console or documentation page in the system browser; other URLs are refused. */
  openExternal: invoke('app:open-external', z.object({ url: z.string().url().max(2_048) }).strict(), z.object({ opened: z.boolean() })),
};

/**
 * A question main asks where the page cannot answer it (browser mode asks in the terminal
 * `mdb-doctor ui` runs in): sent when it starts waiting and when it is answered, so the page
 * can say where to answer. The page only shows it; nothing on the page answers it.
 */
export const confirmationNoticeSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('waiting'), id: z.string().min(1).max(64), title: z.string().max(1_000), message: z.string().max(20_000) }).strict(),
  z.object({ state: z.literal('answered'), id: z.string().min(1).max(64) }).strict(),
]);
export type ConfirmationNotice = z.infer<typeof confirmationNoticeSchema>;

/** Events about the app itself. */
export const appEvents = {
  onConfirmationNotice: event('app:confirmation-notice', confirmationNoticeSchema),
};
