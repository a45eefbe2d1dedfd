/** The report's last sections: the request register, the exhibits, and the custody summary with how to verify. */
import type { ReportLabels } from './label-set';
import type { ReportPdf } from './pdf-doc';
import type { ReportData, ReportRequest } from './report-data';
import { exhibitNumber } from './sections-case';

/** A word for the shell as it is, or single-quoted when it holds anything a shell would read. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9._\-/+=:@]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function answerText(r: ReportRequest, l: ReportLabels): string {
  return r.response === null ? l.noAnswer : l.responseKinds[r.response];
}

function daysText(r: ReportRequest, l: ReportLabels): string {
  if (r.daysToAnswer !== null) return String(r.daysToAnswer);
  return r.waitingDays === null ? '' : l.waiting(r.waitingDays);
}

/** Every request in date order: to whom, by whom, the answer and how long it took or has waited. */
export function drawRegister(pdf: ReportPdf, data: ReportData, l: ReportLabels): void {
  pdf.tableChapter(
    { title: l.register, empty: l.noRequests },
    [
      { header: l.sent, weight: 1.35 },
      { header: l.about, weight: 0.7 },
      { header: l.by, weight: 0.7 },
      { header: l.recipient, weight: 2.1 },
      { header: l.channel, weight: 1.3 },
      { header: l.answer, weight: 1.4 },
      { header: l.answeredOn, weight: 1.1 },
      { header: l.days, weight: 1.45 },
    ],
    data.requests.map((r) => ({
      cells: [
        r.date,
        r.about,
        r.by ?? '',
        r.recipient,
        r.channel,
        answerText(r, l),
        r.responseDate ?? '',
        daysText(r, l),
      ],
    })),
  );
}

/** The originals of the case by number, with the SHA-256 each was recorded with. */
export function drawExhibits(pdf: ReportPdf, data: ReportData, l: ReportLabels): void {
  pdf.tableChapter(
    { title: l.exhibits, note: l.exhibitsIntro, empty: l.noExhibits },
    [
      { header: l.number, weight: 0.6 },
      { header: l.date, weight: 1.2 },
      { header: l.kind, weight: 1.4 },
      { header: l.source, weight: 1.2 },
      { header: l.title, weight: 4.8 },
    ],
    data.exhibits.map((x) => ({
      cells: [
        exhibitNumber(x.number),
        x.date === null ? '' : `${x.dateApprox ? '~' : ''}${x.date}`,
        l.itemKinds[x.kind],
        x.source ?? '',
        x.title,
      ],
      full: `SHA-256 ${x.sha256}`,
    })),
  );
}

/** The OpenSSL commands that check the checkpoint's Ed25519 signature with nothing but the report's text. */
function opensslLines(data: ReportData): string[] {
  const cp = data.checkpoint;
  const body = cp.body.split('\n').filter((line) => line !== '');
  return [
    `printf '%s\\n' ${body.map(shellWord).join(' ')} > body.txt`,
    `echo ${cp.signatureBase64} | base64 -d > body.sig`,
    `echo ${cp.signer.spkiBase64} | base64 -d > key.der`,
    'openssl pkeyutl -verify -pubin -keyform DER -inkey key.der -rawin -in body.txt -sigfile body.sig',
  ];
}

/** The checkpoint the report reflects, its signer's key, and four ways to check the report and what it cites. */
export function drawCustody(pdf: ReportPdf, data: ReportData, l: ReportLabels, fileName: string): void {
  const cp = data.checkpoint;
  pdf.doc.addPage();
  pdf.heading(l.custody);
  pdf.paragraph(l.custodyIntro(cp.size));
  pdf.facts(
    [
      [l.root, cp.rootHex],
      [l.rootBase64, cp.rootBase64],
      [l.signerKey, `ed25519:${cp.signer.publicKeyHex}`],
      ['minisign', cp.signer.minisignKeyLine],
      [l.fingerprint, cp.signer.fingerprint],
    ],
    8,
  );
  pdf.paragraph(l.checkpointNote, { size: 8.5, bold: true });
  pdf.verbatim(cp.note.trimEnd().split('\n'));
  pdf.heading(l.verifyTitle, 2);
  pdf.paragraph(l.stepFile(fileName), { size: 8.5 });
  pdf.verbatim([
    `minisign -Vm ${shellWord(fileName)} -x ${shellWord(`${fileName}.minisig`)} -P ${cp.signer.minisignKeyLine}`,
  ]);
  pdf.paragraph(l.stepCheckpoint, { size: 8.5 });
  pdf.verbatim(opensslLines(data));
  pdf.paragraph(l.stepLog(cp.size), { size: 8.5 });
  pdf.verbatim(['vigil verify <vault folder>', 'vigil verify <package>.tar.age --identity <key.txt>']);
  pdf.paragraph(l.stepExhibit, { size: 8.5 });
}
