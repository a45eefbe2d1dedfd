// Preloaded into a `vigil` child process by the crash tests (node --import this-file).
// Counts, on the main thread, the file-system calls that change files or lie between
// changes (open for reading or writing — a folder is opened to flush it — rename, link,
// unlink, rm, mkdir, writeFile, copyFile), and SIGKILLs the process just before call number
// VIGIL_TEST_KILL_AT_OP (1-based). With VIGIL_TEST_TRACE_FILE set, the calls made are written
// there at exit as a JSON array of "call file-name" strings, so a test can first trace a
// command and then kill it before each step in turn. SQLite's own writes are not counted:
// they lie between two counted calls, so a kill before the next call lands just after them.
// The default export of node:fs is the very object the command's bundle requires, so
// wrapping its members here changes the calls the command makes.
import fs from 'node:fs';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';

const killAt = Number(process.env.VIGIL_TEST_KILL_AT_OP ?? '0');
const traceFile = process.env.VIGIL_TEST_TRACE_FILE;
const writeTrace = fs.writeFileSync;
const trace = [];

function wrap(target, name) {
  const original = target[name];
  if (typeof original !== 'function') return;
  target[name] = function counted(...args) {
    trace.push(`${name} ${path.basename(String(args[0]))}`);
    if (killAt > 0 && trace.length === killAt) process.kill(process.pid, 'SIGKILL');
    return original.apply(this, args);
  };
}

if (isMainThread) {
  for (const target of [fs, fs.promises]) {
    for (const name of ['open', 'rename', 'link', 'unlink', 'rm', 'mkdir', 'writeFile', 'copyFile']) wrap(target, name);
  }
  for (const name of ['openSync', 'renameSync', 'linkSync', 'unlinkSync', 'rmSync', 'mkdirSync', 'copyFileSync'])
    wrap(fs, name);
  if (traceFile) process.on('exit', () => writeTrace(traceFile, JSON.stringify(trace)));
}
