import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { App, Session } from 'electron';
import {
  applySessionPolicy,
  CONTENT_SECURITY_POLICY,
  hardenProcess,
  isAllowedRequestUrl,
  type NetworkPolicy,
} from '../../../main/app/security';
import { fakeSession, fakeWebContents } from './fakes';

const production: NetworkPolicy = { allowDevTools: false };
const development: NetworkPolicy = { allowDevTools: true, devServerOrigin: 'http://localhost:5173' };

describe('app/security/CONTENT_SECURITY_POLICY', () => {
  it('is the strict policy of the design', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data: vigil-media:; " +
        "media-src 'self' vigil-media:; font-src 'self'; connect-src 'self' vigil-media:; object-src 'none'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('is repeated in renderer/index.html, less frame-ancestors (a header-only directive)', () => {
    const html = fs.readFileSync(path.resolve(import.meta.dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});

describe('app/security/isAllowedRequestUrl', () => {
  it('cancels every network and file URL', () => {
    for (const url of [
      'https://example.org',
      'http://127.0.0.1',
      'http://localhost:5173/',
      'file:///etc/passwd',
      'ws://127.0.0.1:9222',
      'ftp://example.org/',
      'vigil-app://evil/index.html',
      'vigil-app://app:8080/index.html',
      'blob:https://example.org/3c2b',
      'devtools://devtools/bundled/inspector.html',
      'chrome-extension://abc/x.js',
      'not a url',
    ]) {
      expect(isAllowedRequestUrl(url, production), url).toBe(false);
    }
  });

  it("allows the app's own scheme, its blobs and inline data", () => {
    for (const url of [
      'vigil-app://app/index.html',
      'vigil-app://app/assets/index-abc.js',
      'blob:vigil-app://app/3c2b',
      'data:image/png;base64,AA==',
    ]) {
      expect(isAllowedRequestUrl(url, production), url).toBe(true);
    }
  });

  it('in development also allows devtools and the loopback dev server, nothing else', () => {
    expect(isAllowedRequestUrl('devtools://devtools/bundled/inspector.html', development)).toBe(true);
    expect(isAllowedRequestUrl('http://localhost:5173/@vite/client', development)).toBe(true);
    expect(isAllowedRequestUrl('ws://localhost:5173/', development)).toBe(true);
    expect(isAllowedRequestUrl('http://localhost:5174/', development)).toBe(false);
    expect(isAllowedRequestUrl('https://example.org', development)).toBe(false);
  });
});

describe('app/security/applySessionPolicy', () => {
  const ses = fakeSession();
  applySessionPolicy(ses as unknown as Session, production);

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      ses.handlers['request']?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(ses.handlers['check']?.({}, permission, 'vigil-app://app', {})).toBe(false);
    }
    expect(ses.handlers['device']?.({ deviceType: 'usb' })).toBe(false);
  });

  it('cancels requests to the network and lets the app scheme through', () => {
    const decide = (url: string): unknown => {
      const callback = vi.fn();
      ses.handlers['beforeRequest']?.({ url }, callback);
      return callback.mock.calls[0]?.[0];
    };
    expect(decide('https://example.org')).toEqual({ cancel: true });
    expect(decide('http://127.0.0.1')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
    expect(decide('vigil-app://app/index.html')).toEqual({ cancel: false });
  });

  it('turns off the spellchecker and refuses downloads', () => {
    expect(ses.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
    const preventDefault = vi.fn();
    ses.handlers['will-download']?.({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });
});

describe('app/security/hardenProcess', () => {
  it('enables the sandbox and locks navigation of every webContents created', () => {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    const app = {
      enableSandbox: vi.fn(),
      on: vi.fn((event: string, l: (...args: unknown[]) => void) => listeners.set(event, l)),
    };
    hardenProcess(app as unknown as App);
    expect(app.enableSandbox).toHaveBeenCalled();
    const contents = fakeWebContents(7);
    listeners.get('web-contents-created')?.({}, contents);
    expect(contents.fire('will-navigate', 'https://example.org/')).toBe(true);
    expect(contents.openWindow('https://example.org/')).toEqual({ action: 'deny' });
  });
});
