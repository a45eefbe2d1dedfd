import { describe, expect, it } from 'vitest';
import type { ToWorker } from '../../../main/workers/protocol';
import { SLOT_BYTES, WorkerJob, type SlotOwner } from '../../../main/workers/worker-job';

/** A worker stand-in with `count` slots that records what is posted and frees slots on demand. */
function fakeOwner(count: number) {
  const views = Array.from({ length: count }, () => new Uint8Array(SLOT_BYTES));
  const free = views.map((_, i) => i);
  const posted: ToWorker[] = [];
  let waiters: (() => void)[] = [];
  const owner: SlotOwner = {
    takeSlot: () => free.pop() ?? null,
    slotView: (slot) => views[slot] ?? new Uint8Array(0),
    giveBack: (slot) => {
      free.push(slot);
      const w = waiters;
      waiters = [];
      for (const f of w) f();
    },
    slotFreed: () => (free.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    post: (m) => posted.push(m),
  };
  return { owner, free, posted, views };
}

describe('workers/WorkerJob', () => {
  it('fills slots in order, sends each when full and the rest at the end', async () => {
    const { owner, posted, views } = fakeOwner(4);
    const job = new WorkerJob(owner, 1, new Promise(() => undefined));
    const data = Buffer.alloc(SLOT_BYTES + 10, 7);
    data[SLOT_BYTES] = 9;
    expect(job.update(data)).toBeUndefined();
    void job.end();
    const sent = posted.filter((m) => m.t === 'data');
    expect(sent.map((m) => (m.t === 'data' ? m.length : 0))).toEqual([SLOT_BYTES, 10]);
    const second = sent[1];
    expect(second?.t === 'data' ? views[second.slot]?.[0] : undefined).toBe(9);
    expect(posted.at(-1)).toEqual({ t: 'end', job: 1 });
  });

  it('waits when no slot is free, and an update still waiting when the job is abandoned keeps no slot', async () => {
    const { owner, free, posted } = fakeOwner(1);
    const job = new WorkerJob(owner, 2, new Promise(() => undefined));
    const waiting = job.update(Buffer.alloc(2 * SLOT_BYTES + 5));
    expect(waiting).toBeInstanceOf(Promise);
    expect(free).toEqual([]);
    job.abort();
    const sentBefore = posted.filter((m) => m.t === 'data').length;
    owner.giveBack(0);
    await waiting;
    expect(free).toEqual([0]);
    expect(posted.filter((m) => m.t === 'data').length).toBe(sentBefore);
    expect(posted.at(-1)).toEqual({ t: 'abort', job: 2 });
  });
});
