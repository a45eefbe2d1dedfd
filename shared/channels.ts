/**
 * The IPC channel and event names as plain data, with no zod, so the sandboxed
 * preload can import them without bundling the schemas. shared/contract.ts holds
 * the schemas and fails to compile when it and these lists disagree.
 */

/** Every request channel (renderer → main). Add a channel here and in contract.ts. */
export const CHANNELS = ['app:info'] as const;

/** Every event (main → renderer: progress, lock). Add an event here and in contract.ts. */
export const EVENTS = [] as const;

/** A request channel name, e.g. 'app:info'. */
export type Channel = (typeof CHANNELS)[number];

/** An event name. */
export type EventName = (typeof EVENTS)[number];

/** Channel names are `area:action`, lowercase words joined by '-', so the method mapping is one-to-one. */
export const CHANNEL_NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*:[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*$/;

type CamelDashes<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelDashes<Tail>>}`
  : S;

/** The window.vigil method name of a channel: 'app:info' → 'appInfo', 'items:add-note' → 'itemsAddNote'. */
export type MethodName<C extends string> = C extends `${infer Area}:${infer Action}`
  ? `${CamelDashes<Area>}${Capitalize<CamelDashes<Action>>}`
  : CamelDashes<C>;

/** Computes MethodName at run time; the preload and the tests both use it. */
export function methodName<C extends string>(channel: C): MethodName<C> {
  const words = channel.split(/[:-]/);
  const name = words.map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
  // The template-literal type above is the same mapping; the tests check they agree.
  return name as MethodName<C>;
}

/** True when `value` names a request channel of the contract. */
export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/** True when `value` names an event of the contract. */
export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENTS as readonly string[]).includes(value);
}
