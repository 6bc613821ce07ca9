import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The installed Electron binary, found without `require('electron')` — which, with no
 * binary present, tries to download one and throws. Returns the reason when there is none.
 */
export function findElectronBinary(): { path: string } | { path: null; reason: string } {
  const packageDir = resolve(__dirname, '../../../node_modules/electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) {
    const candidate = join(override, relative ?? 'electron');
    return existsSync(candidate) ? { path: candidate } : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH has no binary at ${candidate}` };
  }
  if (relative === null)
    return {
      path: null,
      reason: 'the Electron binary was never downloaded (node_modules/electron/path.txt is missing; this machine cannot reach the download host)',
    };
  const candidate = join(packageDir, 'dist', relative);
  return existsSync(candidate) ? { path: candidate } : { path: null, reason: `node_modules/electron names ${candidate}, which does not exist` };
}
