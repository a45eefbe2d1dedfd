import fs from 'node:fs';
import { sharedCryptoWorkers } from '../../main/workers/worker-client';
import { suiteTempDir } from './vault';

/**
 * Runs `fn` with the system temp folder pointed at a fresh empty folder, and returns what
 * was written there meanwhile (fs.watch events), so a test can show nothing was.
 */
export async function tempWritesDuring(fn: () => Promise<void>): Promise<string[]> {
  const work = suiteTempDir();
  // Workers started from the TypeScript sources (as in tests) write a compile cache to the temp folder once.
  sharedCryptoWorkers(2);
  const events: string[] = [];
  const watcher = fs.watch(work, { recursive: true }, (event, name) => events.push(`${event} ${String(name)}`));
  const before = { tmp: process.env.TMPDIR, cache: process.env.TSX_DISABLE_CACHE };
  process.env.TMPDIR = work;
  // Extraction workers started from the TypeScript sources would write tsx's compile cache of
  // those sources to the new temp folder; the built app has no tsx, so it is switched off here.
  process.env.TSX_DISABLE_CACHE = '1';
  try {
    await fn();
    // fs.watch reports on the next turns of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 200));
  } finally {
    watcher.close();
    restoreEnv('TMPDIR', before.tmp);
    restoreEnv('TSX_DISABLE_CACHE', before.cache);
  }
  return [...events, ...fs.readdirSync(work).map((name) => `left ${name}`)];
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
