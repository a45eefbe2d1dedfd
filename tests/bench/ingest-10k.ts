// Ingest rate of 10,000 small files through `vigil add` (each file hashed, encrypted,
// fsynced and committed with its signed custody entry before it is acknowledged),
// with sha256sum and `tar | age` over the same files for scale.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fmt, makeTempDir, requireTools, runChild, runStandalone, runVigil, type BenchResult } from './lib';

const DEFAULT_FILES = 10_000;
const WORDS = [
  'letter',
  'colony',
  'transfer',
  'visit',
  'denied',
  'lawyer',
  'request',
  'answer',
  'prosecutor',
  'мать',
  'лист',
  'колонія',
  'адвокат',
  'відмова',
  'запит',
];

function makeFiles(dir: string, count: number): string[] {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: 150 + (i % 700) }, (_, j) => WORDS[(i * 7 + j * 13) % WORDS.length]).join(' ');
    const file = path.join(dir, `doc-${String(i).padStart(5, '0')}.txt`);
    fs.writeFileSync(file, `Document ${i}\n${words}\n`);
    files.push(file);
  }
  return files;
}

/** Runs the benchmark on `count` files. */
export async function run(count = DEFAULT_FILES): Promise<BenchResult> {
  requireTools('sha256sum', 'age', 'age-keygen', 'tar');
  const root = makeTempDir();
  const folder = path.join(root, 'files');
  fs.mkdirSync(folder);
  const files = makeFiles(folder, count);
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  const vault = path.join(root, 'vault');
  await runVigil(['init', vault], { VIGIL_INSECURE_TEST_KDF: '1' });

  const recipient =
    /age1[0-9a-z]+/.exec(execFileSync('age-keygen', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))?.[0] ??
    '';
  const sha = await runChild('sh', ['-c', `cd "${folder}" && ls | xargs sha256sum > /dev/null`]);
  const tarAge = await runChild('sh', [
    '-c',
    `cd "${folder}" && tar cf - . | age -r ${recipient} > "${path.join(root, 'all.tar.age')}"`,
  ]);
  const add = await runVigil(['add', vault, ...files], { VIGIL_INSECURE_TEST_KDF: '1' });
  const acknowledged = add.stdout.trim().split('\n').length;
  if (acknowledged !== count) throw new Error(`vigil acknowledged ${acknowledged} of ${count} files`);
  return {
    name: 'ingest-10k',
    figures: [
      { metric: `files (${fmt(bytes / count / 1024, 1)} KiB average)`, value: String(count), target: '', pass: null },
      {
        metric: 'vigil add, one process, every file durable + signed',
        value: `${fmt(count / add.seconds, 0)} files/s (${fmt(add.seconds, 1)} s)`,
        target: 'measured',
        pass: null,
      },
      {
        metric: 'sha256sum over the same files (no encryption, no fsync)',
        value: `${fmt(count / sha.seconds, 0)} files/s (${fmt(sha.seconds, 2)} s)`,
        target: '',
        pass: null,
      },
      {
        metric: 'tar | age -r over the same files (one stream, no fsync)',
        value: `${fmt(count / tarAge.seconds, 0)} files/s (${fmt(tarAge.seconds, 2)} s)`,
        target: '',
        pass: null,
      },
    ],
    notes: [
      'Each vigil add is its own SQLite transaction with synchronous=FULL plus an fsync of the object and its ' +
        'folder: the rate is bounded by fsyncs, the price of "nothing acknowledged is lost".',
    ],
  };
}

runStandalone(__filename, () => run(Number(process.argv[2] ?? DEFAULT_FILES)));
