/** Where a search hit leads: the case tab that shows the record, with the record to open. */
import type { Res } from '../../../shared/contract';
import { assertNever } from '../../../shared/errors';
import type { Route } from '../../app/router';

/** One hit as search:query answers it. */
export type SearchHit = Res<'search:query'>['hits'][number];

/** The route to `hit`'s place, or null when it belongs to no case. */
export function routeOf(hit: SearchHit): Route | null {
  if (hit.caseId === null) return null;
  const caseId = hit.caseId;
  switch (hit.kind) {
    case 'case':
      return { screen: 'case', caseId, tab: 'overview' };
    case 'item':
      return { screen: 'case', caseId, tab: 'items', focusId: hit.refId };
    case 'interview':
      return { screen: 'case', caseId, tab: 'interviews', focusId: hit.refId };
    case 'segment':
      return hit.context?.interviewId === undefined
        ? { screen: 'case', caseId, tab: 'interviews' }
        : { screen: 'case', caseId, tab: 'interviews', focusId: hit.context.interviewId };
    case 'person':
      return { screen: 'case', caseId, tab: 'people', focusId: hit.refId };
    case 'event':
      return { screen: 'case', caseId, tab: 'timeline', focusId: hit.refId };
    case 'request':
      return { screen: 'case', caseId, tab: 'requests', focusId: hit.refId };
    default:
      return assertNever(hit.kind, 'search hit kind');
  }
}

/** The snippet cut into plain and highlighted parts, from the core's [start, end) ranges (never parsed as HTML). */
export function snippetParts(
  snippet: string,
  highlights: readonly (readonly [number, number])[],
): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [start, end] of [...highlights].sort((a, b) => a[0] - b[0])) {
    if (start < at || end <= start || end > snippet.length) continue;
    if (start > at) parts.push({ text: snippet.slice(at, start), marked: false });
    parts.push({ text: snippet.slice(start, end), marked: true });
    at = end;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), marked: false });
  return parts;
}
