/**
 * MuPDF loads from a CommonJS bundle (as the main process and the CLI run it) even where
 * file: URLs cannot be read, as inside app.asar: the bundle hands MuPDF its .wasm bytes read
 * by a plain path, so MuPDF's own URL-based read is never needed.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, tempDir } from '../../../helpers/vault';

function bundle(): string {
  const dir = tempDir();
  const entry = path.join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { loadMupdf } from ${JSON.stringify(path.join(PROJECT_ROOT, 'main/evidence/redact/mupdf'))};
loadMupdf().then((m) => { process.stdout.write(String(new m.Pixmap(m.ColorSpace.DeviceRGB, [0, 0, 2, 2], false).getWidth())); }, (e) => { process.stdout.write('failed: ' + String(e.cause ?? e)); });`,
  );
  // Beside the other bundles, so that the package resolves from the project's node_modules as in out/cli.
  const outfile = path.join(PROJECT_ROOT, 'out', 'test-mupdf-load', 'bundle.cjs');
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/**
 * Runs the bundle with fs.readFileSync refusing URL objects (as an archive layer that maps only string paths would).
 */
function run(file: string, refuseUrls: boolean): string {
  const guard =
    `const fs = require('node:fs'); const read = fs.readFileSync; fs.readFileSync = function (p, ...rest) { if ` +
    `(p instanceof URL) throw new Error('URL read refused'); return read.call(this, p, ...rest); };`;
  const r = spawnSync(process.execPath, ['-e', `${refuseUrls ? guard : ''} require(${JSON.stringify(file)});`], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  return r.stdout + r.stderr;
}

describe('evidence/redact/loadMupdf', () => {
  it('loads from a CommonJS bundle without reading any file: URL', () => {
    const file = bundle();
    expect(run(file, false)).toBe('2');
    expect(run(file, true)).toBe('2');
  });
});
