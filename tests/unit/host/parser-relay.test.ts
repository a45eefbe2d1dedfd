// Text extraction for a core host that cannot start processes itself (inside Electron only main can): the host asks
// main, main starts the parser with its own program and environment and relays. Real forked host, real parser
// process, real SQLCipher.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MainSide } from '../../../main/host/core-client';
import { forkCoreHost, type ForkedCore } from '../../../main/host/fork-host';
import { forkLauncher, type ParserLauncher } from '../../../main/ingest/parser-process';
import { tempFolders, testHostInit } from './host-fixtures';
import { makePdf } from '../ingest/fixtures';

const temps = tempFolders('vigil-relay-');
const tempDir = temps.make;
const running: ForkedCore[] = [];

afterEach(async () => {
  for (const forked of running.splice(0)) await forked.stop();
  temps.removeAll();
});

/** main's launcher, counting what it starts and what it was asked for. */
function countingLauncher(): { launcher: ParserLauncher; started: { script: string; env: Record<string, string> }[] } {
  const started: { script: string; env: Record<string, string> }[] = [];
  return {
    started,
    launcher: {
      kind: 'fork',
      launch: (entry, opts) => {
        started.push({ script: entry.script, env: opts.env });
        return forkLauncher.launch(entry, opts);
      },
    },
  };
}

async function hostWithRelay(parsers: ParserLauncher | undefined, files: string[]): Promise<ForkedCore> {
  let folder: string | null = null;
  const main: MainSide = {
    dialogs: { openFiles: async () => files, chooseFolder: async () => folder, saveFile: async () => null },
    writeSecretToClipboard: () => undefined,
    emit: () => undefined,
    ...(parsers === undefined ? {} : { parsers }),
  };
  const forked = await forkCoreHost(await testHostInit(tempDir(), true), main);
  running.push(forked);
  folder = path.join(tempDir(), 'vault');
  const chosen = (await forked.core.call('dialog:choose-folder', { create: true })) as {
    value: { folder: { grant: string } };
  };
  const created = await forked.core.call('vault:create', {
    folder: chosen.value.folder.grant,
    memberName: 'Relay',
    passphrase: 'correct horse battery staple',
  });
  expect(created).toMatchObject({ ok: true });
  return forked;
}

/** Adds `file` (granted through the open dialog) to a new case; returns the item's detail. */
async function addFile(
  forked: ForkedCore,
): Promise<{ id: string; extractionStatus: string; extractionError: string | null }> {
  const made = (await forked.core.call('cases:create', { title: 'Replies' })) as { value: { id: string } };
  const opened = (await forked.core.call('dialog:open-files', { multiple: false })) as {
    value: { files: { grant: string }[] };
  };
  const added = (await forked.core.call('items:add-files', {
    caseId: made.value.id,
    files: [opened.value.files[0]?.grant ?? ''],
    taskId: 'task-relay-00001',
  })) as { ok: boolean; value: { items: { id: string }[] } };
  expect(added.ok).toBe(true);
  const id = added.value.items[0]?.id ?? '';
  const detail = (await forked.core.call('items:get', { id })) as {
    value: { extractionStatus: string; extractionError: string | null };
  };
  return { id, ...detail.value };
}

describe('host/parser-relay', () => {
  it(
    "extracts a PDF's text through a parser main started: main's own program and clean environment, the text " +
      'in the vault',
    { timeout: 60_000 },
    async () => {
      const pdf = path.join(tempDir(), 'reply.pdf');
      writeFileSync(pdf, makePdf(['Request 114 left unanswered']));
      const relay = countingLauncher();
      const forked = await hostWithRelay(relay.launcher, [pdf]);
      const item = await addFile(forked);
      expect(item.extractionStatus).toBe('ok');
      const text = (await forked.core.call('items:text', { id: item.id })) as { value: { text: string } };
      expect(text.value.text).toContain('Request 114 left unanswered');
      expect(relay.started).toHaveLength(1);
      expect(relay.started[0]?.script).toMatch(/extract-worker/);
      expect(Object.keys(relay.started[0]?.env ?? {})).not.toContain('VIGIL_PASSPHRASE');
    },
  );

  it(
    'fails the extraction (the file still stored) when main cannot start a parser, instead of hanging',
    { timeout: 60_000 },
    async () => {
      const pdf = path.join(tempDir(), 'reply.pdf');
      writeFileSync(pdf, makePdf(['Transfer to another colony']));
      const broken: ParserLauncher = {
        kind: 'fork',
        launch: () => {
          throw new Error('cannot start');
        },
      };
      const forked = await hostWithRelay(broken, [pdf]);
      const item = await addFile(forked);
      expect(item.extractionStatus).toBe('failed');
      expect(item.extractionError).toMatch(/stopped unexpectedly/);
    },
  );
});
