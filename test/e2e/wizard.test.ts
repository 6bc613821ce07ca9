import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPresetSession, type PresetSession } from '../../src/demo/preset-session';
import type { RunningSimulator } from '../../src/sim';
import type { PresetFolder } from '../../src/sim/presets';
import { presetSecrets } from '../helpers/sim-presets';
import { openApp, type OpenedApp } from './support/open-app';
import { diagnose, openStep, railLabels, seriousViolations, startRotation, useColorScheme } from './support/wizard-driver';

const presetsUnderTest = ['good', 'bad-secret', 'wrong-region', 'no-permission', 'old-key'];

describe('the wizard in Chromium, served by mdb-doctor ui, against the simulator', () => {
  let session: PresetSession;
  let sim: RunningSimulator;
  let folder: PresetFolder;
  let app: OpenedApp;
  const preset = (name: string) => session.preset(name);

  beforeAll(async () => {
    session = await startPresetSession({ prefix: 'mdb-wizard-home-', only: presetsUnderTest });
    ({ sim, folder } = session);
    // The person's answer, in the terminal mdb-doctor ui runs in, to rotation start and key deletion: yes.
    app = await openApp({ host: session.hostFor(preset('good')), confirm: () => true });
  });

  afterAll(async () => {
    await app?.close();
    await session?.close();
  });

  async function walkEveryStep(name: string): Promise<void> {
    for (const label of railLabels) {
      await openStep(app.page, label);
      await app.screenshot(`wizard-${name}-${label.toLowerCase().replace(/ /g, '-')}`);
      expect(await seriousViolations(app.page), `accessibility of ${label} for ${name}`).toEqual([]);
    }
  }

  it('good: every step passes and the summary says no problem was found', async () => {
    await diagnose(app.page, preset('good').profile);
    await walkEveryStep('good');
    await openStep(app.page, 'Summary');
    await app.page.getByText('No problem found').waitFor();
    const rail = await app.page.getByRole('navigation', { name: 'Wizard steps' }).innerText();
    expect(rail).not.toMatch(/\bFail\b/);

    // In the browser the desktop's save dialog is a download of the redacted report.
    const downloading = app.page.waitForEvent('download');
    await app.page.getByRole('button', { name: 'Export report (Markdown)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^mdb-doctor-.+\.md$/);
    const exported = await readFile((await download.path())!, 'utf8');
    expect(exported).toContain(preset('good').profile);
    await app.page.getByText(/downloaded by your browser/).waitFor();
  });

  it('good: reads at 800x600 without sideways scrolling, and in the dark theme too', async () => {
    await app.page.setViewportSize({ width: 800, height: 600 });
    try {
      for (const label of ['Credentials', 'Region', 'Summary']) {
        await openStep(app.page, label);
        const overflow = await app.page.evaluate(() => {
          const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
          return root.scrollWidth - root.clientWidth;
        });
        expect(overflow, `sideways overflow on ${label} at 800x600`).toBeLessThanOrEqual(0);
      }
      await openStep(app.page, 'Credentials');
      await app.screenshot('wizard-good-800x600');
      await useColorScheme(app.page, 'dark');
      for (const label of railLabels) {
        await openStep(app.page, label);
        expect(await seriousViolations(app.page), `accessibility of ${label} in the dark theme`).toEqual([]);
      }
      await openStep(app.page, 'Credentials');
      await app.screenshot('wizard-good-dark');
    } finally {
      await useColorScheme(app.page, 'light');
      await app.page.setViewportSize({ width: 1200, height: 800 });
    }
  });

  it('bad-secret: the credentials step fails and names the wrong secret as the root cause', async () => {
    await diagnose(app.page, preset('bad-secret').profile);
    await walkEveryStep('bad-secret');
    await openStep(app.page, 'Credentials');
    const page = await app.page.getByRole('main').innerText();
    expect(page).toContain('credentials.secret-mismatch');
    expect(page).toMatch(/root cause/i);
    expect(page).toContain('SignatureDoesNotMatch');
  });

  it('no-permission: the permissions step names the missing permission and offers the policy', async () => {
    await diagnose(app.page, preset('no-permission').profile);
    await walkEveryStep('no-permission');
    await openStep(app.page, 'Permissions');
    const main = app.page.getByRole('main');
    expect(await main.innerText()).toContain('permissions.missing');
    await main.getByRole('button', { name: /polic/i }).first().click();
    await app.page
      .getByText(/copied to the clipboard/)
      .first()
      .waitFor();
    expect(JSON.parse(await app.clipboard())).toMatchObject({ Version: '2012-10-17' });
  });

  it('old-key: key health warns about the 200-day-old key and Renew offers rotation', async () => {
    await diagnose(app.page, preset('old-key').profile);
    await walkEveryStep('old-key');
    await openStep(app.page, 'Key health');
    expect(await app.page.getByRole('main').innerText()).toContain('keys.old');
    await openStep(app.page, 'Summary');
    expect(await app.page.getByRole('main').getByRole('button', { name: /rotat/i }).count()).toBeGreaterThan(0);

    // Rotate from the Renew step, as a user would: the plan first, then the run, then the outcome.
    const entry = preset('old-key');
    const oldKeyId = /aws_access_key_id\s*=\s*(\S+)/.exec((await readFile(folder.credentialsFile, 'utf8')).split(`[${entry.profile}]`)[1]!)![1]!;
    await startRotation(app.page);
    const main = app.page.getByRole('main');
    await main.getByText('Key rotated').waitFor({ timeout: 60_000 });
    expect(app.asked.map((asked) => asked.title)).toContain(`Rotate the access key of profile ${entry.profile}?`);
    await app.screenshot('wizard-old-key-rotated');
    const credentials = await readFile(folder.credentialsFile, 'utf8');
    const newKeyId = /aws_access_key_id\s*=\s*(\S+)/.exec(credentials.split(`[${entry.profile}]`)[1]!)![1]!;
    expect(newKeyId).not.toBe(oldKeyId);
    expect(sim.world.findKey(oldKeyId)?.status).toBe('Inactive');
    expect(sim.world.findKey(newKeyId)?.status).toBe('Active');
    expect(await main.innerText()).toContain(`${newKeyId.slice(0, 4)}…${newKeyId.slice(-4)}`);
    expect(await main.innerText()).not.toContain(newKeyId);
  });

  it('wrong-region: applying the region fix changes one line of the config, and the re-run passes', async () => {
    const entry = preset('wrong-region');
    const before = await readFile(folder.configFile, 'utf8');
    await diagnose(app.page, entry.profile, { cluster: entry.cluster });
    await walkEveryStep('wrong-region');
    await openStep(app.page, 'Region');
    const main = app.page.getByRole('main');
    expect(await main.innerText()).toContain('region.cluster-elsewhere');
    await main
      .getByRole('button', { name: /region/i })
      .first()
      .click();
    const dialog = app.page.getByRole('dialog');
    await dialog.getByLabel('Lines that change').waitFor();
    await app.screenshot('wizard-wrong-region-fix-preview');
    await dialog.getByRole('button', { name: 'Apply the change' }).click();
    await dialog.getByText('Changed', { exact: true }).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();

    const after = await readFile(folder.configFile, 'utf8');
    const beforeLines = before.split('\n');
    const afterLines = after.split('\n');
    expect(afterLines).toHaveLength(beforeLines.length);
    const changed = afterLines.flatMap((line, index) => (line === beforeLines[index] ? [] : [index]));
    expect(changed).toHaveLength(1);
    expect(afterLines[changed[0]!]).toMatch(/^region\s*=/);

    await app.page.getByRole('banner').getByRole('button', { name: 'Run again' }).click();
    await app.page.getByRole('banner').getByRole('button', { name: 'Cancel' }).waitFor({ state: 'detached', timeout: 60_000 });
    await openStep(app.page, 'Summary');
    await app.page.getByText('Since the last run').waitFor();
    expect(await app.page.getByRole('main').innerText()).toContain('Resolved: region.cluster-elsewhere');
    await app.screenshot('wizard-wrong-region-after-fix');
  });

  it('never let a secret reach the page', async () => {
    const secrets = await presetSecrets(folder);
    expect(secrets.length).toBeGreaterThan(0);
    const traffic = JSON.stringify(app.traffic);
    for (const secret of secrets) expect(traffic).not.toContain(secret);
  });
});
