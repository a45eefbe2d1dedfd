/**
 * The IPC contract: channel → zod request and response schemas. main/ipc parses
 * every request with it, window.vigil is typed from it, and the E2E tests install
 * the same handler table in a browser page. Pure TypeScript and zod only.
 */
import { z } from 'zod';
import type { Channel, EventName, MethodName } from './channels';
import type { ErrorInfo } from './errors';

/** The schemas of one request channel. */
export interface ChannelSchemas {
  req: z.ZodType;
  res: z.ZodType;
}

/** Request channels. Adding one = one line here plus its name in CHANNELS (the compiler checks both). */
export const contract = {
  'app:info': { req: z.object({}).strict(), res: z.object({ name: z.string(), version: z.string() }) },
} as const satisfies { [C in Channel]: ChannelSchemas };

/** Event payload schemas (progress, lock), keyed like EVENTS. */
export const events = {} as const satisfies { [E in EventName]: z.ZodType };

/** The contract's type. */
export type Contract = typeof contract;

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
};

/** The schemas of channel C, typed for generic code (indexing the const object loses the link). */
export function schemasOf<C extends Channel>(channel: C): {
  req: z.ZodType<ReqParsed<C>, Req<C>>;
  res: z.ZodType<Res<C>>;
} {
  return contract[channel] as unknown as { req: z.ZodType<ReqParsed<C>, Req<C>>; res: z.ZodType<Res<C>> };
}
