import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fakeWebContents } from './fakes';
import { fastKdf, TEST_PASSPHRASE, tempDir } from '../../helpers/vault';

vi.mock('electron', () => ({
  // A folder that does not exist: the settings store starts from its defaults.
  app: { getPath: () => '/nonexistent/vigil-test-user-data' },
  clipboard: { writeText: vi.fn(), readText: vi.fn(() => ''), clear: vi.fn() },
  dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
}));

const { createElectronServices } = await import('../../../main/app/services');

describe('app/services/createElectronServices', () => {
  it('on any lock, cancels running tasks and sends vault:locked to the window', async () => {
    const contents = fakeWebContents();
    const services = createElectronServices(
      { name: 'vigil', version: '0.1.0' },
      () => ({ webContents: contents }) as never,
    );
    const dir = path.join(tempDir(), 'vault');
    const kdf = await fastKdf();
    // The shell's session uses the default (slow) limits; the vault is made here with fast ones.
    const { createVault } = await import('../../../main/vault/create');
    const { vault } = await createVault(dir, { memberName: 'Investigator', passphrase: TEST_PASSPHRASE, kdf });
    await vault.close();
    await services.session.unlock(dir, { passphrase: TEST_PASSPHRASE });
    let signal: AbortSignal | null = null;
    const running = services.tasks.run('task-lock-1', 'bytes', async (ctx) => {
      signal = ctx.signal;
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
    });
    await services.session.lock('user');
    await running;
    expect((signal as AbortSignal | null)?.aborted).toBe(true);
    expect(contents.send).toHaveBeenCalledWith('vault:locked', { reason: 'user' });
  });
});
