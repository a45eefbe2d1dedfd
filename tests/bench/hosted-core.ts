// The core host as the app runs it (a process of its own since issue 15), for the benchmarks: forked from the
// Electron main bundle when it is built (out/main), else from the sources; main's side answers the native dialogs
// from a script and starts text-extraction processes. Plus what a benchmark reads of that process: CPU time and RSS.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Result } from '../../shared/contract';
import { forkCoreHost } from '../../main/host/fork-host';
import { forkLauncher } from '../../main/ingest/parser-process';
import { scriptedDialogs, type ScriptedDialogs } from '../helpers/app-services';
import { PROJECT_ROOT } from './lib';

/** A core to drive through its channels, with the dialogs main answers. */
export interface Driven {
  call(channel: string, req: unknown): Promise<Result<unknown>>;
  dialogs: ScriptedDialogs;
  dispose(): Promise<void>;
}

/** A hosted core and the id of its process. */
export interface HostedBenchCore extends Driven {
  pid: number;
}

/** Forks the core host with its settings in `settingsDir`; autolock off, responses not validated (as in the app). */
export async function startHostedCore(settingsDir: string): Promise<HostedBenchCore> {
  const dialogs = scriptedDialogs();
  const bundle = path.join(PROJECT_ROOT, 'out', 'main');
  const forked = await forkCoreHost(
    {
      appInfo: { name: 'Vigil', version: 'bench' },
      settingsFile: path.join(settingsDir, 'settings.json'),
      mediaBase: 'vigil-media://media',
      validateResponse: false,
      errorLog: null,
      reportInternalErrors: false,
      kdf: null,
      autoLock: false,
      // As in the app: the parser is started by this process (main) and its messages relayed.
      parsersFromMain: true,
    },
    { dialogs, writeSecretToClipboard: () => undefined, emit: () => undefined, parsers: forkLauncher },
    existsSync(path.join(bundle, 'core-host-entry.js')) ? bundle : undefined,
  );
  const pid = forked.child.pid;
  if (pid === undefined) throw new Error('the core host did not start');
  return { call: (channel, req) => forked.core.call(channel, req), dialogs, pid, dispose: () => forked.stop() };
}

/** The value of a successful call; throws with the error's code and message otherwise. */
export function ok<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** A folder grant, as the folder dialog would give it. */
export async function grantFolder(core: Driven, dir: string): Promise<string> {
  core.dialogs.nextFolder = dir;
  return ok<{ folder: { grant: string } }>(await core.call('dialog:choose-folder', { create: false }), 'choose').folder
    .grant;
}

/** Read grants for `files`, as the open dialog would give them. */
export async function grantFiles(core: Driven, files: string[]): Promise<string[]> {
  core.dialogs.nextOpenFiles = files;
  const granted = ok<{ files: { grant: string }[] }>(await core.call('dialog:open-files', { multiple: true }), 'open');
  return granted.files.map((f) => f.grant);
}

/** A write grant for `file`, as the save dialog would give it. */
export async function grantSave(core: Driven, file: string): Promise<string> {
  core.dialogs.nextSaveFile = file;
  const saved = ok<{ file: { grant: string } | null }>(await core.call('dialog:save-file', {}), 'save');
  if (saved.file === null) throw new Error('the save dialog gave no file');
  return saved.file.grant;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of process `pid` so far, all its threads (Linux /proc). */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces, so it is skipped up to its closing parenthesis).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident memory of process `pid` in bytes (Linux /proc). */
export function processRssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}
