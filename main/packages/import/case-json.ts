import { z } from 'zod';
import { VigilError } from '../../../shared/errors';
import { isWellFormedText } from '../../crypto/canonical-json';
import type { BagFiles } from '../bagit/bag-files';
import { EVENT_TYPES, PERSON_ROLES, PLACE_TYPES, RESPONSE_KINDS } from '../../../shared/domain';

// Only what import uses is checked; a sender's extra fields are ignored, not refused. Text that could not be signed
// into custody (an unpaired surrogate, written as a \udxxx escape) is refused here, before anything is stored.
const text = (max: number) =>
  z.string().max(max).refine(isWellFormedText, 'holds a broken character (an unpaired UTF-16 surrogate)');
const personSchema = z.object({
  id: text(100),
  code: text(20),
  roles: z.array(z.enum(PERSON_ROLES)).max(20),
  name: text(300).optional(),
  aliases: z.array(text(300)).max(50).optional(),
  consent: z
    .object({ named: z.boolean(), shareWith: z.array(text(200)).max(50), date: text(40).nullable() })
    .partial()
    .optional(),
});
const eventSchema = z.object({
  id: text(100).optional(),
  person: z.object({ id: text(100) }),
  type: z.enum(EVENT_TYPES),
  date: text(40),
  dateApprox: z.boolean().optional(),
  endDate: text(40).nullable().optional(),
  place: z
    .object({ name: text(300), type: z.enum(PLACE_TYPES), region: text(300).optional() })
    .nullable()
    .optional(),
  description: text(20_000).optional(),
  itemIds: z.array(text(100)).max(1000).optional(),
});
const requestSchema = z.object({
  id: text(100).optional(),
  personCode: text(20),
  requesterCode: text(20).nullable().optional(),
  date: text(40),
  recipient: text(500),
  channel: text(200).optional(),
  about: text(20_000).optional(),
  responseDate: text(40).nullable().optional(),
  response: z.enum(RESPONSE_KINDS).nullable().optional(),
  responseNote: text(20_000).optional(),
});
const caseJsonSchema = z.object({
  case: z.object({
    id: text(100).optional(),
    title: text(500),
    reference: text(100).nullable().optional(),
    summary: text(100_000).optional(),
  }),
  people: z.array(personSchema).max(10_000).default([]),
  items: z
    .array(z.object({ id: text(100), path: text(4096) }))
    .max(100_000)
    .default([]),
  events: z.array(eventSchema).max(100_000).default([]),
  requests: z.array(requestSchema).max(100_000).default([]),
});

/** The parts of data/case.json an import brings into the vault. */
export type CaseJson = z.output<typeof caseJsonSchema>;

/** Reads and checks data/case.json of a verified bag; PACKAGE_INVALID when it is missing or malformed. */
export async function readCaseJson(bag: BagFiles): Promise<CaseJson> {
  const raw = (await bag.read('data/case.json'))?.toString('utf8') ?? null;
  if (raw === null)
    throw new VigilError(
      'PACKAGE_INVALID',
      'The package has no data/case.json, so there is no case to import. Ask the sender for a package made by Vigil.',
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new VigilError('PACKAGE_INVALID', 'data/case.json in the package is not valid JSON; nothing was imported.');
  }
  const checked = caseJsonSchema.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new VigilError(
      'PACKAGE_INVALID',
      `data/case.json does not have the expected form ` +
        `(${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}); nothing was imported.`,
    );
  }
  return checked.data;
}
