import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Protocol } from 'electron';
import { VigilError } from '../../../shared/errors';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { isFromApp, mediaItemId, serveMediaProtocol, serveMediaRequest } from '../../../main/app/media-protocol';
import { serveItemMedia } from '../../../main/media/serve-media';
import type { Vault } from '../../../main/vault/vault';
import { newTestVault, tempDir } from '../../helpers/vault';

const ORIGINS = ['vigil-app://app'];
let vault: Vault;
let itemId = '';
const vaults = { requireVault: (): Vault => vault };

/** A request as Electron's protocol.handle gives it, with the origin that issued it. */
function mediaRequest(
  url: string,
  init: { initiatorOrigin?: string; range?: string; method?: string } = {},
): Request & { initiatorOrigin?: string } {
  const request = new Request(url, {
    method: init.method ?? 'GET',
    headers: init.range ? { range: init.range } : {},
  }) as Request & { initiatorOrigin?: string };
  if (init.initiatorOrigin !== undefined)
    Object.defineProperty(request, 'initiatorOrigin', { value: init.initiatorOrigin });
  return request;
}

beforeEach(async () => {
  ({ vault } = await newTestVault());
  const file = path.join(tempDir(), 'note.txt');
  writeFileSync(file, 'The parcel was returned unopened.');
  itemId = (await addFileItem(vault, file)).id;
});

afterEach(async () => {
  await vault.close();
});

describe('app/media-protocol/serveMediaRequest', () => {
  it('streams an item to the app page, with ranges', async () => {
    const whole = await serveMediaRequest(
      mediaRequest(`vigil-media://media/${itemId}`, { initiatorOrigin: 'vigil-app://app' }),
      vaults,
      ORIGINS,
    );
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(whole.headers.get('cache-control')).toBe('no-store');
    expect(whole.headers.get('x-content-type-options')).toBe('nosniff');
    expect(whole.headers.get('access-control-allow-origin')).toBe('vigil-app://app');
    expect(await whole.text()).toBe('The parcel was returned unopened.');
    const part = await serveMediaRequest(
      mediaRequest(`vigil-media://media/${itemId}`, { initiatorOrigin: 'vigil-app://app', range: 'bytes=4-9' }),
      vaults,
      ORIGINS,
    );
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 4-9/33');
    expect(await part.text()).toBe('parcel');
  });

  it('answers through an opener (the hosted core) with the same checks: the origin first, then the opener', async () => {
    const asked: [string, string | null, { head: boolean }][] = [];
    const opener = async (id: string, range: string | null, opts: { head: boolean }) => {
      asked.push([id, range, opts]);
      return serveItemMedia(vaults, id, range, opts);
    };
    const url = `vigil-media://media/${itemId}`;
    const part = await serveMediaRequest(
      mediaRequest(url, { initiatorOrigin: 'vigil-app://app', range: 'bytes=4-9' }),
      opener,
      ORIGINS,
    );
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('parcel');
    expect(asked).toEqual([[itemId, 'bytes=4-9', { head: false }]]);
    const refused = await serveMediaRequest(
      mediaRequest(url, { initiatorOrigin: 'https://evil.example' }),
      opener,
      ORIGINS,
    );
    expect(refused.status).toBe(403);
    expect(asked).toHaveLength(1);
  });

  it('refuses with 403 a request from another origin, from no page, or with a forged referrer', async () => {
    const url = `vigil-media://media/${itemId}`;
    for (const request of [
      mediaRequest(url, { initiatorOrigin: 'https://evil.example' }),
      mediaRequest(url, { initiatorOrigin: 'null' }),
      mediaRequest(url),
    ]) {
      const response = await serveMediaRequest(request, vaults, ORIGINS);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('parcel');
    }
    // initiatorOrigin is what counts when Electron gives it: a referrer cannot vouch for another page.
    const forged = new Request(url, {
      referrer: 'about:client',
      headers: { referer: 'vigil-app://app/index.html' },
    }) as Request & { initiatorOrigin?: string };
    Object.defineProperty(forged, 'initiatorOrigin', { value: 'https://evil.example' });
    expect((await serveMediaRequest(forged, vaults, ORIGINS)).status).toBe(403);
  });

  it(
    'answers 403 while the vault is locked, 404 for an ' + 'unknown item, 400 for a bad address, 405 for other methods',
    async () => {
      const locked = {
        requireVault: (): Vault => {
          throw new VigilError('VAULT_LOCKED', 'locked');
        },
      };
      const from = { initiatorOrigin: 'vigil-app://app' };
      expect(
        (await serveMediaRequest(mediaRequest(`vigil-media://media/${itemId}`, from), locked, ORIGINS)).status,
      ).toBe(403);
      expect(
        (
          await serveMediaRequest(
            mediaRequest('vigil-media://media/00000000-0000-4000-8000-000000000000', from),
            vaults,
            ORIGINS,
          )
        ).status,
      ).toBe(404);
      expect((await serveMediaRequest(mediaRequest('vigil-media://other/abc', from), vaults, ORIGINS)).status).toBe(
        400,
      );
      expect(
        (
          await serveMediaRequest(
            mediaRequest(`vigil-media://media/${itemId}`, { ...from, method: 'POST' }),
            vaults,
            ORIGINS,
          )
        ).status,
      ).toBe(405);
    },
  );
});

describe('app/media-protocol/isFromApp and mediaItemId', () => {
  it('falls back to the referrer only when Electron gives no initiator', () => {
    const withReferer = new Request('vigil-media://media/x', { headers: { referer: 'vigil-app://app/index.html' } });
    expect(isFromApp(withReferer, ORIGINS)).toBe(true);
    expect(
      isFromApp(new Request('vigil-media://media/x', { headers: { referer: 'https://evil.example/' } }), ORIGINS),
    ).toBe(false);
  });

  it('reads the item id and refuses other hosts, queries and odd ids', () => {
    expect(mediaItemId('vigil-media://media/abc-123')).toBe('abc-123');
    expect(mediaItemId('vigil-media://media/abc?x=1')).toBeNull();
    expect(mediaItemId('vigil-media://media/..%2fvault.db')).toBeNull();
    expect(mediaItemId('vigil-app://media/abc')).toBeNull();
  });
});

describe('app/media-protocol/serveMediaProtocol', () => {
  it('installs a handler for vigil-media', async () => {
    const protocol = { handle: vi.fn() };
    serveMediaProtocol(protocol as unknown as Protocol, vaults, ORIGINS);
    expect(protocol.handle).toHaveBeenCalledWith('vigil-media', expect.any(Function));
    const handler = protocol.handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
    expect(
      (await handler(mediaRequest(`vigil-media://media/${itemId}`, { initiatorOrigin: 'https://evil.example' })))
        .status,
    ).toBe(403);
  });
});
