/**
 * The vigil-app:// scheme: serves only files of the built renderer folder,
 * refuses anything that could step outside it, and sends the CSP with each file.
 * The media scheme (streaming decrypted recordings) will register beside it.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME, MEDIA_SCHEME } from './origin';
import { CONTENT_SECURITY_POLICY } from './security';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Registers the app's schemes as privileged; must run before the app is ready. */
export function registerSchemes(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    // standard: real origin and relative URLs; secure: counts as a secure context.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    // stream: media elements accept streamed (ranged) answers; corsEnabled: the PDF viewer fetches the bytes.
    // The media handler checks the page that asks.
    {
      scheme: MEDIA_SCHEME,
      privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

function safeSegment(encoded: string): string | null {
  let segment: string;
  try {
    segment = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  if (segment === '' || segment === '.' || segment === '..') return null;
  // Separators, drive letters and NULs inside one segment are tricks, never real asset names.
  if (/[/\\:\0]/.test(segment)) return null;
  return segment;
}

/** Maps a vigil-app URL to a file inside `rootDir`, or null when the URL is not a plain in-folder path. */
export function resolveAppPath(rawUrl: string, rootDir: string): string | null {
  // Encoded dots and separators have no business in asset URLs; refuse before any decoding.
  if (/%2e|%2f|%5c|%00|\\/i.test(rawUrl)) return null;
  // Dot segments are normalised away by URL parsing; a caller that sent them meant to climb out.
  if (/\/\.\.?(?:[/?#]|$)/.test(rawUrl)) return null;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  if (url.username !== '' || url.password !== '' || url.port !== '') return null;
  const pathname = url.pathname === '/' ? '/index.html' : url.pathname;
  const segments: string[] = [];
  for (const encoded of pathname.slice(1).split('/')) {
    const segment = safeSegment(encoded);
    if (segment === null) return null;
    segments.push(segment);
  }
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, ...segments);
  const relative = path.relative(root, resolved);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return resolved;
}

function headers(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
}

function refuse(status: number, text: string): Response {
  return new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
}

/** Answers one vigil-app request from `rootDir`. */
export async function serveAppRequest(request: Request, rootDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
  const file = resolveAppPath(request.url, rootDir);
  if (file === null) return refuse(400, 'Refused: not a file of the application');
  try {
    // lstat, not stat: a symbolic link in the folder is not followed out of it.
    const info = await fs.lstat(file);
    if (!info.isFile()) return refuse(404, 'Not found');
    const body = request.method === 'HEAD' ? null : await fs.readFile(file);
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(body, { status: 200, headers: headers(type) });
  } catch {
    return refuse(404, 'Not found');
  }
}

/** Installs the vigil-app handler; must run after the app is ready. */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rootDir));
}
