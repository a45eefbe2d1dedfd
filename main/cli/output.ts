import { formatBytes } from '../../shared/format';
/** Writes one line to stdout. */
export function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Writes a JSON value as one line to stdout. */
export function outJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/**
 * A one-line progress bar on stderr, drawn only on a terminal and at most ten
 * times a second, so scripts and logs get clean output.
 */
export function progressBar(label: string, total: number): { update: (done: number) => void; finish: () => void } {
  const enabled = Boolean(process.stderr.isTTY) && total > 0;
  const started = Date.now();
  let last = 0;
  const draw = (done: number): void => {
    const ratio = Math.min(1, done / total);
    const width = 30;
    const filled = Math.round(ratio * width);
    const secs = Math.max(0.001, (Date.now() - started) / 1000);
    const rate = `${formatBytes(done / secs)}/s`;
    process.stderr.write(
      `\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ` +
        `${(ratio * 100).toFixed(0).padStart(3)}% ${formatBytes(done)} ${rate}   `,
    );
  };
  return {
    update(done) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      draw(done);
    },
    finish() {
      if (enabled) process.stderr.write('\r\x1b[K');
    },
  };
}

/** What a long operation gets from withProgress: a signal (Ctrl-C) and a progress callback in bytes. */
interface ProgressHooks {
  signal: AbortSignal;
  onProgress: (done: number, total: number) => void;
}

/**
 * Runs a long operation with a progress bar on stderr (on a terminal) and Ctrl-C to cancel it:
 * the operation sees the signal and stops with CANCELLED, keeping nothing.
 */
export async function withProgress<T>(label: string, run: (hooks: ProgressHooks) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  let bar: ReturnType<typeof progressBar> | null = null;
  try {
    return await run({
      signal: controller.signal,
      onProgress: (done, total) => {
        bar ??= progressBar(label, total);
        bar.update(done);
      },
    });
  } finally {
    (bar as ReturnType<typeof progressBar> | null)?.finish();
    process.off('SIGINT', onSigint);
  }
}
