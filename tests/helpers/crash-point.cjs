// Preloaded into a `vigil` child process by the crash tests (node --require this-file):
// counts, on the main thread, the file-system calls that change files or come between
// changes (open for reading or writing — a folder is opened to flush it — rename, link,
// unlink, rm, mkdir, writeFile, copyFile) and SIGKILLs the process just before call number
// VIGIL_TEST_KILL_AT_OP (1-based). With VIGIL_TEST_COUNT_FILE set, the
// count reached is written there at exit, so a test can first count a command's steps and
// then kill it before each one in turn. SQLite's own writes are not counted: they lie
// between two counted calls, so a kill before the next call lands just after them.
'use strict';
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const killAt = Number(process.env.VIGIL_TEST_KILL_AT_OP ?? '0');
const countFile = process.env.VIGIL_TEST_COUNT_FILE;
const writeCount = fs.writeFileSync;
let count = 0;

function step() {
  count += 1;
  if (killAt > 0 && count === killAt) process.kill(process.pid, 'SIGKILL');
}

function wrap(target, name) {
  const original = target[name];
  if (typeof original !== 'function') return;
  target[name] = function counted(...args) {
    step();
    return original.apply(this, args);
  };
}

if (isMainThread) {
  for (const target of [fs, fs.promises]) {
    for (const name of ['open', 'rename', 'link', 'unlink', 'rm', 'mkdir', 'writeFile', 'copyFile']) wrap(target, name);
  }
  for (const name of ['openSync', 'renameSync', 'linkSync', 'unlinkSync', 'rmSync', 'mkdirSync', 'copyFileSync']) wrap(fs, name);
  if (countFile) process.on('exit', () => writeCount(countFile, String(count)));
}
