/**
 * Builds window.vigil from the channel list: one method per channel and an
 * event subscription, nothing else. Kept apart from index.ts so it can be
 * tested without Electron, and free of zod so the sandboxed preload stays small.
 */
import { CHANNELS, isEventName, methodName, type Channel } from '../../shared/channels';
import type { Result, VigilApi } from '../../shared/contract';
import { VigilError, type ErrorInfo } from '../../shared/errors';

/** The two IPC primitives the API is built on (ipcRenderer in the real preload). */
interface Bridge {
  invoke(channel: Channel, req: unknown): Promise<unknown>;
  /** Subscribes to an event; the listener gets the payload only, never the IPC event object. */
  subscribe(name: string, listener: (payload: unknown) => void): () => void;
  /** The path of a dropped file (webUtils.getPathForFile in the real preload). */
  pathForFile(file: File): string;
  /** Asks main for read grants of dropped files' paths (a preload-only channel, never on window.vigil). */
  grantDropped(paths: string[]): Promise<unknown>;
}

const UNREACHABLE: ErrorInfo = {
  code: 'INTERNAL',
  message:
    'The Vigil window could not reach the application core. Restart Vigil; if it keeps happening, report the problem.',
};

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  return ok === true ? 'value' in value : ok === false && 'error' in value;
}

async function call(bridge: Bridge, channel: Channel, req: unknown): Promise<Result<unknown>> {
  try {
    const answer = await bridge.invoke(channel, req);
    return isResult(answer) ? answer : { ok: false, error: UNREACHABLE };
  } catch {
    // ipcRenderer.invoke rejects when no handler exists or main failed; the page gets data, not a throw.
    return { ok: false, error: UNREACHABLE };
  }
}

/**
 * The on-disk paths of dropped files. Electron answers '' for a File that did not
 * come from the disk (one the page made itself), so the page cannot name a path
 * this way: only files the person really dropped or picked have one.
 */
function droppedPaths(bridge: Bridge, files: unknown): string[] {
  if (!Array.isArray(files)) return [];
  const paths: string[] = [];
  for (const file of files.slice(0, MAX_DROPPED)) {
    try {
      const p = bridge.pathForFile(file as File);
      if (typeof p === 'string' && p !== '') paths.push(p);
    } catch {
      // Not a File: nothing to grant.
    }
  }
  return paths;
}

/** The most files one drop is granted (the add-files request takes as many). */
const MAX_DROPPED = 10_000;

/** The window.vigil object for a bridge. */
export function buildApi(bridge: Bridge): VigilApi {
  const api: Record<string, unknown> = {};
  for (const channel of CHANNELS) {
    api[methodName(channel)] = (req: unknown) => call(bridge, channel, req);
  }
  api['onEvent'] = (name: unknown, cb: unknown) => {
    if (!isEventName(name)) throw new VigilError('INVALID_INPUT', `There is no Vigil event named ${String(name)}.`);
    if (typeof cb !== 'function') throw new VigilError('INVALID_INPUT', 'onEvent needs a callback function.');
    return bridge.subscribe(name, (payload) => {
      (cb as (payload: unknown) => void)(payload);
    });
  };
  api['grantDroppedFiles'] = async (files: unknown): Promise<Result<unknown>> => {
    const paths = droppedPaths(bridge, files);
    if (paths.length === 0) return { ok: true, value: { files: [] } };
    try {
      const answer = await bridge.grantDropped(paths);
      return isResult(answer) ? answer : { ok: false, error: UNREACHABLE };
    } catch {
      return { ok: false, error: UNREACHABLE };
    }
  };
  // The loop builds exactly the mapped type VigilApi describes; the preload tests check the key set.
  return Object.freeze(api) as unknown as VigilApi;
}
