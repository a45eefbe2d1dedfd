// The hosted shell with Electron's modules stood in for, and the real core host: utilityProcess.fork becomes a
// child_process.fork of the same entry, so the shell, the protocol and the host run for real over real SQLCipher.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fakeEvent, fakeIpcMain } from '../ipc/fakes';

/** A UtilityProcess over a real Node child: postMessage/'message'/'exit' as Electron's. */
class ChildAsUtility extends EventEmitter {
  constructor(readonly child: ChildProcess) {
    super();
    child.on('message', (m) => this.emit('message', m));
    child.on('exit', (code) => this.emit('exit', code));
  }
  get pid(): number | undefined {
    return this.child.pid;
  }
  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as never);
  }
  kill(): boolean {
    return this.child.kill();
  }
}

const seen = vi.hoisted(() => ({
  forks: [] as { script: string; opts: { env: Record<string, string>; serviceName?: string } }[],
  utilities: [] as unknown[],
  folder: null as string | null,
}));

vi.mock('electron', () => ({
  utilityProcess: {
    fork: (script: string, _args: string[], opts: { execArgv: string[]; env: Record<string, string> }) => {
      seen.forks.push({ script, opts });
      const child = fork(script, [], {
        // As fork-host does for the TypeScript sources (canonicalize is an ES module only).
        execArgv: [...opts.execArgv, '--conditions=import', '--no-warnings=ExperimentalWarning'],
        env: opts.env,
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      const utility = new ChildAsUtility(child);
      seen.utilities.push(utility);
      return utility;
    },
  },
  dialog: {
    showOpenDialog: async () => ({
      canceled: seen.folder === null,
      filePaths: seen.folder === null ? [] : [seen.folder],
    }),
    showSaveDialog: async () => ({ canceled: true }),
  },
  clipboard: { writeText: () => undefined, readText: () => '', clear: () => undefined },
}));

const { startHostedShell } = await import('../../../main/app/hosted-shell');

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function electronStandIns(userData: string) {
  const appEvents = new EventEmitter();
  const sent: [string, unknown][] = [];
  const window = {
    isDestroyed: () => false,
    isFocused: () => true,
    webContents: { isDestroyed: () => false, send: (name: string, payload: unknown) => sent.push([name, payload]) },
  };
  const menu: { template: { submenu?: { id?: string; click?: () => void }[] }[] } = { template: [] };
  const standIns = {
    sent,
    menu,
    appEvents,
    quits: 0,
    app: Object.assign(appEvents, {
      quit: () => {
        standIns.quits++;
        appEvents.emit('before-quit', { preventDefault: () => undefined });
      },
      getPath: () => userData,
      getName: () => 'Vigil',
      getVersion: () => '0.0.0-test',
      getAppPath: () => userData,
      getLocale: () => 'en',
    }),
    Menu: {
      buildFromTemplate: (template: typeof menu.template) => {
        menu.template = template;
        return template;
      },
      setApplicationMenu: () => undefined,
    },
    powerMonitor: Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 }),
    window,
  };
  return standIns;
}

/** Starts the shell over the stand-ins; `handled` collects the schemes it serves. */
function startShell(
  e: ReturnType<typeof electronStandIns>,
  ipcMain: ReturnType<typeof fakeIpcMain>,
  handled: string[],
  onHostLost: () => void = () => undefined,
): ReturnType<typeof startHostedShell> {
  return startHostedShell({
    app: e.app as never,
    ipcMain,
    protocol: { handle: (scheme: string) => void handled.push(scheme) } as never,
    Menu: e.Menu as never,
    powerMonitor: e.powerMonitor as never,
    getWindow: () => e.window as never,
    senderCheck: () => true,
    origins: ['vigil-app://app'],
    isDev: true,
    onHostLost,
  });
}

describe('app/hosted-shell/startHostedShell', () => {
  it(
    'forwards the window to a core host: a vault made with the default Argon2id through the dialog, the menu ' +
      'Lock reaching the host and its vault:locked event reaching the window',
    { timeout: 120_000 },
    async () => {
      const userData = mkdtempSync(path.join(os.tmpdir(), 'vigil-shell-'));
      dirs.push(userData);
      const e = electronStandIns(userData);
      const ipcMain = fakeIpcMain();
      const handled: string[] = [];
      process.env['VIGIL_PASSPHRASE'] = 'never in the host';
      try {
        await startShell(e, ipcMain, handled);
      } finally {
        delete process.env['VIGIL_PASSPHRASE'];
      }
      expect(seen.forks[0]?.script).toMatch(/core-host-entry\.(ts|js|cjs)$/);
      expect(seen.forks[0]?.opts.env['VIGIL_PASSPHRASE']).toBeUndefined();
      expect(handled).toEqual(['vigil-media']);
      const call = (channel: string, req: unknown) => ipcMain.listeners.get(channel)?.(fakeEvent({}), req);

      seen.folder = path.join(userData, 'vault');
      const chosen = (await call('dialog:choose-folder', { create: true })) as { value: { folder: { grant: string } } };
      const created = await call('vault:create', {
        folder: chosen.value.folder.grant,
        memberName: 'Shell test',
        passphrase: 'correct horse battery staple',
      });
      expect(created).toMatchObject({ ok: true, value: { state: { unlocked: true } } });
      // Parsed in the host: a malformed request comes back refused, not thrown.
      expect(await call('cases:create', { title: 42 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

      const lock = e.menu.template.flatMap((m) => m.submenu ?? []).find((i) => i.id === 'lock');
      lock?.click?.();
      await vi.waitFor(() => expect(e.sent).toContainEqual(['vault:locked', { reason: 'user' }]), { timeout: 10_000 });
      expect(await call('vault:state', {})).toMatchObject({ ok: true, value: { unlocked: false } });

      const utility = seen.utilities[0] as ChildAsUtility;
      const exited = new Promise((resolve) => utility.once('exit', resolve));
      let prevented = 0;
      e.appEvents.emit('before-quit', { preventDefault: () => prevented++ });
      await exited;
      // Quitting waited for the host's lock, then quit again (and that second time went through).
      await vi.waitFor(() => expect(e.quits).toBe(1));
      expect(prevented).toBe(1);
    },
  );

  it(
    'starts the host again when it dies: the window is told its vault was locked (host-restarted) and the ' +
      "window's requests reach the new host",
    { timeout: 60_000 },
    async () => {
      const userData = mkdtempSync(path.join(os.tmpdir(), 'vigil-shell-'));
      dirs.push(userData);
      const e = electronStandIns(userData);
      const ipcMain = fakeIpcMain();
      let lost = 0;
      const before = seen.utilities.length;
      await startShell(e, ipcMain, [], () => lost++);
      const first = seen.utilities[before] as ChildAsUtility;
      first.child.kill('SIGKILL');
      await vi.waitFor(() => expect(e.sent).toContainEqual(['vault:locked', { reason: 'host-restarted' }]), {
        timeout: 30_000,
      });
      expect(seen.utilities).toHaveLength(before + 2);
      const state = await ipcMain.listeners.get('vault:state')?.(fakeEvent({}), {});
      expect(state).toMatchObject({ ok: true, value: { unlocked: false } });
      expect(lost).toBe(0);

      const second = seen.utilities[before + 1] as ChildAsUtility;
      const exited = new Promise((resolve) => second.once('exit', resolve));
      e.appEvents.emit('before-quit', { preventDefault: () => undefined });
      await exited;
      await vi.waitFor(() => expect(e.quits).toBe(1));
      // Quitting is not a crash: no third host.
      expect(seen.utilities).toHaveLength(before + 2);
    },
  );
});
