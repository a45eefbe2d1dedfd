/** The page's requests reach a core hosted in another process, as in the app (DESIGN §1, "The core host"). */
import { expect, test } from '../fixtures';

test('the window is served by a core in a child process, which validates what the page sends', async ({ app }) => {
  expect(app.core.pid).toBeDefined();
  expect(app.core.pid).not.toBe(process.pid);
  // Through the page's own bridge: a malformed request is refused by dispatch in the host.
  const refused = await app.page.evaluate(() =>
    (globalThis as unknown as { vigil: { casesCreate(req: unknown): Promise<unknown> } }).vigil.casesCreate({
      title: 42,
    }),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  const state = await app.page.evaluate(() =>
    (globalThis as unknown as { vigil: { vaultState(req: unknown): Promise<unknown> } }).vigil.vaultState({}),
  );
  expect(state).toMatchObject({ ok: true, value: { unlocked: false } });
});
