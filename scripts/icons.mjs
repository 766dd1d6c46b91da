#!/usr/bin/env node
/**
 * The application icon set, from resources/icons/icon.svg: PNGs of 16–512 px
 * (named NxN.png, as electron-builder's Linux targets want them) and icon.ico
 * (16–256 px, PNG-compressed entries, as Windows Vista and later read them).
 * Rendered by the Debian Chromium the browser tests use (playwright-core), so no
 * image tool is needed and nothing is downloaded. Run after changing the SVG:
 * `node scripts/icons.mjs`; the results are committed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icons');
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/** An .ico file whose entries are PNG images (each entry: 16-byte directory record). */
export function icoFromPngs(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const records = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const r = Buffer.alloc(16);
    r.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    r.writeUInt8(size >= 256 ? 0 : size, 1);
    r.writeUInt8(0, 2); // no palette
    r.writeUInt8(0, 3);
    r.writeUInt16LE(1, 4); // colour planes
    r.writeUInt16LE(32, 6); // bits per pixel
    r.writeUInt32LE(png.length, 8);
    r.writeUInt32LE(offset, 12);
    offset += png.length;
    records.push(r);
  }
  return Buffer.concat([header, ...records, ...images.map((i) => i.png)]);
}

async function main() {
  const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const pngs = new Map();
  try {
    for (const size of PNG_SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      writeFileSync(join(dir, `${size}x${size}.png`), png);
      pngs.set(size, png);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  writeFileSync(join(dir, 'icon.png'), pngs.get(512));
  writeFileSync(join(dir, 'icon.ico'), icoFromPngs(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
  console.log(`icons: ${PNG_SIZES.join(', ')} px and icon.ico → ${dir}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
