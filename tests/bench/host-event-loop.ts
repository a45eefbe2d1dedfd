// Benchmark (issue 15 §5): how long the main-role process's event loop stalls (the window's input and IPC in the
// app) while the core unlocks with the default Argon2id limits, lists and searches a 10,000-item case, adds a 1 GiB
// file and extracts a large PDF's text — with the core in-process, then hosted in a child over the core-host
// protocol (target: < 50 ms).
// Run alone with: node --conditions=import --import tsx tests/bench/host-event-loop.ts [bytes]
// (--conditions=import: canonicalize is an ES module only; uses out/main when built, else the sources)
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dispatchByName } from '../../main/ipc/dispatch';
import { createCase } from '../../main/evidence/cases';
import { addFileItems } from '../../main/evidence/item-ingest';
import { createVault } from '../../main/vault/create';
import { testServices } from '../helpers/app-services';
import { fastKdf } from '../helpers/kdf';
import { makePdfWithContent } from '../unit/ingest/fixtures';
import {
  BENCH_PASSPHRASE,
  GIB,
  MIB,
  fmt,
  makeTempDir,
  printResult,
  writeRandomFile,
  type BenchResult,
  type Figure,
} from './lib';
import { grantFolder, ok, startHostedCore, type Driven } from './hosted-core';

const STALL_TARGET_MS = 50;
const ITEMS = 10_000;
const PAGE = 1000;
const CASE_TITLE = 'Benchmark case with many items';
const PDF_BYTES = 24 * MIB;

/** A one-page PDF of about `bytes` whose content stream is many short lines of text. */
function writeBigPdf(file: string, bytes: number): void {
  const line = 'BT /F1 12 Tf 72 700 Td (Letter withheld from the family, reply 114 unanswered) Tj ET\n';
  writeFileSync(file, makePdfWithContent(Buffer.from(line.repeat(Math.ceil(bytes / line.length)), 'latin1'), ''));
}

async function inProcess(): Promise<Driven> {
  const core = await testServices({ realKdf: true });
  return {
    call: (channel, req) => dispatchByName(core.table, channel, req, { validateResponse: false }),
    dialogs: core.dialogs,
    dispose: () => core.dispose(),
  };
}

const TICK_MS = 5;

/**
 * Runs `work` while a 5 ms timer measures how late each of its ticks comes (a stall of this process's event loop: in
 * the app, input and IPC waiting); max and p99 of the lateness in ms. A timer rather than monitorEventLoopDelay, whose
 * samples ride on loop iterations and can miss one long synchronous block entirely.
 */
async function stalls<T>(work: () => Promise<T>): Promise<{ value: T; maxMs: number; p99Ms: number; seconds: number }> {
  const late: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    late.push(Math.max(0, now - last - TICK_MS));
    last = now;
  }, TICK_MS);
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  // The tick after the work records a block that ended with it.
  await new Promise((resolve) => setTimeout(resolve, 2 * TICK_MS));
  clearInterval(timer);
  const sorted = late.sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] ?? 0;
  return { value, maxMs: sorted.at(-1) ?? 0, p99Ms: p99, seconds };
}

/** A vault with the default Argon2id limits (unlock) and one of `count` small items with fast limits. */
async function makeVaults(root: string, count: number): Promise<{ slowDir: string; manyDir: string }> {
  const slowDir = path.join(root, 'default-kdf');
  const made = await createVault(slowDir, { memberName: 'Bench', passphrase: BENCH_PASSPHRASE });
  await made.vault.close();
  const manyDir = path.join(root, 'many');
  const filesDir = path.join(root, 'files');
  mkdirSync(filesDir);
  const { vault } = await createVault(manyDir, {
    memberName: 'Bench',
    passphrase: BENCH_PASSPHRASE,
    kdf: await fastKdf(),
  });
  try {
    const c = createCase(vault, { title: CASE_TITLE });
    const files: string[] = [];
    for (let i = 0; i < count; i++) {
      const file = path.join(filesDir, `note-${String(i).padStart(5, '0')}.txt`);
      writeFileSync(file, `Note ${i}: a short record kept for the benchmark, witness statement ${i % 97}.\n`);
      files.push(file);
    }
    await addFileItems(vault, files, { caseId: c.id, extract: false }, () => undefined);
  } finally {
    await vault.close();
  }
  return { slowDir, manyDir };
}

