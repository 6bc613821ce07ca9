import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPresetSession, type PresetSession } from '../../src/demo/preset-session';
import type { RunningSimulator } from '../../src/sim';
import type { PresetFolder } from '../../src/sim/presets';
import { openApp, type OpenedApp } from './support/open-app';
import { diagnose, openStep, seriousViolations } from './support/wizard-driver';

/** Every token, refresh token and client secret in the SSO cache, to prove none reached the page. */
async function cacheSecrets(cacheDir: string): Promise<string[]> {
  const names = await readdir(cacheDir);
  const entries = await Promise.all(names.map(async (name) => JSON.parse(await readFile(join(cacheDir, name), 'utf8')) as Record<string, unknown>));
  return entries.flatMap((entry) => [entry.accessToken, entry.refreshToken, entry.clientSecret].filter((v): v is string => typeof v === 'string'));
}

describe('signing in to IAM Identity Center from the wizard in Chromium (browser mode)', () => {
  let session: PresetSession;
  let sim: RunningSimulator;
  let folder: PresetFolder;
  let app: OpenedApp;

  beforeAll(async () => {
    // The preset's token cache lives under its folder, which the preset session makes this person's HOME.
    session = await startPresetSession({ prefix: 'mdb-sso-e2e-', only: ['sso-expired'] });
    ({ sim, folder } = session);
    app = await openApp({ host: session.hostFor(session.preset('sso-expired')), confirm: () => false });
  });

  afterAll(async () => {
    await app?.close();
    await session?.close();
  });

  it('an expired SSO profile -> Sign in -> the code and link are shown -> approve -> the diagnosis re-runs green', async () => {
    const { page } = app;
    await diagnose(page, 'sso-expired');
    await openStep(page, 'Credentials');
    await page.getByText('credentials.sso-expired').first().waitFor();
    await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();

    const dialog = page.getByRole('dialog', { name: /Sign in to IAM Identity Center/ });
    const link = dialog.getByRole('link', { name: `${sim.endpoint}/device` });
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^${sim.endpoint}/device\\?user_code=[A-Z]{4}-[A-Z]{4}$`));
    const code = (await dialog.locator('code').innerText()).trim();
    expect(code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    await app.screenshot('sso-sign-in-waiting');
    expect(await seriousViolations(page)).toEqual([]);

    // The person opens the page on any device and allows access.
    sim.sso.approve(code);
    await dialog.getByText(/Signed in until/).waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('banner').getByRole('button', { name: 'Run again' }).waitFor({ timeout: 60_000 });

    await openStep(page, 'Summary');
    await page.getByText('No problem found').waitFor({ timeout: 60_000 });
    await app.screenshot('sso-sign-in-green');

    const secrets = await cacheSecrets(join(folder.dir, '.aws', 'sso', 'cache'));
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    const seen = JSON.stringify(app.traffic) + (await page.content());
    for (const secret of secrets) expect(seen).not.toContain(secret);
    for (const deviceCode of sim.sso.deviceAuthorizations.keys()) expect(seen).not.toContain(deviceCode);
  });
});
