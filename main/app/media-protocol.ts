/**
 * The vigil-media:// scheme: streams an item's decrypted content (with byte
 * ranges) to the app's own page only, and only while the vault is unlocked.
 * URLs are vigil-media://media/<item id>.
 */
import { Readable } from 'node:stream';
import type { Protocol } from 'electron';
import { serveItemMedia, type VaultSource } from '../media/serve-media';
import { MEDIA_SCHEME } from './origin';

/** The only host of MEDIA_SCHEME. */
const MEDIA_HOST = 'media';

/**
 * A request as protocol.handle gives it; newer Electron adds the origin that issued it (not controlled by the page).
 */
type MediaRequest = Request & { initiatorOrigin?: string | undefined };

function refuse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

function originOfUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
  } catch {
    return null;
  }
}

/**
 * True when the request comes from one of `origins`. Electron's initiatorOrigin is
 * preferred (the page cannot forge it); without it, the referrer, then the Origin header.
 */
export function isFromApp(request: MediaRequest, origins: readonly string[]): boolean {
  if ('initiatorOrigin' in request && request.initiatorOrigin !== undefined)
    return origins.includes(request.initiatorOrigin);
  const pageReferrer =
    request.referrer !== '' && request.referrer !== 'about:client' ? request.referrer : request.headers.get('referer');
  const claimed = pageReferrer ? originOfUrl(pageReferrer) : request.headers.get('origin');
  return claimed !== null && origins.includes(claimed);
}

/** The item id of a vigil-media URL, or null when the URL is not one. */
export function mediaItemId(rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (
    url.protocol !== `${MEDIA_SCHEME}:` ||
    url.host !== MEDIA_HOST ||
    url.search !== '' ||
    url.username !== '' ||
    url.port !== ''
  )
    return null;
  const id = decodeURIComponent(url.pathname.slice(1));
  return /^[0-9a-zA-Z-]{1,64}$/.test(id) ? id : null;
}

/** An item's decrypted content as an answer; what the hosted core's main role asks the host for. */
type MediaOpener = (
  itemId: string,
  range: string | null,
  opts: { head: boolean },
) => Promise<{ status: number; headers: Record<string, string>; body: Readable | null }>;

/** Answers one vigil-media request from the open vault (in-process) or through `vaults` as an opener (hosted). */
export async function serveMediaRequest(
  request: MediaRequest,
  vaults: VaultSource | MediaOpener,
  origins: readonly string[],
): Promise<Response> {
  if (!isFromApp(request, origins)) return refuse(403, 'Refused: only the Vigil window may load evidence.');
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
  const itemId = mediaItemId(request.url);
  if (itemId === null) return refuse(400, 'Refused: not an item address.');
  const range = request.headers.get('range');
  const head = { head: request.method === 'HEAD' };
  const reply =
    typeof vaults === 'function'
      ? await vaults(itemId, range, head)
      : await serveItemMedia(vaults, itemId, range, head);
  const body = reply.body === null ? null : (Readable.toWeb(reply.body) as ReadableStream<Uint8Array>);
  // The page's fetch (PDF viewer) is cross-origin: name the asking origin, already checked above, and no other.
  const origin = request.initiatorOrigin ?? request.headers.get('origin');
  const cors: Record<string, string> =
    origin !== null && origins.includes(origin) ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
  return new Response(body, { status: reply.status, headers: { ...reply.headers, ...cors } });
}

/** Installs the vigil-media handler; must run after the app is ready. */
export function serveMediaProtocol(
  protocol: Pick<Protocol, 'handle'>,
  vaults: VaultSource | MediaOpener,
  origins: readonly string[],
): void {
  protocol.handle(MEDIA_SCHEME, (request) => serveMediaRequest(request, vaults, origins));
}
