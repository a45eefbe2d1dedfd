import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({
  ready: Promise.resolve() as Promise<void>,
  events: [] as string[],
}));

vi.mock('electron', () => ({
  app: {
    dock: { hide: vi.fn(() => state.events.push('dock.hide')) },
    whenReady: vi.fn(() => {
      state.events.push('whenReady');
      return state.ready;
    }),
    getVersion: () => '9.8.7',
    exit: vi.fn((code: number) => state.events.push(`exit ${code}`)),
  },
  utilityProcess: { fork: vi.fn() },
}));

const { runCliMode } = await import('../../../main/app/cli-mode');
const { selectParserLauncher } = await import('../../../main/ingest/parser-process');

describe('app/cli-mode/runCliMode', () => {
  beforeEach(() => {
    state.events.length = 0;
    state.ready = Promise.resolve();
  });

  it('runs the command after the app is ready and exits with its status', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await runCliMode(['--version']);
      expect(out.mock.calls.map((c) => String(c[0])).join('')).toContain('9.8.7');
    } finally {
      out.mockRestore();
    }
    expect(state.events).toEqual(['dock.hide', 'whenReady', 'exit 0']);
  });

  it('exits with status 2 for a usage error', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await runCliMode(['no-such-command']);
    } finally {
      err.mockRestore();
    }
    expect(state.events.at(-1)).toBe('exit 2');
  });

  // Without it, `vigil add` from the installed app would try fork, which needs ELECTRON_RUN_AS_NODE (off by fuse).
  it('sets up text extraction through a utilityProcess, as the window does', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await runCliMode(['--version']);
    } finally {
      out.mockRestore();
    }
    Object.defineProperty(process.versions, 'electron', { value: '45.5.0', configurable: true });
    try {
      expect(selectParserLauncher().kind).toBe('utility-process');
    } finally {
      Reflect.deleteProperty(process.versions, 'electron');
    }
  });

  it('says why and exits with status 2 when the app cannot start (no command is run)', async () => {
    state.ready = Promise.reject(new Error('no display'));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await runCliMode(['--version']);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toBe(
        'vigil: the application could not start: no display\n',
      );
    } finally {
      err.mockRestore();
    }
    expect(state.events).toEqual(['dock.hide', 'whenReady', 'exit 2']);
  });
});
