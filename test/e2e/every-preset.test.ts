import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPresetSession, type PresetSession } from '../../src/demo/preset-session';
import { presetNames, type PresetEntry } from '../../src/sim/presets';
import { openApp, screenshotDir, type OpenedApp } from './support/open-app';
import { diagnose, openStep, railLabels, seriousViolations, useColorScheme } from './support/wizard-driver';

// A person meets the wizard at the step that failed (later steps that depend on it say
// Blocked): its first screen (1200x800, no scrolling) must say what is wrong in one sentence
// and offer the one thing to do about it, in both themes.

// Presets a person cannot reach from the Start page, and why. Every other preset runs here
// with its own environment (variables, files), as `mdb-doctor ui` started there would see it.
const walkedElsewhere = new Map([
  [
    'profile-typo',
    'the Start page offers only the profiles in the files, so a misspelt name cannot be chosen; it is typed on the command line (mdb-doctor diagnose --profile), where the CLI tests walk it',
  ],
]);

let session: PresetSession;
const apps = new Map<string, OpenedApp>();

/** A browser of its own for each preset, so one run that does not end cannot hold up the next. */
async function appFor(entry: PresetEntry): Promise<OpenedApp> {
  for (const [key, open] of apps) {
    await open.close();
    apps.delete(key);
  }
  const app = await openApp({ host: session.hostFor(entry) });
  apps.set(entry.preset, app);
  return app;
}

/**
 * The rail entry of the step a person opens first: the first that failed (a blocked step waits
 * on it), else the first that warns (where a warning root cause, such as an old key, is met).
 */
async function firstFailingStep(app: OpenedApp): Promise<string | null> {
  const rail = app.page.getByRole('navigation', { name: 'Wizard steps' });
  const texts = new Map<string, string>();
  for (const label of railLabels) {
    if (label !== 'Summary') texts.set(label, await rail.getByRole('button', { name: new RegExp(`^${label}`) }).innerText());
  }
  for (const verdict of [/\bFail\b/, /\bWarning\b/]) {
    for (const [label, text] of texts) if (verdict.test(text)) return label;
  }
  return null;
}

/** Whether an element lies wholly inside the first screen. */
async function aboveTheFold(app: OpenedApp, selector: string): Promise<boolean> {
  const box = await app.page.locator(selector).first().boundingBox();
  const viewport = app.page.viewportSize();
  return box !== null && viewport !== null && box.y >= 0 && box.y + box.height <= viewport.height;
}

/** Buttons on the page whose label is cut off (text wider than the box that shows it). */
async function clippedLabels(app: OpenedApp, selector: string): Promise<string[]> {
  return app.page
    .locator(`${selector} button`)
    .evaluateAll((buttons) =>
      buttons
        .filter(
          (button) => button.scrollWidth > button.clientWidth + 1 || [...button.querySelectorAll('*')].some((part) => part.scrollWidth > part.clientWidth + 1),
        )
        .map((button) => button.textContent ?? ''),
    );
}

/** The cause the Summary page puts first (the root cause), or null when it says all is well. */
async function summaryRootCause(app: OpenedApp): Promise<string | null> {
  await openStep(app.page, 'Summary');
  const first = app.page.locator('main [data-cause-id]').first();
  return (await first.count()) > 0 ? first.getAttribute('data-cause-id') : null;
}

beforeAll(async () => {
  session = await startPresetSession({ prefix: 'mdb-e2e-every-' });
});

afterAll(async () => {
  for (const app of apps.values()) await app.close();
  await session?.close();
});

describe('every preset, at its failing steps', () => {
  it.skip.each([...walkedElsewhere])('%s: not walked in the browser: %s', () => undefined);

  it.each(presetNames.filter((name) => !walkedElsewhere.has(name)))(
    '%s: the failing step opens with the verdict and the primary action on the first screen, accessible in both themes',
    async (name) => {
      const entry = session.preset(name);
      const app = await appFor(entry);
      // A preset that names no profile is run with what the Start page preselects (the environment's keys, AWS_PROFILE).
      await diagnose(app.page, entry.named === false ? null : entry.profile, { cluster: entry.cluster, user: entry.user });
      const problems: string[] = [];
      // The run diagnosed what the preset set up: its root cause comes first on the Summary.
      expect(await summaryRootCause(app)).toBe(entry.expectedRootCause);
      const label = await firstFailingStep(app);
      // A preset with a root cause shows a step that fails or warns; a healthy one shows none.
      expect(label !== null, `a step that fails or warns (first: ${label})`).toBe(entry.expectedRootCause !== null);
      if (label !== null) {
        await openStep(app.page, label);
        await app.page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
        if (!(await aboveTheFold(app, 'main [role="status"]'))) problems.push(`${label}: the verdict is below the first screen`);
        if ((await app.page.locator('main [data-primary-action]').count()) > 0 && !(await aboveTheFold(app, 'main [data-primary-action]')))
          problems.push(`${label}: the primary action is below the first screen`);
        for (const text of await clippedLabels(app, 'main [data-primary-action]')) problems.push(`${label}: the primary action's label is cut off: ${text}`);
        for (const violation of await seriousViolations(app.page)) problems.push(`${label} (light): ${violation.id} ${violation.help}`);
        await useColorScheme(app.page, 'dark');
        for (const violation of await seriousViolations(app.page)) problems.push(`${label} (dark): ${violation.id} ${violation.help}`);
        await useColorScheme(app.page, 'light');
        await app.page.screenshot({ path: join(screenshotDir, `preset-${name}-${label.toLowerCase().replace(/ /g, '-')}.png`) });
      }
      expect(problems).toEqual([]);
    },
    240_000,
  );
});
