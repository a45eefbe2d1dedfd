import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Protocol } from 'electron';
import { registerSchemes, resolveAppPath, serveAppProtocol, serveAppRequest } from '../../../main/app/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../main/app/security';

let base = '';
let root = '';

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Vigil</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'export {};');
  // A secret beside the served folder: nothing below may reach it.
  fs.writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET');
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.js'));
});

afterAll(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET'): Promise<Response> => serveAppRequest(new Request(url, { method }), root);

describe('app/protocol/serveAppRequest', () => {
  it('serves index.html with the CSP, nosniff and an HTML type', async () => {
    const response = await get('vigil-app://app/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Vigil</title>');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('serves the root as index.html and scripts as JavaScript', async () => {
    expect(await (await get('vigil-app://app/')).text()).toContain('Vigil');
    const script = await get('vigil-app://app/assets/index-abc.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('refuses traversal, encoded dots and separators, absolute paths and other hosts', async () => {
    for (const url of [
      'vigil-app://app/../../etc/passwd',
      'vigil-app://app/../secret.txt',
      'vigil-app://app/assets/../../secret.txt',
      'vigil-app://app/%2e%2e/secret.txt',
      'vigil-app://app/%2E%2E/%2e%2e/etc/passwd',
      'vigil-app://app/%2e%2e%2fsecret.txt',
      'vigil-app://app/..%2fsecret.txt',
      'vigil-app://app/..%5csecret.txt',
      'vigil-app://app//etc/passwd',
      'vigil-app://app/%2Fetc%2Fpasswd',
      'vigil-app:///etc/passwd',
      'vigil-app://app/C:%5CWindows%5Cwin.ini',
      'vigil-app://app/C:/Windows/win.ini',
      'vigil-app://app/index.html%00.js',
      'vigil-app://evil/index.html',
    ]) {
      const response = await get(url);
      expect(response.status, url).not.toBe(200);
      const body = await response.text();
      expect(body, url).not.toContain('TOP SECRET');
      expect(body, url).not.toContain('root:');
    }
  });

  it('does not follow a symbolic link out of the folder, nor serve a directory', async () => {
    expect((await get('vigil-app://app/assets/link.js')).status).toBe(404);
    expect((await get('vigil-app://app/assets')).status).toBe(404);
    expect((await get('vigil-app://app/missing.js')).status).toBe(404);
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('vigil-app://app/index.html', 'POST')).status).toBe(405);
    const head = await get('vigil-app://app/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('app/protocol/resolveAppPath', () => {
  it('resolves plain paths inside the folder and refuses raw dot segments', () => {
    expect(resolveAppPath('vigil-app://app/assets/index-abc.js', root)).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath('vigil-app://app/../../etc/passwd', root)).toBeNull();
    expect(resolveAppPath('vigil-app://app/./index.html', root)).toBeNull();
    expect(resolveAppPath('https://app/index.html', root)).toBeNull();
    expect(resolveAppPath('vigil-app://user@app/index.html', root)).toBeNull();
    expect(resolveAppPath('vigil-app://app:99/index.html', root)).toBeNull();
  });
});

describe('app/protocol/registerSchemes', () => {
  it('registers vigil-app as a standard, secure scheme, and vigil-media for streaming', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerSchemes(protocol as unknown as Protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'vigil-app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      {
        scheme: 'vigil-media',
        privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true, corsEnabled: true },
      },
    ]);
  });
});

describe('app/protocol/serveAppProtocol', () => {
  it('installs a handler for vigil-app that serves from the folder', async () => {
    const protocol = { handle: vi.fn() };
    serveAppProtocol(protocol as unknown as Protocol, root);
    expect(protocol.handle).toHaveBeenCalledWith('vigil-app', expect.any(Function));
    const handler = protocol.handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
    expect((await handler(new Request('vigil-app://app/index.html'))).status).toBe(200);
    expect((await handler(new Request('vigil-app://app/%2e%2e%2fsecret.txt'))).status).toBe(400);
  });
});
