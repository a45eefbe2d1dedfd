/**
 * The log of unexpected errors (bugs): one JSON line per error in a file of the app's user-data
 * folder, rotated by size, so a person can send it with a report. It must be safe to send: an
 * entry holds the time, the channel, the kind of error (its class name), a system error code
 * (ENOENT…) and the stack's call sites with paths made relative — never the error's message,
 * its cause or any value, because a message may quote a passphrase, a key, a path or the text of
 * evidence. Format: docs/DESIGN.md §1, "The error log".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One line of the log. */
interface ErrorLogEntry {
  time: string;
  /** The IPC channel (or other place) the error came out of. */
  channel: string;
  /** The error's class name ("TypeError", "ZodError"); "non-error" for a thrown value that is not an Error. */
  kind: string;
  /** A system error code such as "ENOENT", when the error carries one. */
  code: string | null;
  /** The call sites of the stack ("at fn (main/index.js:12:3)"), without the message line. */
  stack: string[];
}

/** Where the log lives and how large it may grow. */
interface ErrorLogOptions {
  /** The log file; the previous one is kept beside it as `<file>.1`. */
  file: string;
  /** The app's own folder: call sites are shown relative to it. */
  appRoot: string;
  /** Rotate when the file would pass this many bytes (default 1 MB). */
  maxBytes?: number;
  /** Call sites kept per entry (default 30). */
  maxFrames?: number;
}

const DEFAULT_MAX_BYTES = 1_000_000;
const DEFAULT_MAX_FRAMES = 30;
// A system error code: capitals, digits and underscores, as Node and libuv name them.
const ERRNO_CODE = /^E[A-Z0-9_]{1,30}$/;
// A call site line of a V8 stack; anything else (the message, its continuation lines) is dropped.
const FRAME = /^\s*at\s+\S/;

/** Appends entries to the error log; never throws (a log that fails must not become the error). */
export class ErrorLog {
  private readonly maxBytes: number;
  private readonly maxFrames: number;

  constructor(private readonly opts: ErrorLogOptions) {
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxFrames = opts.maxFrames ?? DEFAULT_MAX_FRAMES;
  }

  /** Records `error`, which came out of `channel`; shaped to fit DispatchOptions.onInternalError. */
  readonly record = (error: unknown, channel: string): void => {
    try {
      this.append(`${JSON.stringify(this.entryFor(error, channel))}\n`);
    } catch {
      // Nowhere left to report it: the error itself was already answered as INTERNAL.
    }
  };

  /** What an entry holds for `error` (exported for the tests of what is left out). */
  entryFor(error: unknown, channel: string, now = new Date()): ErrorLogEntry {
    const isError = error instanceof Error;
    const rawCode =
      typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
    return {
      time: now.toISOString(),
      channel: channel.slice(0, 100),
      kind: isError ? safeName(error.name) : 'non-error',
      code: typeof rawCode === 'string' && ERRNO_CODE.test(rawCode) ? rawCode : null,
      stack: isError ? this.frames(error.stack ?? '') : [],
    };
  }

  private frames(stack: string): string[] {
    return stack
      .split('\n')
      .filter((line) => FRAME.test(line))
      .slice(0, this.maxFrames)
      .map((line) => this.relative(line.trim()));
  }

  private relative(frame: string): string {
    let out = frame.replace(/file:\/\/\/?/g, '/');
    for (const [prefix, shown] of [
      [this.opts.appRoot, ''],
      [os.homedir(), '~'],
    ] as const) {
      if (prefix.length > 1) out = out.split(prefix + path.sep).join(shown === '' ? '' : shown + path.sep);
    }
    return out;
  }

  private append(line: string): void {
    fs.mkdirSync(path.dirname(this.opts.file), { recursive: true, mode: 0o700 });
    let size = 0;
    try {
      size = fs.statSync(this.opts.file).size;
    } catch {
      // No log yet.
    }
    if (size > 0 && size + Buffer.byteLength(line) > this.maxBytes)
      fs.renameSync(this.opts.file, `${this.opts.file}.1`);
    fs.appendFileSync(this.opts.file, line, { mode: 0o600 });
  }
}

// An error's name is set by code, but a subclass may compute it: keep it to an identifier.
function safeName(name: string): string {
  return /^[A-Za-z_$][\w$]{0,60}$/.test(name) ? name : 'Error';
}
