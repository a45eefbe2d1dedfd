/**
 * A command given a path whose name is not UTF-8 fails with "no such file" wherever it reads
 * the path (a package to verify or import, a profile, an identity file, …): the shell passes
 * the name's bytes, Node decodes them as UTF-8 and the name is lost. Rather than teach each
 * reader this, the command line adds the reason to any refusal that names such an argument.
 */
import { existsSync } from 'node:fs';
import { printable } from '../../shared/printable';
import { misencodedName } from '../fs/misencoded-name';

/** The value an argument carries: the argument itself, or what follows "=" in --option=value. */
function valueOf(arg: string): string {
  return arg.startsWith('--') && arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : arg;
}

/**
 * A note for the refusal `message` when it names an argument that names no file because the file's name is not UTF-8
 * (the folder holds such a name that looks like it); null otherwise, or when the message already says so.
 */
export async function misencodedArgNote(args: readonly string[], message: string): Promise<string | null> {
  if (message.includes('not valid UTF-8')) return null;
  for (const value of args.map(valueOf)) {
    if (value === '' || !message.includes(value) || existsSync(value)) continue;
    const match = await misencodedName(value);
    if (match === null) continue;
    return (
      `note: ${printable(value)} names no file: its folder holds "${printable(match.shown)}", whose file name is ` +
      `not valid UTF-8 (${match.encoding}), and a name like that cannot be passed as a single path (a command line ` +
      `reaches Vigil as UTF-8 text). Rename the file to a UTF-8 name and give that; to store it as an item, add ` +
      `its folder (vigil add VAULT "${printable(match.dir)}"), whose names are read as bytes.`
    );
  }
  return null;
}
