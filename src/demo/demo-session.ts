import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../sim';
import { writePresets, type PresetEntry } from '../sim/presets';

/** A running demo: the simulator, its preset files, and the environment that points at them. */
export interface DemoSession {
  endpoint: string;
  presets: PresetEntry[];
  /** What AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE must say for the app to use the demo profiles. */
  env: { AWS_CONFIG_FILE: string; AWS_SHARED_CREDENTIALS_FILE: string; AWS_PROFILE: string };
  stop(): Promise<void>;
}

/**
 * Starts the local AWS simulator with every scenario preset, in a folder of the app's own
 * data, so a newcomer without an AWS account can walk the whole wizard. Nothing of the
 * user's own ~/.aws is read or written.
 */
export async function startDemoSession(appDataDir: string): Promise<DemoSession> {
  await mkdir(appDataDir, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(join(appDataDir, 'demo-'));
  let sim: RunningSimulator | null = null;
  try {
    sim = await startSimulator();
    const folder = await writePresets(dir, sim);
    const running = sim;
    return {
      endpoint: sim.endpoint,
      presets: folder.presets,
      env: { AWS_CONFIG_FILE: folder.configFile, AWS_SHARED_CREDENTIALS_FILE: folder.credentialsFile, AWS_PROFILE: folder.presets[0]?.profile ?? 'default' },
      async stop() {
        await running.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await sim?.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
