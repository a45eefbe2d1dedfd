import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CHANNEL_NAME_PATTERN,
  CHANNELS,
  EVENTS,
  isChannel,
  isEventName,
  methodName,
  type MethodName,
} from '../../../shared/channels';
import { contract, events } from '../../../shared/contract';

describe('shared/channels/methodName', () => {
  it('maps area:action to camelCase', () => {
    expect(methodName('app:info')).toBe('appInfo');
    expect(methodName('items:add-note')).toBe('itemsAddNote');
    expect(methodName('vault-keys:change-passphrase')).toBe('vaultKeysChangePassphrase');
  });

  it('has a type-level twin that agrees with the run-time mapping', () => {
    expectTypeOf<MethodName<'app:info'>>().toEqualTypeOf<'appInfo'>();
    expectTypeOf<MethodName<'items:add-note'>>().toEqualTypeOf<'itemsAddNote'>();
    expectTypeOf(methodName('vault-keys:change-passphrase')).toEqualTypeOf<'vaultKeysChangePassphrase'>();
  });

  it('gives every channel a distinct method name (no two channels collide)', () => {
    const names = CHANNELS.map((channel) => methodName(channel));
    expect(new Set(names).size).toBe(CHANNELS.length);
    expect(names).not.toContain('onEvent');
  });
});

describe('shared/channels/CHANNELS', () => {
  it('names every channel as area:action in lowercase words', () => {
    for (const channel of CHANNELS) expect(channel).toMatch(CHANNEL_NAME_PATTERN);
    for (const event of EVENTS as readonly string[]) expect(event).toMatch(CHANNEL_NAME_PATTERN);
  });

  it('pattern refuses names the mapping could not keep apart', () => {
    for (const bad of ['app', 'App:info', 'app:Info', 'app:info:x', 'app_x:info', 'app:-info', 'app:2fa']) {
      expect(bad).not.toMatch(CHANNEL_NAME_PATTERN);
    }
  });

  it('lists exactly the channels and events of the contract', () => {
    expect([...CHANNELS].sort()).toEqual(Object.keys(contract).sort());
    expect([...(EVENTS as readonly string[])].sort()).toEqual(Object.keys(events).sort());
  });
});

describe('shared/channels/isChannel', () => {
  it('accepts contract channels only', () => {
    expect(isChannel('app:info')).toBe(true);
    for (const bad of ['app:infos', '', 'constructor', '__proto__', 42, null, undefined, {}]) {
      expect(isChannel(bad)).toBe(false);
    }
  });

  it('isEventName refuses names that are not events', () => {
    expect(isEventName('app:info')).toBe(false);
    expect(isEventName(undefined)).toBe(false);
  });
});
