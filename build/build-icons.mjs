/**
 * Renders build/icon.svg into the app icons the packages need, and writes them beside it:
 *  - build/icons/<n>x<n>.png (16 … 1024): the Linux icon set (deb, AppImage), read from linux.icon;
 *  - build/icon.png (1024): the fallback electron-builder takes for any target;
 *  - build/icon.ico: Windows (16 … 256, each a PNG, as Windows Vista and later read them);
 *  - build/icon.icns: macOS (16 … 1024, PNG entries under their Apple type codes).
 * The outputs are committed; run `node build/build-icons.mjs` after changing the SVG.
 * Chromium draws the SVG at each size (through Playwright, with the system's chromium as the
 * tests use it; CHROMIUM_PATH names another); ICO and ICNS are simple containers of PNGs,
 * written here because no library the project has writes them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const buildDir = import.meta.dirname;
const SVG = path.join(buildDir, 'icon.svg');

/** Every size any target asks for. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/** The images in icon.ico: Windows picks among these (256 is the largest an ICO holds). */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** The ICNS type code of each image (Apple's list: the @2x codes share images with the plain ones). */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/** The SVG drawn at each size × size pixels, as PNG bytes with transparency (size → PNG). */
async function renderPngs(svg, sizes) {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 1024 }, deviceScaleFactor: 1 });
    const out = new Map();
    for (const size of sizes) {
      // The SVG's own width and height are replaced, so Chromium draws it from its viewBox at this size.
      const sized = svg.replace(/<svg([^>]*?) width="\d+" height="\d+"/, `<svg$1 width="${size}" height="${size}"`);
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`,
      );
      out.set(size, await page.screenshot({ clip: { x: 0, y: 0, width: size, height: size }, omitBackground: true }));
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** An ICO file of PNG images: a 6-byte header, a 16-byte entry per image, then the images. */
export function icoOf(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/**
 * An ICNS file: 'icns' and the total length, then per image its type, its length (with the 8-byte head) and the PNG.
 */
export function icnsOf(images) {
  const chunks = images.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

async function main() {
  const svg = readFileSync(SVG, 'utf8');
  const png = await renderPngs(svg, PNG_SIZES);
  mkdirSync(path.join(buildDir, 'icons'), { recursive: true });
  for (const [size, bytes] of png) writeFileSync(path.join(buildDir, 'icons', `${size}x${size}.png`), bytes);
  writeFileSync(path.join(buildDir, 'icon.png'), png.get(1024));
  writeFileSync(path.join(buildDir, 'icon.ico'), icoOf(ICO_SIZES.map((size) => ({ size, png: png.get(size) }))));
  writeFileSync(
    path.join(buildDir, 'icon.icns'),
    icnsOf(ICNS_TYPES.map(([type, size]) => ({ type, png: png.get(size) }))),
  );
  console.log(
    `build-icons: ${PNG_SIZES.length} PNG sizes, icon.ico and icon.icns written to ` +
      `${path.relative(process.cwd(), buildDir) || '.'}`,
  );
}

if (process.argv[1] === import.meta.filename) await main();
