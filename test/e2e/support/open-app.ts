import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
import { createHandlers, type HandlerDeps } from '../../../src/main/ipc/handlers';
import { JobRegistry } from '../../../src/main/ipc/jobs';
import { headlessShell, type ShellPort } from '../../../src/main/ipc/shell-port';
import type { HostEnvironment } from '../../../src/core/host';
import { contentSecurityPolicy as csp } from '../../../src/shared/security/csp';
import { apiGlobalName, eventContract, invokeContract } from '../../../src/shared/ipc/contract';
import { builtRendererDir } from '../global-setup';
import { serveFolder } from './static-server';

/** Debian's Chromium; the tests never download a browser of their own. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots land, for people to look at. */
export const screenshotDir = resolve(__dirname, '../../../test-output/screenshots');

export interface OpenedApp {
  page: Page;
  browser: Browser;
  deps: HandlerDeps;
  /** Every payload the handlers sent to the page, answers and events, for secret scans. */
  traffic: unknown[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Opens the built renderer in headless Chromium with a test bridge in place of the preload:
 * `window.doctor` has one function per contract channel, each forwarded to the real
 * main-process dispatcher and handlers running in this test process.
 */
export async function openApp(options: {
  host: HostEnvironment;
  shell?: ShellPort;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}): Promise<OpenedApp> {
  const deps: HandlerDeps = {
    host: options.host,
    identity: { name: 'MemoryDB Credentials Doctor', version: '0.1.0' },
    jobs: new JobRegistry(),
    shell: options.shell ?? headlessShell(),
  };
  const dispatch = createDispatcher(createHandlers(deps));
  const server = await serveFolder(builtRendererDir, csp);
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
  const page = await context.newPage();
  const traffic: unknown[] = [];
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await page.exposeFunction('__doctorInvoke', async (channel: string, payload: unknown) => {
    const result = await dispatch(channel, payload, (eventChannel, eventPayload) => {
      traffic.push(eventPayload);
      void page
        .evaluate(([c, p]) => (globalThis as unknown as { __doctorEmit(c: string, p: unknown): void }).__doctorEmit(c, p), [
          eventChannel,
          eventPayload,
        ] as const)
        .catch(() => undefined);
    });
    traffic.push(result);
    return result;
  });
  const invokes = Object.entries(invokeContract).map(([method, declared]) => [method, declared.channel]);
  const events = Object.entries(eventContract).map(([method, declared]) => [method, declared.channel]);
  await page.addInitScript(
    ({ name, invokes: invokeList, events: eventList }) => {
      const listeners = new Map<string, Set<(payload: unknown) => void>>();
      const target = globalThis as unknown as Record<string, unknown> & { __doctorInvoke(c: string, p: unknown): Promise<unknown> };
      target.__doctorEmit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((listener) => listener(payload));
      const api: Record<string, unknown> = {};
      for (const [method, channel] of invokeList) api[method!] = (request: unknown) => target.__doctorInvoke(channel!, request);
      for (const [method, channel] of eventList) {
        api[method!] = (listener: (payload: unknown) => void) => {
          const set = listeners.get(channel!) ?? new Set();
          set.add(listener);
          listeners.set(channel!, set);
          return () => set.delete(listener);
        };
      }
      target[name] = Object.freeze(api);
    },
    { name: apiGlobalName, invokes, events },
  );
  await page.goto(server.url);
  await mkdir(screenshotDir, { recursive: true });
  return {
    page,
    browser,
    deps,
    traffic,
    async screenshot(name: string) {
      const path = resolve(screenshotDir, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      deps.jobs.cancelAll();
      await deps.jobs.settled();
      await browser.close();
      await server.close();
      if (pageErrors.length > 0) throw new Error(`The page threw: ${pageErrors.join('; ')}`);
    },
  };
}
