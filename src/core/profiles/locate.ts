import { posix, win32 } from 'node:path';
import type { HostEnvironment } from '../host';

/** Where the SDK would look for the user's AWS files on this host. */
export interface AwsPaths {
  credentials: string;
  config: string;
  /** Folder of cached SSO tokens (`~/.aws/sso/cache`). */
  ssoCacheDir: string;
  /** The home folder the SDK would use. */
  homeDir: string;
}

function pathApi(host: HostEnvironment): typeof posix {
  return host.platform === 'win32' ? win32 : posix;
}

/**
 * The SDK's `getHomeDir`: HOME, then USERPROFILE, then HOMEDRIVE + HOMEPATH (HOMEDRIVE
 * defaulting to `C:\`), then the operating system's answer, which the host supplies.
 */
export function sdkHomeDir(host: HostEnvironment): string {
  const { HOME, USERPROFILE, HOMEPATH } = host.env;
  if (HOME) return HOME;
  if (USERPROFILE) return USERPROFILE;
  if (HOMEPATH) return `${host.env.HOMEDRIVE ?? `C:${pathApi(host).sep}`}${HOMEPATH}`;
  return host.homeDir;
}

/** The SDK expands only a leading `~/` (not `~\` or `~user`) against the home folder. */
function expandHome(path: string, home: string, host: HostEnvironment): string {
  return path.startsWith('~/') ? pathApi(host).join(home, path.slice(2)) : path;
}

/**
 * The files `loadSharedConfigFiles` reads: AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE
 * when set and not empty, else `.aws/credentials` and `.aws/config` under the home folder.
 */
export function locateAwsFiles(host: HostEnvironment): AwsPaths {
  const home = sdkHomeDir(host);
  const join = pathApi(host).join;
  const credentials = host.env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials');
  const config = host.env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
  return {
    credentials: expandHome(credentials, home, host),
    config: expandHome(config, home, host),
    ssoCacheDir: join(home, '.aws', 'sso', 'cache'),
    homeDir: home,
  };
}
