import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDF_LAYOUT, pdfFixture } from '../evidence/redact/fixtures';
import { hasTool } from '../../helpers/tools';
import { runCli, suiteTempDir } from '../../helpers/vault';

interface Redacted {
  item: { id: string; sha256: string; derivativeOf: string; derivativeKind: string };
  redaction: { originalSha256: string; boxes: unknown[]; people: { code: string; occurrences: number }[] };
}

let dir: string;
let work: string;
let itemId: string;
let originalSha: string;

function ok(args: string[]): string {
  const r = runCli(args);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  work = suiteTempDir();
  dir = path.join(work, 'vault');
  ok(['init', dir, '--name', 'Anna']);
  const caseId = (JSON.parse(ok(['case', 'new', dir, '--title', 'Colony case', '--json'])) as { id: string }).id;
  ok([
    'person',
    'add',
    dir,
    '--case',
    caseId,
    '--role',
    'witness',
    '--name',
    'Olena Petrenko',
    '--alias',
    'Lena P.',
    '--code',
    'W-014',
  ]);
  fs.writeFileSync(path.join(work, 'statement.pdf'), await pdfFixture());
  const added = JSON.parse(ok(['item', 'add', dir, path.join(work, 'statement.pdf'), '--case', caseId, '--json'])) as {
    id: string;
    sha256: string;
  };
  [itemId, originalSha] = [added.id, added.sha256];
});

describe('cli/vigil item redact', () => {
  it('--boxes stores a redacted derivative and prints it as JSON', () => {
    const boxes = path.join(work, 'boxes.json');
    fs.writeFileSync(boxes, JSON.stringify({ boxes: [{ page: 0, ...PDF_LAYOUT.nameLine }] }));
    const done = JSON.parse(ok(['item', 'redact', dir, itemId, '--boxes', boxes, '--json'])) as Redacted;
    expect(done.item).toMatchObject({ derivativeOf: itemId, derivativeKind: 'redacted' });
    expect(done.redaction).toMatchObject({ originalSha256: originalSha, boxes: [{ page: 0, ...PDF_LAYOUT.nameLine }] });
    const file = path.join(work, 'r.pdf');
    ok(['cat', dir, done.item.id, '-o', file]);
    if (hasTool('pdftotext', 'poppler-utils')) {
      const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout;
      expect(text).not.toContain('Olena Petrenko was held');
      expect(text).toContain('The request register stays visible.');
    }
  });

  it('--person CODE removes the names and says how many, without printing them', () => {
    const out = ok(['item', 'redact', dir, itemId, '--person', 'w-014']);
    expect(out).toContain("3 occurrence(s) of W-014's 2 name(s) removed.");
    expect(out).not.toMatch(/Olena|Petrenko/);
    expect(ok(['verify', dir])).toMatch(/ok|verified/i);
  });

  it('refuses a bad boxes file, or neither option, before storing anything', () => {
    const before = ok(['item', 'list', dir, '--json']);
    const bad = path.join(work, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ boxes: [{ page: 0, x: 1, y: 1, width: -4, height: 3 }] }));
    const r = runCli(['item', 'redact', dir, itemId, '--boxes', bad]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('box 1 width: must be greater than 0');
    const past = path.join(work, 'past.json');
    fs.writeFileSync(past, JSON.stringify({ boxes: [{ page: 9, x: 1, y: 1, width: 4, height: 3 }] }));
    expect(runCli(['item', 'redact', dir, itemId, '--boxes', past]).stderr).toContain(
      'Box 1 is on page 9 but the PDF has 2 page(s)',
    );
    expect(runCli(['item', 'redact', dir, itemId]).stderr).toContain('Say what to remove');
    expect(ok(['item', 'list', dir, '--json'])).toBe(before);
  });
});
