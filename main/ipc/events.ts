/** Sends contract events (progress, lock) from main to the renderer. */
import type { WebContents } from 'electron';
import type { EventName } from '../../shared/channels';
import type { EventPayload } from '../../shared/contract';

/** Sends event `name` to one window; a closed window is skipped rather than throwing. */
export function sendEvent<E extends EventName>(
  target: Pick<WebContents, 'send' | 'isDestroyed'>,
  name: E,
  payload: EventPayload<E>,
): void {
  if (target.isDestroyed()) return;
  target.send(name, payload);
}
