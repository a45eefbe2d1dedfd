import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../../main/evidence/demo';
import type { TestServices } from '../../helpers/app-services';
import { callChannel as call, channelValue as value, coreForEachTest } from '../../helpers/ipc';
import { writeSilentWav as writeWav } from '../../helpers/media-files';
import { tempDir } from '../../helpers/vault';

const cores = coreForEachTest();

const NO_ID = '00000000-0000-4000-8000-000000000000';

interface Interview {
  id: string;
  intervieweeCode: string;
  recordingItemIds: string[];
  currentRevision: number | null;
}
interface Segment {
  speaker: string;
  startMs: number | null;
  endMs: number | null;
  text: string;
  translation: string | null;
}
interface Revision {
  revision: number;
  note: string;
  segments: Segment[];
}

// Each test gets its own demo vault: several of them write to it.
async function demoCore(): Promise<{ core: TestServices; demo: DemoSummary }> {
  const { core, demo } = await cores.unlockedDemo();
  return { core, demo };
}

describe('ipc/interviews.ipc', () => {
  it(
    'interviews:list, interviews:get, interviews:revision ' + 'and interviews:revisions read the demo interviews',
    async () => {
      const { core, demo } = await demoCore();
      const list = await value<Interview[]>(core, 'interviews:list', { caseId: demo.caseId });
      expect(list.map((i) => i.intervieweeCode)).toEqual(['R-001', 'L-001']);
      const first = list[0];
      if (!first) throw new Error('no interview');
      expect(await value<Interview>(core, 'interviews:get', { id: first.id })).toMatchObject({
        id: first.id,
        currentRevision: 1,
      });
      const rev = await value<Revision>(core, 'interviews:revision', { interviewId: first.id });
      expect(rev.segments).toHaveLength(7);
      expect(await value(core, 'interviews:revisions', { interviewId: first.id })).toMatchObject([
        { revision: 1, segmentCount: 7, verified: true },
      ]);
    },
  );

  it(
    'transcript revision round trip: revise keeps revision 1, diff names the changed fields, the same text is ' +
      'refused',
    async () => {
      const { core, demo } = await demoCore();
      const [iv] = await value<Interview[]>(core, 'interviews:list', { caseId: demo.caseId });
      if (!iv) throw new Error('no interview');
      const r1 = await value<Revision>(core, 'interviews:revision', { interviewId: iv.id });
      const edited = r1.segments.map((s, i) =>
        i === 1 ? { ...s, text: `${s.text} (checked)`, translation: 'Переклад' } : s,
      );
      edited.push({ speaker: 'Interviewer', startMs: 80_000, endMs: 82_000, text: 'Thank you.', translation: null });
      const r2 = await value<Revision>(core, 'interviews:revise', {
        interviewId: iv.id,
        segments: edited,
        note: 'checked against the recording',
      });
      expect(r2).toMatchObject({ revision: 2, note: 'checked against the recording' });
      expect(await value(core, 'interviews:revision', { interviewId: iv.id, revision: 1 })).toEqual(r1);
      const history = await value<{ revision: number; verified: boolean }[]>(core, 'interviews:revisions', {
        interviewId: iv.id,
      });
      expect(history.map((h) => [h.revision, h.verified])).toEqual([
        [1, true],
        [2, true],
      ]);
      const { diff } = await value<{ diff: { op: string; fields?: string[] }[] }>(core, 'interviews:diff', {
        interviewId: iv.id,
        from: 1,
        to: 2,
      });
      expect(diff.filter((d) => d.op === 'changed')).toEqual([
        expect.objectContaining({ a: 1, b: 1, fields: ['text', 'translation'] }),
      ]);
      expect(diff.filter((d) => d.op === 'added')).toHaveLength(1);
      expect(await call(core, 'interviews:revise', { interviewId: iv.id, segments: edited })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(await call(core, 'interviews:diff', { interviewId: iv.id, from: 1, to: 9 })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    },
  );

  it(
    'interviews:create, then a WAV added through ' +
      'items:add-files is attached with ' +
      'interviews:attach-recording',
    async () => {
      const { core, demo } = await demoCore();
      const people = await value<{ id: string; code: string }[]>(core, 'people:list', { caseId: demo.caseId });
      const witness = people.find((p) => p.code.startsWith('W-'));
      if (!witness) throw new Error('no witness');
      const created = await value<Interview>(core, 'interviews:create', {
        caseId: demo.caseId,
        intervieweeId: witness.id,
        date: '2026-04-02',
        mode: 'in_person',
        language: 'uk',
        consent: { given: true, how: 'oral' },
      });
      expect(created).toMatchObject({
        intervieweeCode: witness.code,
        recordingItemIds: [],
        currentRevision: null,
        consent: { given: true, how: 'oral' },
      });
      const wav = path.join(tempDir(), 'interview.wav');
      writeWav(wav, 3);
      const { items } = await value<{ items: { id: string; kind: string }[] }>(core, 'items:add-files', {
        caseId: demo.caseId,
        files: [core.grant(wav)],
        taskId: 'task-recording-1',
      });
      const [item] = items;
      expect(item?.kind).toBe('audio');
      const attached = await value<Interview>(core, 'interviews:attach-recording', {
        interviewId: created.id,
        itemId: item?.id,
      });
      expect(attached.recordingItemIds).toEqual([item?.id]);
      expect(
        await call(core, 'interviews:attach-recording', { interviewId: created.id, itemId: item?.id }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await call(core, 'interviews:attach-recording', { interviewId: created.id, itemId: NO_ID })).toMatchObject(
        {
          ok: false,
          error: { code: 'NOT_FOUND' },
        },
      );
      expect(await call(core, 'interviews:create', { caseId: demo.caseId, intervieweeId: NO_ID })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    },
  );

  it(
    'interviews:import-transcript parses an SRT file into ' + 'a new revision; a malformed file changes nothing',
    async () => {
      const { core, demo } = await demoCore();
      const [, iv] = await value<Interview[]>(core, 'interviews:list', { caseId: demo.caseId });
      if (!iv) throw new Error('no interview');
      const srt = path.join(tempDir(), 'call.srt');
      writeFileSync(
        srt,
        '1\n00:00:01,000 --> 00:00:04,000\nInterviewer: Can you hear me?\n\n2\n00:00:05,000 --> ' +
          '00:00:09,500\nL-001: Yes, clearly.\n',
      );
      const rev = await value<Revision>(core, 'interviews:import-transcript', {
        interviewId: iv.id,
        file: core.grant(srt),
        note: 'imported from call.srt',
      });
      expect(rev.revision).toBe(2);
      expect(rev.segments).toEqual([
        { speaker: 'Interviewer', startMs: 1000, endMs: 4000, text: 'Can you hear me?', translation: null },
        { speaker: 'L-001', startMs: 5000, endMs: 9500, text: 'Yes, clearly.', translation: null },
      ]);
      const bad = path.join(tempDir(), 'bad.srt');
      writeFileSync(bad, '1\n00:00:09,000 --> 00:00:01,000\nbackwards\n');
      expect(
        await call(core, 'interviews:import-transcript', { interviewId: iv.id, file: core.grant(bad) }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await value<Interview>(core, 'interviews:get', { id: iv.id })).toMatchObject({ currentRevision: 2 });
    },
  );

  it('refuses malformed requests with INVALID_INPUT', async () => {
    const current = await cores.locked();
    for (const [channel, req] of [
      ['interviews:list', {}],
      ['interviews:get', { id: 'not an id!' }],
      ['interviews:create', { caseId: NO_ID, intervieweeId: NO_ID, mode: 'telepathy' }],
      ['interviews:create', { caseId: NO_ID, intervieweeId: NO_ID, date: '2026-13-01' }],
      ['interviews:attach-recording', { interviewId: NO_ID }],
      ['interviews:import-transcript', { interviewId: NO_ID, file: '' }],
      ['interviews:revision', { interviewId: NO_ID, revision: 0 }],
      ['interviews:revisions', { interviewId: NO_ID, extra: 1 }],
      ['interviews:revise', { interviewId: NO_ID, segments: [] }],
      [
        'interviews:revise',
        { interviewId: NO_ID, segments: [{ speaker: 'A', startMs: -1, endMs: null, text: 'x', translation: null }] },
      ],
      ['interviews:diff', { interviewId: NO_ID, from: 1 }],
    ] as const) {
      expect(await call(current, channel, req), channel).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('every channel answers VAULT_LOCKED while no vault is open', async () => {
    const current = await cores.locked();
    const segment = { speaker: 'A', startMs: 0, endMs: 1000, text: 'x', translation: null };
    for (const [channel, req] of [
      ['interviews:list', { caseId: NO_ID }],
      ['interviews:get', { id: NO_ID }],
      ['interviews:create', { caseId: NO_ID, intervieweeId: NO_ID }],
      ['interviews:attach-recording', { interviewId: NO_ID, itemId: NO_ID }],
      ['interviews:import-transcript', { interviewId: NO_ID, file: current.grant('/x.srt') }],
      ['interviews:revision', { interviewId: NO_ID }],
      ['interviews:revisions', { interviewId: NO_ID }],
      ['interviews:revise', { interviewId: NO_ID, segments: [segment] }],
      ['interviews:diff', { interviewId: NO_ID, from: 1, to: 2 }],
    ] as const) {
      expect(await call(current, channel, req), channel).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    }
  });
});
