import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostEnvironment } from '../../src/core/host';
import { openApp, type OpenedApp } from './support/open-app';

// Fake keys in the shape of AWS's documentation examples; they must never reach the page.
const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('the first screen in Chromium, served by mdb-doctor ui', () => {
  let app: OpenedApp;

  beforeAll(async () => {
    const home = await mkdtemp(join(tmpdir(), 'mdb-e2e-home-'));
    await mkdir(join(home, '.aws'));
    await writeFile(
      join(home, '.aws', 'credentials'),
      `[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${secret}\n\n[staging]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\naws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\n`,
    );
    await writeFile(join(home, '.aws', 'config'), '[default]\nregion = eu-west-1\n\n[profile staging]\nregion = us-east-2\n');
    const host: HostEnvironment = { env: {}, homeDir: home, platform: 'linux', appDataDir: join(home, 'app-data'), now: () => new Date() };
    app = await openApp({ host });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('offers the profiles the handlers read from the AWS files, masked, with the default preselected', async () => {
    const picker = app.page.getByRole('combobox', { name: 'Profile' });
    await picker.waitFor();
    expect(await picker.inputValue()).toBe('default — static, eu-west-1, AKIA…MPLE');
    await picker.click();
    const options = await app.page.getByRole('option').allInnerTexts();
    expect(options).toEqual(['default — static, eu-west-1, AKIA…MPLE', 'staging — static, us-east-2, AKIA…MPLE']);
    await app.page.keyboard.press('Escape');
    expect(await app.page.content()).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(JSON.stringify(app.traffic)).not.toContain(secret);
    await app.screenshot('first-screen');
  });

  it('shows every profile and its findings on the Profiles page', async () => {
    await app.page
      .getByRole('navigation', { name: 'Wizard steps' })
      .getByRole('button', { name: /^Profiles/ })
      .click();
    const main = app.page.getByRole('main');
    await main.getByText('staging').first().waitFor();
    expect(await main.innerText()).toContain('AKIA…MPLE');
    expect(JSON.stringify(app.traffic)).not.toContain(secret);
    await app.screenshot('profiles-page');
  });
});
