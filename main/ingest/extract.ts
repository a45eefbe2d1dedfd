/**
 * Text and metadata extraction at ingest. Files are untrusted (DESIGN §7): the
 * parsing runs in a separate process that holds no key (parser-process.ts),
 * with a heap limit, a timeout and a memory watch that kill it, the input and
 * the kept text are capped, and every failure comes back as a result with a
 * readable reason — never as a crash or a hang.
 */
import { constants, promises as fsp, readFileSync } from 'node:fs';
import path from 'node:path';
import { describeFailure, extractBytes } from './extract-bytes';
import type { ExtractionResult, WorkerRequest } from './extraction-types';
import { extractorFor, SNIFF_BYTES, sniffMediaType } from './media-type';
import { childEnvironment, selectParserLauncher } from './parser-process';
import { resolveExtractWorker } from './worker-path';

export type { ExtractionResult } from './extraction-types';

/** Limits for one extraction. */
interface ExtractOptions {
  /** Wall-clock limit for parsing, after which the parsing process is killed (default 60 s). */
  timeoutMs?: number;
  /** Text kept; longer text is cut and the cut noted in metadata (default 5,000,000 characters). */
  maxTextChars?: number;
  /** Heap limit of the parsing process; the memory watch allows it twice this in all (default 512 MB). */
  maxMemoryMb?: number;
  /** Larger files are not parsed (default 200 MiB). */
  maxInputBytes?: number;
}

const DEFAULTS = { timeoutMs: 60_000, maxTextChars: 5_000_000, maxMemoryMb: 512, maxInputBytes: 200 * 1024 * 1024 };
// Plain text this small is decoded inline: TextDecoder is linear, bounded and parses nothing, and a process costs ~50
// ms to start.
const INLINE_TEXT_BYTES = 16 * 1024 * 1024;
const WATCH_INTERVAL_MS = 100;

/**
 * Sniffs a file's media type and extracts its text and metadata; never throws — failures come back as status 'failed'
 * with a readable error.
 */
export async function extractFromFile(file: string | Buffer, opts: ExtractOptions = {}): Promise<ExtractionResult> {
  const limits = { ...DEFAULTS, ...definedOnly(opts) };
  const name = typeof file === 'string' ? path.basename(file) : path.basename(file.toString('latin1'));
  try {
    return await extractLoaded(name, await readBounded(file, limits.maxInputBytes), limits);
  } catch (cause) {
    const mediaType = sniffMediaType(new Uint8Array(0), name);
    return failed(mediaType, describeFailure(cause, mediaType));
  }
}

/**
 * The same for bytes already in memory (`data` null when the content was larger than the
 * input cap and not kept; `head` is then its first bytes, for sniffing). Never throws: a
 * failure of the extractor is the result's error.
 */
export function extractFromBytes(
  name: string,
  content: { head: Uint8Array; data: Uint8Array | null; size: number },
  opts: ExtractOptions = {},
): Promise<ExtractionResult> {
  return extractLoaded(name, content, { ...DEFAULTS, ...definedOnly(opts) });
}

/** The input cap of extraction (bytes beyond it are not parsed), for callers that gather the bytes themselves. */
export const EXTRACT_INPUT_LIMIT = DEFAULTS.maxInputBytes;

async function extractLoaded(
  name: string,
  { head, data, size }: { head: Uint8Array; data: Uint8Array | null; size: number },
  limits: typeof DEFAULTS,
): Promise<ExtractionResult> {
  const mediaType = sniffMediaType(head, name);
  if (size === 0) return failed(mediaType, 'The file is empty (0 bytes); there is nothing to extract.');
  const kind = extractorFor(mediaType);
  if (kind === null)
    return {
      status: 'unsupported',
      mediaType,
      error: `Text is not extracted from ${mediaType} files; the file is stored unchanged.`,
      metadata: {},
      sensitive: {},
    };
  if (!data || size > limits.maxInputBytes)
    return failed(
      mediaType,
      `The file is too large to extract text from (${mib(size)}; the limit is ${mib(limits.maxInputBytes)}). ` +
        `It is stored unchanged.`,
    );
  const request: WorkerRequest = { data, mediaType, maxTextChars: limits.maxTextChars };
  try {
    if (kind === 'text' && size <= INLINE_TEXT_BYTES) return await extractBytes(request);
    return await runWorker(request, limits);
  } catch (cause) {
    return failed(mediaType, describeFailure(cause, mediaType));
  }
}

