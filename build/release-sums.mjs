/**
 * Writes SHA256SUMS for the release files in a folder (the installers electron-builder
 * put in dist/) and signs it with minisign: SHA256SUMS.minisig. A user checks a
 * download with `minisign -Vm SHA256SUMS -P <release key>` and then
 * `sha256sum -c --ignore-missing SHA256SUMS` (README, "Install").
 *
 *   node build/release-sums.mjs <folder> <minisign secret key file>
 *
 * SHA256SUMS is in the format sha256sum reads: "<64 hex>  <file name>\n", sorted by name.
 * minisign asks for the key's password in the terminal (unless the key has none).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What a release consists of: the installers (not electron-builder's logs, e.g. builder-debug.yml, nor the unpacked
 * folders).
 */
export const RELEASE_FILE = /\.(AppImage|deb|dmg|exe)$/;

/** The SHA-256 of a file, as lower-case hex, read as a stream (installers are large). */
function sha256(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The release files of `dir`: regular files matching RELEASE_FILE, by name. */
export function releaseFiles(dir) {
  return readdirSync(dir)
    .filter((name) => RELEASE_FILE.test(name) && statSync(path.join(dir, name)).isFile())
    .sort();
}

/** Writes `dir`/SHA256SUMS over the release files and returns its text. */
export async function writeSums(dir) {
  const names = releaseFiles(dir);
  if (names.length === 0) throw new Error(`No release files (${RELEASE_FILE}) in ${dir}.`);
  // A file name with a newline or a backslash would need sha256sum's escaped form; installers never have one.
  const bad = names.find((name) => /[\n\\]/.test(name));
  if (bad !== undefined) throw new Error(`Cannot list ${JSON.stringify(bad)} in SHA256SUMS: rename it.`);
  const lines = [];
  for (const name of names) lines.push(`${await sha256(path.join(dir, name))}  ${name}\n`);
  const text = lines.join('');
  writeFileSync(path.join(dir, 'SHA256SUMS'), text);
  return text;
}

/** Signs `dir`/SHA256SUMS with the minisign secret key `secretKey`: `dir`/SHA256SUMS.minisig. */
export function signSums(dir, secretKey, version) {
  const sums = path.join(dir, 'SHA256SUMS');
  const run = spawnSync('minisign', ['-S', '-s', secretKey, '-m', sums, '-t', `Vigil ${version} release files`], {
    stdio: 'inherit',
  });
  if (run.error) throw new Error(`minisign could not be run (${run.error.message}); install it to sign the release.`);
  if (run.status !== 0)
    throw new Error(`minisign failed (exit status ${run.status}); SHA256SUMS is written but not signed.`);
  return `${sums}.minisig`;
}

async function main(argv) {
  const [dir, secretKey] = argv;
  if (dir === undefined || secretKey === undefined) {
    console.error('usage: node build/release-sums.mjs <folder of release files> <minisign secret key file>');
    return 2;
  }
  const { version } = JSON.parse(
    (await import('node:fs')).readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  );
  const text = await writeSums(dir);
  process.stdout.write(text);
  console.log(`release-sums: signed ${signSums(dir, secretKey, version)}`);
  return 0;
}

if (process.argv[1] === import.meta.filename) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`release-sums: ${error.message}`);
      process.exit(2);
    },
  );
}
