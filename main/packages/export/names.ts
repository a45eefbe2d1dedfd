import {
  countProtectedNames,
  locateProtectedNames,
  protectNames,
  type ProtectedPerson,
} from '../../evidence/protect-names';
import { listPeople, type PersonRow } from '../../evidence/people';
import type { ReadDb } from '../../vault/database';
import type { ProfileSettings } from './profile';

/** How an export shows people: which names may appear, and the text filter that hides the others. */
export interface NamePolicy {
  /** True when this person's real name may appear in the package. */
  named: (person: Pick<PersonRow, 'consent'>) => boolean;
  /** The text with the names and aliases of everyone who may not be named replaced by their codes. */
  text: (value: string) => string;
  /** True when at least one name is replaced. */
  replaces: boolean;
  /** How often the hidden names and aliases occur in the text, by person code (the matches `text` replaces). */
  count: (value: string) => Map<string, number>;
  /** Where in the NFC form of the text each hidden name or alias starts, with the person's code. */
  locate: (value: string) => { index: number; code: string }[];
}

/** The name policy of a profile over every person in the vault (a name may occur in any case's text). */
export function namePolicy(db: ReadDb, settings: ProfileSettings): NamePolicy {
  const named = (person: Pick<PersonRow, 'consent'>): boolean =>
    settings.names === 'all' || (settings.names === 'consent' && person.consent.named);
  const hidden: ProtectedPerson[] = listPeople(db)
    .filter((p) => !named(p))
    .map((p) => ({ code: p.code, names: [p.name, ...p.aliases] }));
  if (hidden.length === 0) return { named, text: (v) => v, replaces: false, count: () => new Map(), locate: () => [] };
  return {
    named,
    text: (v) => protectNames(v, hidden),
    replaces: true,
    count: (v) => countProtectedNames(v, hidden),
    locate: (v) => locateProtectedNames(v, hidden),
  };
}
