import type { PersonRow } from '../../evidence/people';
import type { TimelineEvent } from '../../evidence/timeline';
import type { CaseExport } from './case-data';
import type { NamePolicy } from './names';

/** The pre-filled UN Special Procedures / Working Group communication (data/submission/communication.json). */
export interface Communication {
  format: 'vigil-un-communication/1';
  draft: true;
  caseReference: string | null;
  alleged_victims: { code: string; name: string | null; aliases: string[]; consentToBeNamed: boolean }[];
  arrest: { date: string | null; place: string | null; circumstances: string };
  authoritiesBelievedResponsible: string[];
  placesOfDetention: { date: string; type: string; place: string | null; region: string | null; description: string }[];
  legalBasis: string;
  stepsTakenByRelativesAndLawyers: {
    date: string;
    by: string | null;
    to: string;
    channel: string;
    about: string;
    response: string | null;
    responseDate: string | null;
  }[];
  periodsWithoutContact: {
    code: string;
    start: string;
    end: string | null;
    days: number;
    ongoing: boolean;
    explanation: string;
  }[];
  consent: { code: string; toSubmission: boolean; sharedWith: string[]; toPublicationOfName: boolean }[];
}

const PLACE_EVENTS = new Set(['detention', 'transfer']);

function placeOf(e: TimelineEvent): string | null {
  return e.place ? e.place.name : null;
}

function victims(people: PersonRow[], caseId: string): PersonRow[] {
  return people.filter((p) => p.roles.some((r) => r.caseId === caseId && r.role === 'detainee'));
}

/** Fills the communication from the exported case: only what the profile lets leave the vault. */
export function buildCommunication(
  data: CaseExport,
  caseId: string,
  reference: string | null,
  policy: NamePolicy,
): Communication {
  const detainees = victims(data.people, caseId);
  const events = data.timeline.events;
  const arrest = events.find((e) => e.type === 'arrest');
  const authorities = new Set<string>();
  for (const p of data.people) {
    if (p.roles.some((r) => r.caseId === caseId && (r.role === 'official' || r.role === 'perpetrator')))
      authorities.add(policy.named(p) ? `${p.name} (${p.code})` : p.code);
  }
  for (const e of events) if (e.place && e.place.type !== 'court') authorities.add(`Administration of ${e.place.name}`);
  const codeOf = new Map(data.people.map((p) => [p.id, policy.named(p) ? `${p.name} (${p.code})` : p.code]));
  return {
    format: 'vigil-un-communication/1',
    draft: true,
    caseReference: reference,
    alleged_victims: detainees.map((p) => ({
      code: p.code,
      name: policy.named(p) ? p.name : null,
      aliases: policy.named(p) ? p.aliases : [],
      consentToBeNamed: p.consent.named,
    })),
    arrest: {
      date: arrest?.date ?? null,
      place: arrest ? placeOf(arrest) : null,
      circumstances: arrest ? policy.text(arrest.description) : '',
    },
    authoritiesBelievedResponsible: [...authorities],
    placesOfDetention: events
      .filter((e) => PLACE_EVENTS.has(e.type))
      .map((e) => ({
        date: e.date,
        type: e.type,
        place: placeOf(e),
        region: e.place?.region ?? null,
        description: policy.text(e.description),
      })),
    legalBasis: '',
    stepsTakenByRelativesAndLawyers: data.requests.map((r) => ({
      date: r.date,
      by: r.requesterId === null ? null : (codeOf.get(r.requesterId) ?? r.requesterCode),
      to: policy.text(r.recipient),
      channel: policy.text(r.channel),
      about: policy.text(r.about),
      response: r.response,
      responseDate: r.responseDate,
    })),
    periodsWithoutContact: data.timeline.detainees.flatMap((d) =>
      d.incommunicado.periods.map((p) => ({
        code: d.person.code,
        start: p.start,
        end: p.end,
        days: p.days,
        ongoing: p.open,
        explanation: policy.text(p.explanation),
      })),
    ),
    consent: detainees.map((p) => ({
      code: p.code,
      toSubmission: p.consent.shareWith.length > 0,
      sharedWith: p.consent.shareWith,
      toPublicationOfName: p.consent.named,
    })),
  };
}

/** data/submission/README.txt. */
export const SUBMISSION_README = `These files are a DRAFT, pre-filled by Vigil from the case records:

  communication.json   the same content as data for other tools
  communication.docx   the same content as a document to edit

They follow the questions of a communication to the UN Special Procedures
(e.g. the Working Group on Enforced or Involuntary Disappearances or the
Working Group on Arbitrary Detention). Check every field against the evidence
and the mechanism's current form before sending; fill in what is blank (the
legal basis, if known). People appear by code unless they consented to be named
and the export profile allowed names. Nothing here has been sent anywhere.
`;
