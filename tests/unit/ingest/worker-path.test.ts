import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractionResult } from '../../../main/ingest/extraction-types';
import { childEnvironment, forkLauncher } from '../../../main/ingest/parser-process';
import { resolveExtractWorker } from '../../../main/ingest/worker-path';
import { makePdf } from './fixtures';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('ingest/worker-path/resolveExtractWorker', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'build', 'build-cli.mjs')], { cwd: ROOT });
  });

  it("finds the TypeScript source and runs it with tsx's loader", () => {
    const entry = resolveExtractWorker(path.join(ROOT, 'main', 'ingest'));
    expect(entry.script).toBe(path.join(ROOT, 'main', 'ingest', 'extract-worker.ts'));
    expect(entry.execArgv).toEqual(['--import', expect.stringMatching(/^file:.*tsx\/dist\/loader\.mjs$/) as unknown]);
    expect(entry.env).toEqual({ TSX_DISABLE_CACHE: '1' });
  });

  it('finds the bundled program beside the CLI, and a process of it extracts a PDF', async () => {
    const entry = resolveExtractWorker(path.join(ROOT, 'out', 'cli'));
    expect(entry).toEqual({ script: path.join(ROOT, 'out', 'cli', 'extract-worker.cjs'), execArgv: [] });
    const child = forkLauncher.launch(entry, { maxOldSpaceMb: 128, env: childEnvironment() });
    const reply = await new Promise<ExtractionResult>((resolve) => {
      child.onMessage((m) => resolve(m as ExtractionResult));
      child.post({
        data: new Uint8Array(makePdf(['bundled program works'])),
        mediaType: 'application/pdf',
        maxTextChars: 1000,
      });
    });
    child.kill();
    expect(reply.status).toBe('ok');
    expect(reply.text).toContain('bundled program works');
  });

  it('refuses a folder with no extraction program in it', () => {
    expect(() => resolveExtractWorker(path.join(ROOT, 'tests'))).toThrow(/extraction program is missing/);
  });
});
