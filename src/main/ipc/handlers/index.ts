import type { HostEnvironment } from '../../../core/host';
import type { Handlers } from '../dispatcher';
import { createAppHandlers } from './app-handlers';
import { createClusterHandlers } from './cluster-handlers';
import { createDemoHandlers } from './demo-handlers';
import { createDiagnosisHandlers } from './diagnosis-handlers';
import { createKeyLookUpHandlers } from './key-lookup-handlers';
import { createProfileHandlers } from './profile-handlers';
import { createRotationHandlers } from './rotation-handlers';
import { FixProposals } from '../fix-proposals';
import { createSsoHandlers } from './sso-handlers';
import type { JobRegistry } from '../jobs';
import type { ShellPort } from '../shell-port';
import { createActiveHost, type ActiveHost } from './active-host';

/** What the handlers need from their host: the machine, and the app's name and version. */
export interface HandlerDeps {
  host: HostEnvironment;
  identity: { name: string; version: string };
  /** Long-running work (diagnosis, rotation) started through the contract. */
  jobs: JobRegistry;
  /** Dialogs and the system browser, from the desktop shell (or a headless stand-in). */
  shell: ShellPort;
  /**
   * How IAM Identity Center sign-ins are approved: by default sso-session profiles use the
   * browser redirect to this machine; browser mode (`mdb-doctor ui`, maybe over SSH) uses a
   * code the person can confirm on any device.
   */
  signInFlow?: 'default' | 'device-code';
}

/** What each group of handlers works with: the deps, the host read at call time (a demo swaps it). */
export interface HandlerScope extends Omit<HandlerDeps, 'host'> {
  host: ActiveHost;
  /** File fixes the core proposed (diagnoses, undos), the only ones the page can apply by id. */
  proposals: FixProposals;
}

/** The scope for deps whose host nothing has swapped yet. */
export function scopeOf(deps: HandlerDeps): HandlerScope {
  return { ...deps, host: createActiveHost(deps.host), proposals: new FixProposals() };
}

/**
 * Every contract handler, built on the Electron-free core. The Electron shell registers
 * these, and the end-to-end test bridge calls the very same functions.
 */
export function createHandlers(deps: HandlerDeps): Handlers {
  const scope = scopeOf(deps);
  return {
    ...createAppHandlers(scope.host, deps.identity, deps.shell),
    ...createProfileHandlers(scope.host, scope.proposals),
    ...createDiagnosisHandlers(scope),
    ...createKeyLookUpHandlers(scope),
    ...createRotationHandlers(scope),
    ...createClusterHandlers(scope),
    ...createDemoHandlers(scope),
    ...createSsoHandlers(scope),
  };
}
