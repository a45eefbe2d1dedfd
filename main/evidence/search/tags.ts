import type { SearchDoc } from './search-doc';

/** The filter token of a kind ("ksegment"): one word, so the tokenizer keeps it whole. */
export function kindTag(kind: SearchDoc['kind']): string {
  return `k${kind}`;
}

/** The filter token of a person ("p" and the id's hex digits): one word, lowercase like the tokenizer's output. */
export function personTag(personId: string): string {
  return `p${personId.toLowerCase().replace(/[^0-9a-z]/g, '')}`;
}

/** The tags column of a row: its kind and the people it concerns. */
export function tagsOf(doc: Pick<SearchDoc, 'kind' | 'personIds'>): string {
  return [kindTag(doc.kind), ...doc.personIds.map(personTag)].join(' ');
}
