import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { build } from 'vite';

/** Where the end-to-end tests serve the renderer from. */
export const builtRendererDir = resolve(__dirname, '../../test-output/renderer');

/** Builds the renderer once, exactly as the app ships it, before any end-to-end spec runs. */
export default async function setup(): Promise<void> {
  await build({
    root: resolve(__dirname, '../../src/renderer'),
    base: './',
    logLevel: 'warn',
    configFile: false,
    plugins: [react()],
    build: { outDir: builtRendererDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  });
}
