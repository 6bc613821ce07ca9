import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGlobalName, eventContract, invokeContract } from '../../src/shared/ipc/contract';
import { contentSecurityPolicy } from '../../src/shared/security/csp';
import { serveThroughAppScheme } from './support/app-scheme-server';
import { chromiumPath } from './support/open-app';

const root = resolve(__dirname, '../..');
const builtRenderer = join(root, 'out/renderer');

/**
 * The production build (out/renderer, as `npm run build` and the packaged app have it) in
 * Chromium, answered by the app scheme's own handler: the test that catches a blank window —
 * module scripts blocked, a wrong Content-Type, a CSP that refuses our own code. In place
 * of the preload, a bridge whose calls main never answers: the page's own files are judged,
 * not what main would say.
 */
describe('the built renderer through the app scheme handler', () => {
  let server: Awaited<ReturnType<typeof serveThroughAppScheme>>;
  let browser: Browser;
  let page: Page;
  const refusals: string[] = [];

  beforeAll(async () => {
    // `npm test` builds before the suites run; a lone run of this file builds it here.
    if (!existsSync(join(builtRenderer, 'index.html'))) {
      const electronVite = join(root, 'node_modules/electron-vite/bin/electron-vite.js');
      const build = spawnSync(process.execPath, [electronVite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
      if (build.status !== 0) throw new Error('electron-vite build failed');
    }
    server = await serveThroughAppScheme(builtRenderer);
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage();
    await page.addInitScript(
      ({ name, invokes, events }) => {
        const bridge: Record<string, unknown> = {};
        for (const method of invokes) bridge[method] = () => new Promise(() => undefined);
        for (const method of events) bridge[method] = () => () => undefined;
        (globalThis as unknown as Record<string, unknown>)[name] = Object.freeze(bridge);
      },
      { name: apiGlobalName, invokes: Object.keys(invokeContract), events: Object.keys(eventContract) },
    );
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('Refused')) refusals.push(message.text());
    });
    page.on('pageerror', (error) => refusals.push(error.message));
    page.on('response', (response) => {
      const kind = response.request().resourceType();
      if (response.status() >= 400 && ['document', 'script', 'stylesheet', 'font', 'image'].includes(kind)) {
        refusals.push(`${response.status()} ${kind} ${new URL(response.url()).pathname}`);
      }
    });
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs its module scripts: the first screen renders into #root', async () => {
    await page.getByRole('navigation', { name: 'Wizard steps' }).waitFor();
    expect(await page.locator('#root').innerText()).toContain('Profiles');
    expect(refusals).toEqual([]);
  });

  it('arrives with the CSP header on the page and on its scripts', async () => {
    const html = await page.request.get(server.url);
    expect(html.headers()['content-security-policy']).toBe(contentSecurityPolicy);
    const script = await page.locator('script[type="module"]').first().getAttribute('src');
    const code = await page.request.get(new URL(script as string, server.url).href);
    expect(code.status()).toBe(200);
    expect(code.headers()['content-type']).toBe('text/javascript; charset=utf-8');
    expect(code.headers()['content-security-policy']).toBe(contentSecurityPolicy);
  });
});