/** The three measured operations over one core; each figure is [name, max, p99, seconds]. */
async function measure(core: Driven, vaults: { slowDir: string; manyDir: string }, bigFile: string, pdf: string) {
  const out: { op: string; maxMs: number; p99Ms: number; seconds: number }[] = [];
  const slow = await grantFolder(core, vaults.slowDir);
  const unlock = await stalls(async () => core.call('vault:unlock', { folder: slow, passphrase: BENCH_PASSPHRASE }));
  ok(unlock.value, 'unlock (default Argon2id)');
  out.push({ op: 'unlock, default Argon2id', ...unlock });
  ok(await core.call('vault:lock', {}), 'lock');

  const many = await grantFolder(core, vaults.manyDir);
  ok(await core.call('vault:unlock', { folder: many, passphrase: BENCH_PASSPHRASE }), 'unlock');
  const cases = ok<{ id: string; title: string }[] | { cases: { id: string; title: string }[] }>(
    await core.call('cases:list', {}),
    'cases',
  );
  const list = Array.isArray(cases) ? cases : cases.cases;
  const caseId = list.find((c) => c.title === CASE_TITLE)?.id ?? '';
  const query = await stalls(async () => {
    // Every row, a page at a time (a page is at most 1000 rows), as a long scroll asks; then a filter and a search.
    for (let offset = 0; offset < ITEMS; offset += PAGE)
      ok(await core.call('items:list', { caseId, offset, limit: PAGE }), 'items:list');
    ok(await core.call('items:list', { caseId, text: 'witness', limit: PAGE }), 'items:list');
    ok(await core.call('search:query', { text: 'witness statement', caseId }), 'search:query');
    return null;
  });
  out.push({ op: `${ITEMS} items: all listed in pages, filtered, searched`, ...query });

  core.dialogs.nextOpenFiles = [bigFile];
  const granted = ok<{ files: { grant: string }[] }>(await core.call('dialog:open-files', { multiple: false }), 'open');
  const ingest = await stalls(async () =>
    ok(
      await core.call('items:add-files', {
        caseId,
        files: granted.files.map((f) => f.grant),
        taskId: `task-bench-${Date.now()}`,
      }),
      'items:add-files',
    ),
  );
  out.push({ op: 'add one file of the given size', ...ingest });

  // Its text is extracted in a parser process: hosted, main starts it and the PDF's bytes pass through main.
  core.dialogs.nextOpenFiles = [pdf];
  const pdfGrant = ok<{ files: { grant: string }[] }>(
    await core.call('dialog:open-files', { multiple: false }),
    'open',
  );
  const extracted = await stalls(async () =>
    ok(
      await core.call('items:add-files', {
        caseId,
        files: pdfGrant.files.map((f) => f.grant),
        taskId: `task-bench-pdf-${Date.now()}`,
      }),
      'items:add-files (PDF)',
    ),
  );
  out.push({ op: `add a ${fmt(PDF_BYTES / MIB, 0)} MiB PDF, its text extracted`, ...extracted });
  ok(await core.call('vault:lock', {}), 'lock');
  return out;
}

/** Measures both ways and reports the stalls. */
export async function run(bytes = GIB): Promise<BenchResult> {
  const root = makeTempDir('vigil-bench-host-');
  const vaults = await makeVaults(root, ITEMS);
  const bigFile = path.join(root, 'recording.bin');
  writeRandomFile(bigFile, bytes);
  const pdf = path.join(root, 'reply.pdf');
  writeBigPdf(pdf, PDF_BYTES);
  const figures: Figure[] = [];
  const notes: string[] = [`file of ${fmt(bytes / MIB, 0)} MiB; lateness of a 5 ms timer in this process`];
  // What this machine's scheduler alone costs (other processes share its cores): the same sampling while idle.
  const idle = await stalls(() => new Promise((resolve) => setTimeout(resolve, 3000)));
  figures.push({
    metric: 'baseline: nothing running here, 3 s: stall max / p99',
    value: `${fmt(idle.maxMs, 0)} / ${fmt(idle.p99Ms, 0)} ms`,
    target: '',
    pass: null,
  });
  notes.push(
    `load average at start: ${os
      .loadavg()
      .map((l) => fmt(l, 1))
      .join(', ')} on ${os.cpus().length} cores`,
  );
  for (const mode of ['in-process', 'hosted'] as const) {
    const settingsDir = path.join(root, `settings-${mode}`);
    mkdirSync(settingsDir);
    const core = mode === 'hosted' ? await startHostedCore(settingsDir) : await inProcess();
    try {
      for (const m of await measure(core, vaults, bigFile, pdf)) {
        figures.push({
          metric: `${mode}: ${m.op} (${fmt(m.seconds, 1)} s): stall max / p99`,
          value: `${fmt(m.maxMs, 0)} / ${fmt(m.p99Ms, 0)} ms`,
          target: mode === 'hosted' ? `max < ${STALL_TARGET_MS} ms` : '',
          pass: mode === 'hosted' ? m.maxMs < STALL_TARGET_MS : null,
        });
      }
    } finally {
      await core.dispose();
    }
  }
  return { name: 'host-event-loop', figures, notes };
}

if (require.main === module) {
  const bytes = process.argv[2] === undefined ? GIB : Number(process.argv[2]);
  void run(bytes).then(printResult, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
