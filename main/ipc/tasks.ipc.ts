/** Handlers of the tasks area: cancelling a long operation. */
import type { TASKS_CHANNELS } from '../../shared/areas/tasks.channels';
import type { Handler } from './dispatch';
import type { AppServices } from './services';

/** The tasks area's handlers. */
export function tasksHandlers(s: AppServices): { [C in (typeof TASKS_CHANNELS)[number]]: Handler<C> } {
  return {
    'task:cancel': async (req) => ({ cancelled: s.tasks.cancel(req.taskId) }),
  };
}
