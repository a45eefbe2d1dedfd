// Preloaded into a `vigil` child process (node --import this-file) by the start-up test. At exit it
// writes to VIGIL_TEST_PACKAGES_FILE, one per line, the npm packages the process loaded through
// require(), which is how the command's CommonJS bundle loads every package.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const out = process.env.VIGIL_TEST_PACKAGES_FILE;
const PACKAGE = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/;
// Node's one module cache, shared by every require().
const cache = createRequire(import.meta.url).cache;

process.on('exit', () => {
  if (!out) return;
  const names = new Set();
  for (const file of Object.keys(cache)) {
    const match = PACKAGE.exec(file);
    if (match) names.add(match[1].replace('\\', '/'));
  }
  fs.writeFileSync(out, [...names].sort().join('\n'));
});
