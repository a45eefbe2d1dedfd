/**
 * Text extraction for a core host inside Electron (docs/DESIGN.md §1, "The core
 * host"; §7). The parsing process must be a process of its own that holds no
 * key, and inside Electron only the main process can start one (a
 * utilityProcess: child_process.fork would need ELECTRON_RUN_AS_NODE, which the
 * fuses disable). So the host asks main to start it, and main relays the
 * messages both ways: the host's side is a ParserLauncher like any other, main's
 * side starts the program itself (the host names neither the program nor the
 * environment) and forwards what the parser says.
 */
import { z } from 'zod';
import { childEnvironment, type ParserLauncher } from '../ingest/parser-process';
import { resolveExtractWorker } from '../ingest/worker-path';
import { NOTE_TO_HOST, NOTE_TO_MAIN, TO_MAIN } from './protocol';
import type { HostRpc } from './rpc';

/** Heap limits a host may ask for, in MB. */
const StartSchema = z.object({ maxOldSpaceMb: z.number().int().min(16).max(8192) });
const IdSchema = z.object({ id: z.number().int().positive() });
const PostSchema = IdSchema.extend({ message: z.unknown() });
const FromParserSchema = IdSchema.extend({ message: z.unknown() });
const ExitSchema = IdSchema.extend({ code: z.number().int().nullable(), signal: z.string().nullable() });
const StartedSchema = z.object({ id: z.number().int().positive(), pid: z.number().int().positive().nullable() });

/** More parsers at once than a host ever runs (it extracts one file at a time) means something is wrong. */
const MAX_RUNNING = 8;

/** Main's side: starts parser processes for the host with `launcher` and relays their messages. */
export function serveParserRelay(rpc: HostRpc, launcher: ParserLauncher): void {
  const running = new Map<number, ReturnType<ParserLauncher['launch']>>();
  let next = 1;
  rpc.serve(TO_MAIN.parserStart, async (body) => {
    const { maxOldSpaceMb } = StartSchema.parse(body);
    if (running.size >= MAX_RUNNING) throw new Error('too many parser processes');
    const id = next++;
    const child = launcher.launch(resolveExtractWorker(), { maxOldSpaceMb, env: childEnvironment() });
    running.set(id, child);
    child.onMessage((message) => rpc.notify(NOTE_TO_HOST.parserMessage, { id, message }));
    child.onExit((code, signal) => {
      running.delete(id);
      rpc.notify(NOTE_TO_HOST.parserExit, { id, code, signal });
    });
    return { id, pid: child.pid ?? null };
  });
  rpc.listen(NOTE_TO_MAIN.parserPost, (body) => {
    const note = PostSchema.safeParse(body);
    if (note.success) running.get(note.data.id)?.post(note.data.message);
  });
  rpc.listen(NOTE_TO_MAIN.parserKill, (body) => {
    const note = IdSchema.safeParse(body);
    if (note.success) running.get(note.data.id)?.kill();
  });
  // A host that goes away takes its parsers with it.
  rpc.onClose(() => {
    for (const child of running.values()) child.kill();
    running.clear();
  });
}

/** What the host's side of one relayed parser waits for: its one answer, and its end. */
interface RelayedListeners {
  onMessage: ((message: unknown) => void) | null;
  onExit: ((code: number | null, signal: string | null) => void)[];
}

/** The host's side: a ParserLauncher whose processes main starts and relays. */
export function relayedParserLauncher(rpc: HostRpc): ParserLauncher {
  const byId = new Map<number, RelayedListeners>();
  rpc.listen(NOTE_TO_HOST.parserMessage, (body) => {
    const note = FromParserSchema.safeParse(body);
    if (!note.success) return;
    const entry = byId.get(note.data.id);
    const listener = entry?.onMessage;
    // One answer per request, as a parser process gives.
    if (entry !== undefined) entry.onMessage = null;
    listener?.(note.data.message);
  });
  rpc.listen(NOTE_TO_HOST.parserExit, (body) => {
    const note = ExitSchema.safeParse(body);
    if (!note.success) return;
    const entry = byId.get(note.data.id);
    byId.delete(note.data.id);
    for (const fn of entry?.onExit ?? []) fn(note.data.code, note.data.signal);
  });
  return {
    kind: 'utility-process',
    launch(_entry, opts) {
      // main starts its own copy of the program, with its own clean environment: only the heap limit is asked for.
      let id: number | null = null;
      let pid: number | undefined;
      let killed = false;
      const queued: unknown[] = [];
      const entry: RelayedListeners = { onMessage: null, onExit: [] };
      const exitNow = (code: number | null, signal: string | null): void => {
        for (const fn of entry.onExit.splice(0)) fn(code, signal);
      };
      rpc.request(TO_MAIN.parserStart, { maxOldSpaceMb: opts.maxOldSpaceMb }).then(
        (answer) => {
          const started = StartedSchema.parse(answer);
          id = started.id;
          pid = started.pid ?? undefined;
          byId.set(id, entry);
          if (killed) rpc.notify(NOTE_TO_MAIN.parserKill, { id });
          else for (const message of queued.splice(0)) rpc.notify(NOTE_TO_MAIN.parserPost, { id, message });
        },
        // main could not start it: the extraction fails as a parser that died would.
        () => exitNow(null, null),
      );
      return {
        get pid() {
          return pid;
        },
        post: (message) => {
          if (id === null) queued.push(message);
          else rpc.notify(NOTE_TO_MAIN.parserPost, { id, message });
        },
        onMessage: (listener) => {
          entry.onMessage = listener;
        },
        onExit: (listener) => {
          entry.onExit.push(listener);
        },
        kill: () => {
          killed = true;
          if (id !== null) rpc.notify(NOTE_TO_MAIN.parserKill, { id });
        },
      };
    },
  };
}
