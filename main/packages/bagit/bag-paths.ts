/**
 * How a path listed in a manifest or in fetch.txt is read. It is normalised as bagit.py does
 * ("./" and doubled slashes dropped) and refused when it could point outside the bag: absolute,
 * a Windows drive or network path, a backslash, "..", or a leading "~" that a shell would read
 * as a home folder. Unlike the names of a package's tar entries (tar/safe-path.ts), a listed
 * path may hold any other character, a tab or a line break included: it only names a file that
 * is already on this disk, and RFC 8493 allows such names.
 */

/** A listed path, normalised, or why it was refused. */
type ListedPath = { path: string } | { problem: string };

/** Normalises a decoded manifest or fetch.txt path, or says why it is unsafe. */
export function normaliseListedPath(p: string): ListedPath {
  if (p === '') return { problem: 'is empty' };
  if (p.includes('\0')) return { problem: 'contains a NUL character' };
  if (p.startsWith('/')) return { problem: 'is an absolute path' };
  if (/^[A-Za-z]:/.test(p)) return { problem: 'names a Windows drive' };
  // On Windows a backslash separates folders, so "..\x" would climb out of the bag there.
  if (p.includes('\\')) return { problem: 'contains a backslash' };
  const segments = p.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { problem: 'contains ".."' };
  if (segments.length === 0) return { problem: 'names no file' };
  if (segments[0]?.startsWith('~') === true) return { problem: 'starts with "~", which names a home folder' };
  return { path: segments.join('/') };
}
