import type { HostEnvironment } from '../../core/host';
import type { Handlers } from '../dispatcher';
import { createAppHandlers } from './app-handlers';
import { createProfileHandlers } from './profile-handlers';

/** What the handlers need from their host: the machine, and the app's name and version. */
export interface HandlerDeps {
  host: HostEnvironment;
  identity: { name: string; version: string };
}

/**
 * Every contract handler, built on the Electron-free core. The Electron shell registers
 * these, and the end-to-end test bridge calls the very same functions.
 */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...createAppHandlers(deps.host, deps.identity),
    ...createProfileHandlers(deps.host),
  };
}
