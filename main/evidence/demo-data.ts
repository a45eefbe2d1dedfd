/**
 * The fictional case of `vigil demo`. Every person, place and document here is
 * invented; it is shaped like real incommunicado-detention work so a new user
 * sees Vigil with realistic material. Names end in "(fictional)" on purpose.
 */
import type { EventType, PersonRole, PlaceType, ResponseKind } from '../../shared/domain';

const DEMO_MARK = 'FICTIONAL DEMO';

export const demoCase = {
  title: `[${DEMO_MARK}] Incommunicado detention of a regional journalist`,
  reference: 'DEMO-2025-001',
  summary:
    'FICTIONAL DEMONSTRATION CASE: every person, place and document is invented. A journalist is arrested, ' +
    'held in pre-trial detention, ' +
    'then transferred between penal colonies; family visits are denied, letters withheld, and dozens of ' +
    'requests for his whereabouts go unanswered.',
};

export const demoPeople: { key: string; role: PersonRole; name: string; aliases: string[]; named: boolean }[] = [
  { key: 'detainee', role: 'detainee', name: 'Andriy Melnyk (fictional)', aliases: ['Andrii Melnik'], named: false },
  { key: 'mother', role: 'relative', name: 'Oksana Melnyk (fictional)', aliases: [], named: false },
  { key: 'lawyer', role: 'lawyer', name: 'Yuriy Bondar (fictional)', aliases: [], named: true },
  { key: 'cellmate', role: 'witness', name: 'Former cellmate (fictional)', aliases: [], named: false },
  { key: 'official', role: 'official', name: 'Head of Penal Colony No. 7 (fictional)', aliases: [], named: true },
];

export const demoPlaces: Record<string, { name: string; type: PlaceType; region: string }> = {
  sizo: {
    name: 'Pre-trial Detention Centre No. 2 (fictional)',
    type: 'pretrial_detention',
    region: 'Northern Region (fictional)',
  },
  ik7: { name: 'Penal Colony No. 7 (fictional)', type: 'penal_colony', region: 'Eastern Region (fictional)' },
  ik11: { name: 'Penal Colony No. 11 (fictional)', type: 'penal_colony', region: 'Far Region (fictional)' },
  court: { name: 'District Court (fictional)', type: 'court', region: 'Northern Region (fictional)' },
};

export const demoEvents: {
  type: EventType;
  date: string;
  place?: keyof typeof demoPlaces;
  description: string;
  approx?: boolean;
}[] = [
  {
    type: 'arrest',
    date: '2025-03-14',
    description: 'Detained at home at dawn; equipment seized. No reason given to the family.',
  },
  {
    type: 'detention',
    date: '2025-03-16',
    place: 'sizo',
    description: 'Placed in pre-trial detention; the lawyer was not admitted for nine days.',
  },
  {
    type: 'hearing',
    date: '2025-06-02',
    place: 'court',
    description: 'Closed hearing; the family was not allowed into the courtroom.',
  },
  {
    type: 'transfer',
    date: '2025-09-10',
    place: 'ik7',
    description: 'Transferred without notice; the family learned of it three weeks later.',
  },
  {
    type: 'visit_denied',
    date: '2025-10-01',
    place: 'ik7',
    description: 'Long visit denied "for security reasons" on the day it was due.',
  },
  {
    type: 'letter_withheld',
    date: '2025-10-15',
    place: 'ik7',
    description: 'A letter dated August reached his mother only in mid-October, partly censored.',
  },
  {
    type: 'contact_lost',
    date: '2025-11-20',
    place: 'ik7',
    description: 'Letters stop; the colony says he "is not registered" with them.',
  },
  {
    type: 'transfer',
    date: '2026-01-09',
    place: 'ik11',
    description: 'Moved to a colony 2,000 km away on the eve of a scheduled visit.',
    approx: true,
  },
  {
    type: 'contact_restored',
    date: '2026-02-12',
    place: 'ik11',
    description: 'A short letter confirms he is alive and held in Colony No. 11.',
  },
  {
    type: 'disciplinary_cell',
    date: '2026-03-03',
    place: 'ik11',
    description: 'Fifteen days in a disciplinary cell, according to the lawyer.',
  },
  {
    type: 'contact_lost',
    date: '2026-04-18',
    place: 'ik11',
    description: 'No letters, calls or visits since; the lawyer is refused access.',
  },
];

const RECIPIENTS = [
  'Prosecutor General (fictional)',
  'Penitentiary Service (fictional)',
  'Penal Colony No. 7 administration (fictional)',
  'Ombudsperson (fictional)',
  'Regional Prosecutor (fictional)',
];
const CHANNELS = ['registered letter', 'online form', 'in person', "lawyer's request"];

/**
 * 36 location requests from the mother and the lawyer; mostly unanswered, a few token replies or denials, one
 * substantive.
 */
