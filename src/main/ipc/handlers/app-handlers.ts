import type { AppInfo } from '../../../shared/model/app-info';
import type { HostEnvironment } from '../../core/host';

/** Answers for the app channels. */
export function createAppHandlers(host: HostEnvironment, identity: { name: string; version: string }) {
  return {
    async getAppInfo(): Promise<AppInfo> {
      return { name: identity.name, version: identity.version, platform: host.platform };
    },
  };
}
