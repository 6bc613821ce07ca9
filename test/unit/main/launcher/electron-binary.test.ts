import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { downloadFailureReason, electronPackageDir, installElectron, locateElectron, progressPrinter } from '../../../../src/main/launcher/electron-binary';
import { freePort } from '../../../helpers/free-port';

const realPackage = electronPackageDir(process.cwd());
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * A copy of the electron npm package with no binary extracted, as a fresh install has it;
 * inside node_modules so it resolves Electron's own dependencies (@electron/get) as the real one does.
 */
function freshElectronPackage(): string {
  mkdirSync(join('node_modules', '.cache'), { recursive: true });
  const dir = mkdtempSync(join(process.cwd(), 'node_modules', '.cache', 'mdb-electron-pkg-'));
  copies.push(dir);
  for (const file of ['package.json', 'checksums.json', 'install.js']) copyFileSync(join(realPackage, file), join(dir, file));
  return dir;
}

function collect(): { out: NodeJS.WritableStream; text: () => string } {
  const chunks: string[] = [];
  const out = { write: (chunk: string) => chunks.push(chunk) > 0 } as unknown as NodeJS.WritableStream;
  return { out, text: () => chunks.join('') };
}

describe('finding the Electron binary', () => {
  it("uses ELECTRON_OVERRIDE_DIST_PATH's executable and downloads nothing", () => {
    expect(locateElectron(freshElectronPackage(), { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, 'linux')).toEqual({
      source: 'override',
      path: '/opt/electron/electron',
    });
    expect(locateElectron(freshElectronPackage(), { ELECTRON_OVERRIDE_DIST_PATH: '/opt/e' }, 'win32')).toEqual({
      source: 'override',
      path: join('/opt/e', 'electron.exe'),
    });
  });

  it('reports a fresh install (no path.txt) as missing, with the version to fetch', () => {
    const dir = freshElectronPackage();
    expect(locateElectron(dir, {}, 'linux')).toEqual({ source: 'missing', version: '45.5.0' });
  });

  it('uses the extracted binary only when its version matches the package', () => {
    const dir = freshElectronPackage();
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'path.txt'), 'electron');
    writeFileSync(join(dir, 'dist', 'electron'), '');
    writeFileSync(join(dir, 'dist', 'version'), 'v44.0.0');
    expect(locateElectron(dir, {}, 'linux').source).toBe('missing');
    writeFileSync(join(dir, 'dist', 'version'), 'v45.5.0');
    expect(locateElectron(dir, {}, 'linux')).toEqual({ source: 'installed', path: join(dir, 'dist', 'electron') });
  });
});

describe('fetching the Electron binary', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('rejects with the network reason when the mirror cannot be reached, and extracts nothing', async () => {
    const dir = freshElectronPackage();
    const port = await freePort();
    vi.stubEnv('electron_config_cache', mkdtempSync(join(tmpdir(), 'mdb-electron-cache-')));
    vi.stubEnv('ELECTRON_MIRROR', `http://127.0.0.1:${port}/`);
    const { out, text } = collect();
    const failure = await installElectron(dir, 'linux', out).catch((error: unknown) => error);
    expect(downloadFailureReason(failure)).toBe(`ECONNREFUSED 127.0.0.1:${port}`);
    expect(text()).toContain('Downloading Electron 45.5.0');
    expect(locateElectron(dir, {}, 'linux').source).toBe('missing');
  });

  it('names a DNS failure by host and an HTTP failure by its status line', () => {
    const dns = new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ENOTFOUND', hostname: 'github.com' }) });
    expect(downloadFailureReason(dns)).toBe('ENOTFOUND github.com');
    expect(downloadFailureReason(new Error('Response code 403 (Forbidden) for https://proxy/\nmore'))).toBe('Response code 403 (Forbidden) for https://proxy/');
  });

  it('prints progress once per tenth, on its own lines when not on a terminal', () => {
    const { out, text } = collect();
    const print = progressPrinter(out, 'Electron 45.5.0');
    for (const percent of [0, 0.01, 0.05, 0.1, 0.15, 0.5, 1]) print(percent);
    expect(text().split('\n').filter(Boolean)).toEqual(['Electron 45.5.0: 0%', 'Electron 45.5.0: 10%', 'Electron 45.5.0: 50%', 'Electron 45.5.0: 100%']);
  });
});
