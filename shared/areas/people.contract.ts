/** Schemas of the people area: people of a case by protective code, their roles and consent. */
import { z } from 'zod';
import { PERSON_ROLES, personFieldSchemas } from '../domain';
import type { ChannelSchemas } from '../contract-types';
import { IdSchema } from './common';
import type { PEOPLE_CHANNELS, PEOPLE_EVENTS } from './people.channels';

/** Consent a person gave: whether they may be named, with whom the material may be shared, when and how. */
export const ConsentSchema = z.object({
  named: z.boolean(),
  shareWith: z.array(z.string()),
  date: z.string().nullable(),
  method: z.string().nullable(),
});

/** A person in full, sensitive fields included: only for the edit form and answers to writes. */
const PersonSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  contact: z.string(),
  notes: z.string(),
  consent: ConsentSchema,
  roles: z.array(z.object({ caseId: z.string(), role: z.enum(PERSON_ROLES) })),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/**
 * A person as lists show them: the code always; the name only when they consented to be named
 * (null otherwise); no aliases or contact details; the roles in the case asked about.
 */
const PersonEntrySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string().nullable(),
  consent: ConsentSchema,
  roles: z.array(z.enum(PERSON_ROLES)),
  updatedAt: z.string(),
});

/** A revealed name, shown on demand and kept only in the window's memory. */
const RevealedNameSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
});

/** channel → request and response schemas. */
export const peopleContract = {
  'people:list': { req: z.object({ caseId: IdSchema }).strict(), res: z.array(PersonEntrySchema) },
  'people:get': { req: z.object({ id: IdSchema }).strict(), res: PersonSchema },
  'people:reveal': { req: z.object({ id: IdSchema }).strict(), res: RevealedNameSchema },
  'people:add': {
    req: z
      .object({ caseId: IdSchema, role: z.enum(PERSON_ROLES), ...personFieldSchemas })
      .partial({ code: true, aliases: true, contact: true, notes: true, consent: true })
      .strict(),
    res: PersonSchema,
  },
  'people:update': {
    req: z.object({ id: IdSchema, changes: z.object(personFieldSchemas).partial().strict() }).strict(),
    res: PersonSchema,
  },
  'people:add-role': {
    req: z.object({ personId: IdSchema, caseId: IdSchema, role: z.enum(PERSON_ROLES) }).strict(),
    res: PersonSchema,
  },
} as const satisfies { [C in (typeof PEOPLE_CHANNELS)[number]]: ChannelSchemas };

/** event → payload schema. */
export const peopleEvents = {} as const satisfies { [E in (typeof PEOPLE_EVENTS)[number]]: z.ZodType };
