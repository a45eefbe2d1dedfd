/** A term to find and remove; `label` is what its hits are counted under (a person's code). */
export interface RedactionTerm {
  text: string;
  label: string;
}
