/**
 * The case report's fonts reach every way Vigil runs: the sources, the bundled
 * CLI (dependencies stay in node_modules) and the packaged app, whose
 * electron-builder `files` leave out the DejaVu faces the report does not embed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontFolder, REPORT_FONT_FILES, reportFonts } from '../../../main/report/fonts';
import { PROJECT_ROOT } from '../../helpers/vault';

/** The `files` patterns of electron-builder.yml (a plain list of quoted or bare strings). */
function builderFiles(): string[] {
  const yml = readFileSync(path.join(PROJECT_ROOT, 'electron-builder.yml'), 'utf8');
  const block = /^files:\n((?:\s+(?:-.*|#.*)\n)+)/m.exec(yml)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => /^\s+-\s+'?([^']+?)'?\s*$/.exec(line)?.[1])
    .filter((p): p is string => p !== undefined);
}

/** Whether electron-builder's exclusions (patterns starting with "!") leave `file` out. */
function excluded(file: string): boolean {
  return builderFiles()
    .filter((p) => p.startsWith('!'))
    .some((p) => path.matchesGlob(file, p.slice(1)));
}

describe('report/fonts', () => {
  it(
    'finds DejaVu Sans and its bold face by module ' +
      'resolution, from the sources and from the bundled CLI ' +
      'folder',
    () => {
      const fonts = reportFonts();
      // TrueType files start with the sfnt version 0x00010000.
      expect(fonts.regular.readUInt32BE(0)).toBe(0x00010000);
      expect(fonts.bold.readUInt32BE(0)).toBe(0x00010000);
      const fromCli = fontFolder(path.join(PROJECT_ROOT, 'out', 'cli', 'vigil.cjs'));
      expect(fromCli).toBe(fontFolder());
      for (const file of Object.values(REPORT_FONT_FILES)) expect(existsSync(path.join(fromCli, file))).toBe(true);
    },
  );

  it('keeps exactly the embedded faces in the packaged app', () => {
    // As the packaged app's node_modules holds it (here node_modules may be a link to another checkout's).
    const resolved = fontFolder().split(path.sep).join('/');
    const folder = resolved.slice(resolved.lastIndexOf('node_modules/'));
    expect(folder).toBe('node_modules/dejavu-fonts-ttf/ttf');
    const kept = readdirSync(fontFolder()).filter((name) => !excluded(`${folder}/${name}`));
    expect(kept.sort()).toEqual(Object.values(REPORT_FONT_FILES).sort());
  });
});
