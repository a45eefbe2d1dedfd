/**
 * The part of node:path that the verifying core uses, for the offline verifier page: bag
 * names and '/'-joined paths inside a bag. Folder paths on disk never occur there.
 */

/** The last segment of a '/'-separated path. */
export function basename(p: string): string {
  const parts = p.split('/').filter((s) => s !== '');
  return parts[parts.length - 1] ?? '';
}

/** Segments joined with '/'. */
export function join(...parts: string[]): string {
  return parts.filter((s) => s !== '').join('/');
}

/** The path unchanged: the page has no working folder to resolve against. */
export function resolve(p: string): string {
  return p;
}

/** Everything before the last segment. */
export function dirname(p: string): string {
  const at = p.lastIndexOf('/');
  return at <= 0 ? (at === 0 ? '/' : '.') : p.slice(0, at);
}

export const sep = '/';
export default { basename, join, resolve, dirname, sep };
