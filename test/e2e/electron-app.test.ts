import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from './support/electron-binary';
import { screenshotDir } from './support/open-app';

const binary = findElectronBinary();
const skipReason = binary.path === null ? binary.reason : '';
if (skipReason) console.warn(`[e2e] skipping the real Electron app: ${skipReason}`);

describe.skipIf(binary.path === null)(`the real Electron app${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('starts, shows the profile list from the preload bridge, and keeps Node out of the page', async () => {
    const home = await mkdtemp(join(tmpdir(), 'mdb-electron-home-'));
    await mkdir(join(home, '.aws'));
    await writeFile(join(home, '.aws', 'config'), '[default]\nregion = eu-west-1\n');
    const app = await electron.launch({
      executablePath: binary.path!,
      args: [resolve(__dirname, '../../out/main/index.js'), '--no-sandbox'],
      env: { ...process.env, HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials') },
    });
    try {
      const page = await app.firstWindow();
      await page.getByRole('table', { name: 'AWS profiles' }).waitFor();
      expect(await page.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as unknown as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys((globalThis as unknown as { doctor: object }).doctor).length)).toBeGreaterThan(0);
      await page.screenshot({ path: join(screenshotDir, 'electron-app.png') });
    } finally {
      await app.close();
    }
  });
});
