import fs from 'node:fs';
import { sharedCryptoWorkers } from '../../main/packages/workers/worker-client';
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
  const before = process.env.TMPDIR;
  process.env.TMPDIR = work;
  try {
    await fn();
    // fs.watch reports on the next turns of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 200));
  } finally {
    watcher.close();
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
  return [...events, ...fs.readdirSync(work).map((name) => `left ${name}`)];
}
