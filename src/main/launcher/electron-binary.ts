import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Env = Readonly<Record<string, string | undefined>>;

/** Where the Electron executable for `npm start` comes from. */
export type ElectronBinary = { source: 'override'; path: string } | { source: 'installed'; path: string } | { source: 'missing'; version: string };

/** The executable's path inside an Electron distribution folder, as Electron's own install.js names it. */
function executableInDist(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** The folder of the `electron` npm package the project depends on. */
export function electronPackageDir(projectRoot: string): string {
  return dirname(createRequire(join(projectRoot, 'package.json')).resolve('electron/package.json'));
}

function packageVersion(packageDir: string): string {
  return (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Finds the Electron executable without downloading anything: ELECTRON_OVERRIDE_DIST_PATH
 * first (Electron's own variable, honoured the way its index.js does), then the binary
 * Electron's installer extracted into the package (dist/version matching, path.txt naming it).
 */
export function locateElectron(packageDir: string, env: Env, platform: NodeJS.Platform): ElectronBinary {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return { source: 'override', path: join(override, executableInDist(platform)) };
  const version = packageVersion(packageDir);
  try {
    const installedVersion = readFileSync(join(packageDir, 'dist', 'version'), 'utf8')
      .trim()
      .replace(/^v/, '');
    const executable = join(packageDir, 'dist', readFileSync(join(packageDir, 'path.txt'), 'utf8'));
    if (installedVersion === version && existsSync(executable)) return { source: 'installed', path: executable };
  } catch {
    // Not extracted yet: Electron 45's npm package downloads its binary on first use.
  }
  return { source: 'missing', version };
}

/** Why a download failed, in a few words: the network error's code and where, rather than a stack. */
export function downloadFailureReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; hostname?: string; address?: string; port?: number } }).cause;
  if (cause?.code) {
    const where = cause.hostname ?? (cause.address ? `${cause.address}${cause.port ? `:${cause.port}` : ''}` : undefined);
    return where ? `${cause.code} ${where}` : cause.code;
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}

interface ElectronGet {
  downloadArtifact(details: {
    version: string;
    artifactName: string;
    cacheRoot?: string;
    checksums?: Record<string, string>;
    downloadOptions?: { quiet?: boolean; getProgressCallback?: (progress: { percent: number }) => Promise<void> | void };
  }): Promise<string>;
  initializeProxy(): void;
}

/** Prints download progress: a line per tenth, or one rewritten line on a terminal. */
export function progressPrinter(out: NodeJS.WritableStream & { isTTY?: boolean }, label: string): (percent: number) => void {
  let shown = -1;
  return (percent) => {
    const tenth = Math.floor(percent * 10);
    if (tenth === shown) return;
    shown = tenth;
    const text = `${label}: ${tenth * 10}%`;
    out.write(out.isTTY ? `\r${text}${tenth === 10 ? '\n' : ''}` : `${text}\n`);
  };
}

/**
 * Fetches the Electron binary the way `require('electron')` would, with visible progress:
 * Electron's own downloader (@electron/get, with the package's checksums and cache, and its
 * mirror and proxy variables) puts the zip in the cache while we print progress, then
 * Electron's own install.js extracts it from that cache and writes path.txt.
 * Reads process.env, as @electron/get and install.js do (ELECTRON_MIRROR, electron_config_cache,
 * proxies). Resolves the executable's path, or rejects with the reason it could not be fetched.
 */
export async function installElectron(packageDir: string, platform: NodeJS.Platform, out: NodeJS.WritableStream): Promise<string> {
  const env = process.env;
  const version = packageVersion(packageDir);
  const packageRequire = createRequire(join(packageDir, 'package.json'));
  const electronGet = (await import(pathToFileURL(packageRequire.resolve('@electron/get')).href)) as ElectronGet;
  if (!env.ELECTRON_GET_USE_PROXY && (env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy)) electronGet.initializeProxy();
  out.write(`Downloading Electron ${version} (first start only; about 100 MB)\n`);
  const printProgress = progressPrinter(out, `Electron ${version}`);
  await electronGet.downloadArtifact({
    version,
    artifactName: 'electron',
    cacheRoot: env.electron_config_cache,
    checksums: JSON.parse(readFileSync(join(packageDir, 'checksums.json'), 'utf8')) as Record<string, string>,
    downloadOptions: { quiet: true, getProgressCallback: ({ percent }) => printProgress(percent) },
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [join(packageDir, 'install.js')], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('close', resolve);
  });
  const found = locateElectron(packageDir, { ...env, ELECTRON_OVERRIDE_DIST_PATH: undefined }, platform);
  if (code !== 0 || found.source !== 'installed') throw new Error(`Electron's installer could not extract the binary (exit code ${code})`);
  return found.path;
}
