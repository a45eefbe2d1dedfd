import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractionResult } from '../../../main/ingest/extraction-types';
import { resolveExtractWorker } from '../../../main/ingest/worker-path';
import { makePdf } from './fixtures';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('ingest/worker-path/resolveExtractWorker', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'build', 'build-cli.mjs')], { cwd: ROOT });
  });

  it('finds the TypeScript source and bootstraps tsx for it', () => {
    const entry = resolveExtractWorker(path.join(ROOT, 'main', 'ingest'));
    expect(entry.options.eval).toBe(true);
    expect(entry.filename).toContain('extract-worker.ts');
  });

  it('finds the bundled worker beside the CLI, and that bundle extracts a PDF', async () => {
    const entry = resolveExtractWorker(path.join(ROOT, 'out', 'cli'));
    expect(entry).toEqual({ filename: path.join(ROOT, 'out', 'cli', 'extract-worker.cjs'), options: {} });
    const data = new Uint8Array(makePdf(['bundled worker works']));
    const worker = new Worker(entry.filename, { workerData: { data, mediaType: 'application/pdf', maxTextChars: 1000 } });
    const reply = await new Promise<ExtractionResult>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(reply.status).toBe('ok');
    expect(reply.text).toContain('bundled worker works');
  });

  it('refuses a folder with no worker in it', () => {
    expect(() => resolveExtractWorker(path.join(ROOT, 'tests'))).toThrow(/extraction worker is missing/);
  });
});
