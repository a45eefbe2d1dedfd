/**
 * A real full disk: the vault, or the package's folder, on a small tmpfs. The
 * command that finds the disk full says so, nothing acknowledged is lost, no
 * half-written file is left, and the vault still verifies.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, suiteTempDir } from '../../helpers/vault';

const mounts: string[] = [];

/** Mounts a tmpfs of `mib` MiB at a new folder; null (with the reason printed) where mounting is not allowed. */
function smallDisk(name: string, mib: number): string | null {
  const dir = path.join(suiteTempDir(), name);
  mkdirSync(dir);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${mib}m,mode=0700`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  mounts.push(dir);
  return dir;
}

/** Mounting needs root (CI runs as root); elsewhere these tests skip and say why. */
const canMount = ((): boolean => {
  const probe = smallDisk('probe', 1);
  if (probe === null) {
    if (process.env.CI) throw new Error('The full-disk tests need to mount a tmpfs (run as root) under CI.');
    console.warn('skipping full-disk tests: mounting a tmpfs needs root');
    return false;
  }
  return true;
})();

afterAll(() => {
  for (const dir of mounts.splice(0)) spawnSync('umount', [dir]);
});

function ids(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => /^[0-9a-f-]{36}\s/.test(l))
    .map((l) => l.split(/\s+/)[0] ?? '');
}

let files = '';
beforeAll(() => {
  files = suiteTempDir();
});

describe.skipIf(!canMount)('robustness/a real full disk', () => {
  it(
    'adding to a vault on a 16 MiB disk until it is full: the last add says so, every acknowledged item is kept, ' +
      'the vault verifies',
    () => {
      const disk = smallDisk('vault-disk', 16);
      expect(disk).not.toBeNull();
      const dir = path.join(disk ?? '', 'vault');
      expect(runCli(['init', dir, '--name', 'Full Disk']).status).toBe(0);
      const kept: string[] = [];
      let full: ReturnType<typeof runCli> | null = null;
      for (let i = 0; i < 20 && full === null; i += 1) {
        const file = path.join(files, `part-${i}.bin`);
        writeFileSync(file, randomBytes(2 * 1024 * 1024));
        const r = runCli(['add', dir, file]);
        if (r.status === 0) kept.push(...ids(r.stdout));
        else full = r;
      }
      expect(full, 'the disk never filled').not.toBeNull();
      expect(full?.status).toBe(2);
      expect(full?.stderr).toMatch(/disk is full.*not added.*unchanged.*Free some space/s);
      console.log(
        `full disk: ${kept.length} files of 2 MiB added to a vault on a 16 MiB tmpfs before the disk was full`,
      );
      const listed = runCli(['item', 'list', dir, '--json']);
      expect((JSON.parse(listed.stdout) as { id: string }[]).map((i) => i.id).sort()).toEqual([...kept].sort());
      expect(readdirSync(path.join(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      const verified = runCli(['verify', dir]);
      expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    },
  );

  it('exporting onto a full disk says so, leaves no file there and records no export', () => {
    const dir = path.join(files, 'vault-for-export');
    expect(runCli(['init', dir, '--name', 'Full Disk']).status).toBe(0);
    expect(runCli(['case', 'new', dir, '--title', 'Export', '--ref', 'E-1']).status).toBe(0);
    for (let i = 0; i < 3; i += 1) {
      const file = path.join(files, `evidence-${i}.bin`);
      writeFileSync(file, randomBytes(2 * 1024 * 1024));
      expect(runCli(['item', 'add', dir, file, '--case', 'E-1']).status).toBe(0);
    }
    const out = smallDisk('out-disk', 2);
    expect(out).not.toBeNull();
    const before = runCli(['log', dir, '--json']).stdout;
    const r = runCli(
      ['export', dir, '--case', 'E-1', '--profile', 'full', '--passphrase', '-o', path.join(out ?? '', 'case.tar.age')],
      { VIGIL_PACKAGE_PASSPHRASE: 'four long words for the court' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/disk is full/i);
    expect(readdirSync(out ?? '')).toEqual([]);
    expect(runCli(['log', dir, '--json']).stdout).toBe(before);
    expect(runCli(['verify', dir]).status).toBe(0);
  });
});
