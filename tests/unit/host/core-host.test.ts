import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/channels';
import { forkCoreHost, type ForkedCore } from '../../../main/host/fork-host';
import type { MainSide } from '../../../main/host/core-client';
import type { HostInit } from '../../../main/host/protocol';
import { tempFolders, testHostInit } from './host-fixtures';

const PASSPHRASE = 'correct horse battery staple';

interface Recorded {
  main: MainSide;
  events: { name: EventName; payload: unknown }[];
  clipboard: { text: string; clearAfterMs: number }[];
  nextFolder: string | null;
  nextFiles: string[];
}

function recordedMain(): Recorded {
  const rec: Recorded = {
    events: [],
    clipboard: [],
    nextFolder: null,
    nextFiles: [],
    main: {
      dialogs: {
        openFiles: async () => rec.nextFiles,
        chooseFolder: async () => rec.nextFolder,
        saveFile: async () => null,
      },
      writeSecretToClipboard: (text, clearAfterMs) => rec.clipboard.push({ text, clearAfterMs }),
      emit: (name, payload) => rec.events.push({ name, payload }),
    },
  };
  return rec;
}

const temps = tempFolders('vigil-host-');
const tempDir = temps.make;
const running: ForkedCore[] = [];

function init(): Promise<HostInit> {
  return testHostInit(tempDir());
}

async function start(rec: Recorded): Promise<ForkedCore> {
  const forked = await forkCoreHost(await init(), rec.main);
  running.push(forked);
  return forked;
}

afterEach(async () => {
  for (const forked of running.splice(0)) await forked.stop();
  temps.removeAll();
});

/** Creates a vault through the hosted table, the folder granted by main's dialog answer. */
async function createVault(forked: ForkedCore, rec: Recorded): Promise<string> {
  rec.nextFolder = path.join(tempDir(), 'vault');
  const chosen = await forked.core.call('dialog:choose-folder', { create: true });
  expect(chosen).toMatchObject({ ok: true });
  const folder = (chosen as { value: { folder: { grant: string } } }).value.folder.grant;
  const created = await forked.core.call('vault:create', { folder, memberName: 'Host test', passphrase: PASSPHRASE });
  expect(created).toMatchObject({ ok: true, value: { state: { unlocked: true } } });
  return rec.nextFolder;
}

describe('host/core-host', () => {
  it(
    'runs the real core in the child: a vault created through a dialog grant, a case listed, a lock sent back',
    {
      timeout: 60_000,
    },
    async () => {
      const rec = recordedMain();
      const forked = await start(rec);
      expect(forked.child.pid).not.toBe(process.pid);
      await createVault(forked, rec);
      const made = await forked.core.call('cases:create', { title: 'Hosted case' });
      expect(made).toMatchObject({ ok: true });
      const listed = await forked.core.call('cases:list', {});
      expect(JSON.stringify(listed)).toContain('Hosted case');
      await forked.core.lock('user');
      expect(rec.events).toContainEqual({ name: 'vault:locked', payload: { reason: 'user' } });
      expect(await forked.core.call('cases:list', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    },
  );

  it(
    'validates in the host: malformed requests, unknown channels and raw paths are refused there',
    {
      timeout: 60_000,
    },
    async () => {
      const rec = recordedMain();
      const forked = await start(rec);
      expect(await forked.core.call('cases:create', { title: 42 })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(await forked.core.call('no:such', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      // A path where a grant belongs is refused: the window never names a place.
      expect(
        await forked.core.call('vault:create', { folder: tempDir(), memberName: 'X', passphrase: PASSPHRASE }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      // The only preload-only channel is the drop one; a made-up one is refused.
      expect(await forked.core.callPreload('dialog:other', {})).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    },
  );

  it(
    'grants dropped files only when they are regular files, and the clipboard write reaches main',
    {
      timeout: 60_000,
    },
    async () => {
      const rec = recordedMain();
      const forked = await start(rec);
      const dir = tempDir();
      const dropped = await forked.core.callPreload('dialog:dropped-files', { paths: [dir, path.join(dir, 'none')] });
      expect(dropped).toEqual({ ok: true, value: { files: [] } });
      expect(await forked.core.call('clipboard:write-secret', { text: 'code-1234', clearAfterMs: 30_000 })).toEqual({
        ok: true,
        value: {},
      });
      // Notes and answers travel in order on one pipe: the note came before the answer.
      expect(rec.clipboard).toEqual([{ text: 'code-1234', clearAfterMs: 30_000 }]);
    },
  );

  it(
    'gives the child none of the parent environment beyond the few harmless variables',
    {
      timeout: 30_000,
    },
    async () => {
      process.env['VIGIL_PASSPHRASE'] = 'never in the child';
      let forked: ForkedCore;
      try {
        forked = await start(recordedMain());
      } finally {
        delete process.env['VIGIL_PASSPHRASE'];
      }
      const environ = readFileSync(`/proc/${String(forked.child.pid)}/environ`, 'utf8');
      expect(environ).not.toContain('VIGIL_PASSPHRASE');
      expect(environ).not.toContain('never in the child');
    },
  );

  it('answers INTERNAL, not a hang, when the host dies mid-way', { timeout: 30_000 }, async () => {
    const forked = await start(recordedMain());
    forked.child.kill('SIGKILL');
    await new Promise((resolve) => forked.child.once('exit', resolve));
    expect(await forked.core.call('vault:state', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it("streams an item's media from the host, pulled chunk by chunk", { timeout: 60_000 }, async () => {
    const rec = recordedMain();
    const forked = await start(rec);
    await createVault(forked, rec);
    const caseMade = (await forked.core.call('cases:create', { title: 'Media' })) as { value: { id: string } };
    const file = path.join(tempDir(), 'note.txt');
    const content = Buffer.alloc(300_000, 'evidence ');
    (await import('node:fs')).writeFileSync(file, content);
    rec.nextFiles = [file];
    const opened = (await forked.core.call('dialog:open-files', { multiple: false })) as {
      value: { files: { grant: string }[] };
    };
    const grant = opened.value.files[0]?.grant ?? '';
    const added = (await forked.core.call('items:add-files', {
      caseId: caseMade.value.id,
      files: [grant],
      taskId: 'task-host-000001',
    })) as { ok: boolean; value: { items: { id: string }[] } };
    expect(added.ok).toBe(true);
    const itemId = added.value.items[0]?.id ?? '';
    const reply = await forked.core.media(itemId, null, false);
    expect(reply.status).toBe(200);
    const parts: Buffer[] = [];
    for await (const chunk of reply.body ?? []) parts.push(chunk as Buffer);
    expect(Buffer.concat(parts).equals(content)).toBe(true);
    const ranged = await forked.core.media(itemId, 'bytes=10-19', false);
    expect(ranged.status).toBe(206);
    const few: Buffer[] = [];
    for await (const chunk of ranged.body ?? []) few.push(chunk as Buffer);
    expect(Buffer.concat(few).equals(content.subarray(10, 20))).toBe(true);
  });
});
