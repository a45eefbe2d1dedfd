import type { Communication } from './submission';
import { zipFiles } from './zip-writer';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function esc(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function para(text: string, opts: { bold?: boolean; size?: number } = {}): string {
  const props = `${opts.bold ? '<w:b/>' : ''}${opts.size ? `<w:sz w:val="${opts.size}"/>` : ''}`;
  return `<w:p><w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
}

function heading(text: string): string {
  return para(text, { bold: true, size: 28 });
}

function field(label: string, value: string | null): string {
  return (
    `<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${esc(label)}: </w:t></w:r><w:r><w:t ` +
    `xml:space="preserve">${esc(value === null || value === '' ? '[to be completed]' : value)}</w:t></w:r></w:p>`
  );
}

function body(c: Communication): string[] {
  const out = [
    para('DRAFT communication to the UN Special Procedures — check every field before sending', {
      bold: true,
      size: 32,
    }),
  ];
  out.push(field('Case reference', c.caseReference));
  out.push(heading('1. Alleged victim(s)'));
  for (const v of c.alleged_victims)
    out.push(
      field(
        'Identity',
        v.name
          ? `${v.name} (${v.code})${v.aliases.length ? `, also known as ${v.aliases.join(', ')}` : ''}`
          : `${v.code} (name withheld: no consent to be named)`,
      ),
    );
  out.push(
    heading('2. Arrest'),
    field('Date', c.arrest.date),
    field('Place', c.arrest.place),
    field('Circumstances', c.arrest.circumstances),
  );
  out.push(heading('3. Authorities believed responsible'));
  for (const a of c.authoritiesBelievedResponsible) out.push(para(`• ${a}`));
  out.push(heading('4. Places of detention and transfers'));
  for (const p of c.placesOfDetention)
    out.push(
      para(`• ${p.date} ${p.type}: ${p.place ?? 'place unknown'}${p.region ? `, ${p.region}` : ''}. ${p.description}`),
    );
  out.push(heading('5. Legal basis of the detention'), field('Legal basis, if known', c.legalBasis));
  out.push(heading('6. Steps taken by relatives and lawyers to locate the person'));
  for (const s of c.stepsTakenByRelativesAndLawyers) {
    out.push(
      para(
        `• ${s.date} by ${s.by ?? 'unknown'} to ${s.to} (${s.channel || 'channel not recorded'}): ` +
          `${s.about || 'request'} — response: ` +
          `${s.response ?? 'none'}${s.responseDate ? ` on ${s.responseDate}` : ''}`,
      ),
    );
  }
  out.push(heading('7. Periods without contact'));
  for (const p of c.periodsWithoutContact)
    out.push(
      para(`• ${p.code}: from ${p.start} ${p.end ? `to ${p.end}` : '(ongoing)'}, ${p.days} days. ${p.explanation}`),
    );
  out.push(heading('8. Consent'));
  for (const k of c.consent)
    out.push(
      para(
        `• ${k.code}: consent to this submission ` +
          `${k.toSubmission ? `given (may be shared with: ${k.sharedWith.join(', ')})` : 'NOT recorded — obtain ' + 'it before sending'}; ` +
          `consent to publication of the name ${k.toPublicationOfName ? 'given' : 'not given'}.`,
      ),
    );
  return out;
}

/** The document part (word/document.xml) of the communication's .docx. */
export function communicationDocumentXml(c: Communication): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body(c).join('')}<w:sectPr/></w:body></w:document>`;
}

/** The communication as a minimal WordprocessingML (.docx) document. */
export function communicationDocx(c: Communication): Buffer {
  const document = communicationDocumentXml(c);
  return zipFiles([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(RELS) },
    { name: 'word/document.xml', data: Buffer.from(document) },
  ]);
}
