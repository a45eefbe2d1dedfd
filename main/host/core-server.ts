/**
 * The core host's side: waits for its init, builds the services and the
 * handler table, and answers the main-role process's requests. Every window
 * request is validated here by dispatch(), as in-process IPC does; the main
 * role only checked where it came from.
 */
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { ErrorLog } from '../diagnostics/error-log';
import { preloadHandlers } from '../ipc/app.ipc';
import { dispatchByName, invalidInput, type DispatchOptions } from '../ipc/dispatch';
import { dispatchPreload } from '../ipc/handle';
import { createHandlerTable } from '../ipc/handlers';
import type { AppServices } from '../ipc/services';
import { serveItemMedia } from '../media/serve-media';
import { AutoLock, DEFAULT_AUTO_LOCK_MINUTES } from '../session/auto-lock';
import { registerParserLauncher } from '../ingest/parser-process';
import { hostServices } from './host-services';
import { relayedParserLauncher } from './parser-relay';
import type { HostPort } from './port';
import {
  CallSchema,
  HostInitSchema,
  MediaOpenSchema,
  NOTE_TO_HOST,
  NOTE_TO_MAIN,
  TO_HOST,
  type HostInit,
  type MediaHead,
} from './protocol';
import { HostRpc } from './rpc';

const LockSchema = z.object({ reason: z.enum(['user', 'idle', 'suspend', 'screen-lock', 'quit']) });
const ArriveSchema = z.object({ file: z.string().min(1).max(4096) });
const StreamSchema = z.object({ stream: z.number().int() });
const InputIdleSchema = z.object({ idleMs: z.number().nonnegative().nullable() });

/** A running core host. */
interface CoreServer {
  /** Resolves with the services once init has arrived (for the entry's shutdown). */
  ready: Promise<AppServices>;
  rpc: HostRpc;
}

function dispatchOptions(init: HostInit, rpc: HostRpc): DispatchOptions {
  const log = init.errorLog === null ? null : new ErrorLog(init.errorLog);
  return {
    validateResponse: init.validateResponse,
    onInternalError: (error, channel) => {
      log?.record(error, channel);
      if (init.reportInternalErrors) rpc.notify(NOTE_TO_MAIN.internalError, { channel, text: String(error) });
    },
  };
}

/** The auto-lock inside the host: the session's own idle clock, and the window's input idle time main reports. */
function startAutoLock(services: AppServices, rpc: HostRpc): AutoLock {
  let reported: { idleMs: number | null; at: number } = { idleMs: null, at: Date.now() };
  rpc.listen(NOTE_TO_HOST.inputIdle, (body) => {
    const parsed = InputIdleSchema.safeParse(body);
    if (parsed.success) reported = { idleMs: parsed.data.idleMs, at: Date.now() };
  });
  const autoLock = new AutoLock({
    session: services.session,
    tasks: services.tasks,
    limitMinutes: () => {
      try {
        return services.settings.current().autoLockMinutes;
      } catch {
        // Settings that cannot be read must not turn the lock off.
        return DEFAULT_AUTO_LOCK_MINUTES;
      }
    },
    inputIdleMs: () => (reported.idleMs === null ? null : reported.idleMs + (Date.now() - reported.at)),
  });
  autoLock.start();
  return autoLock;
}

/** Item media streams the main role is reading, by id: pulled one chunk per request, so memory stays bounded. */
function serveMedia(rpc: HostRpc, services: AppServices): void {
  const streams = new Map<number, { body: Readable; chunks: AsyncIterator<unknown> }>();
  let next = 1;
  rpc.serve(TO_HOST.mediaOpen, async (body): Promise<MediaHead> => {
    const req = MediaOpenSchema.parse(body);
    const reply = await serveItemMedia(services.session, req.itemId, req.range, { head: req.head });
    if (reply.body === null) return { status: reply.status, headers: reply.headers, stream: null };
    const stream = next++;
    streams.set(stream, { body: reply.body, chunks: reply.body[Symbol.asyncIterator]() });
    return { status: reply.status, headers: reply.headers, stream };
  });
  rpc.serve(TO_HOST.mediaPull, async (body) => {
    const { stream } = StreamSchema.parse(body);
    const open = streams.get(stream);
    if (open === undefined) return null;
    const step = await open.chunks.next();
    if (step.done === true) {
      streams.delete(stream);
      return null;
    }
    return new Uint8Array(step.value as Buffer);
  });
  rpc.serve(TO_HOST.mediaClose, async (body) => {
    const { stream } = StreamSchema.parse(body);
    streams.get(stream)?.body.destroy();
    streams.delete(stream);
    return {};
  });
}

function serveCalls(rpc: HostRpc, services: AppServices, init: HostInit): void {
  const table = createHandlerTable(services);
  const preload = preloadHandlers(services);
  const options = dispatchOptions(init, rpc);
  rpc.serve(TO_HOST.call, async (body) => {
    const { channel, raw } = CallSchema.parse(body);
    return dispatchByName(table, channel, raw, options);
  });
  rpc.serve(TO_HOST.preload, async (body) => {
    const { channel, raw } = CallSchema.parse(body);
    // One preload-only channel exists; anything else did not come from the preload.
    if (channel !== 'dialog:dropped-files') return invalidInput('There is no such preload channel.');
    return dispatchPreload(channel, preload[channel], raw, options);
  });
  rpc.serve(TO_HOST.lock, async (body) => {
    const { reason } = LockSchema.parse(body);
    services.tasks.cancelAll();
    await services.session.lock(reason);
    return {};
  });
  rpc.serve(TO_HOST.arrive, async (body) => {
    services.openedPackages.arrive(ArriveSchema.parse(body).file);
    return {};
  });
  rpc.listen(NOTE_TO_HOST.touch, () => services.session.touch());
  serveMedia(rpc, services);
}

/** Serves the core over `port`: init first, then the window's calls. */
export function serveCore(port: HostPort): CoreServer {
  const rpc = new HostRpc(port);
  let resolveReady: (services: AppServices) => void = () => undefined;
  const ready = new Promise<AppServices>((resolve) => {
    resolveReady = resolve;
  });
  let started = false;
  rpc.serve(TO_HOST.init, async (body) => {
    if (started) throw new Error('already started');
    const init = HostInitSchema.parse(body);
    started = true;
    if (init.parsersFromMain) registerParserLauncher(relayedParserLauncher(rpc));
    const services = hostServices(init, rpc);
    serveCalls(rpc, services, init);
    if (init.autoLock) startAutoLock(services, rpc);
    resolveReady(services);
    return {};
  });
  return { ready, rpc };
}
