/** The case report in English. */
import type { ReportLabels } from './label-set';

/** English words of the case report. */
export const enLabels: ReportLabels = {
  docTitle: 'Case report',
  reference: 'Reference',
  noReference: '(no reference)',
  caseTitle: 'Case',
  status: 'Status',
  statuses: { open: 'Open', monitoring: 'Monitoring', closed: 'Closed', archived: 'Archived' },
  summary: 'Summary',
  asOf: 'Figures as of',
  made: 'Made',
  profile: 'Profile',
  profiles: {
    protected:
      'protected: people who did not consent to be named appear by their protective code only; their names and ' +
      'aliases are replaced by codes in every text',
    full: 'full: real names are shown',
  },
  checkpoint: 'Custody checkpoint',
  checkpointLine: (size, madeAt) =>
    `signed checkpoint of ${size} custody entries, made ${madeAt} (see the last section)`,
  root: 'Merkle root (SHA-256, hex)',
  rootBase64: 'Merkle root (base64)',
  signerKey: 'Signed by the key',
  fingerprint: 'Key fingerprint',
  people: 'People',
  code: 'Code',
  roles: 'Role',
  name: 'Name',
  nameHidden: 'by code only',
  roleNames: {
    detainee: 'Detainee',
    witness: 'Witness',
    relative: 'Relative',
    lawyer: 'Lawyer',
    official: 'Official',
    perpetrator: 'Perpetrator',
    other: 'Other',
  },
  chronology: 'Chronology of events',
  noEvents: 'No events recorded.',
  date: 'Date',
  person: 'Person',
  event: 'Event',
  place: 'Place',
  description: 'What happened',
  exhibitsShort: 'Exh.',
  eventTypes: {
    arrest: 'Arrest',
    detention: 'Detention',
    transfer: 'Transfer',
    visit_denied: 'Visit denied',
    letter_withheld: 'Letter withheld',
    contact_lost: 'Contact lost',
    contact_restored: 'Contact restored',
    disciplinary_cell: 'Disciplinary cell',
    hearing: 'Hearing',
    release: 'Release',
    death: 'Death',
    other: 'Other',
  },
  until: 'to',
  detainee: (code) => `Detainee ${code}`,
  contactLostNow: (since, days, asOf) =>
    `Contact lost since ${since}, not restored: ${days} days without contact as of ${asOf}.`,
  contactNotLost: (asOf) => `Contact is not lost as of ${asOf}.`,
  totals: (total, periods, longest) =>
    `Without contact in all: ${total} days in ${periods} period(s); the longest lasted ${longest} days.`,
  noPeriods: 'No period without contact recorded.',
  chartTitle: 'Periods without contact over the detention events',
  chartLegend:
    'Shaded: periods without contact (dashed edge: still open). Red marks: contact lost or restored; hollow ' +
    'marks: other events.',
  chartAsOf: 'As of',
  bandDays: (days) => `${days} d`,
  periods: 'Periods without contact',
  from: 'From',
  to: 'To',
  days: 'Days',
  ongoing: 'ongoing',
  daysApprox: (days, min, max) => `${days} (the dates allow ${min} to ${max})`,
  requestStats: 'Requests for information',
  sent: 'Sent',
  answered: 'Answered',
  unansweredNow: 'Unanswered now',
  medianDays: 'Median days to an answer',
  none: 'none',
  analysisNotes: 'Notes of the analysis',
  register: 'Request register',
  noRequests: 'No requests recorded.',
  about: 'About',
  by: 'By',
  recipient: 'To',
  channel: 'How',
  answer: 'Answer',
  answeredOn: 'On',
  responseKinds: {
    none: 'No answer (concluded)',
    token: 'Formal reply',
    denial: 'Denial',
    substantive: 'Substantive answer',
  },
  noAnswer: 'No answer',
  waiting: (days) => `waiting ${days} d`,
  exhibits: 'Exhibits',
  exhibitsIntro:
    'The originals of the case held in the vault, numbered as in a package of the whole case ' +
    '(data/items/NNN-…). The SHA-256 of each is the one recorded when it was added to the vault.',
  noExhibits: 'No items recorded.',
  number: 'No.',
  kind: 'Kind',
  source: 'Source',
  title: 'Title',
  itemKinds: {
    document: 'Document',
    letter: 'Letter',
    official_reply: 'Official reply',
    photo: 'Photo',
    audio: 'Audio',
    video: 'Video',
    other: 'Other',
  },
  custody: 'Chain of custody and how to verify this report',
  custodyIntro: (size) =>
    `Every change to the evidence of this vault is an Ed25519-signed, hash-linked entry of its custody log, an ` +
    `RFC 6962 Merkle tree. This report reflects the log as the checkpoint below signs it: its first ${size} ` +
    `entries. Before the report was made, every signature and link of the log was checked and its root ` +
    `matched. Making the report is itself recorded in the log (action report.created), after this checkpoint.`,
  checkpointNote: 'Checkpoint (C2SP signed note: origin, number of entries, Merkle root in base64, signature)',
  verifyTitle: 'How to verify',
  stepFile: (file) =>
    `1. This file is signed with minisign; the signature, ${file}.minisig, comes with it. Check it (minisign ` +
    `must answer "Signature and comment signature verified"):`,
  stepCheckpoint:
    "2. Check the checkpoint's Ed25519 signature with OpenSSL alone. These four lines write its signed text " +
    "(its first three lines, each ending in a line break), the signature and the signer's key to files, then " +
    'check them (OpenSSL must answer "Signature Verified Successfully"):',
  stepLog: (size) =>
    `3. Check the custody log itself with Vigil: "vigil verify <vault folder>" checks every entry, signature ` +
    `and link of the vault; a package exported from it later ("vigil verify <package>.tar.age") carries a ` +
    `later checkpoint of the same log (data/custody/checkpoint.txt) and the signed entries with their ` +
    `inclusion proofs. Its first ${size} entries are the ones summarised here.`,
  stepExhibit: '4. Check an exhibit: "sha256sum <file>" of the original must print the SHA-256 listed for it above.',
  page: (n, total) => `Page ${n} of ${total}`,
};
