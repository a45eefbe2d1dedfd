#!/usr/bin/env node
// The `vigil` command: runs the bundle built by `npm run build:cli` (also run by `npm install`).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'out', 'cli', 'vigil.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write('vigil: the command is not built yet. Run "npm run build:cli" in the project folder.\n');
  process.exit(2);
}
require(bundle);
