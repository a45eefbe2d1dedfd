/**
 * The window is hostile: these tests call the handler table exactly as the page
 * can (any channel, any request) and show that it cannot make the core read,
 * store, write or probe a file the person did not choose in a native dialog or
 * drop on the window.
 */
import { mkdirSync, existsSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readCustodyHead } from '../../../main/custody/log-store';
import type { DemoSummary } from '../../../main/evidence/demo';
import { preloadHandlers } from '../../../main/ipc/app.ipc';
import { dispatchPreload } from '../../../main/ipc/handle';
import { memberIdentity } from '../../../main/vault/identity';
import { CHANNELS } from '../../../shared/channels';
import { schemasOf } from '../../../shared/contract';
import type { TestServices } from '../../helpers/app-services';
import { callChannel, channelValue, coreForEachTest, IPC_OPTS, suiteDemoVault } from '../../helpers/ipc';
import { tempDir, TEST_PASSPHRASE } from '../../helpers/vault';

const cores = coreForEachTest();

let demoDir = '';
let demo: DemoSummary;
beforeAll(async () => {
  ({ dir: demoDir, demo } = await suiteDemoVault());
});

/**
 * What an attacker would name: system files, a key in the home folder, and a stand-in secret this test can check for.
 */
function targets(): { secret: string; raw: string[] } {
  const dir = tempDir();
  const secret = path.join(dir, 'id_ed25519');
  writeFileSync(secret, 'PRIVATE KEY MATERIAL THE WINDOW MUST NEVER SEE\n');
  return { secret, raw: ['/etc/passwd', '~/.ssh/id_ed25519', path.join(os.homedir(), '.ssh', 'id_ed25519'), secret] };
}

const FORGED = 'grant-AAAAAAAAAAAAAAAAAAAAAA';

function state(core: TestServices): { items: number; custody: number } {
  const vault = core.services.session.requireVault();
  return {
    items: vault.db.prepare('SELECT count(*) FROM items').pluck().get() as number,
    custody: readCustodyHead(vault.db).size,
  };
}

/** Every former path-taking request, with `p` (a path or a grant id) where the path was. */
function pathRequests(caseId: string, itemId: string, interviewId: string, p: string): [string, unknown][] {
  return [
    ['items:add-files', { caseId, files: [p], taskId: 'task-attack-0001' }],
    ['items:add-files', { caseId, paths: [p], taskId: 'task-attack-0002' }],
    ['items:add-derivative', { id: itemId, file: p, derivativeKind: 'redacted' }],
    ['items:add-derivative', { id: itemId, path: p, derivativeKind: 'redacted' }],
    ['items:redact', { id: itemId, path: p, boxes: [{ page: 0, x: 0, y: 0, width: 10, height: 10 }] }],
    ['interviews:import-transcript', { interviewId, file: p }],
    ['interviews:import-transcript', { interviewId, path: p }],
    ['packages:read-profile', { file: p }],
    ['packages:plan', { caseId, profile: { kind: 'custom', path: p } }],
    ['packages:plan', { caseId, profile: { kind: 'custom', file: p } }],
    [
      'packages:export',
      {
        taskId: 'task-attack-0003',
        caseId,
        profile: { kind: 'full' },
        recipients: [],
        passphrase: 'a long enough passphrase',
        output: p,
      },
    ],
    ['packages:verify', { taskId: 'task-attack-0004', file: p }],
    ['packages:verify', { taskId: 'task-attack-0005', path: p }],
    ['packages:import', { taskId: 'task-attack-0006', file: p }],
    ['packages:import', { taskId: 'task-attack-0007', path: p }],
  ];
}

async function firstIds(core: TestServices): Promise<{ itemId: string; interviewId: string }> {
  const items = await channelValue(core, 'items:list', { caseId: demo.caseId, limit: 1 });
  const interviews = await channelValue(core, 'interviews:list', { caseId: demo.caseId });
  return { itemId: items.rows[0]?.id ?? '', interviewId: interviews[0]?.id ?? '' };
}

