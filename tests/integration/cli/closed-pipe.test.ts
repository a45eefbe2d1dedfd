/**
 * `vigil … | head`: a reader that closes the pipe early does not crash the command with an
 * unhandled EPIPE, and the work it was asked to do is finished.
 */
import { once } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli, tempDir } from '../../helpers/vault';

describe('vigil with its output pipe closed by the reader', () => {
  it('finishes the command, exits 0 and prints no EPIPE trace', async () => {
    const dir = path.join(tempDir(), 'demo');
    const child = spawnCli(['demo', dir]);
    // The reader goes away before the command writes anything: every write meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
    const shown = runCli(['case', 'show', dir, 'DEMO-2025-001', '--json']);
    expect(shown.status, shown.stderr).toBe(0);
    expect(runCli(['verify', dir]).status).toBe(0);
  });
});
