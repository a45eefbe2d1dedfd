/**
 * The IPC channel and event names as plain data, with no zod, so the sandboxed
 * preload can import them without bundling the schemas. Each area lists its own
 * in shared/areas/<area>.channels.ts; shared/contract.ts holds the schemas and
 * fails to compile when it and these lists disagree.
 */
import { APP_CHANNELS, APP_EVENTS } from './areas/app.channels';
import { VAULT_CHANNELS, VAULT_EVENTS } from './areas/vault.channels';
import { TASKS_CHANNELS, TASKS_EVENTS } from './areas/tasks.channels';
import { CASES_CHANNELS, CASES_EVENTS } from './areas/cases.channels';
import { PEOPLE_CHANNELS, PEOPLE_EVENTS } from './areas/people.channels';
import { ITEMS_CHANNELS, ITEMS_EVENTS } from './areas/items.channels';
import { INTERVIEWS_CHANNELS, INTERVIEWS_EVENTS } from './areas/interviews.channels';
import { TIMELINE_CHANNELS, TIMELINE_EVENTS } from './areas/timeline.channels';
import { REQUESTS_CHANNELS, REQUESTS_EVENTS } from './areas/requests.channels';
import { CUSTODY_CHANNELS, CUSTODY_EVENTS } from './areas/custody.channels';
import { SEARCH_CHANNELS, SEARCH_EVENTS } from './areas/search.channels';
import { PACKAGES_CHANNELS, PACKAGES_EVENTS } from './areas/packages.channels';
import { SETTINGS_CHANNELS, SETTINGS_EVENTS } from './areas/settings.channels';
import { REPORTS_CHANNELS, REPORTS_EVENTS } from './areas/reports.channels';

/** Every request channel (renderer → main). Add a channel in its area's .channels.ts and .contract.ts. */
export const CHANNELS = [
  ...APP_CHANNELS,
  ...VAULT_CHANNELS,
  ...TASKS_CHANNELS,
  ...CASES_CHANNELS,
  ...PEOPLE_CHANNELS,
  ...ITEMS_CHANNELS,
  ...INTERVIEWS_CHANNELS,
  ...TIMELINE_CHANNELS,
  ...REQUESTS_CHANNELS,
  ...CUSTODY_CHANNELS,
  ...SEARCH_CHANNELS,
  ...PACKAGES_CHANNELS,
  ...SETTINGS_CHANNELS,
  ...REPORTS_CHANNELS,
] as const;

/** Every event (main → renderer: progress, lock). */
export const EVENTS = [
  ...APP_EVENTS,
  ...VAULT_EVENTS,
  ...TASKS_EVENTS,
  ...CASES_EVENTS,
  ...PEOPLE_EVENTS,
  ...ITEMS_EVENTS,
  ...INTERVIEWS_EVENTS,
  ...TIMELINE_EVENTS,
  ...REQUESTS_EVENTS,
  ...CUSTODY_EVENTS,
  ...SEARCH_EVENTS,
  ...PACKAGES_EVENTS,
  ...SETTINGS_EVENTS,
  ...REPORTS_EVENTS,
] as const;

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
