// Renders assets/icon.svg, the one icon source, to the PNG sizes electron-builder and Linux
// desktops want. electron-builder derives .icns and .ico from the 1024 px PNG.
import { Resvg } from '@resvg/resvg-js';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
const outDir = process.argv[2] ?? 'out/icons';

export async function makeIcons(target = outDir) {
  const svg = await readFile(new URL('../assets/icon.svg', import.meta.url));
  await mkdir(target, { recursive: true });
  const written = [];
  for (const size of sizes) {
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
    const file = join(target, `${size}x${size}.png`);
    await writeFile(file, png);
    written.push(file);
  }
  await writeFile(join(target, 'icon.png'), await readFile(join(target, '1024x1024.png')));
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const written = await makeIcons();
  console.log(`wrote ${written.length} icons to ${outDir}`);
}
