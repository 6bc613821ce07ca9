import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { electronPackageDir, locateElectron } from '../../../src/main/launcher/electron-binary';

/**
 * The Electron binary `npm start` would launch, found without downloading — `require('electron')`
 * would try to download one and throw. Returns the reason when there is none.
 */
export function findElectronBinary(): { path: string } | { path: null; reason: string } {
  const found = locateElectron(electronPackageDir(resolve(__dirname, '../../..')), process.env, process.platform);
  if (found.source === 'missing')
    return { path: null, reason: `Electron ${found.version}'s binary was never downloaded (this machine cannot reach the download host)` };
  return existsSync(found.path) ? { path: found.path } : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH has no binary at ${found.path}` };
}
