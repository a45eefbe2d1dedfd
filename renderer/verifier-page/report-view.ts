/** The verification report as the page shows it: the CLI's report, failed checks first. */
import {
  checkMark,
  checksForReading,
  checkText,
  reportOrigin,
  reportTitle,
  resultSentence,
  signerLine,
  SIGNERS_INTRO,
  type ReportFacts,
} from '../../shared/package-report-text';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls !== undefined) e.className = cls;
  return e;
}

/** Says what this page does not check, so nobody reads a pass as more than it is. */
const NOT_CHECKED =
  'Not checked by this page: the receipt (run vigil verify with the receipt beside the package), and whether ' +
  'the signer key is one you trust — compare the fingerprints above with the sender over a separate channel.';

/** The report of package file `fileName` as a section of the page. */
export function reportView(r: ReportFacts, fileName: string): HTMLElement {
  const section = el('section');
  section.id = 'report';
  section.setAttribute('aria-labelledby', 'report-title');
  const title = el('h2', reportTitle(r, fileName));
  title.id = 'report-title';
  const verdict = el('p', resultSentence(r.ok), r.ok ? 'verdict ok' : 'verdict bad');
  verdict.id = 'verdict';
  section.append(title, verdict);
  const origin = reportOrigin(r);
  if (origin !== null) section.append(el('p', origin));
  if (r.signers.length > 0) {
    section.append(el('h3', SIGNERS_INTRO));
    const ul = el('ul');
    ul.id = 'signers';
    for (const s of r.signers) ul.append(el('li', signerLine(s), 'mono'));
    section.append(ul);
  }
  section.append(el('h3', 'Checks'));
  const list = el('ul', undefined, 'checks');
  list.id = 'checks';
  for (const c of checksForReading(r.checks)) {
    const li = el('li', undefined, `check ${checkMark(c).toLowerCase()}`);
    li.dataset['check'] = c.check;
    li.dataset['mark'] = checkMark(c);
    li.append(el('strong', checkMark(c)), ' ', el('code', c.check), ' ', el('span', checkText(c), 'detail'));
    list.append(li);
  }
  section.append(list, el('p', NOT_CHECKED, 'note'));
  return section;
}
