import fs from 'node:fs';
import path from 'node:path';
import { createCase } from '../../../main/evidence/cases';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { addPerson } from '../../../main/evidence/people';
import type { Vault } from '../../../main/vault/vault';

/**
 * Distinctive strings of the case: none of them may appear outside the encryption or in any output that can leave the
 * vault.
 */
export const MARK = {
  title: 'Kestrelwood disappearance file',
  reference: 'KSTRL-7731',
  detainee: 'Zorian Kvitkovsky',
  alias: 'Zorik',
  lawyer: 'Yevhen Lawmark',
  fileName: 'Zorik-letter-Quillmere.txt',
  /** The part of the file name that is no one's name (the export's name protection does not replace it). */
  fileNamePart: 'Quillmere',
};

/** The case's items and the detainee's code. */
export interface NamesCase {
  caseId: string;
  code: string;
  /** An official reply whose extracted text names the detainee twice (name) and once (alias). */
  reply: string;
  /** A letter whose file name (only) holds the alias. */
  letter: string;
  /** A note that names only the lawyer, who consented to be named. */
  note: string;
}

async function addText(
  vault: Vault,
  dir: string,
  caseId: string,
  file: string,
  text: string,
  meta: { title: string; kind: 'official_reply' | 'letter' | 'document' },
): Promise<string> {
  const p = path.join(dir, file);
  fs.writeFileSync(p, text);
  return (await addFileItem(vault, p, { caseId, ...meta })).id;
}

/**
 * A case where an official reply names a detainee who did not consent to be
 * named, a letter's file name carries the detainee's alias, and a note names
 * only a lawyer who consented.
 */
export async function addNamesCase(vault: Vault, dir: string): Promise<NamesCase> {
  const c = createCase(vault, { title: MARK.title, reference: MARK.reference });
  const detainee = addPerson(vault, { caseId: c.id, role: 'detainee', name: MARK.detainee, aliases: [MARK.alias] });
  addPerson(vault, { caseId: c.id, role: 'lawyer', name: MARK.lawyer, consent: { named: true } });
  const reply = await addText(
    vault,
    dir,
    c.id,
    'reply-2026-01.txt',
    `We inform you that ${MARK.detainee} is not registered.\nThe request about ${MARK.detainee.toUpperCase()} ` +
      `(also called ${MARK.alias}) was forwarded.\n`,
    {
      title: 'Penitentiary reply',
      kind: 'official_reply',
    },
  );
  const letter = await addText(vault, dir, c.id, MARK.fileName, 'Mum, I am alive. Send warm socks.\n', {
    title: 'Letter from the colony',
    kind: 'letter',
  });
  const note = await addText(vault, dir, c.id, 'visit-note.txt', `${MARK.lawyer} visited for twenty minutes.\n`, {
    title: 'Visit note',
    kind: 'document',
  });
  return { caseId: c.id, code: detainee.code, reply, letter, note };
}

/** A case of its own with a single item that names no one. */
export async function addCleanCase(vault: Vault, dir: string): Promise<string> {
  const c = createCase(vault, { title: 'A clean case' });
  await addText(vault, dir, c.id, 'weather.txt', 'It rained all week.\n', { title: 'Weather', kind: 'document' });
  return c.id;
}
