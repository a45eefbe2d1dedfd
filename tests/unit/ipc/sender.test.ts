import { describe, expect, it } from 'vitest';
import { createSenderCheck, originOf } from '../../../main/ipc/sender';
import { fakeEvent } from './fakes';

const check = createSenderCheck({ origins: ['vigil-app://app'], isOwnContents: (contents) => contents.id === 1 });

describe('ipc/sender/originOf', () => {
  it('builds scheme://host[:port] by hand, also for custom schemes', () => {
    expect(originOf('vigil-app://app/index.html')).toBe('vigil-app://app');
    expect(originOf('http://localhost:5173/x?y')).toBe('http://localhost:5173');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});

describe('ipc/sender/createSenderCheck', () => {
  it('trusts the main frame of our window on our origin', () => {
    expect(check(fakeEvent({}))).toBe(true);
  });

  it('refuses a foreign origin, a look-alike origin, a subframe, a vanished frame and another window', () => {
    expect(check(fakeEvent({ url: 'https://example.org/' }))).toBe(false);
    expect(check(fakeEvent({ url: 'vigil-app://app.evil/index.html' }))).toBe(false);
    expect(check(fakeEvent({ url: 'vigil-app://evil/index.html' }))).toBe(false);
    expect(check(fakeEvent({ url: 'file:///opt/vigil/out/renderer/index.html' }))).toBe(false);
    expect(check(fakeEvent({ subframe: true }))).toBe(false);
    expect(check(fakeEvent({ frame: null }))).toBe(false);
    expect(check(fakeEvent({ contentsId: 2 }))).toBe(false);
  });

  it('refuses when reading the frame throws (destroyed mid-call)', () => {
    const event = fakeEvent({});
    Object.defineProperty(event, 'senderFrame', {
      get: () => {
        throw new Error('Render frame was disposed');
      },
    });
    expect(check(event)).toBe(false);
  });
});
