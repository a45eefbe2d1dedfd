/** How case statuses look: one calm colour each, the word always beside it (colour is never the only cue). */
import type { CaseStatus } from '../../../shared/domain';
import { assertNever } from '../../../shared/errors';

/** The badge colour of a case status. */
export function statusColor(status: CaseStatus): string {
  switch (status) {
    case 'open':
      return 'teal';
    case 'monitoring':
      return 'orange';
    case 'closed':
      return 'gray';
    case 'archived':
      return 'dark';
    default:
      return assertNever(status, 'case status');
  }
}
