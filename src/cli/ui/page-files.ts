import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { contentTypes } from '../../shared/web/content-types';

/** One file of the built page, held in memory. */
export interface PageFile {
  body: Buffer;
  contentType: string;
}

/**
 * The built renderer, read once at start into a fixed table of URL path -> file. Only the
 * paths in the table are served: there is no folder listing and no path a request can
 * steer outside the build (no `..`, no symlink followed at request time).
 */
export async function loadPageFiles(root: string): Promise<Map<string, PageFile>> {
  const files = new Map<string, PageFile>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const urlPath = `/${relative(root, full).split(sep).join('/')}`;
    files.set(urlPath, { body: await readFile(full), contentType: contentTypes[extname(full).toLowerCase()] ?? 'application/octet-stream' });
  }
  if (!files.has('/index.html')) throw new Error(`${root} has no index.html: it is not a built page.`);
  return files;
}

/**
 * Where the built page is: MDB_DOCTOR_RENDERER_DIR, else next to the bundled CLI
 * (out/cli -> out/renderer), else the checkout's out/renderer when run from source.
 */
export function locatePageFolder(env: Readonly<Record<string, string | undefined>>): string {
  const candidates = [env.MDB_DOCTOR_RENDERER_DIR, resolve(__dirname, '../renderer'), resolve(__dirname, '../../../out/renderer')].filter(
    (candidate): candidate is string => typeof candidate === 'string' && candidate !== '',
  );
  const found = candidates.find((candidate) => existsSync(join(candidate, 'index.html')));
  if (!found) throw new Error(`The wizard's page is not built (looked in ${candidates.join(', ')}); run \`npm run build\` first.`);
  return found;
}
