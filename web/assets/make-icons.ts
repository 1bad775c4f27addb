/**
 * Makes the site's raster icons from its SVG icon, web/public/favicon.svg, into web/public/
 * (committed; the build copies web/public/ to the site's root as it is):
 *
 *   favicon.ico            16, 32 and 48 px, each a PNG inside the ICO (every browser since
 *                          IE 11 and Windows Vista reads those); for browsers without SVG icons
 *   apple-touch-icon.png   180 px, square and opaque: iOS rounds the corners itself
 *
 * Run it after changing favicon.svg: `npx tsx web/assets/make-icons.ts`. It renders with
 * Debian's Chromium (CHROMIUM_PATH), as the end-to-end tests do; nothing is downloaded.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

/** An ICO file holding one PNG per size (ICONDIR, one ICONDIRENTRY each, then the images). */
export function icoOf(images: Array<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // width (0 means 256)
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1); // height
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

async function main(): Promise<void> {
  const svg = readFileSync(join(PUBLIC_DIR, 'favicon.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    const render = async (source: string, size: number, transparent: boolean): Promise<Buffer> => {
      await page.setViewportSize({ width: size, height: size });
      const sized = source.replace('<svg ', `<svg width="${size}" height="${size}" `);
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
      return page.screenshot({ clip: { x: 0, y: 0, width: size, height: size }, omitBackground: transparent, type: 'png' });
    };
    const images: Array<{ size: number; png: Buffer }> = [];
    for (const size of [16, 32, 48]) images.push({ size, png: await render(svg, size, true) });
    const ico = icoOf(images);
    writeFileSync(join(PUBLIC_DIR, 'favicon.ico'), ico);
    // Square corners: iOS masks the icon to its own shape.
    writeFileSync(join(PUBLIC_DIR, 'apple-touch-icon.png'), await render(svg.replace(/ rx="[\d.]+"/, ''), 180, false));
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
