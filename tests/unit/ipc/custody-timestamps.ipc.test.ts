import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestTsa, type TestTsa } from '../../helpers/test-tsa';
import { callChannel as call, channelValue as value, coreForEachTest } from '../../helpers/ipc';
import { hasTool } from '../../helpers/tools';
import { suiteTempDir, tempDir } from '../../helpers/vault';

const cores = coreForEachTest();
const hasOpenssl = hasTool('openssl');
let tsa: TestTsa;

beforeAll(() => {
  if (hasOpenssl) tsa = makeTestTsa(suiteTempDir('vigil-ipc-tsa-'));
});

describe.skipIf(!hasOpenssl)('ipc/custody.ipc timestamps', () => {
  it(
    'custody:timestamp-request writes the request to the granted file; custody:timestamp-attach verifies and ' +
      'records the reply',
    async () => {
      const { core } = await cores.unlockedEmpty();
      const folder = tempDir();
      const tsq = path.join(folder, 'cp.tsq');
      const made = await value(core, 'custody:timestamp-request', { output: core.grant(tsq, 'save-file') });
      expect(made).toMatchObject({ checkpointSize: 1, reused: false, fileName: 'cp.tsq' });
      expect(fs.existsSync(tsq)).toBe(true);
      expect(await value(core, 'custody:timestamps', {})).toEqual({ attached: [], pending: 1 });
      const attached = await value(core, 'custody:timestamp-attach', {
        reply: core.grant(tsa.reply(tsq)),
        chain: core.grant(tsa.caPem),
      });
      expect(attached).toMatchObject({ checkpointSize: 1, tsa: 'CN=Test TSA, O=Example Timestamping (fictional)' });
      const listed = await value(core, 'custody:timestamps', {});
      expect(listed.pending).toBe(0);
      expect(listed.attached).toEqual([
        {
          checkpointSize: 1,
          genTime: attached.genTime,
          tsa: attached.tsa,
          serial: attached.serial,
          tokenSha256: attached.tokenSha256,
        },
      ]);
      const entries = await value(core, 'custody:entries', { scope: { kind: 'vault' }, offset: 0, limit: 1 });
      expect(entries.entries[0]).toMatchObject({
        action: 'checkpoint.timestamped',
        details: { tsa: attached.tsa, genTime: attached.genTime, checkpointSize: 1 },
      });
    },
  );

  it('a refused reply says why, records nothing and gives both grants back for another try', async () => {
    const { core } = await cores.unlockedEmpty();
    const folder = tempDir();
    const tsq = path.join(folder, 'cp.tsq');
    await value(core, 'custody:timestamp-request', { output: core.grant(tsq, 'save-file') });
    const replyFile = path.join(folder, 'cp.tsr');
    fs.copyFileSync(tsa.reply(tsq, 'other-ca'), replyFile);
    const grants = { reply: core.grant(replyFile), chain: core.grant(tsa.caPem) };
    const refused = await call(core, 'custody:timestamp-attach', grants);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringMatching(
          /^The timestamp reply was refused: the TSA certificate .* does not lead to a root certificate .*Nothing was recorded\.$/,
        ),
      },
    });
    expect(await value(core, 'custody:timestamps', {})).toEqual({ attached: [], pending: 1 });
    fs.copyFileSync(tsa.reply(tsq), replyFile);
    expect((await value(core, 'custody:timestamp-attach', grants)).checkpointSize).toBe(1);
    expect(await call(core, 'custody:timestamp-attach', grants)).toMatchObject({
      ok: false,
      error: { code: 'NOT_GRANTED' },
    });
  });

  it('takes grants of the right kind only, never paths', async () => {
    const { core } = await cores.unlockedEmpty();
    const tsq = path.join(tempDir(), 'cp.tsq');
    expect(await call(core, 'custody:timestamp-request', { output: tsq })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await call(core, 'custody:timestamp-request', { output: core.grant(tsq, 'read-file') })).toMatchObject({
      ok: false,
      error: { code: 'NOT_GRANTED' },
    });
    expect(
      await call(core, 'custody:timestamp-attach', { reply: tsa.caPem, chain: core.grant(tsa.caPem) }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(
      await call(core, 'custody:timestamp-attach', {
        reply: core.grant(tsa.caPem, 'save-file'),
        chain: core.grant(tsa.caPem),
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_GRANTED' } });
    expect(fs.existsSync(tsq)).toBe(false);
  });

  it('answers VAULT_LOCKED while locked', async () => {
    const core = await cores.locked();
    expect(await call(core, 'custody:timestamps', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    expect(
      await call(core, 'custody:timestamp-request', { output: core.grant(path.join(tempDir(), 'x.tsq'), 'save-file') }),
    ).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    expect(
      await call(core, 'custody:timestamp-attach', { reply: core.grant(tsa.caPem), chain: core.grant(tsa.caPem) }),
    ).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
  });
});
