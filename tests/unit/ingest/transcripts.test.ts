import { describe, expect, it } from 'vitest';
import { isVigilError } from '../../../shared/errors';
import { detectTranscriptFormat, importTranscriptFile, parseTranscript } from '../../../main/ingest/transcripts';
import { makeDocx, makeTempDir, makeZip, writeFixture } from './fixtures';

const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');

function invalidAt(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isVigilError(err) && err.code === 'INVALID_INPUT') return err.message;
    throw err;
  }
  throw new Error('expected INVALID_INPUT');
}

const SRT =
  '\ufeff1\r\n00:00:01,000 --> 00:00:04,500\r\nINTERVIEWER: When did you last\r\nhear from him?\r\n>> Когда вы ' +
  'последний раз\r\n\r\n2\r\n00:01:02,345 --> 00:01:05,000\r\nW-014: In March.\r\n\r\n3\r\n00:01:06,000 --> ' +
  '00:01:07,000\r\nno speaker here\r\n';

const VTT = `WEBVTT - interview

NOTE this block is skipped
across two lines

STYLE
::cue { color: red }

intro
00:01.000 --> 00:04.000 align:start
<v Interviewer>Where was he <i>taken</i>?</v>

00:00:05.000 --> 00:00:09.250
<v.loud R-002>To the colony &amp; then away.
and no word since
[translation] В колонию, а потом дальше.

00:10.000 --> 00:11.000
Lawyer: Confirmed.
`;

describe('ingest/transcripts/parseTranscript srt', () => {
  it('parses cues, speakers, continuation lines and translations', () => {
    expect(parseTranscript(utf8(SRT), 'srt')).toEqual([
      {
        speaker: 'INTERVIEWER',
        startMs: 1000,
        endMs: 4500,
        text: 'When did you last\nhear from him?',
        translation: 'Когда вы последний раз',
      },
      { speaker: 'W-014', startMs: 62_345, endMs: 65_000, text: 'In March.', translation: null },
      { speaker: '', startMs: 66_000, endMs: 67_000, text: 'no speaker here', translation: null },
    ]);
  });

  it('rejects a cue without a time line, naming the line', () => {
    expect(
      invalidAt(() => parseTranscript(utf8('1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\nnot a time\ntext\n'), 'srt')),
    ).toMatch(/^Line 6: expected a cue time line/);
  });

  it('rejects impossible times and cues that end before they start', () => {
    expect(invalidAt(() => parseTranscript(utf8('1\n00:00:61,000 --> 00:00:62,000\nx\n'), 'srt'))).toMatch(
      /^Line 2: .*not a valid cue time/,
    );
    expect(invalidAt(() => parseTranscript(utf8('1\n00:00:05,000 --> 00:00:02,000\nx\n'), 'srt'))).toMatch(
      /^Line 2: the cue ends before it starts/,
    );
  });

  it('rejects text that is not UTF-8', () => {
    expect(
      invalidAt(() => parseTranscript(Buffer.from('1\n00:00:01,000 --> 00:00:02,000\ncaf\xe9\n', 'latin1'), 'srt')),
    ).toMatch(/not valid UTF-8/);
  });
});

describe('ingest/transcripts/parseTranscript vtt', () => {
  it('reads voice tags, skips NOTE and STYLE blocks and strips markup', () => {
    expect(parseTranscript(utf8(VTT), 'vtt')).toEqual([
      { speaker: 'Interviewer', startMs: 1000, endMs: 4000, text: 'Where was he taken?', translation: null },
      {
        speaker: 'R-002',
        startMs: 5000,
        endMs: 9250,
        text: 'To the colony & then away.\nand no word since',
        translation: 'В колонию, а потом дальше.',
      },
      { speaker: 'Lawyer', startMs: 10_000, endMs: 11_000, text: 'Confirmed.', translation: null },
    ]);
  });

  it('requires the WEBVTT header', () => {
    expect(invalidAt(() => parseTranscript(utf8('00:01.000 --> 00:02.000\nx\n'), 'vtt'))).toMatch(
      /^Line 1: a WebVTT file must start with "WEBVTT"/,
    );
  });

  it('rejects a malformed time, naming the line', () => {
    expect(
      invalidAt(() =>
        parseTranscript(utf8('WEBVTT\n\n00:01.000 --> 00:02.000\nok\n\nid\n00:03,000 --> 00:04.000\nx\n'), 'vtt'),
      ),
    ).toMatch(/^Line 7: .*not a valid cue time/);
    expect(invalidAt(() => parseTranscript(utf8('WEBVTT\n\ncue-id\nno arrow here\n'), 'vtt'))).toMatch(
      /^Line 4: expected a cue time line/,
    );
  });
});

