import type { HostEnvironment } from '../core/host';
import type { PresetEntry } from '../sim/presets';
import { startPresetSession } from './preset-session';

/** A running demo: the simulator, its preset files, and the host that points at them. */
export interface DemoSession {
  endpoint: string;
  presets: PresetEntry[];
  /**
   * The user's host with the AWS files (and the first preset as AWS_PROFILE) pointed at the
   * demo: a new HostEnvironment, so the user's own is never changed.
   */
  hostFor(user: HostEnvironment): HostEnvironment;
  stop(): Promise<void>;
}

/**
 * Starts the local AWS simulator with every scenario preset, in a folder of the app's own
 * data, so a newcomer without an AWS account can walk the whole wizard. Nothing of the
 * user's own ~/.aws is read or written.
 */
export async function startDemoSession(appDataDir: string): Promise<DemoSession> {
  const session = await startPresetSession({ parentDir: appDataDir, prefix: 'demo-' });
  const { folder } = session;
  const demoEnv = {
    AWS_CONFIG_FILE: folder.configFile,
    AWS_SHARED_CREDENTIALS_FILE: folder.credentialsFile,
    AWS_PROFILE: folder.presets[0]?.profile ?? 'default',
  };
  return {
    endpoint: session.sim.endpoint,
    // The wizard sets only the files and AWS_PROFILE: presets that need more run in `mdb-doctor demo`.
    presets: folder.presets.filter((entry) => !entry.ownEnvironment),
    hostFor: (user) => ({ ...user, env: { ...user.env, ...demoEnv } }),
    stop: () => session.close(),
  };
}
