import fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fsyncDir, linkUnsupported, writeFileAtomic } from '../../../main/fs/atomic';

// Wrap open/rename so single tests can inject disk faults; by default they are the real functions.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, open: vi.fn(actual.open), rename: vi.fn(actual.rename) };
});

const realFs = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
const openMock = vi.mocked(fsp.open);
const renameMock = vi.mocked(fsp.rename);

function fault(code: string): Error {
  return Object.assign(new Error(`${code}: simulated fault`), { code });
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  openMock.mockReset().mockImplementation(realFs.open);
  renameMock.mockReset().mockImplementation(realFs.rename);
});

describe('fs/atomic/writeFileAtomic', () => {
  it('creates a new file with private permissions and the exact bytes', async () => {
    const file = path.join(dir, 'a.json');
    await writeFileAtomic(file, new Uint8Array([1, 2, 3, 255]));
    expect([...fs.readFileSync(file)]).toEqual([1, 2, 3, 255]);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['a.json']);
  });

  it('replaces an existing file and honours an explicit mode', async () => {
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new content', { mode: 0o640 });
    expect(fs.readFileSync(file, 'utf8')).toBe('new content');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o640 & ~process.umask());
    expect(fs.readdirSync(dir)).toEqual(['a.txt']);
  });

  it('keeps the old content and leaves no half file when the disk fills mid-write', async () => {
    const file = path.join(dir, 'vault.json');
    fs.writeFileSync(file, 'old content');
    openMock.mockImplementationOnce(async (p, flags, mode) => {
      const handle = await realFs.open(p, flags, mode);
      return new Proxy(handle, {
        get(target, key) {
          if (key === 'writeFile') {
            return async () => {
              await target.write(Buffer.from('half of the new'));
              throw fault('ENOSPC');
            };
          }
          const v: unknown = Reflect.get(target, key);
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    });
    await expect(writeFileAtomic(file, 'the new content, in full')).rejects.toMatchObject({ code: 'DISK_FULL' });
    expect(fs.readFileSync(file, 'utf8')).toBe('old content');
    expect(fs.readdirSync(dir)).toEqual(['vault.json']);
  });

  it('keeps the old content when the final rename fails, and removes the temp file', async () => {
    const file = path.join(dir, 'vault.json');
    fs.writeFileSync(file, 'old content');
    renameMock.mockRejectedValueOnce(fault('EIO'));
    await expect(writeFileAtomic(file, 'new')).rejects.toMatchObject({ code: 'IO_ERROR' });
    expect(fs.readFileSync(file, 'utf8')).toBe('old content');
    expect(fs.readdirSync(dir)).toEqual(['vault.json']);
  });

  it('fails with IO_ERROR (a real error, no mock) when the target is a folder, leaving it untouched', async () => {
    const target = path.join(dir, 'taken');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside'), 'keep');
    await expect(writeFileAtomic(target, 'x')).rejects.toMatchObject({ code: 'IO_ERROR' });
    expect(fs.readFileSync(path.join(target, 'inside'), 'utf8')).toBe('keep');
    expect(fs.readdirSync(dir)).toEqual(['taken']);
  });

  it('fails with IO_ERROR when the folder does not exist', async () => {
    await expect(writeFileAtomic(path.join(dir, 'missing', 'f'), 'x')).rejects.toMatchObject({ code: 'IO_ERROR' });
  });
});

describe('fs/atomic/fsyncDir', () => {
  it('syncs an existing folder', async () => {
    await expect(fsyncDir(dir)).resolves.toBeUndefined();
  });

  it('reports a missing folder as IO_ERROR', async () => {
    await expect(fsyncDir(path.join(dir, 'nope'))).rejects.toMatchObject({ code: 'IO_ERROR' });
  });
});

describe('fs/atomic/linkUnsupported', () => {
  const errno = (code: string): Error => Object.assign(new Error(code), { code });
  it('takes the no-hard-link codes of FAT/exFAT and network shares as a reason to fall back, and nothing else', () => {
    for (const code of ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'])
      expect(linkUnsupported(errno(code)), code).toBe(true);
    for (const code of ['EEXIST', 'ENOSPC', 'EACCES', 'ENOENT']) expect(linkUnsupported(errno(code)), code).toBe(false);
    expect(linkUnsupported(new Error('no code'))).toBe(false);
    expect(linkUnsupported('EPERM')).toBe(false);
  });
});