describe('ingest/transcripts/parseTranscript text', () => {
  it('reads speakers, timestamps, continuations, paragraphs and translations', () => {
    const text = [
      '[00:00:05] Interviewer: Tell me about the last letter.',
      'Mother: It came in May.',
      'It was short.',
      '>> Оно пришло в мае.',
      '[translation] Оно было коротким.',
      '',
      'After that, nothing.',
      '[01:02.5] Interviewer: Thank you.',
      'see http://example.org for the form',
    ].join('\n');
    expect(parseTranscript(utf8(text), 'text')).toEqual([
      { speaker: 'Interviewer', startMs: 5000, endMs: null, text: 'Tell me about the last letter.', translation: null },
      {
        speaker: 'Mother',
        startMs: null,
        endMs: null,
        text: 'It came in May.\nIt was short.',
        translation: 'Оно пришло в мае.\nОно было коротким.',
      },
      { speaker: 'Mother', startMs: null, endMs: null, text: 'After that, nothing.', translation: null },
      {
        speaker: 'Interviewer',
        startMs: 62_500,
        endMs: null,
        text: 'Thank you.\nsee http://example.org for the form',
        translation: null,
      },
    ]);
  });

  it('rejects a translation with nothing before it, and impossible timestamps', () => {
    expect(invalidAt(() => parseTranscript(utf8('\n>> orphan'), 'text'))).toMatch(/^Line 2: a translation line/);
    expect(invalidAt(() => parseTranscript(utf8('A: ok\n[00:99] B: no'), 'text'))).toMatch(
      /^Line 2: .*not a valid time/,
    );
  });

  it('bounds line length', () => {
    expect(invalidAt(() => parseTranscript(utf8(`A: ok\n${'x'.repeat(20_001)}`), 'text'))).toMatch(
      /^Line 2: the line is longer than/,
    );
  });

  it('handles UTF-16 with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A: привет\r\n', 'utf16le')]);
    expect(parseTranscript(bytes, 'text')).toEqual([
      { speaker: 'A', startMs: null, endMs: null, text: 'привет', translation: null },
    ]);
  });
});

describe('ingest/transcripts/detectTranscriptFormat', () => {
  it('trusts the bytes before the name', () => {
    expect(detectTranscriptFormat('a.txt', makeDocx(['x']))).toBe('docx');
    expect(detectTranscriptFormat('a.txt', utf8('\ufeffWEBVTT\n\n'))).toBe('vtt');
    expect(detectTranscriptFormat('a.txt', utf8('1\r\n00:00:01,000 --> 00:00:02,000\r\n'))).toBe('srt');
    expect(detectTranscriptFormat('a.srt', utf8('garbage'))).toBe('srt');
    expect(detectTranscriptFormat('notes', utf8('A: hello'))).toBe('text');
  });
});

describe('ingest/transcripts/importTranscriptFile', () => {
  it('imports each format from a file, DOCX through the extraction worker', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      expect(await importTranscriptFile(writeFixture(dir, 'i.srt', SRT))).toHaveLength(3);
      expect(await importTranscriptFile(writeFixture(dir, 'i.vtt', VTT))).toHaveLength(3);
      expect(await importTranscriptFile(writeFixture(dir, 'i.txt', 'A: one\nB: two'))).toHaveLength(2);
      const docx = await importTranscriptFile(
        writeFixture(
          dir,
          'i.docx',
          makeDocx(['Interviewer: Where is he?', 'W-014: We do not know.', '>> Мы не знаем.']),
        ),
      );
      expect(docx).toEqual([
        { speaker: 'Interviewer', startMs: null, endMs: null, text: 'Where is he?', translation: null },
        { speaker: 'W-014', startMs: null, endMs: null, text: 'We do not know.', translation: 'Мы не знаем.' },
      ]);
    } finally {
      cleanup();
    }
  });

  it('reports a hostile DOCX as INVALID_INPUT with the reason', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const bomb = makeZip([{ name: 'word/document.xml', data: Buffer.alloc(100), declaredSize: 2 ** 31 }]);
      await expect(importTranscriptFile(writeFixture(dir, 'bomb.docx', bomb))).rejects.toThrow(
        /Word transcript could not be read: .*zip bomb/,
      );
      await expect(importTranscriptFile(`${dir}/missing.srt`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      cleanup();
    }
  });
});
