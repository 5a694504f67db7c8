/**
 * Renders build/icon.svg into every raster size the installers need, with @resvg/resvg-js
 * (prebuilt napi binaries per platform: no compiler, no network, no system librsvg).
 *   build/icon.png           1024 px: electron-builder derives macOS .icns and Windows .ico from it
 *   build/icons/<N>x<N>.png  the Linux hicolor set (AppImage, deb, rpm)
 * Run by `npm run icons` and before `npm run dist`; the packaging test runs it too.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const buildDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'build');

function render(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
}

export function generateIcons(dir = buildDir) {
  const svg = readFileSync(join(dir, 'icon.svg'));
  const iconsDir = join(dir, 'icons');
  mkdirSync(iconsDir, { recursive: true });
  const written = [];
  for (const size of LINUX_SIZES) {
    const file = join(iconsDir, `${size}x${size}.png`);
    writeFileSync(file, render(svg, size));
    written.push(file);
  }
  const main = join(dir, 'icon.png');
  writeFileSync(main, render(svg, 1024));
  written.push(main);
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const written = generateIcons();
  console.log(`icons: ${written.length} PNGs from build/icon.svg`);
}
