/**
 * The main-role side of the hosted core: forwards the window's calls (already
 * checked for their sender, still unparsed) to the core host, answers its
 * dialog requests, and passes its events and clipboard writes on. Any failure
 * of the host itself becomes an INTERNAL Result, as a thrown handler would.
 */
import { Readable } from 'node:stream';
import { z } from 'zod';
import { isEventName, type EventName } from '../../shared/channels';
import type { EventPayload, Result } from '../../shared/contract';
import type { ParserLauncher } from '../ingest/parser-process';
import type { Dialogs } from '../ipc/services';
import type { LockReason } from '../session/vault-session';
import type { HostPort } from './port';
import {
  DialogAskSchema,
  NOTE_TO_HOST,
  NOTE_TO_MAIN,
  TO_HOST,
  TO_MAIN,
  type HostInit,
  type MediaHead,
} from './protocol';
import { serveParserRelay } from './parser-relay';
import { HostRpc } from './rpc';

/** What stays in the main-role process: the parts that need the window or the desktop. */
export interface MainSide {
  dialogs: Dialogs;
  writeSecretToClipboard(text: string, clearAfterMs: number): void;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Starts text-extraction processes the host asks for (HostInit.parsersFromMain; parser-relay.ts). */
  parsers?: ParserLauncher;
  /** Unexpected errors' text, when the host was told to report them (tests). */
  onInternalError?: (channel: string, text: string) => void;
}

const HOST_GONE =
  'The part of Vigil that holds the vault stopped unexpectedly, so this was not done. Vigil starts it again ' +
  'and locks the vault: unlock it and try again. Everything saved before is kept.';

const Title = z.string().max(500).optional();
const OpenFilesOpts = z.object({
  title: Title,
  multiple: z.boolean(),
  filters: z.array(z.object({ name: z.string().max(200), extensions: z.array(z.string().max(20)) })).optional(),
});
const FolderOpts = z.object({ title: Title, create: z.boolean() });
const SaveOpts = z.object({ title: Title, defaultName: z.string().max(500).optional() });
const ClipboardNote = z.object({ text: z.string(), clearAfterMs: z.number().int().nonnegative() });
const InternalNote = z.object({ channel: z.string(), text: z.string() });

/** A media answer from the host: status, headers and the body as a stream pulled from the host. */
interface HostedMediaReply {
  status: number;
  headers: Record<string, string>;
  body: Readable | null;
}

/** The core host as the main-role process sees it. */
export class HostedCore {
  private readonly rpc: HostRpc;

  constructor(port: HostPort, main: MainSide) {
    this.rpc = new HostRpc(port);
    this.rpc.serve(TO_MAIN.dialog, async (body) => {
      const ask = DialogAskSchema.parse(body);
      switch (ask.op) {
        case 'openFiles':
          return main.dialogs.openFiles(OpenFilesOpts.parse(ask.opts));
        case 'chooseFolder':
          return main.dialogs.chooseFolder(FolderOpts.parse(ask.opts));
        case 'saveFile':
          return main.dialogs.saveFile(SaveOpts.parse(ask.opts));
      }
    });
    this.rpc.listen(NOTE_TO_MAIN.event, (body) => {
      const note = body as { name?: unknown; payload?: unknown } | null;
      if (note !== null && typeof note === 'object' && isEventName(note.name))
        main.emit(note.name, note.payload as EventPayload<EventName>);
    });
    this.rpc.listen(NOTE_TO_MAIN.clipboard, (body) => {
      const note = ClipboardNote.safeParse(body);
      if (note.success) main.writeSecretToClipboard(note.data.text, note.data.clearAfterMs);
    });
    if (main.parsers !== undefined) serveParserRelay(this.rpc, main.parsers);
    this.rpc.listen(NOTE_TO_MAIN.internalError, (body) => {
      const note = InternalNote.safeParse(body);
      if (note.success) main.onInternalError?.(note.data.channel, note.data.text);
    });
  }

  /** Sets the host up; call once, before anything else. */
  async start(init: HostInit): Promise<void> {
    await this.rpc.request(TO_HOST.init, init);
  }

  /** Called once if the host goes away. */
  onClose(fn: () => void): void {
    this.rpc.onClose(fn);
  }

  /** Forwards one window request (channel and request as the window sent them); never throws. */
  call(channel: unknown, raw: unknown): Promise<Result<unknown>> {
    return this.resultOf(TO_HOST.call, { channel, raw });
  }

  /** Forwards one preload-only request; never throws. */
  callPreload(channel: string, raw: unknown): Promise<Result<unknown>> {
    return this.resultOf(TO_HOST.preload, { channel, raw });
  }

  /** Cancels the host's tasks and locks its vault (menu, suspend, quit). */
  async lock(reason: LockReason): Promise<void> {
    await this.rpc.request(TO_HOST.lock, { reason }).catch(() => undefined);
  }

  /** A package the operating system asked the app to open. */
  async arrive(file: string): Promise<void> {
    await this.rpc.request(TO_HOST.arrive, { file }).catch(() => undefined);
  }

  /** Someone pressed a key in the window. */
  touch(): void {
    this.rpc.notify(NOTE_TO_HOST.touch, {});
  }

  /** The window's input idle time for the auto-lock, or null when the window is not in front. */
  reportInputIdle(idleMs: number | null): void {
    this.rpc.notify(NOTE_TO_HOST.inputIdle, { idleMs });
  }

  /** Opens an item's decrypted content; the body is pulled from the host as it is read. */
  async media(itemId: string, range: string | null, head: boolean): Promise<HostedMediaReply> {
    const answer = (await this.rpc.request(TO_HOST.mediaOpen, { itemId, range, head })) as MediaHead;
    const stream = answer.stream;
    if (stream === null) return { status: answer.status, headers: answer.headers, body: null };
    const rpc = this.rpc;
    const body = new Readable({
      read() {
        rpc.request(TO_HOST.mediaPull, { stream }).then(
          (chunk) => this.push(chunk instanceof Uint8Array ? Buffer.from(chunk) : null),
          (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
        );
      },
      destroy(error, callback) {
        rpc.request(TO_HOST.mediaClose, { stream }).catch(() => undefined);
        callback(error);
      },
    });
    return { status: answer.status, headers: answer.headers, body };
  }

  private async resultOf(kind: string, body: unknown): Promise<Result<unknown>> {
    try {
      return (await this.rpc.request(kind, body)) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: HOST_GONE } };
    }
  }
}
