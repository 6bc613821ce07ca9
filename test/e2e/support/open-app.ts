import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostEnvironment } from '../../../src/core/host';
import type { ConfirmationRequest } from '../../../src/main/ipc/shell-port';
import { startWizardServer, type RunningWizardServer } from '../../../src/cli/ui/wizard-server';
import { builtRendererDir } from '../global-setup';

/** Debian's Chromium; the tests never download a browser of their own. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots land, for people to look at. */
export const screenshotDir = resolve(__dirname, '../../../test-output/screenshots');

export interface OpenedApp {
  page: Page;
  browser: Browser;
  wizard: RunningWizardServer;
  /** Every confirmation main asked for (answered by `confirm`, yes by default), in order. */
  asked: ConfirmationRequest[];
  /** Every payload the handlers sent to the page, answers and events, for secret scans. */
  traffic: unknown[];
  /** What the terminal printed for the person (a token they agreed to copy), never sent to the page. */
  printed: Array<{ label: string; text: string }>;
  /** What the page put on its clipboard. */
  clipboard(): Promise<string>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Opens the wizard the way `mdb-doctor ui` serves it: the product's UI server (the real
 * dispatcher and handlers on `host`, the browser shell) on a random loopback port, and
 * headless Chromium following the printed one-time link. Confirmations that the command
 * would ask in its terminal are answered by `confirm`.
 */
export async function openApp(options: {
  host: HostEnvironment;
  /** The person's answer at the terminal; a promise lets a test answer when it chooses. */
  confirm?: (request: ConfirmationRequest) => boolean | Promise<boolean>;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}): Promise<OpenedApp> {
  const asked: ConfirmationRequest[] = [];
  const traffic: unknown[] = [];
  const printed: Array<{ label: string; text: string }> = [];
  const wizard = await startWizardServer({
    host: options.host,
    async confirm(request) {
      asked.push(request);
      return options.confirm ? options.confirm(request) : true;
    },
    printSecret: (label, text) => printed.push({ label, text }),
    pageFolder: builtRendererDir,
    address: '127.0.0.1',
    port: 0,
    observe: (sent) => traffic.push(sent),
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1200, height: 800 }, colorScheme: options.colorScheme ?? 'light' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: wizard.server.origin });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(wizard.server.launchUrl);
  // The one-time link is traded for a cookie and the address bar shows a clean URL.
  if (page.url() !== `${wizard.server.origin}/`) throw new Error(`The launch link landed on ${page.url()}, not the clean URL.`);
  await mkdir(screenshotDir, { recursive: true });
  return {
    page,
    browser,
    wizard,
    asked,
    traffic,
    printed,
    clipboard: () =>
      page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText()),
    async screenshot(name: string) {
      const path = resolve(screenshotDir, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await browser.close();
      await wizard.stop();
      if (pageErrors.length > 0) throw new Error(`The page threw: ${pageErrors.join('; ')}`);
    },
  };
}
