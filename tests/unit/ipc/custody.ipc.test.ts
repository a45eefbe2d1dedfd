import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/channels';
import type { DemoSummary } from '../../../main/evidence/demo';
import {
  callChannel as call,
  channelValue as value,
  coreForEachTest,
  newDemoVault,
  suiteDemoVault,
} from '../../helpers/ipc';

const cores = coreForEachTest();

const TASK = 'verify-task-0001';

let demoDir = '';
let demo: DemoSummary;
beforeAll(async () => {
  ({ dir: demoDir, demo } = await suiteDemoVault());
});

describe('ipc/custody.ipc', () => {
  it('custody:entries pages the whole log newest first, with readable names and person codes only', async () => {
    const core = await cores.unlocked(demoDir);
    const first = await value(core, 'custody:entries', { scope: { kind: 'vault' }, offset: 0, limit: 5 });
    expect(first.entries).toHaveLength(5);
    expect(first.total).toBeGreaterThan(20);
    expect(first.entries[0]?.seq).toBe(first.total - 1);
    const last = await value(core, 'custody:entries', { scope: { kind: 'vault' }, offset: first.total - 1, limit: 5 });
    expect(last.entries.map((e) => e.action)).toEqual(['vault.created']);
    expect(last.entries[0]?.actor.name).toBe('Demo investigator (fictional)');
    const all = await value(core, 'custody:entries', { scope: { kind: 'vault' }, offset: 0, limit: 200 });
    const people = all.entries.filter((e) => e.subject?.kind === 'person');
    expect(people.length).toBeGreaterThan(0);
    // Labels of people are their codes (like W-001), never a protected name.
    for (const e of people) expect(e.subject?.label).toMatch(/^[A-Z]+-\d+/);
    const revised = all.entries.find((e) => e.action === 'transcript.revised');
    expect(revised?.details.revision).toBe(1);
    expect(revised?.subject?.kind).toBe('interview');
  });

  it('custody:entries filters to a case and to one item', async () => {
    const core = await cores.unlocked(demoDir);
    const all = await value(core, 'custody:entries', { scope: { kind: 'vault' }, offset: 0, limit: 200 });
    const ofCase = await value(core, 'custody:entries', {
      scope: { kind: 'case', caseId: demo.caseId },
      offset: 0,
      limit: 200,
    });
    expect(ofCase.total).toBeGreaterThan(10);
    expect(ofCase.total).toBeLessThan(all.total);
    expect(ofCase.entries.some((e) => e.action === 'vault.created')).toBe(false);
    const ingested = ofCase.entries.find((e) => e.action === 'item.ingested');
    const itemId = ingested?.subject?.id ?? '';
    expect(ingested?.subject?.label).toBeTruthy();
    const ofItem = await value(core, 'custody:entries', { scope: { kind: 'item', itemId }, offset: 0, limit: 50 });
    expect(
      ofItem.entries.every(
        (e) => e.subject?.id === itemId || e.related.some((r) => r.id === itemId) || e.action === 'event.added',
      ),
    ).toBe(true);
    expect(ofItem.entries.map((e) => e.action)).toContain('item.ingested');
  });

  it('custody:checkpoint shows the latest; custody:make-checkpoint adds one over the whole log', async () => {
    const core = await cores.unlocked(demoDir);
    const before = await value(core, 'custody:checkpoint', {});
    expect(before?.signer).toBe('Demo investigator (fictional)');
    const made = await value(core, 'custody:make-checkpoint', {});
    const size = (await value(core, 'custody:entries', { scope: { kind: 'vault' }, offset: 0, limit: 1 })).total;
    expect(made.size).toBe(size);
    expect(await value(core, 'custody:checkpoint', {})).toEqual(made);
  });

  it('custody:verify runs as a task with progress and reports every check holding', async () => {
    const core = await cores.unlocked(demoDir);
    const report = await value(core, 'custody:verify', { taskId: TASK });
    expect(report.ok).toBe(true);
    expect(report.findings.every((f) => f.ok)).toBe(true);
    expect(report.objects.checked).toBeGreaterThan(0);
    const progress = core.events
      .filter((e) => e.name === 'task:progress')
      .map((e) => e.payload as { taskId: string; unit: string; done: number; total: number });
    expect(progress.at(-1)).toMatchObject({
      taskId: TASK,
      unit: 'objects',
      done: report.objects.checked,
      total: report.objects.checked,
    });
  });

  it('custody:verify names the tampered object and the items that hold it', async () => {
    const { dir } = await newDemoVault();
    const shard = readdirSync(path.join(dir, 'blobs')).sort()[0] ?? '';
    const name = readdirSync(path.join(dir, 'blobs', shard)).find((f) => f.endsWith('.age')) ?? '';
    const file = path.join(dir, 'blobs', shard, name);
    const bytes = readFileSync(file);
    const mid = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(mid) ^ 0x01, mid);
    writeFileSync(file, bytes);
    const core = await cores.unlocked(dir);
    const report = await value(core, 'custody:verify', { taskId: TASK });
    expect(report.ok).toBe(false);
    const failed = report.findings.filter((f) => !f.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ check: 'object', subject: name.replace(/\.age$/, '') });
    expect(failed[0]?.subjectLabel).toBeTruthy();
  });

  it('refuses malformed requests with INVALID_INPUT', async () => {
    const core = await cores.unlocked(demoDir);
    expect(await call(core, 'custody:entries', { scope: { kind: 'vault' }, offset: -1, limit: 5 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call(core, 'custody:entries', { scope: { kind: 'vault' }, offset: 0, limit: 5000 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call(core, 'custody:entries', { scope: { kind: 'case' }, offset: 0, limit: 5 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call(core, 'custody:verify', { taskId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call(core, 'custody:checkpoint', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('custody:entries of an unknown case is NOT_FOUND', async () => {
    const core = await cores.unlocked(demoDir);
    expect(
      await call(core, 'custody:entries', {
        scope: { kind: 'case', caseId: '00000000-0000-0000-0000-000000000000' },
        offset: 0,
        limit: 5,
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('every channel answers VAULT_LOCKED while locked', async () => {
    const current = await cores.locked();
    const requests: [Channel, unknown][] = [
      ['custody:entries', { scope: { kind: 'vault' }, offset: 0, limit: 5 }],
      ['custody:verify', { taskId: TASK }],
      ['custody:checkpoint', {}],
      ['custody:make-checkpoint', {}],
    ];
    for (const [channel, req] of requests)
      expect(await call(current, channel, req)).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
  });
});