export function demoRequests(): {
  by: 'mother' | 'lawyer';
  date: string;
  recipient: string;
  channel: string;
  about: string;
  answer?: { date: string; response: ResponseKind; note: string };
}[] {
  const out: ReturnType<typeof demoRequests> = [];
  for (let i = 0; i < 36; i++) {
    const day = new Date(Date.UTC(2025, 8, 15) + i * 9 * 86_400_000);
    const date = day.toISOString().slice(0, 10);
    const answerDay = (days: number): string => new Date(day.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    const request = {
      by: (i % 3 === 0 ? 'lawyer' : 'mother') as 'mother' | 'lawyer',
      date,
      recipient: RECIPIENTS[i % RECIPIENTS.length] ?? '',
      channel: CHANNELS[i % CHANNELS.length] ?? '',
      about: 'Where is he held, and why are visits and letters denied?',
    };
    if (i % 9 === 4)
      out.push({
        ...request,
        answer: {
          date: answerDay(30),
          response: 'token',
          note: 'Your request has been forwarded to the competent authority.',
        },
      });
    else if (i % 11 === 7)
      out.push({
        ...request,
        answer: {
          date: answerDay(45),
          response: 'denial',
          note: 'Information about convicts is not disclosed to third parties.',
        },
      });
    else if (i === 20)
      out.push({
        ...request,
        answer: { date: answerDay(61), response: 'substantive', note: 'Confirms he is held in Penal Colony No. 11.' },
      });
    else out.push(request);
  }
  return out;
}

export const demoDocuments: {
  file: string;
  title: string;
  kind: 'letter' | 'official_reply' | 'document';
  date: string;
  source: string;
  text: string;
}[] = [
  {
    file: 'letter-2025-08.txt',
    title: 'Letter from Andriy to his mother (delivered October)',
    kind: 'letter',
    date: '2025-08-21',
    source: 'mother',
    text:
      'Mum, I am alive. They do not let me write often. Do not worry about me. Tell Yuriy the lawyer that I have ' +
      'not seen any papers.\n[FICTIONAL DEMO DOCUMENT]',
  },
  {
    file: 'reply-penitentiary-2025-10.txt',
    title: 'Penitentiary Service reply: "not registered"',
    kind: 'official_reply',
    date: '2025-10-30',
    source: 'mother',
    text:
      'In response to your request we inform you that the person named is not registered in the institutions of ' +
      'the region.\n[FICTIONAL DEMO DOCUMENT]',
  },
  {
    file: 'reply-prosecutor-2025-12.txt',
    title: 'Prosecutor reply: request forwarded',
    kind: 'official_reply',
    date: '2025-12-04',
    source: 'lawyer',
    text:
      'Your appeal has been forwarded to the competent authority for consideration within its ' +
      'powers.\n[FICTIONAL DEMO DOCUMENT]',
  },
  {
    file: 'letter-2026-02.txt',
    title: 'Short letter from Colony No. 11',
    kind: 'letter',
    date: '2026-02-12',
    source: 'mother',
    text:
      'I was moved far away. The journey took eleven days. I am in Colony 11. Please send warm ' +
      'socks.\n[FICTIONAL DEMO DOCUMENT]',
  },
  {
    file: 'lawyer-note-2026-03.txt',
    title: "Lawyer's note on the disciplinary cell",
    kind: 'document',
    date: '2026-03-20',
    source: 'lawyer',
    text:
      'Client reports fifteen days in the disciplinary cell for "improper greeting". Visit lasted twenty ' +
      'minutes, through glass.\n[FICTIONAL DEMO DOCUMENT]',
  },
];

export const demoInterviews: {
  with: 'mother' | 'lawyer';
  date: string;
  mode: 'video_call' | 'phone';
  language: string;
  segments: { speaker: string; startMs: number; endMs: number; text: string; translation: string | null }[];
}[] = [
  {
    with: 'mother',
    date: '2026-02-20',
    mode: 'video_call',
    language: 'uk',
    segments: [
      {
        speaker: 'Interviewer',
        startMs: 0,
        endMs: 6000,
        text: 'When did you last hear from your son?',
        translation: null,
      },
      {
        speaker: 'R-001',
        startMs: 6500,
        endMs: 21000,
        text:
          'In November the letters stopped. The colony told me he was not registered there. I did not know if he ' +
          'was alive.',
        translation: null,
      },
      { speaker: 'Interviewer', startMs: 21500, endMs: 26000, text: 'What did you do then?', translation: null },
      {
        speaker: 'R-001',
        startMs: 26500,
        endMs: 48000,
        text:
          'I wrote to the prosecutor, to the penitentiary service, to the ombudsperson. Dozens of letters. ' +
          'Mostly no answer at all.',
        translation: null,
      },
      {
        speaker: 'R-001',
        startMs: 48500,
        endMs: 62000,
        text: 'In February a short letter came from Colony 11. They moved him just before my visit.',
        translation: null,
      },
      {
        speaker: 'Interviewer',
        startMs: 62500,
        endMs: 66000,
        text: 'Did anyone tell you about the transfer?',
        translation: null,
      },
      {
        speaker: 'R-001',
        startMs: 66500,
        endMs: 74000,
        text: 'Nobody. I travelled to Colony 7 and they said he was gone.',
        translation: null,
      },
    ],
  },
  {
    with: 'lawyer',
    date: '2026-03-22',
    mode: 'phone',
    language: 'en',
    segments: [
      {
        speaker: 'Interviewer',
        startMs: 0,
        endMs: 5000,
        text: 'How often are you admitted to see your client?',
        translation: null,
      },
      {
        speaker: 'L-001',
        startMs: 5500,
        endMs: 20000,
        text: 'Rarely. Since January I was admitted once, for twenty minutes, through glass, with a guard listening.',
        translation: null,
      },
      {
        speaker: 'L-001',
        startMs: 20500,
        endMs: 35000,
        text: 'He told me about fifteen days in the disciplinary cell. He had no access to his case papers.',
        translation: null,
      },
      {
        speaker: 'Interviewer',
        startMs: 35500,
        endMs: 39000,
        text: 'Have your requests been answered?',
        translation: null,
      },
      {
        speaker: 'L-001',
        startMs: 39500,
        endMs: 52000,
        text:
          'Formal replies only: forwarded, not disclosed, not registered. One confirmed the colony, after two ' +
          'months.',
        translation: null,
      },
    ],
  },
];
