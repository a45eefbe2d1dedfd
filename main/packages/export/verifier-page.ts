/**
 * The offline verifier page (DESIGN §6) that export writes beside every package. The page is
 * built once by build/build-verifier-page.mjs into out/verifier/verify.html and found here
 * relative to the running code:
 *  - the bundled CLI (out/cli/vigil.cjs) and the Electron main bundle (out/main/index.js,
 *    inside app.asar when packaged, which electron-builder fills from out/**): ../verifier/;
 *  - the TypeScript sources (vitest, tsx), main/packages/export/: the checkout's out/verifier/.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The page's file name beside a package: `<name>.verify.html` for `<name>.tar.age`. */
export function verifierPagePath(packagePath: string): string {
  return packagePath.replace(/\.tar\.age$/, '.verify.html');
}

/** Where the built page may be, for code running in `dir`, most specific first. */
export function verifierPageCandidates(dir: string): string[] {
  return [
    path.join(dir, '..', 'verifier', 'verify.html'),
    path.join(dir, '..', '..', '..', 'out', 'verifier', 'verify.html'),
  ];
}

/** The built page's HTML, or null when this build has none (a checkout where `npm run build` has not run). */
export async function verifierPageHtml(dir: string = __dirname): Promise<string | null> {
  for (const file of verifierPageCandidates(dir)) {
    const html = await readFile(file, 'utf8').catch(() => null);
    if (html !== null) return html;
  }
  return null;
}
