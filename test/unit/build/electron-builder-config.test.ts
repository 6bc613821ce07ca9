import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validateSchema } from 'app-builder-lib/out/util/config/schemaValidator';
import { describe, expect, it } from 'vitest';
import config from '../../../electron-builder.config';

const root = resolve(__dirname, '../../..');

describe('the electron-builder configuration', () => {
  it('passes electron-builder’s own schema', async () => {
    const schema = JSON.parse(await readFile(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
    expect(() => validateSchema(schema, config, { name: 'electron-builder' })).not.toThrow();
  });

  it('builds AppImage and deb for Linux, dmg for macOS and nsis for Windows', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('MemoryDB Credentials Doctor');
  });

  it('turns off the fuses the app does not use and on the ones that protect it', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    // onlyLoadAppFromAsar with no asar would leave the app nothing to load.
    expect(config.asar).toBe(true);
  });

  it('minifies the renderer bundle of a production build', async () => {
    const { default: viteConfig } = await import('../../../electron.vite.config');
    expect((viteConfig as { renderer: { build: { minify: unknown } } }).renderer.build.minify).toBe(true);
  });

  it('ships only build output, never sources or tests', () => {
    const files = config.files as string[];
    expect(files.every((pattern) => pattern.startsWith('out/') || pattern === 'package.json' || pattern.startsWith('!'))).toBe(true);
  });

  it('renders every icon size from the one SVG source', async () => {
    const { makeIcons } = (await import(join(root, 'scripts/make-icons.mjs'))) as { makeIcons(dir: string): Promise<string[]> };
    const dir = await mkdtemp(join(tmpdir(), 'mdb-icons-'));
    const written = await makeIcons(dir);
    expect(written.map((file) => file.slice(dir.length + 1))).toContain('512x512.png');
    const png = await readFile(join(dir, 'icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Width and height live at bytes 16–23 of a PNG's IHDR chunk.
    expect(png.readUInt32BE(16)).toBe(1024);
    expect(existsSync(join(root, 'assets/icon.svg'))).toBe(true);
  });
});
