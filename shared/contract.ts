/**
 * The IPC contract: channel → zod request and response schemas. main/ipc parses
 * every request with it, window.vigil is typed from it, and the E2E tests install
 * the same handler table in a browser page. Pure TypeScript and zod only.
 */
import { z } from 'zod';
import type { Channel, EventName, MethodName } from './channels';
import type { ErrorInfo } from './errors';
import type { ChannelSchemas } from './contract-types';
import { appContract, appEvents, preloadContract } from './areas/app.contract';
import type { GrantedPathSchema } from './areas/common';
import { vaultContract, vaultEvents } from './areas/vault.contract';
import { tasksContract, tasksEvents } from './areas/tasks.contract';
import { casesContract, casesEvents } from './areas/cases.contract';
import { peopleContract, peopleEvents } from './areas/people.contract';
import { itemsContract, itemsEvents } from './areas/items.contract';
import { interviewsContract, interviewsEvents } from './areas/interviews.contract';
import { timelineContract, timelineEvents } from './areas/timeline.contract';
import { requestsContract, requestsEvents } from './areas/requests.contract';
import { custodyContract, custodyEvents } from './areas/custody.contract';
import { searchContract, searchEvents } from './areas/search.contract';
import { packagesContract, packagesEvents } from './areas/packages.contract';
import { settingsContract, settingsEvents } from './areas/settings.contract';
import { reportsContract, reportsEvents } from './areas/reports.contract';

export type { ChannelSchemas } from './contract-types';

/**
 * Request channels, assembled from the areas (shared/areas/<area>.contract.ts); the compiler checks it against
 * CHANNELS.
 */
export const contract = {
  ...appContract,
  ...vaultContract,
  ...tasksContract,
  ...casesContract,
  ...peopleContract,
  ...itemsContract,
  ...interviewsContract,
  ...timelineContract,
  ...requestsContract,
  ...custodyContract,
  ...searchContract,
  ...packagesContract,
  ...settingsContract,
  ...reportsContract,
} as const satisfies { [C in Channel]: ChannelSchemas };

/** Event payload schemas (progress, lock), keyed like EVENTS. */
export const events = {
  ...appEvents,
  ...vaultEvents,
  ...tasksEvents,
  ...casesEvents,
  ...peopleEvents,
  ...itemsEvents,
  ...interviewsEvents,
  ...timelineEvents,
  ...requestsEvents,
  ...custodyEvents,
  ...searchEvents,
  ...packagesEvents,
  ...settingsEvents,
  ...reportsEvents,
} as const satisfies { [E in EventName]: z.ZodType };

/** The contract's type. */
type Contract = typeof contract;

/** What a caller sends on channel C (schema input). */
export type Req<C extends Channel> = z.input<Contract[C]['req']>;

/** What a handler receives on channel C, after parsing (schema output). */
export type ReqParsed<C extends Channel> = z.output<Contract[C]['req']>;

/** What channel C answers with. */
export type Res<C extends Channel> = z.output<Contract[C]['res']>;

/** The payload of event E. */
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** Every IPC answer: errors travel as data, never as throws. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Removes an event subscription. */
export type Unsubscribe = () => void;

/** window.vigil: one async method per channel, plus event subscription. */
export type VigilApi = {
  [C in Channel as MethodName<C>]: (req: Req<C>) => Promise<Result<Res<C>>>;
} & {
  onEvent<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void): Unsubscribe;
  /**
   * Read grants for files dropped on the window: the preload reads their paths
   * (Electron's webUtils) and main grants each regular file; the page never sees
   * or sends a path. Files that are not on disk, or not regular files, get none.
   */
  grantDroppedFiles(files: readonly File[]): Promise<Result<{ files: GrantedPath[] }>>;
};

/** A granted file or folder: the grant id to send back, its name and the whole path to show. */
export type GrantedPath = z.output<typeof GrantedPathSchema>;

/** The preload-only channels (not on window.vigil) and their schemas. */
export type PreloadContract = typeof preloadContract;

/** The schemas of channel C, typed for generic code (indexing the const object loses the link). */
export function schemasOf<C extends Channel>(
  channel: C,
): {
  req: z.ZodType<ReqParsed<C>, Req<C>>;
  res: z.ZodType<Res<C>>;
} {
  return contract[channel] as unknown as { req: z.ZodType<ReqParsed<C>, Req<C>>; res: z.ZodType<Res<C>> };
}
