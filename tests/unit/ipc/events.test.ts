import { describe, expect, it, vi } from 'vitest';
import { sendEvent } from '../../../main/ipc/events';

describe('ipc/events/sendEvent', () => {
  it('sends the payload on the event name, and skips a closed window', () => {
    const open = { send: vi.fn(), isDestroyed: () => false };
    const closed = { send: vi.fn(), isDestroyed: () => true };
    // No event exists in the contract yet, so the name is forced through the type.
    sendEvent(open, 'test:tick' as never, { n: 1 } as never);
    sendEvent(closed, 'test:tick' as never, { n: 1 } as never);
    expect(open.send).toHaveBeenCalledWith('test:tick', { n: 1 });
    expect(closed.send).not.toHaveBeenCalled();
  });
});
