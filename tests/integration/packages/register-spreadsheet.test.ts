/**
 * register.csv opened in a real spreadsheet: LibreOffice Calc (headless, a private profile)
 * converts the register of an export whose item titles are formulas to a flat ODS file, and
 * no cell of it may be a formula; every hostile title must show as its literal text.
 * Calc runs =-led cells on opening a CSV (Excel runs +, - and @ ones too), so before the
 * cells were neutralised this showed 2 for =1+1 and y for the HYPERLINK.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageDecrypt, generateX25519Identity } from '../../../main/crypto/age';
import { createCase } from '../../../main/evidence/cases';
import { addFileItem } from '../../../main/evidence/item-ingest';
import { getItem } from '../../../main/evidence/items';
import { registerCsv } from '../../../main/packages/export/case-data';
import { exportPackage } from '../../../main/packages/export/export';
import type { Vault } from '../../../main/vault/vault';
import { hasTool } from '../../helpers/tools';
import { newTestVault, suiteTempDir } from '../../helpers/vault';
import { untarBag } from '../../unit/packages/helpers';

const hasSoffice = hasTool('soffice', 'libreoffice-calc-nogui');
/** A cold start of LibreOffice with a new profile takes a few seconds; a hung one is stopped. */
const SOFFICE_TIMEOUT_MS = 120_000;

/** Titles a spreadsheet would run as formulas (or read as numbers), and two harmless ones. */
const HOSTILE_TITLES = ['=HYPERLINK("http://x","y")', '=1+1', '+1+1', '@SUM(1,1)', '-2+3', '-1'];
const HARMLESS_TITLES = ['Letter from the colony, "as received"', 'Reply 2025-03'];
/** Cells no item title can start with (titles are trimmed), written through registerCsv directly. */
const CONTROL_LED = ['\t=1+1', '\r=1+1', '="a""b"\r\n,=1+1'];

let root: string;
let vault: Vault;
let soffice: { ms: number; cells: Map<string, Cell[][]> };

interface Cell {
  formula: boolean;
  text: string;
}

function unescapeXml(text: string): string {
  return text.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '',
  );
}

/** The cells of a flat ODS file's first sheet, row by row (Calc's own output, so regular enough for patterns). */
function fodsCells(xml: string): Cell[][] {
  const table = /<table:table [\s\S]*?<\/table:table>/.exec(xml)?.[0] ?? '';
  return [...table.matchAll(/<table:table-row[^>]*>([\s\S]*?)<\/table:table-row>/g)].map(([, row]) =>
    [...(row ?? '').matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)].map(
      ([, attrs, body]) => ({
        formula: (attrs ?? '').includes('table:formula'),
        // A tab is <text:tab/>; a line break within a cell ends a paragraph.
        text: [...(body ?? '').matchAll(/<text:p(?:\/>|>([\s\S]*?)<\/text:p>)/g)]
          .map(([, p]) => unescapeXml((p ?? '').replace(/<text:tab\/>/g, '\t').replace(/<[^>]+>/g, '')))
          .join('\n'),
      }),
    ),
  );
}

/** Converts CSV files to flat ODS with LibreOffice, as a person opening them in Calc would see them. */
function convertWithCalc(files: string[], out: string): { ms: number; cells: Map<string, Cell[][]> } {
  const profile = pathToFileURL(path.join(root, 'lo-profile')).href;
  const started = Date.now();
  const r = spawnSync(
    'soffice',
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'fods', '--outdir', out, ...files],
    { encoding: 'utf8', timeout: SOFFICE_TIMEOUT_MS },
  );
  const ms = Date.now() - started;
  if (r.status !== 0) throw new Error(`soffice failed (${String(r.status ?? r.signal)}): ${r.stdout}${r.stderr}`);
  const cells = new Map(
    files.map((f) => [
      path.basename(f),
      fodsCells(fs.readFileSync(path.join(out, path.basename(f).replace(/\.csv$/, '.fods')), 'utf8')),
    ]),
  );
  return { ms, cells };
}

/** The register.csv of a full-profile export of the case, written through the real export path. */
async function exportedRegister(caseId: string): Promise<string> {
  const key = generateX25519Identity();
  const pkg = await exportPackage(vault, {
    caseId,
    recipients: [key.publicKey],
    profile: 'full',
    output: path.join(root, 'hostile.tar.age'),
  });
  const bagDir = untarBag(
    await ageDecrypt(fs.readFileSync(pkg.packagePath), [{ kind: 'x25519', secretKey: key.secretKey }]),
    path.join(root, 'bag'),
  );
  return fs.readFileSync(path.join(bagDir, 'data/register.csv'), 'utf8');
}

beforeAll(async () => {
  if (!hasSoffice) return;
  root = suiteTempDir('vigil-register-calc-');
  ({ vault } = await newTestVault());
  const c = createCase(vault, { title: 'Register check' });
  const ids: string[] = [];
  for (const [i, title] of [...HOSTILE_TITLES, ...HARMLESS_TITLES].entries()) {
    const file = path.join(root, `item-${i}.txt`);
    fs.writeFileSync(file, `item ${i}\n`);
    ids.push((await addFileItem(vault, file, { caseId: c.id, title, kind: 'letter', extract: false })).id);
  }
  fs.writeFileSync(path.join(root, 'exported.csv'), await exportedRegister(c.id));
  const item = getItem(vault.db, ids[0] ?? '');
  const planned = CONTROL_LED.map((title, i) => ({
    item: { ...item, title },
    original: null,
    path: `items/00${i + 1}-x.txt`,
  }));
  fs.writeFileSync(
    path.join(root, 'direct.csv'),
    registerCsv(planned, [], {
      named: () => true,
      text: (v) => v,
      replaces: false,
      count: () => new Map(),
      locate: () => [],
    }),
  );
  soffice = convertWithCalc([path.join(root, 'exported.csv'), path.join(root, 'direct.csv')], path.join(root, 'calc'));
  console.info(`LibreOffice converted two registers in ${soffice.ms} ms`);
}, SOFFICE_TIMEOUT_MS + 60_000);

afterAll(async () => {
  await vault?.close();
});

describe.skipIf(!hasSoffice)('packages/export register.csv in LibreOffice Calc', () => {
  it('has no formula cell, and shows each hostile title of an export as its literal text', () => {
    const rows = soffice.cells.get('exported.csv') ?? [];
    expect(rows.flat().filter((c) => c.formula)).toEqual([]);
    const titles = rows.slice(1).map((r) => r[1]?.text);
    expect(titles.sort()).toEqual([...HOSTILE_TITLES.map((t) => `'${t}`), ...HARMLESS_TITLES].sort());
    expect(rows[0]?.map((c) => c.text).slice(0, 9)).toEqual([
      'id',
      'title',
      'kind',
      'date',
      'date_precision',
      'source_code',
      'sha256',
      'size',
      'path',
    ]);
  });

  it('keeps tab- and CR-led cells and a quoted cell with quotes and CRLF as literal text in their own column', () => {
    const rows = soffice.cells.get('direct.csv') ?? [];
    expect(rows.flat().filter((c) => c.formula)).toEqual([]);
    expect(rows).toHaveLength(1 + CONTROL_LED.length);
    // Calc turns a line break inside a cell into a new paragraph: compare with CR and CRLF as one break.
    expect(rows.slice(1).map((r) => r[1]?.text)).toEqual(CONTROL_LED.map((t) => `'${t}`.replace(/\r\n?/g, '\n')));
    expect(rows.slice(1).map((r) => r[2]?.text)).toEqual(CONTROL_LED.map(() => 'letter'));
  });
});
