/**
 * Issue 14, point 4b: text extraction ran in a worker thread of the process that holds the
 * vault's keys. It now runs in a child process with its own heap limit and none of our
 * environment. Observed from outside, through /proc (Linux).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { extractFromFile } from '../../../main/ingest/extract';
import { makePdf, makeTempDir, writeFixture } from './fixtures';

let dir = '';
let cleanup = (): void => {};
beforeAll(() => ({ dir, cleanup } = makeTempDir()));
afterAll(() => cleanup());
afterEach(() => {
  delete process.env['VIGIL_PASSPHRASE'];
});

/** The pids of this process's children right now. */
function children(): number[] {
  const pids: number[] = [];
  for (const task of readdirSync('/proc/self/task')) {
    const text = (() => {
      try {
        return readFileSync(`/proc/self/task/${task}/children`, 'utf8');
      } catch {
        return '';
      }
    })();
    pids.push(...text.split(/\s+/).filter(Boolean).map(Number));
  }
  return pids;
}

interface Seen {
  pid: number;
  cmdline: string[];
  environ: string[];
}

/** Runs `work` while watching for child processes, and reads each one's command line and environment. */
async function watchChildren<T>(work: () => Promise<T>): Promise<{ result: T; seen: Seen[] }> {
  const before = new Set(children());
  const seen = new Map<number, Seen>();
  const timer = setInterval(() => {
    for (const pid of children()) {
      if (before.has(pid) || seen.has(pid)) continue;
      try {
        const read = (f: string): string[] => readFileSync(`/proc/${pid}/${f}`, 'utf8').split('\0').filter(Boolean);
        seen.set(pid, { pid, cmdline: read('cmdline'), environ: read('environ') });
      } catch {
        // Gone before it could be read; the next one will do.
      }
    }
  }, 2);
  try {
    return { result: await work(), seen: [...seen.values()] };
  } finally {
    clearInterval(timer);
  }
}

describe.skipIf(process.platform !== 'linux')('ingest/extract runs parsers in a process of their own', () => {
  it('parses a PDF in a child process with a heap limit and none of our secrets, and answers as before', async () => {
    process.env['VIGIL_PASSPHRASE'] = 'five quiet words nobody else knows';
    const file = writeFixture(dir, 'letter.pdf', makePdf(['Transfer to colony 7 refused']));
    const { result, seen } = await watchChildren(() => extractFromFile(file, { maxMemoryMb: 200 }));
    expect(result.status).toBe('ok');
    expect(result.text).toContain('Transfer to colony 7 refused');
    const parsers = seen.filter((s) => s.cmdline.some((a) => a.includes('extract-worker')));
    expect(parsers).toHaveLength(1);
    const [parser] = parsers;
    expect(parser?.pid).not.toBe(process.pid);
    expect(parser?.cmdline).toContain('--max-old-space-size=200');
    expect(parser?.environ.join('\n')).not.toContain('five quiet words');
    expect(parser?.environ.some((v) => v.startsWith('VIGIL_'))).toBe(false);
  });

  it('kills the process when the time runs out: none is left behind', async () => {
    const file = writeFixture(dir, 'slow.pdf', makePdf(['fine']));
    const { result, seen } = await watchChildren(() => extractFromFile(file, { timeoutMs: 300 }));
    expect(result.error).toMatch(/took longer than/);
    expect(seen.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    for (const { pid } of seen) expect(() => readFileSync(`/proc/${pid}/status`, 'utf8')).toThrow();
  });
});
