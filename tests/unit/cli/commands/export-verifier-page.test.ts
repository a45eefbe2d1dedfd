import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateX25519Identity } from '../../../../main/crypto/age';
import { createDemoVault } from '../../../../main/evidence/demo';
import {
  verifierPageCandidates,
  verifierPageHtml,
  verifierPagePath,
} from '../../../../main/packages/export/verifier-page';
import { fastKdf, runCli, tempDir, TEST_PASSPHRASE } from '../../../helpers/vault';

const BUILT = path.resolve('out/verifier/verify.html');

describe('cli/commands/export (the offline verifier page)', () => {
  it(
    'the bundled vigil export writes <name>.verify.html ' + 'beside the package and prints its path, also with --json',
    async () => {
      const dir = path.join(tempDir(), 'vault');
      await createDemoVault(dir, TEST_PASSPHRASE, await fastKdf());
      const org = generateX25519Identity();
      const output = path.join(tempDir(), 'demo.tar.age');
      const json = runCli(['export', dir, '--case', 'DEMO-2025-001', '--to', org.recipient, '-o', output, '--json'], {
        VIGIL_PASSPHRASE: TEST_PASSPHRASE,
      });
      expect(json.status, json.stderr).toBe(0);
      const r = JSON.parse(json.stdout) as { verifierPath: string | null };
      expect(r.verifierPath).toBe(output.replace(/\.tar\.age$/, '.verify.html'));
      expect(fs.readFileSync(r.verifierPath ?? '', 'utf8')).toBe(fs.readFileSync(BUILT, 'utf8'));
      const second = path.join(tempDir(), 'again.tar.age');
      const text = runCli(['export', dir, '--case', 'DEMO-2025-001', '--to', org.recipient, '-o', second], {
        VIGIL_PASSPHRASE: TEST_PASSPHRASE,
      });
      expect(text.status, text.stderr).toBe(0);
      expect(text.stdout).toContain(`Verifier: ${second.replace(/\.tar\.age$/, '.verify.html')}`);
    },
    60_000,
  );

  it('the built page is self-contained and may load or send nothing', () => {
    const html = fs.readFileSync(BUILT, 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(
      /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-[A-Za-z0-9+/=]+';/,
    );
    expect(csp).not.toMatch(/unsafe|https?:|\*/);
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it(
    'finds the page beside the bundles and in the checkout, names it after the package, and is null where there ' +
      'is none',
    async () => {
      expect(verifierPagePath('/x/case.tar.age')).toBe('/x/case.verify.html');
      expect(verifierPageCandidates('/app/out/cli')[0]).toBe(path.join('/app/out/verifier/verify.html'));
      expect(verifierPageCandidates('/app.asar/out/main')[0]).toBe(path.join('/app.asar/out/verifier/verify.html'));
      expect(await verifierPageHtml(path.resolve('main/packages/export'))).toBe(fs.readFileSync(BUILT, 'utf8'));
      expect(await verifierPageHtml(path.join(tempDir(), 'a', 'b', 'c'))).toBeNull();
    },
  );
});
