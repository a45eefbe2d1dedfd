// The searchable document: its own file so the index, the tagger and the document readers
// all depend on it and not on each other.

/** What can be found by search. */
export const SEARCH_KINDS = ['segment', 'item', 'case', 'person', 'event', 'request', 'interview'] as const;

/** One searchable thing. For transcript segments `refId` is `<revision id>:<position>`. */
export interface SearchDoc {
  kind: (typeof SEARCH_KINDS)[number];
  refId: string;
  caseId: string | null;
  personIds: string[];
  date: string | null;
  title: string;
  body: string;
}
