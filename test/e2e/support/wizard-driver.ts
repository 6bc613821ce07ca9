import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const requireFromHere = createRequire(__filename);
const axeSource = readFileSync(requireFromHere.resolve('axe-core/axe.min.js'), 'utf8');

/** The rail's entries, as a user reads them. */
export const railLabels = ['Credentials', 'Key health', 'Region', 'Permissions', 'Renew', 'Cluster sign-in', 'Summary'] as const;

/** Opens a page from the left rail, as a user clicks it. */
export async function openStep(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Wizard steps' })
    .getByRole('button', { name: new RegExp(`^${label}`) })
    .click();
  await page.getByRole('heading', { level: 2, name: label }).waitFor();
}

/**
 * On the Start page: picks a profile (null keeps what the page preselects, as a person who
 * names none does), fills the optional fields, presses Diagnose, waits for the run to end.
 */
export async function diagnose(page: Page, profile: string | null, fields: { cluster?: string; region?: string; user?: string } = {}): Promise<void> {
  // The Start page's heading is "Diagnose a profile", not the rail's label: wait for its form.
  await page
    .getByRole('navigation', { name: 'Wizard steps' })
    .getByRole('button', { name: /^Start/ })
    .click();
  const form = page.getByRole('form', { name: 'Diagnose a profile' });
  await form.waitFor();
  if (profile !== null) {
    await form.getByRole('combobox', { name: 'Profile' }).click();
    await page.getByRole('option', { name: new RegExp(`^${profile} —`) }).click();
  }
  for (const [label, value] of [
    ['Cluster (optional)', fields.cluster],
    ['Region (optional)', fields.region],
    ['Cluster user (optional)', fields.user],
  ] as const) {
    await form.getByRole('textbox', { name: label }).fill(value ?? '');
  }
  await form.getByRole('button', { name: 'Diagnose' }).click();
  // The header offers "Run again" once the run has finished.
  await page.getByRole('banner').getByRole('button', { name: 'Run again' }).waitFor({ timeout: 60_000 });
}

/** From the Renew step, as a person does: opens the rotation's plan and presses "Rotate the key" (kept inactive, the plan's default). */
export async function startRotation(page: Page): Promise<void> {
  await openStep(page, 'Renew');
  const main = page.getByRole('main');
  await main
    .getByRole('button', { name: /Rotate the access key/ })
    .first()
    .click();
  await main.getByRole('button', { name: 'Rotate the key' }).click();
}

/**
 * Switches the system theme the page follows and waits until the page shows it: Mantine has
 * put the scheme on the root element, and the colour transitions it started have finished
 * (CSS transitions are animations the page can await), so colours are read at their end.
 */
export async function useColorScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction(
    (wanted) =>
      (globalThis as unknown as { document: { documentElement: { getAttribute(name: string): string | null } } }).document.documentElement.getAttribute(
        'data-mantine-color-scheme',
      ) === wanted,
    scheme,
  );
  await page.evaluate(async () => {
    const window = globalThis as unknown as {
      requestAnimationFrame(callback: () => void): void;
      document: { getAnimations(): Array<{ finished: Promise<unknown> }> };
    };
    // Two frames: the new colours are styled, and the transitions they start exist.
    await new Promise<void>((resolve) => window.requestAnimationFrame(() => window.requestAnimationFrame(() => resolve())));
    await Promise.all(window.document.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
  });
}

/** Runs axe-core on the current page and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<Array<{ id: string; help: string; targets: string[] }>> {
  // evaluate() goes through the DevTools protocol, so the page's CSP does not block the script.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  });
}
