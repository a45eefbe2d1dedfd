import { describe, expect, it } from 'vitest';
import { isWriteChannel, readsChangedBy } from '../../../renderer/api/invalidation';
import { CHANNELS } from '../../../shared/channels';

// Channel actions that change the vault by their name: each such channel must be in the table,
// so a new write cannot leave the custody log (or anything else) stale on screen by omission.
const WRITE_WORD =
  /(^|-)(add|create|update|remove|revise|import|export|attach|answer|make|replace|change|request)(-|$)/;

describe('renderer/api/invalidation', () => {
  it('every write refreshes the custody log, as well as its own reads', () => {
    const writes = CHANNELS.filter(isWriteChannel);
    expect(writes.length).toBeGreaterThan(25);
    for (const channel of writes) expect(readsChangedBy(channel), channel).toContain('custody:entries');
    expect(readsChangedBy('people:add')).toEqual(expect.arrayContaining(['people:list', 'cases:overview']));
  });

  it('a read refreshes nothing', () => {
    expect(readsChangedBy('custody:entries')).toEqual([]);
    expect(readsChangedBy('packages:verify')).toEqual([]);
  });

  it('every channel named as a write is in the table', () => {
    const named = CHANNELS.filter((c) => WRITE_WORD.test(c.split(':')[1] ?? ''));
    expect(named.filter((c) => !isWriteChannel(c))).toEqual([]);
  });

  it('refers only to real channels', () => {
    for (const channel of CHANNELS.filter(isWriteChannel))
      for (const read of readsChangedBy(channel)) expect(CHANNELS).toContain(read);
  });
});