/** Reads the head for sniffing, and the whole file when it is within the cap (data is null when it is not). */
async function readBounded(
  file: string | Buffer,
  maxBytes: number,
): Promise<{ head: Uint8Array; data: Uint8Array | null; size: number }> {
  let handle: fsp.FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: links are refused.
    handle = await fsp.open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new Error(
      code === 'ELOOP'
        ? 'The path is a symbolic link; links are not followed.'
        : `The file could not be opened (${code}).`,
      { cause },
    );
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error('This is not a regular file (a folder, device or pipe); nothing was read.');
    const wanted = stat.size <= maxBytes ? stat.size : Math.min(stat.size, SNIFF_BYTES);
    // A buffer of its own (not from Node's pool), so that it can be transferred to the worker.
    const buf = new Uint8Array(new ArrayBuffer(wanted));
    let got = 0;
    while (got < wanted) {
      const { bytesRead } = await handle.read(buf, got, wanted - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    const data = buf.subarray(0, got);
    return { head: data.subarray(0, SNIFF_BYTES), data: stat.size <= maxBytes ? data : null, size: stat.size };
  } finally {
    await handle.close();
  }
}

/**
 * What the parsing process is allowed beyond its heap: Node itself, and the request's bytes (received once, maybe
 * copied once).
 */
const PROCESS_BASE_MB = 96;

/** The resident memory of process `pid` in bytes where the system says (Linux), else null. */
function residentBytes(pid: number): number | null {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

/**
 * Parses in a process of its own; the timeout, the heap limit or the memory watch end it
 * (killed, whatever it is doing) and yield a 'failed' result.
 */
function runWorker(request: WorkerRequest, limits: typeof DEFAULTS): Promise<ExtractionResult> {
  const child = selectParserLauncher().launch(resolveExtractWorker(), {
    maxOldSpaceMb: limits.maxMemoryMb,
    env: childEnvironment(),
  });
  const ceiling = (PROCESS_BASE_MB + 2 * limits.maxMemoryMb) * 1024 * 1024 + 2 * request.data.byteLength;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ExtractionResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      child.kill();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish(
          failed(
            request.mediaType,
            `Extraction took longer than ${Math.round(limits.timeoutMs / 1000)} s and was stopped; the file ` +
              `may be damaged or hostile. It is stored unchanged.`,
          ),
        ),
      limits.timeoutMs,
    );
    // The heap limit does not cover buffers outside the JS heap (inflated streams), hence this watch on the whole
    // process.
    const watch = setInterval(() => {
      const rss = child.pid === undefined ? null : residentBytes(child.pid);
      if (rss !== null && rss > ceiling)
        finish(
          failed(
            request.mediaType,
            'Extraction needed too much memory and was stopped; the file may be damaged or hostile. It is ' +
              'stored unchanged.',
          ),
        );
    }, WATCH_INTERVAL_MS);
    child.onMessage((reply) => finish(reply as ExtractionResult));
    child.onExit((code, signal) => {
      // V8 aborts a process whose heap is full.
      const oom = signal === 'SIGABRT' || code === 134;
      finish(
        failed(
          request.mediaType,
          oom
            ? `Extraction ran out of memory (limit ${limits.maxMemoryMb} MB) and was stopped; the file may be ` +
                `damaged or hostile.`
            : `The extraction process stopped unexpectedly (exit code ${code ?? signal ?? 'unknown'}).`,
        ),
      );
    });
    child.post(request);
  });
}

function failed(mediaType: string, error: string): ExtractionResult {
  return { status: 'failed', mediaType, error, metadata: {}, sensitive: {} };
}

function definedOnly(opts: ExtractOptions): Partial<typeof DEFAULTS> {
  return Object.fromEntries(
    Object.entries(opts).filter(([, v]) => typeof v === 'number' && Number.isFinite(v) && v > 0),
  ) as Partial<typeof DEFAULTS>;
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
