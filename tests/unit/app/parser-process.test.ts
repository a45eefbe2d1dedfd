import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

class FakeChild extends EventEmitter {
  pid = 4242;
  postMessage = vi.fn();
  kill = vi.fn(() => true);
}
const made = vi.hoisted(() => ({ children: [] as unknown[], calls: [] as unknown[][] }));

vi.mock('electron', () => ({
  utilityProcess: {
    fork: vi.fn((...args: unknown[]) => {
      const child = new FakeChild();
      made.calls.push(args);
      made.children.push(child);
      return child;
    }),
  },
}));

const { utilityProcessLauncher } = await import('../../../main/app/parser-process');

describe('app/parser-process/utilityProcessLauncher', () => {
  it(
    'forks a utility process with the heap limit and the ' + 'given environment only, and passes messages both ways',
    () => {
      const child = utilityProcessLauncher.launch(
        { script: '/app/out/main/extract-worker.js', execArgv: [] },
        { maxOldSpaceMb: 512, env: { LANG: 'uk_UA.UTF-8' } },
      );
      expect(utilityProcessLauncher.kind).toBe('utility-process');
      expect(made.calls[0]).toEqual([
        '/app/out/main/extract-worker.js',
        [],
        expect.objectContaining({
          execArgv: ['--max-old-space-size=512'],
          env: { LANG: 'uk_UA.UTF-8' },
          stdio: 'ignore',
        }),
      ]);
      const fake = made.children[0] as FakeChild;
      expect(child.pid).toBe(4242);
      child.post({ mediaType: 'application/pdf' });
      expect(fake.postMessage).toHaveBeenCalledWith({ mediaType: 'application/pdf' });
      const replies: unknown[] = [];
      const exits: unknown[] = [];
      child.onMessage((m) => replies.push(m));
      child.onExit((code, signal) => exits.push([code, signal]));
      fake.emit('message', { status: 'ok' });
      expect(replies).toEqual([{ status: 'ok' }]);
      child.kill();
      expect(fake.kill).toHaveBeenCalledTimes(1);
      fake.emit('exit', 9);
      expect(exits).toEqual([[9, null]]);
      child.kill();
      expect(fake.kill).toHaveBeenCalledTimes(1);
    },
  );
});
