/**
 * Which cached reads a write changes, by the write's channel: the one table of it, so a screen
 * names only the channel it writes through. Every write the vault makes signs a custody entry,
 * so every write also refreshes custody:entries; that part is not listed, it is derived.
 */
import type { Channel } from '../../shared/channels';

const CASE_READS = ['cases:list', 'cases:get', 'cases:overview'] as const;
const TIMELINE_READS = ['timeline:events', 'timeline:places', ...CASE_READS] as const;
const REQUESTS_READS = ['requests:list', ...CASE_READS] as const;
const INTERVIEW_READS = [
  'interviews:list',
  'interviews:get',
  'interviews:revision',
  'interviews:revisions',
  'items:list',
  'cases:get',
  'cases:list',
] as const;
const PEOPLE_READS = ['people:list', 'people:get', ...CASE_READS] as const;

/** The reads each write channel changes, besides the custody log. */
const CHANGES = {
  'vault:create': [],
  'cases:create': ['cases:list'],
  'cases:update': CASE_READS,
  'people:add': PEOPLE_READS,
  'people:update': PEOPLE_READS,
  'people:add-role': PEOPLE_READS,
  'items:add-files': ['items:list', 'cases:get', 'cases:list'],
  'items:update': ['items:list', 'items:get'],
  'items:add-derivative': ['items:list', 'items:get', 'cases:get'],
  'items:redact': ['items:list', 'items:get', 'cases:get'],
  'interviews:create': INTERVIEW_READS,
  'interviews:revise': INTERVIEW_READS,
  'interviews:import-transcript': INTERVIEW_READS,
  'interviews:attach-recording': INTERVIEW_READS,
  'timeline:add-event': TIMELINE_READS,
  'timeline:update-event': TIMELINE_READS,
  'timeline:add-place': TIMELINE_READS,
  'requests:add': REQUESTS_READS,
  'requests:answer': REQUESTS_READS,
  'custody:make-checkpoint': ['custody:checkpoint'],
  'custody:timestamp-request': ['custody:timestamps', 'custody:checkpoint'],
  'custody:timestamp-attach': ['custody:timestamps'],
  'reports:case': ['custody:checkpoint'],
  'packages:export': ['custody:checkpoint'],
  'packages:import': ['cases:list', 'cases:provenance', 'people:list', 'items:list'],
  'settings:update': ['settings:get'],
  'settings:member-add': ['settings:members'],
  'settings:member-remove': ['settings:members'],
  'settings:change-passphrase': ['settings:members'],
  'settings:replace-recovery-code': [],
  'settings:recipient-add': ['settings:recipients'],
  'settings:recipient-remove': ['settings:recipients'],
} as const satisfies Partial<Record<Channel, readonly Channel[]>>;

/** A channel that writes: the only kind useApiMutation takes. */
export type WriteChannel = keyof typeof CHANGES;

/** Whether `channel` writes (is in the table). */
export function isWriteChannel(channel: Channel): channel is WriteChannel {
  return Object.hasOwn(CHANGES, channel);
}

/** The reads to refresh after `channel` ran: its own list and the custody log; none for a read. */
export function readsChangedBy(channel: Channel): Channel[] {
  if (!isWriteChannel(channel)) return [];
  return [...new Set<Channel>([...CHANGES[channel], 'custody:entries'])];
}

/** The part of TanStack's QueryClient used here (named, so this file stays free of React types). */
interface Invalidator {
  invalidateQueries(filters: { queryKey: readonly unknown[] }): Promise<void>;
}

/** Refreshes every cached read `channel` changes (all requests of each). */
export async function invalidateAfter(client: Invalidator, channel: Channel): Promise<void> {
  await Promise.all(readsChangedBy(channel).map((name) => client.invalidateQueries({ queryKey: [name] })));
}
