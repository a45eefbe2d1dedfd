import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EarlyFlush, openFdOf } from '../../../main/fs/early-flush';
import { tempDir } from '../../helpers/vault';

const MIB = 1024 * 1024;

/** A file descriptor that was open and is closed now: a flush of it fails with EBADF. */
function closedFd(): number {
  const fd = fs.openSync(path.join(tempDir(), 'closed.bin'), 'w');
  fs.closeSync(fd);
  return fd;
}

describe('fs/early-flush', () => {
  it('starts no flush before 64 MiB are written', async () => {
    const early = new EarlyFlush();
    early.wrote(closedFd(), 63 * MIB);
    await expect(early.settle()).resolves.toBeUndefined();
  });

  it('flushes once 64 MiB are written, and keeps a failed flush for the end', async () => {
    const early = new EarlyFlush();
    early.wrote(closedFd(), 40 * MIB);
    early.wrote(closedFd(), 24 * MIB);
    await expect(early.settle()).rejects.toMatchObject({ code: 'EBADF' });
  });

  it('flushes a file that is open, and starts none while it is not', async () => {
    const file = path.join(tempDir(), 'written.bin');
    const out = fs.createWriteStream(file);
    const fd = openFdOf(out);
    const early = new EarlyFlush();
    early.wrote(fd(), 64 * MIB);
    await expect(early.settle()).resolves.toBeUndefined();
    await new Promise((resolve) => out.once('open', resolve));
    expect(fd()).toEqual(expect.any(Number));
    early.wrote(fd(), 64 * MIB);
    await expect(early.settle()).resolves.toBeUndefined();
    await new Promise<void>((resolve) => out.end(() => resolve()));
    await new Promise<void>((resolve) => (out.closed ? resolve() : out.once('close', () => resolve())));
    expect(fd()).toBeNull();
  });
});