describe('ipc/trust boundary: the window names no paths', () => {
  it(
    'every former path-taking channel refuses a raw path, a forged grant and another kind of grant, and nothing ' +
      'is read, stored or written',
    async () => {
      const core = await cores.unlocked(demoDir);
      const { secret, raw } = targets();
      const { itemId, interviewId } = await firstIds(core);
      const before = state(core);
      const outputs = raw.map((p) => `${p}.tar.age`);
      for (const p of [...raw, ...outputs]) {
        for (const [channel, req] of pathRequests(demo.caseId, itemId, interviewId, p)) {
          const answer = await callChannel(core, channel as never, req);
          expect(answer, `${channel} with ${p}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
        }
      }
      for (const [channel, req] of pathRequests(demo.caseId, itemId, interviewId, FORGED)) {
        const answer = await callChannel(core, channel as never, req);
        expect(answer.ok, `${channel} with a forged grant`).toBe(false);
        if ('file' in (req as object) || 'files' in (req as object) || 'output' in (req as object))
          expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_GRANTED' } });
      }
      // A save target is never read, and a file chosen to read is never written: the save dialog can point at a secret.
      const saveGrant = core.grant(secret, 'save-file');
      expect(
        await callChannel(core, 'items:add-files', {
          caseId: demo.caseId,
          files: [saveGrant],
          taskId: 'task-attack-0008',
        }),
      ).toMatchObject({ ok: false, error: { code: 'NOT_GRANTED' } });
      const readGrant = core.grant(`${secret}.tar.age`);
      const exported = await callChannel(core, 'packages:export', {
        taskId: 'task-attack-0009',
        caseId: demo.caseId,
        profile: { kind: 'full' },
        recipients: [],
        passphrase: 'a long enough passphrase',
        output: readGrant,
      });
      expect(exported).toMatchObject({ ok: false, error: { code: 'NOT_GRANTED' } });
      expect(state(core)).toEqual(before);
      for (const p of outputs) expect(existsSync(p), p).toBe(false);
    },
  );

  it('a grant works once: the same grant sent again after a successful add is refused', async () => {
    const core = await cores.unlocked(demoDir);
    const file = path.join(tempDir(), 'letter.txt');
    writeFileSync(file, 'A letter the person chose.');
    const grant = core.grant(file);
    const added = await channelValue(core, 'items:add-files', {
      caseId: demo.caseId,
      files: [grant],
      taskId: 'task-grant-0001',
    });
    expect(added.items).toHaveLength(1);
    const before = state(core);
    expect(
      await callChannel(core, 'items:add-files', { caseId: demo.caseId, files: [grant], taskId: 'task-grant-0002' }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_GRANTED' } });
    expect(state(core)).toEqual(before);
  });

  it(
    'the vault folder comes only from a grant: raw folders are refused, and the window cannot plant a remembered ' +
      'folder',
    async () => {
      const core = await cores.locked();
      const elsewhere = path.join(tempDir(), 'planted');
      expect(
        await callChannel(core, 'vault:create', {
          dir: elsewhere,
          memberName: 'X',
          passphrase: 'correct horse battery staple',
        }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(
        await callChannel(core, 'vault:create', {
          folder: FORGED,
          memberName: 'X',
          passphrase: 'correct horse battery staple',
        }),
      ).toMatchObject({ ok: false, error: { code: 'NOT_GRANTED' } });
      expect(await callChannel(core, 'vault:unlock', { dir: demoDir, passphrase: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(existsSync(elsewhere)).toBe(false);
      expect(await callChannel(core, 'settings:update', { lastVaultDir: demoDir })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(await channelValue(core, 'vault:remembered', {})).toEqual({ folder: null });
    },
  );

  it(
    'vault:remembered offers the folder of the vault last opened here; a wrong passphrase keeps the grant for a ' +
      'retry, a success spends it',
    async () => {
      const core = await cores.locked();
      const chosen = core.grant(demoDir, 'folder');
      expect(
        await callChannel(core, 'vault:unlock', { folder: chosen, passphrase: 'not the passphrase' }),
      ).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
      expect(await channelValue(core, 'vault:remembered', {})).toEqual({ folder: null });
      await channelValue(core, 'vault:unlock', { folder: chosen, passphrase: TEST_PASSPHRASE });
      await channelValue(core, 'vault:lock', {});
      expect(await callChannel(core, 'vault:unlock', { folder: chosen, passphrase: TEST_PASSPHRASE })).toMatchObject({
        ok: false,
        error: { code: 'NOT_GRANTED' },
      });
      const remembered = await channelValue(core, 'vault:remembered', {});
      expect(remembered.folder).toMatchObject({ label: demoDir, name: 'vault' });
      await channelValue(core, 'vault:unlock', { folder: remembered.folder?.grant ?? '', passphrase: TEST_PASSPHRASE });
    },
  );

  it('packages:plan is no file-existence oracle: a custom profile travels as settings, never as a path', async () => {
    const core = await cores.unlocked(demoDir);
    const present = await callChannel(core, 'packages:plan', {
      caseId: demo.caseId,
      profile: { kind: 'custom', path: '/etc/passwd' },
    });
    const absent = await callChannel(core, 'packages:plan', {
      caseId: demo.caseId,
      profile: { kind: 'custom', path: '/etc/no-such-file-here' },
    });
    expect(present).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(present).toEqual(absent);
  });

  it('the save dialog takes only a name from the window, never a folder', async () => {
    const core = await cores.locked();
    let asked: string | undefined = 'unset';
    core.dialogs.saveFile = async (opts) => {
      asked = opts.defaultName;
      return null;
    };
    expect(await channelValue(core, 'dialog:save-file', { defaultName: '/home/me/.bashrc' })).toEqual({ file: null });
    expect(asked).toBe('.bashrc');
    await channelValue(core, 'dialog:save-file', { defaultName: '..\\..\\Windows\\evil.tar.age' });
    expect(asked).toBe('evil.tar.age');
  });

  it('dialogs answer with grants and names, and a grant reads only the chosen file', async () => {
    const core = await cores.unlocked(demoDir);
    const file = path.join(tempDir(), 'reply.txt');
    writeFileSync(file, 'The official reply.');
    core.dialogs.nextOpenFiles = [file];
    const { files } = await channelValue(core, 'dialog:open-files', {});
    expect(files).toEqual([{ grant: expect.stringMatching(/^grant-/), name: 'reply.txt', label: file }]);
    const added = await channelValue(core, 'items:add-files', {
      caseId: demo.caseId,
      files: files.map((f) => f.grant),
      taskId: 'task-grant-0003',
    });
    expect(await channelValue(core, 'items:text', { id: added.items[0]?.id ?? '' })).toEqual({
      text: 'The official reply.',
    });
  });

  it(
    'dropped files are granted only when they are regular ' + 'files given by absolute path (the preload-only channel)',
    async () => {
      const core = await cores.locked();
      const dir = tempDir();
      const file = path.join(dir, 'dropped.txt');
      writeFileSync(file, 'dropped');
      const folder = path.join(dir, 'a-folder');
      mkdirSync(folder);
      const link = path.join(dir, 'link-to-secret');
      symlinkSync(targets().secret, link);
      const handler = preloadHandlers(core.services)['dialog:dropped-files'];
      const answer = await dispatchPreload(
        'dialog:dropped-files',
        handler,
        { paths: [file, folder, link, 'relative.txt', path.join(dir, 'missing.txt'), file] },
        IPC_OPTS,
      );
      expect(answer).toEqual({
        ok: true,
        value: { files: [{ grant: expect.stringMatching(/^grant-/), name: 'dropped.txt', label: file }] },
      });
      // The page has no such method: window.vigil is built from CHANNELS, which do not include it.
      expect(CHANNELS as readonly string[]).not.toContain('dialog:dropped-files');
    },
  );

  it('no request schema of the contract takes a path: every file-like field is a grant', () => {
    const fileLike = /(path|paths|dir|folder|file|files|output)$/i;
    const offenders: string[] = [];
    const visit = (node: unknown, where: string, name: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const schema = node as {
        type?: unknown;
        pattern?: unknown;
        properties?: Record<string, unknown>;
        items?: unknown;
        anyOf?: unknown[];
        oneOf?: unknown[];
        allOf?: unknown[];
      };
      if (schema.type === 'string' && fileLike.test(name) && schema.pattern !== '^grant-[A-Za-z0-9_-]{22}$')
        offenders.push(`${where} (${name})`);
      for (const [key, child] of Object.entries(schema.properties ?? {})) visit(child, `${where}.${key}`, key);
      if (schema.items !== undefined) visit(schema.items, `${where}[]`, name);
      for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
        visit(branch, where, name);
    };
    for (const channel of CHANNELS) {
      visit(z.toJSONSchema(schemasOf(channel).req, { io: 'input', unrepresentable: 'any' }), channel, '');
    }
    expect(offenders).toEqual([]);
  });
});

describe("ipc/trust boundary: a compromised window with the member's own key", () => {
  it('cannot seal the vault to a path of its choosing even with a valid recipient', async () => {
    const core = await cores.unlocked(demoDir);
    const vault = core.services.session.requireVault();
    const id = memberIdentity(vault);
    if (id.ageIdentity.kind === 'x25519') id.ageIdentity.secretKey.fill(0);
    const out = path.join(tempDir(), 'exfil.tar.age');
    const answer = await callChannel(core, 'packages:export', {
      taskId: 'task-attack-0010',
      caseId: demo.caseId,
      profile: { kind: 'full' },
      recipients: [id.ageRecipient],
      output: out,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(existsSync(out)).toBe(false);
  });
});
