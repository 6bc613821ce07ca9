import packageJson from '../../../package.json';
import type { HostEnvironment } from '../../core/host';
import { createDispatcher, type Dispatch } from '../../main/ipc/dispatcher';
import { createHandlers } from '../../main/ipc/handlers';
import { JobRegistry } from '../../main/ipc/jobs';
import type { ConfirmationRequest } from '../../main/ipc/shell-port';
import { browserShell, DownloadStore, requestEvents } from './browser-shell';
import { startUiServer, type RunningUiServer } from './ui-server';

/** Everything browser mode is started from. */
export interface WizardServerOptions {
  host: HostEnvironment;
  /** Where dangerous actions are confirmed: never the page (the `ui` command asks in its terminal). */
  confirm(request: ConfirmationRequest): Promise<boolean>;
  /** Where a secret the person agreed to take is printed (the `ui` command's terminal); never the page. */
  printSecret(label: string, text: string): void;
  pageFolder: string;
  address: string;
  port: number;
  extraHostNames?: readonly string[];
  /** Sees every answer and event on its way to the page, for tests that scan what the page received. */
  observe?(sent: unknown): void;
}

/** A running wizard server and what stopping it involves. */
export interface RunningWizardServer {
  server: RunningUiServer;
  jobs: JobRegistry;
  /** Cancels running work, waits for it, and closes every socket. */
  stop(): Promise<void>;
}

function observed(dispatch: Dispatch, observe: (sent: unknown) => void): Dispatch {
  return async (channel, payload, sink) => {
    const seen = (eventChannel: string, eventPayload: unknown) => {
      observe(eventPayload);
      sink(eventChannel, eventPayload);
    };
    // The shell's own events (a question waiting in the terminal) are seen too.
    const result = await requestEvents.run(seen, () => dispatch(channel, payload, seen));
    observe(result);
    return result;
  };
}

/**
 * Browser mode as one piece: the very handlers the desktop app registers (built on the
 * given host), behind the same dispatcher, served by the UI server with the browser shell.
 */
export async function startWizardServer(options: WizardServerOptions): Promise<RunningWizardServer> {
  const jobs = new JobRegistry();
  const downloads = new DownloadStore();
  const handlers = createHandlers({
    host: options.host,
    identity: { name: packageJson.productName, version: packageJson.version },
    jobs,
    // The person's browser may be on another machine (SSH port forwarding): a code works anywhere, a loopback redirect does not.
    signInFlow: 'device-code',
    shell: browserShell(
      downloads,
      (request) => options.confirm(request),
      (label, text) => options.printSecret(label, text),
    ),
  });
  const dispatch = createDispatcher(handlers);
  const server = await startUiServer({
    dispatch: options.observe ? observed(dispatch, options.observe) : dispatch,
    downloads,
    pageFolder: options.pageFolder,
    address: options.address,
    port: options.port,
    extraHostNames: options.extraHostNames,
  });
  return {
    server,
    jobs,
    async stop() {
      jobs.cancelAll();
      await jobs.settled();
      await server.close();
    },
  };
}
