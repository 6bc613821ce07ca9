import type { DemoStatus } from '../../../shared/ipc/channels/demo';
import { startDemoSession, type DemoSession } from '../../../demo/demo-session';
import type { HandlerDeps } from './index';

/**
 * Answers for the demo channels. Starting the demo points the shared host's environment at
 * the simulator's preset files (every handler reads the AWS files through that host), and
 * stopping it puts the user's own environment back.
 */
export function createDemoHandlers(deps: HandlerDeps) {
  let session: DemoSession | null = null;
  let userEnv: HandlerDeps['host']['env'] | null = null;

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
        session = await startDemoSession(deps.host.appDataDir);
        userEnv = deps.host.env;
        deps.host.env = { ...userEnv, ...session.env };
      }
      return status();
    },
    async stopDemo(): Promise<DemoStatus> {
      if (session !== null) {
        const ending = session;
        session = null;
        if (userEnv !== null) deps.host.env = userEnv;
        userEnv = null;
        await ending.stop();
      }
      return status();
    },
    async getDemoStatus(): Promise<DemoStatus> {
      return status();
    },
  };
}
