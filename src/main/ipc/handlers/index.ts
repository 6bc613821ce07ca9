import type { HostEnvironment } from '../../../core/host';
import type { Handlers } from '../dispatcher';
import { createAppHandlers } from './app-handlers';
import { createClusterHandlers } from './cluster-handlers';
import { createDemoHandlers } from './demo-handlers';
import { createDiagnosisHandlers } from './diagnosis-handlers';
import { createProfileHandlers } from './profile-handlers';
import { createRotationHandlers } from './rotation-handlers';
import type { JobRegistry } from '../jobs';
import type { ShellPort } from '../shell-port';

/** What the handlers need from their host: the machine, and the app's name and version. */
export interface HandlerDeps {
  host: HostEnvironment;
  identity: { name: string; version: string };
  /** Long-running work (diagnosis, rotation) started through the contract. */
  jobs: JobRegistry;
  /** Dialogs and the system browser, from the desktop shell (or a headless stand-in). */
  shell: ShellPort;
}

/**
 * Every contract handler, built on the Electron-free core. The Electron shell registers
 * these, and the end-to-end test bridge calls the very same functions.
 */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    ...createAppHandlers(deps.host, deps.identity, deps.shell),
    ...createProfileHandlers(deps.host),
    ...createDiagnosisHandlers(deps),
    ...createRotationHandlers(deps),
    ...createClusterHandlers(deps),
    ...createDemoHandlers(deps),
  };
}
