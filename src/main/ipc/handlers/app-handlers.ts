import type { AppInfo } from '../../../shared/model/app-info';
import type { ParsedRequestOf } from '../../../shared/ipc/contract';
import { IpcFailure } from '../../../shared/ipc/result';
import { isAllowedExternalUrl } from '../../../shared/security/external-urls';
import type { ActiveHost } from './active-host';
import type { ShellPort } from '../shell-port';

/** Answers for the app channels. */
export function createAppHandlers(host: ActiveHost, identity: { name: string; version: string }, shell: ShellPort) {
  return {
    async getAppInfo(): Promise<AppInfo> {
      return { name: identity.name, version: identity.version, platform: host.current().platform };
    },
    async copyText({ text }: ParsedRequestOf<'copyText'>): Promise<{ copied: boolean }> {
      await shell.copyText(text);
      return { copied: true };
    },
    async openExternal({ url }: ParsedRequestOf<'openExternal'>): Promise<{ opened: boolean }> {
      if (!isAllowedExternalUrl(url)) throw new IpcFailure('refused', `Only AWS console and documentation pages open from the app, not ${url}.`);
      await shell.openExternal(url);
      return { opened: true };
    },
  };
}
