import type { DemoStatus } from '../../../shared/ipc/channels/demo';
import { startDemoSession, type DemoSession } from '../../../demo/demo-session';
import type { HandlerScope } from './index';

/**
 * Answers for the demo channels. Starting the demo makes a host whose AWS files are the
 * simulator's presets the active one (every handler reads the AWS files through the active
 * host), and stopping it makes the user's own host active again. No host is ever changed.
 */
export function createDemoHandlers(deps: HandlerScope) {
  let session: DemoSession | null = null;

  function status(): DemoStatus {
    return {
      active: session !== null,
      presets: (session?.presets ?? []).map((entry) => ({
        preset: entry.preset,
        profile: entry.profile,
        description: entry.description,
        expectedRootCause: entry.expectedRootCause,
        ...(entry.cluster !== undefined ? { cluster: entry.cluster } : {}),
        ...(entry.user !== undefined ? { user: entry.user } : {}),
        ...(entry.signIn !== undefined ? { signIn: entry.signIn } : {}),
      })),
    };
  }

  return {
    async startDemo(): Promise<DemoStatus> {
      if (session === null) {
        session = await startDemoSession(deps.host.user.appDataDir);
        deps.host.use(session.hostFor(deps.host.user));
      }
      return status();
    },
    async stopDemo(): Promise<DemoStatus> {
      if (session !== null) {
        const ending = session;
        session = null;
        deps.host.use(null);
        await ending.stop();
      }
      return status();
    },
    async getDemoStatus(): Promise<DemoStatus> {
      return status();
    },
  };
}
