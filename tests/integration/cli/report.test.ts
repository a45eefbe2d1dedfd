import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../helpers/vault';

/** Makes the demo vault (with the test passphrase cliEnv sets, as `vigil demo` takes it from VIGIL_PASSPHRASE). */
function demo(dir: string): void {
  const made = runCli(['demo', dir]);
  expect(made.status, made.stderr).toBe(0);
}

describe('vigil report', () => {
  it('writes a signed PDF of a case and prints, with --json, what it holds and its SHA-256', () => {
    const root = tempDir();
    const vault = path.join(root, 'demo');
    demo(vault);
    const env = {};
    const output = path.join(root, 'звіт.pdf');
    const run = runCli(
      ['report', vault, 'DEMO-2025-001', '-o', output, '--lang', 'uk', '--as-of', '2026-11-28', '--json'],
      env,
    );
    expect(run.status, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as {
      path: string;
      signaturePath: string;
      sha256: string;
      bytes: number;
      report: {
        lang: string;
        profile: string;
        asOf: string;
        exhibits: unknown[];
        events: unknown[];
        checkpoint: { size: number };
      };
    };
    const bytes = readFileSync(output);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(printed).toMatchObject({
      path: output,
      signaturePath: `${output}.minisig`,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(printed.report).toMatchObject({ lang: 'uk', profile: 'protected', asOf: '2026-11-28' });
    expect(printed.report.exhibits).toHaveLength(5);
    expect(printed.report.events).toHaveLength(11);
    expect(readFileSync(`${output}.minisig`, 'utf8')).toContain(
      `trusted comment: vigil report sha256 ${printed.sha256} checkpoint ${printed.report.checkpoint.size}`,
    );

    const log = runCli(['log', vault, '--json'], env);
    const last = JSON.parse(log.stdout.trim().split('\n').at(-1) ?? '{}') as {
      entry: { action: string; hash: string };
    };
    expect(last.entry).toMatchObject({ action: 'report.created', hash: printed.sha256 });
    expect(runCli(['verify', vault, '--quick'], env).status).toBe(0);

    const again = runCli(['report', vault, 'DEMO-2025-001', '-o', output], env);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    const badLang = runCli(['report', vault, 'DEMO-2025-001', '-o', path.join(root, 'x.pdf'), '--lang', 'de'], env);
    expect(badLang.status).toBe(2);
    expect(badLang.stderr).toMatch(/en, uk, ru/);
    expect(
      runCli(['report', vault, 'DEMO-2025-001', '-o', path.join(root, 'y.pdf'), '--profile', 'custom.json'], env)
        .status,
    ).toBe(2);
  });
});
