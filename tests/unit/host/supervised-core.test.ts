// The supervisor over real forked hosts on real SQLCipher: a host killed with SIGKILL is replaced, the window is
// told its vault was locked, and what the dead host had acknowledged is all there after unlocking again.
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../../shared/channels';
import type { MainSide } from '../../../main/host/core-client';
import { spawnForkedHost, type ForkedHostProcess } from '../../../main/host/fork-host';
import { portOfChildProcess } from '../../../main/host/port';
import { HostStartTimeout, SupervisedCore, type SupervisorOptions } from '../../../main/host/supervised-core';
import { tempFolders, testHostInit } from './host-fixtures';

const PASSPHRASE = 'correct horse battery staple';

const temps = tempFolders('vigil-supervised-');
const tempDir = temps.make;
const children: ChildProcess[] = [];
const supervisors: SupervisedCore[] = [];

afterEach(async () => {
  for (const core of supervisors.splice(0)) await core.lockAndStop(5000);
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill();
  temps.removeAll();
});

interface World {
  events: { name: EventName; payload: unknown }[];
  spawned: ForkedHostProcess[];
  nextFolder: string | null;
  options: SupervisorOptions;
  gaveUp: number;
}

async function world(overrides: Partial<SupervisorOptions> = {}): Promise<World> {
  const w: World = {
    events: [],
    spawned: [],
    nextFolder: null,
    gaveUp: 0,
    options: undefined as never,
  };
  const main: MainSide = {
    dialogs: { openFiles: async () => [], chooseFolder: async () => w.nextFolder, saveFile: async () => null },
    writeSecretToClipboard: () => undefined,
    emit: (name, payload) => w.events.push({ name, payload }),
  };
  const init = await testHostInit(tempDir());
  w.options = {
    spawn: () => {
      const host = spawnForkedHost();
      w.spawned.push(host);
      children.push(host.child);
      return host;
    },
    init,
    main,
    onGiveUp: () => w.gaveUp++,
    ...overrides,
  };
  return w;
}

async function supervise(w: World): Promise<SupervisedCore> {
  const core = await SupervisedCore.start(w.options);
  supervisors.push(core);
  return core;
}

/** Asks main's dialog for `folder` and returns the host's grant for it. */
async function grantFolder(core: SupervisedCore, w: World, folder: string, create: boolean): Promise<string> {
  w.nextFolder = folder;
  const chosen = await core.call('dialog:choose-folder', { create });
  expect(chosen).toMatchObject({ ok: true });
  return (chosen as { value: { folder: { grant: string } } }).value.folder.grant;
}

/** Kills the host running now as a crash would, and waits for it to be gone. */
async function crash(host: ForkedHostProcess): Promise<void> {
  const gone = new Promise((resolve) => host.child.once('exit', resolve));
  host.child.kill('SIGKILL');
  await gone;
}

describe('host/supervised-core', () => {
  it(
    'starts a new host when the running one is killed: the window hears vault:locked (host-restarted), the ' +
      'new host is locked, and the case the dead one acknowledged is there after unlocking again',
    { timeout: 90_000 },
    async () => {
      const w = await world();
      const core = await supervise(w);
      const vault = path.join(tempDir(), 'vault');
      const created = await core.call('vault:create', {
        folder: await grantFolder(core, w, vault, true),
        memberName: 'Supervised',
        passphrase: PASSPHRASE,
      });
      expect(created).toMatchObject({ ok: true, value: { state: { unlocked: true } } });
      const made = await core.call('cases:create', { title: 'Letters withheld' });
      expect(made).toMatchObject({ ok: true });

      const restarted = new Promise<void>((resolve) => core.onRestart(resolve));
      await crash(w.spawned[0]!);
      await restarted;
      expect(w.spawned).toHaveLength(2);
      expect(w.events).toContainEqual({ name: 'vault:locked', payload: { reason: 'host-restarted' } });
      expect(await core.call('vault:state', {})).toMatchObject({ ok: true, value: { unlocked: false } });

      // The dead host's lock on the vault went with it: the new host opens the same folder at once.
      const unlocked = await core.call('vault:unlock', {
        folder: await grantFolder(core, w, vault, false),
        passphrase: PASSPHRASE,
      });
      expect(unlocked).toMatchObject({ ok: true, value: { unlocked: true } });
      const cases = await core.call('cases:list', {});
      expect(cases).toMatchObject({ ok: true, value: [{ title: 'Letters withheld' }] });
      expect(w.gaveUp).toBe(0);
    },
  );

  it(
    'gives up on a host that keeps dying: after maxRestarts restarts within the window, onGiveUp is called once ' +
      'and calls are answered with a clear error instead of hanging',
    { timeout: 90_000 },
    async () => {
      const w = await world({ maxRestarts: 1, windowMs: 60_000 });
      const core = await supervise(w);
      const restarted = new Promise<void>((resolve) => core.onRestart(resolve));
      await crash(w.spawned[0]!);
      await restarted;
      expect(w.gaveUp).toBe(0);
      await crash(w.spawned[1]!);
      await vi.waitFor(() => expect(w.gaveUp).toBe(1));
      expect(w.spawned).toHaveLength(2);
      const answer = await core.call('vault:state', {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect((answer as { error: { message: string } }).error.message).toMatch(/stopped unexpectedly/);
    },
  );

  it('does not restart a host it was told to stop (quitting): the host exits and nothing new is spawned', async () => {
    const w = await world();
    const core = await SupervisedCore.start(w.options);
    const exited = new Promise((resolve) => w.spawned[0]!.child.once('exit', resolve));
    await core.lockAndStop(5000);
    await exited;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(w.spawned).toHaveLength(1);
    expect(w.events.filter((e) => e.name === 'vault:locked')).toEqual([]);
  }, 30_000);

  it('refuses a host that does not answer its setup in time, and ends that process', async () => {
    const w = await world({ startTimeoutMs: 500 });
    let hung: ChildProcess | null = null;
    const start = SupervisedCore.start({
      ...w.options,
      spawn: () => {
        // A real process with an IPC channel that never answers: a host stuck before it could serve.
        const script = path.join(tempDir(), 'hung.js');
        writeFileSync(script, 'setInterval(() => {}, 1000);\n');
        hung = fork(script, [], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
        children.push(hung);
        const child = hung;
        return { port: portOfChildProcess(child), kill: () => void child.kill('SIGKILL') };
      },
    });
    await expect(start).rejects.toBeInstanceOf(HostStartTimeout);
    const child = hung as ChildProcess | null;
    await vi.waitFor(() => expect(child?.signalCode).toBe('SIGKILL'));
  }, 30_000);
});
