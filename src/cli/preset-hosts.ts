import { join } from 'node:path';
import type { HostEnvironment } from '../core/host';
import type { PresetEntry, PresetFolder } from '../sim/presets';

/**
 * The host a user of one simulator preset would have: the preset's AWS files and
 * environment, a throwaway home folder, the instance metadata service switched off.
 */
export function hostForPreset(
  folder: PresetFolder,
  entry: PresetEntry,
  base: Pick<HostEnvironment, 'platform' | 'now'>,
  extraEnv: Record<string, string> = {},
): HostEnvironment {
  return {
    env: {
      HOME: folder.dir,
      AWS_CONFIG_FILE: folder.configFile,
      AWS_SHARED_CREDENTIALS_FILE: folder.credentialsFile,
      AWS_EC2_METADATA_DISABLED: 'true',
      ...entry.env,
      ...extraEnv,
    },
    homeDir: folder.dir,
    platform: base.platform,
    appDataDir: join(folder.dir, 'app-data'),
    now: base.now,
  };
}
