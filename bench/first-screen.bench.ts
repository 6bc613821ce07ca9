import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startWizardServer } from '../src/cli/ui/wizard-server';
import { startDemoSession } from '../src/demo/demo-session';
import type { BenchRow } from './diagnosis.bench';

const rendererDir = join(__dirname, '..', 'out', 'renderer');
const gzipCeilingKb = 250;
const runs = 5;
/** Set from the first measurement (872 ms median on the shared 2-core machine), then halved as the goal. */
const firstScreenBudgetMs = 870;
const firstScreenTargetMs = firstScreenBudgetMs / 2;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The renderer's JavaScript as gzip sends it, against the wizard's ceiling. */
function gzipRow(): BenchRow {
  const assets = join(rendererDir, 'assets');
  const bytes = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .reduce((total, name) => total + gzipSync(readFileSync(join(assets, name)), { level: 9 }).length, 0);
  const kb = bytes / 1024;
  return {
    bench: 'renderer: JS gzip size (out/renderer/assets/*.js)',
    measured: `${kb.toFixed(1)} KB`,
    target: `≤ ${gzipCeilingKb} KB`,
    verdict: kb <= gzipCeilingKb ? 'met' : 'missed',
  };
}

/**
 * Time to the first screen in browser mode: from starting the wizard server (on the demo's
 * simulator presets) to the profile list rendered in Debian's Chromium, already running as a
 * user's browser would be. Needs the built renderer (`npm run build`).
 */
export async function benchFirstScreen(): Promise<BenchRow[]> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    return [{ bench: 'renderer and first screen', measured: 'not measured: out/renderer is not built', target: 'run npm run build first', verdict: '—' }];
  }
  const appDataDir = await mkdtemp(join(tmpdir(), 'bench-first-screen-'));
  const demo = await startDemoSession(appDataDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const host = demo.hostFor({ env: {}, homeDir: appDataDir, platform: process.platform, appDataDir, now: () => new Date() });
    const times: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const started = performance.now();
      const wizard = await startWizardServer({
        host,
        confirm: async () => false,
        printSecret: () => undefined,
        pageFolder: rendererDir,
        address: '127.0.0.1',
        port: 0,
      });
      try {
        await page.goto(wizard.server.launchUrl);
        const picker = page.getByRole('combobox', { name: 'Profile' });
        await picker.waitFor();
        // A string, not a function: the bench compiles without the DOM library.
        await page.waitForFunction(`(document.querySelector('[role="combobox"]')?.value ?? '') !== ''`);
        times.push(performance.now() - started);
      } finally {
        await context.close();
        await wizard.stop();
      }
    }
    const ms = median(times);
    return [
      gzipRow(),
      {
        bench: `ui: server start to the profile list in Chromium, ${demo.presets.length} presets (median of ${runs})`,
        measured: `${Math.round(ms)} ms`,
        target: `≤ ${firstScreenTargetMs} ms (half the first measurement, ${firstScreenBudgetMs} ms)`,
        verdict: ms <= firstScreenTargetMs ? 'met' : ms <= firstScreenBudgetMs ? 'missed (within the first budget)' : 'missed',
      },
    ];
  } finally {
    await browser.close();
    await demo.stop();
    await rm(appDataDir, { recursive: true, force: true });
  }
}
