import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCustodyHead } from '../../../main/custody/log-store';
import type { DemoSummary } from '../../../main/evidence/demo';
import type { TestServices } from '../../helpers/app-services';
import { callChannel, channelValue as ok, coreForEachTest, suiteDemoVault } from '../../helpers/ipc';
import { tempDir } from '../../helpers/vault';

const cores = coreForEachTest();

let demoDir = '';
let demo: DemoSummary;
beforeAll(async () => {
  ({ dir: demoDir, demo } = await suiteDemoVault());
});

function custodySize(core: TestServices): number {
  return readCustodyHead(core.services.session.requireVault().db).size;
}

describe('ipc/reports.ipc', () => {
  it(
    'reports:case writes the PDF and its signature to the ' + 'file chosen in the save dialog, once per grant',
    async () => {
      const core = await cores.unlocked(demoDir);
      const output = path.join(tempDir(), 'vigil-report-20261128.pdf');
      const grant = core.grant(output, 'save-file');
      const r = await ok(core, 'reports:case', { caseId: demo.caseId, lang: 'ru', output: grant });
      expect(r).toMatchObject({
        path: output,
        signaturePath: `${output}.minisig`,
        counts: { events: demo.counts.events, requests: demo.counts.requests, exhibits: demo.counts.items },
      });
      expect(r.sha256).toBe(createHash('sha256').update(readFileSync(output)).digest('hex'));
      expect(existsSync(`${output}.minisig`)).toBe(true);
      expect(r.checkpoint.size).toBe(custodySize(core) - 1);
      const { entries } = await ok(core, 'custody:entries', {
        scope: { kind: 'case', caseId: demo.caseId },
        offset: 0,
        limit: 200,
      });
      const made = entries.find((e) => e.action === 'report.created');
      expect(made).toMatchObject({
        hash: r.sha256.slice(0, 12),
        subject: { kind: 'case', id: demo.caseId, label: expect.stringContaining('FICTIONAL DEMO') as unknown },
        details: { profile: 'protected' },
      });
      expect(await callChannel(core, 'reports:case', { caseId: demo.caseId, lang: 'ru', output: grant })).toMatchObject(
        {
          ok: false,
          error: { code: 'NOT_GRANTED' },
        },
      );
    },
  );

  it(
    'takes no path, no forged or read grant, no unknown ' + 'language or profile, and then writes and records nothing',
    async () => {
      const core = await cores.unlocked(demoDir);
      const dir = tempDir();
      const target = path.join(dir, 'report.pdf');
      const before = custodySize(core);
      const refusals: [unknown, string][] = [
        [{ caseId: demo.caseId, lang: 'en', output: target }, 'INVALID_INPUT'],
        [{ caseId: demo.caseId, lang: 'en', output: core.grant(target, 'save-file'), path: target }, 'INVALID_INPUT'],
        [{ caseId: demo.caseId, lang: 'de', output: core.grant(target, 'save-file') }, 'INVALID_INPUT'],
        [
          { caseId: demo.caseId, lang: 'en', profile: { kind: 'custom' }, output: core.grant(target, 'save-file') },
          'INVALID_INPUT',
        ],
        [{ caseId: demo.caseId, lang: 'en', output: 'grant-AAAAAAAAAAAAAAAAAAAAAA' }, 'NOT_GRANTED'],
        [{ caseId: demo.caseId, lang: 'en', output: core.grant(target, 'read-file') }, 'NOT_GRANTED'],
      ];
      for (const [req, code] of refusals)
        expect(await callChannel(core, 'reports:case', req), JSON.stringify(req)).toMatchObject({
          ok: false,
          error: { code },
        });
      expect(existsSync(target)).toBe(false);
      expect(custodySize(core)).toBe(before);
    },
  );

  it('refuses a chosen file that exists and keeps the grant for another try once it is gone', async () => {
    const core = await cores.unlocked(demoDir);
    const output = path.join(tempDir(), 'report.pdf');
    writeFileSync(output, 'an earlier report');
    const grant = core.grant(output, 'save-file');
    expect(
      await callChannel(core, 'reports:case', {
        caseId: demo.caseId,
        lang: 'uk',
        profile: { kind: 'full' },
        output: grant,
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(readFileSync(output, 'utf8')).toBe('an earlier report');
    rmSync(output);
    expect(
      (await ok(core, 'reports:case', { caseId: demo.caseId, lang: 'uk', profile: { kind: 'full' }, output: grant }))
        .path,
    ).toBe(output);
  });

  it('needs an unlocked vault', async () => {
    const core = await cores.locked();
    const output = path.join(tempDir(), 'report.pdf');
    expect(
      await callChannel(core, 'reports:case', {
        caseId: demo.caseId,
        lang: 'en',
        output: core.grant(output, 'save-file'),
      }),
    ).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    expect(existsSync(output)).toBe(false);
  });
});
