/**
 * Why a path names no file when its name is not UTF-8. Node decodes a command-line argument
 * (or any string path) as UTF-8 and puts U+FFFD for the bytes that are not, so a name from a
 * cp1251 archive given as a single path opens nothing; so does its readable form copied from
 * a listing. The folder, read as bytes, shows which name was meant.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { looksLike, readableName } from './file-names';

/** A name in the folder that is not UTF-8 and looks like the one given: its folder, readable form and encoding. */
interface MisencodedName {
  dir: string;
  shown: string;
  /** Words for how the name was read ("it looks like cp1251", …). */
  encoding: string;
}

/** The non-UTF-8 name in `filePath`'s folder that `filePath` was meant to name, or null when there is none. */
export async function misencodedName(filePath: string): Promise<MisencodedName | null> {
  const dir = path.dirname(filePath);
  const given = path.basename(filePath);
  const names = await fsp.readdir(dir, { encoding: 'buffer' }).catch(() => [] as Buffer[]);
  const match = names.find((raw) => readableName(raw).shownAs !== 'utf-8' && looksLike(raw, given));
  if (!match) return null;
  const { shown, shownAs } = readableName(match);
  const encoding =
    shownAs === 'cp1251'
      ? 'it looks like cp1251'
      : 'not cp1251 either; shown with \\xNN for the bytes that are not UTF-8';
  return { dir, shown, encoding };
}
