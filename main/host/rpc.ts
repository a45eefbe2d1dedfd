/**
 * Requests, answers and one-way notes over a HostPort, the same on both ends.
 * Each side names what it serves (`serve(kind, fn)`) and what it listens to
 * (`listen(kind, fn)`); a message of any other shape or kind is dropped, and a
 * failed handler answers with a fixed text, never the error's own message (it
 * may hold a path or a secret).
 */
import type { HostPort } from './port';

/** One message on the wire. */
type Wire =
  | { t: 'req'; id: number; kind: string; body: unknown }
  | { t: 'res'; id: number; ok: true; value: unknown }
  | { t: 'res'; id: number; ok: false; message: string }
  | { t: 'note'; kind: string; body: unknown };

/** The answer when a handler failed unexpectedly or the other side went away. */
export class HostRpcError extends Error {
  override readonly name = 'HostRpcError';
}

const HANDLER_FAILED = 'The request failed in the other process.';
const CLOSED = 'The other process is gone.';

function isWire(value: unknown): value is Wire {
  if (value === null || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  if (m['t'] === 'req') return Number.isSafeInteger(m['id']) && typeof m['kind'] === 'string';
  if (m['t'] === 'res') return Number.isSafeInteger(m['id']) && typeof m['ok'] === 'boolean';
  return m['t'] === 'note' && typeof m['kind'] === 'string';
}

/** One end of the conversation. */
export class HostRpc {
  private nextId = 1;
  private closed = false;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly served = new Map<string, (body: unknown) => Promise<unknown>>();
  private readonly listeners = new Map<string, (body: unknown) => void>();
  private readonly closeListeners: (() => void)[] = [];

  constructor(private readonly port: HostPort) {
    port.onMessage((message) => this.receive(message));
    port.onClose(() => this.close());
  }

  /** Answers requests of `kind` with `fn` (its result must be structured-cloneable). */
  serve(kind: string, fn: (body: unknown) => Promise<unknown>): void {
    this.served.set(kind, fn);
  }

  /** Hears notes of `kind`. */
  listen(kind: string, fn: (body: unknown) => void): void {
    this.listeners.set(kind, fn);
  }

  /** Called once when the other side is gone. */
  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.closeListeners.push(fn);
  }

  /** Asks the other side; rejects with HostRpcError if it fails or goes away. */
  request(kind: string, body: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new HostRpcError(CLOSED));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.port.post({ t: 'req', id, kind, body } satisfies Wire);
    });
  }

  /** Tells the other side something that needs no answer. */
  notify(kind: string, body: unknown): void {
    if (!this.closed) this.port.post({ t: 'note', kind, body } satisfies Wire);
  }

  /** Marks the other side gone: every pending request fails, later ones fail at once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const { reject } of this.pending.values()) reject(new HostRpcError(CLOSED));
    this.pending.clear();
    for (const fn of this.closeListeners.splice(0)) fn();
  }

  private receive(message: unknown): void {
    if (!isWire(message)) return;
    switch (message.t) {
      case 'req':
        void this.answer(message.id, message.kind, message.body);
        return;
      case 'res': {
        const waiting = this.pending.get(message.id);
        if (waiting === undefined) return;
        this.pending.delete(message.id);
        if (message.ok) waiting.resolve(message.value);
        else waiting.reject(new HostRpcError(message.message));
        return;
      }
      case 'note':
        this.listeners.get(message.kind)?.(message.body);
        return;
    }
  }

  private async answer(id: number, kind: string, body: unknown): Promise<void> {
    const fn = this.served.get(kind);
    let reply: Wire;
    if (fn === undefined) reply = { t: 'res', id, ok: false, message: `Unknown request kind ${kind.slice(0, 40)}.` };
    else {
      try {
        reply = { t: 'res', id, ok: true, value: await fn(body) };
      } catch {
        reply = { t: 'res', id, ok: false, message: HANDLER_FAILED };
      }
    }
    if (!this.closed) this.port.post(reply);
  }
}
