import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestServices } from '../../helpers/app-services';
import { callChannel as call, channelValue as value, coreForEachTest } from '../../helpers/ipc';

const cores = coreForEachTest();

const TASK = 'task-0001-items';

async function withDemo(): Promise<{ core: TestServices; caseId: string; dir: string }> {
  const { core, demo, parent } = await cores.unlockedDemo();
  return { core, caseId: demo.caseId, dir: parent };
}

type Row = { id: string; title: string; kind: string; derivativeCount: number; size: number };

async function list(core: TestServices, caseId: string): Promise<Row[]> {
  return (await value<{ rows: Row[] }>(core, 'items:list', { caseId, limit: 1000 })).rows;
}

describe('ipc/items.ipc', () => {
  it('items:list, items:get and items:text answer with the contract shapes', async () => {
    const { core, caseId } = await withDemo();
    const { rows, total } = await value<{ rows: Row[]; total: number }>(core, 'items:list', { caseId });
    expect(rows.length).toBe(total);
    expect(total).toBeGreaterThan(0);
    const first = rows[0];
    if (!first) throw new Error('no rows');
    const detail = await value<{
      id: string;
      textExcerpt: string;
      textLength: number;
      derivatives: unknown[];
      sensitive: object;
    }>(core, 'items:get', { id: first.id });
    expect(detail).toMatchObject({ id: first.id, derivatives: [] });
    expect(detail.textLength).toBeGreaterThan(0);
    const { text } = await value<{ text: string }>(core, 'items:text', { id: first.id });
    expect(text.startsWith(detail.textExcerpt)).toBe(true);
    expect(await value<{ url: string }>(core, 'items:media-url', { id: first.id })).toEqual({
      url: `vigil-media://media/${first.id}`,
    });
  });

  it('items:list filters by kind and text and reads a window of rows', async () => {
    const { core, caseId } = await withDemo();
    const all = await list(core, caseId);
    const letters = await value<{ rows: Row[]; total: number }>(core, 'items:list', { caseId, kind: 'letter' });
    expect(letters.total).toBe(all.filter((r) => r.kind === 'letter').length);
    expect(letters.rows.every((r) => r.kind === 'letter')).toBe(true);
    const byText = await value<{ rows: Row[]; total: number }>(core, 'items:list', { caseId, text: 'COLONY' });
    expect(byText.rows.map((r) => r.title)).toEqual(['Short letter from Colony No. 11']);
    expect((await value<{ total: number }>(core, 'items:list', { caseId, text: '100%_' })).total).toBe(0);
    const page = await value<{ rows: Row[]; total: number }>(core, 'items:list', { caseId, offset: 1, limit: 2 });
    expect(page.total).toBe(all.length);
    expect(page.rows.map((r) => r.id)).toEqual(all.slice(1, 3).map((r) => r.id));
  });

  it('items:list text filter ignores case in Cyrillic and Latin alike, and takes % and _ literally', async () => {
    const { core, caseId, dir } = await withDemo();
    const files = ['Лист матері з колонії.txt', 'ВІДПОВІДЬ прокуратури.txt', 'Їжа_100%.txt'].map((name) => {
      const file = path.join(dir, name);
      writeFileSync(file, name);
      return file;
    });
    await value(core, 'items:add-files', { caseId, files: files.map((f) => core.grant(f)), taskId: TASK });
    const titles = async (text: string): Promise<string[]> =>
      (await value<{ rows: Row[] }>(core, 'items:list', { caseId, text })).rows.map((r) => r.title);
    expect(await titles('ЛИСТ МАТЕРІ')).toEqual([expect.stringMatching(/^Лист матері/)]);
    expect(await titles('відповідь')).toEqual([expect.stringMatching(/^ВІДПОВІДЬ/)]);
    expect(await titles('їжа_100%')).toEqual([expect.stringMatching(/^Їжа_100%/)]);
    expect(await titles('їжа%')).toEqual([]);
  });

  it('items:add-files adds files with byte progress and returns them; the list shows them', async () => {
    const { core, caseId, dir } = await withDemo();
    const a = path.join(dir, 'a.txt');
    const b = path.join(dir, 'b.bin');
    writeFileSync(a, 'a short note');
    writeFileSync(b, randomBytes(300_000));
    const before = (await list(core, caseId)).length;
    const { items } = await value<{ items: Row[] }>(core, 'items:add-files', {
      caseId,
      files: [core.grant(a), core.grant(b)],
      taskId: TASK,
    });
    expect(items.map((i) => i.title)).toEqual(['a.txt', 'b.bin']);
    expect((await list(core, caseId)).length).toBe(before + 2);
    const progress = core.events
      .filter((e) => e.name === 'task:progress')
      .map((e) => e.payload as { done: number; total: number; unit: string });
    expect(progress.at(-1)).toMatchObject({ done: 300_012, total: 300_012, unit: 'bytes' });
    const dones = progress.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((x, y) => x - y));
  });

  it('items:add-files stops when cancelled and adds nothing of the unfinished file', async () => {
    const { core, caseId, dir } = await withDemo();
    const big = path.join(dir, 'big.bin');
    writeFileSync(big, randomBytes(64 * 1024 * 1024));
    const before = (await list(core, caseId)).length;
    const pending = call(core, 'items:add-files', { caseId, files: [core.grant(big)], taskId: TASK });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await value(core, 'task:cancel', { taskId: TASK })).toEqual({ cancelled: true });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect((await list(core, caseId)).length).toBe(before);
  });

  it('items:update edits metadata and items:add-derivative links a derivative', async () => {
    const { core, caseId, dir } = await withDemo();
    const [first] = await list(core, caseId);
    if (!first) throw new Error('no rows');
    const updated = await value<{ title: string; date: string; dateApprox: boolean }>(core, 'items:update', {
      id: first.id,
      changes: { title: 'Letter, returned', date: '2025-11', dateApprox: true },
    });
    expect(updated).toMatchObject({ title: 'Letter, returned', date: '2025-11', dateApprox: true });
    const copy = path.join(dir, 'redacted.txt');
    writeFileSync(copy, 'redacted copy');
    const derived = await value<{ derivativeOf: string; derivativeKind: string }>(core, 'items:add-derivative', {
      id: first.id,
      file: core.grant(copy),
      derivativeKind: 'redacted',
    });
    expect(derived).toMatchObject({ derivativeOf: first.id, derivativeKind: 'redacted' });
    const rows = await list(core, caseId);
    expect(rows.find((r) => r.id === first.id)?.derivativeCount).toBe(1);
    const detail = await value<{ derivatives: Row[] }>(core, 'items:get', { id: first.id });
    expect(detail.derivatives).toHaveLength(1);
  });

  it(
    "items:redact stores a redacted derivative of an item in the vault, by a person's names, and refuses boxes " +
      'on a text',
    async () => {
      const { core, caseId, dir } = await withDemo();
      const file = path.join(dir, 'note.txt');
      writeFileSync(file, 'Andrii Melnik asked for a visit.\n');
      const { items } = await value<{ items: Row[] }>(core, 'items:add-files', {
        caseId,
        files: [core.grant(file)],
        taskId: TASK,
      });
      const noteId = items[0]?.id ?? '';
      const people = await value<{ id: string; code: string; name: string }[]>(core, 'people:list', { caseId });
      const detainee = people.find((p) => p.code.startsWith('D-'));
      if (!detainee) throw new Error('no detainee');
      const done = await value<{
        item: { id: string; derivativeOf: string; derivativeKind: string };
        redaction: { people: { code: string; occurrences: number }[] };
      }>(core, 'items:redact', { id: noteId, personId: detainee.id });
      expect(done.item).toMatchObject({ derivativeOf: noteId, derivativeKind: 'redacted' });
      expect(done.redaction.people).toEqual([expect.objectContaining({ code: detainee.code, occurrences: 1 })]);
      expect((await value<{ text: string }>(core, 'items:text', { id: done.item.id })).text).toBe(
        `${detainee.code} asked for a visit.\n`,
      );
      expect(
        (await value<{ derivatives: Row[] }>(core, 'items:get', { id: noteId })).derivatives.map((d) => d.id),
      ).toEqual([done.item.id]);
      expect(
        await call(core, 'items:redact', { id: noteId, boxes: [{ page: 0, x: 0, y: 0, width: 1, height: 1 }] }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await call(core, 'items:redact', { id: noteId })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(
        await call(core, 'items:redact', { id: noteId, boxes: [{ page: 0, x: 0, y: 0, width: -1, height: 1 }] }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    },
  );

  it(
    'refuses bad requests with INVALID_INPUT, unknown ids ' + 'with NOT_FOUND, and a locked vault with VAULT_LOCKED',
    async () => {
      const { core, caseId } = await withDemo();
      const [first] = await list(core, caseId);
      expect(await call(core, 'items:update', { id: first?.id, changes: { date: '2025-13' } })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(await call(core, 'items:update', { id: first?.id, changes: { title: '  ' } })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(await call(core, 'items:add-files', { caseId, files: [], taskId: TASK })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(
        await call(core, 'items:add-derivative', { id: first?.id, file: core.grant('/x'), derivativeKind: 'Bad Kind' }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await call(core, 'items:get', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(
        await call(core, 'items:add-files', {
          caseId: '00000000-0000-4000-8000-000000000000',
          files: [core.grant('/nope')],
          taskId: TASK,
        }),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      await core.services.session.lock('user');
      expect(await call(core, 'items:list', { caseId })).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    },
  );
});

describe('ipc/items-add/totalBytesTracker', () => {
  it('sums per-file counts into one running total', async () => {
    const { totalBytesTracker } = await import('../../../main/api/items-add');
    const seen: [number, number | null, string | undefined][] = [];
    const track = totalBytesTracker(['/a/x', '/a/empty', '/a/y'], [10, 0, 70_000], (done, total, label) =>
      seen.push([done, total, label]),
    );
    track(10);
    track(65_536);
    track(70_000);
    expect(seen).toEqual([
      [10, 70_010, 'x'],
      [65_546, 70_010, 'y'],
      [70_010, 70_010, 'y'],
    ]);
  });
});
