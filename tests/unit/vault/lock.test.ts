import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { acquireVaultLock } from '../../../main/vault/lock';
import type { LegacyLockInfo as LockInfo } from '../../../main/vault/lock-legacy';

const ROOT = path.resolve(__dirname, '../../..');
const TSX_LOADER = path.join(ROOT, 'node_modules/tsx/dist/loader.mjs');

let dir: string;
let lockFile: string;
let goFile: string;
const children: ChildProcess[] = [];
const scripts: string[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
  lockFile = path.join(dir, 'vault.lock');
  goFile = path.join(os.tmpdir(), `vigil-go-${randomBytes(4).toString('hex')}`);
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
  for (const f of [...scripts.splice(0), goFile]) fs.rmSync(f, { force: true });
});

/** The token in vault.lock (read only when no process of this test holds it). */
function lockToken(): string {
  const db = new Database(lockFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT token FROM lock').pluck().get() as string;
  } finally {
    db.close();
  }
}

/** A lock file as an earlier version of Vigil would have written it. */
function writeLock(fields: Partial<LockInfo> & { pid: number }, mtimeAgoMs = 0): LockInfo {
  const info: LockInfo = {
    hostname: os.hostname(),
    token: randomBytes(16).toString('hex'),
    createdAt: new Date().toISOString(),
    ...fields,
  };
  fs.writeFileSync(lockFile, JSON.stringify(info));
  if (mtimeAgoMs) {
    const t = new Date(Date.now() - mtimeAgoMs);
    fs.utimesSync(lockFile, t, t);
  }
  return info;
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

/** A running child process and a reader of its output lines. */
interface Child {
  child: ChildProcess;
  nextLine(): Promise<string>;
}

/** Starts a node child with `args`; nextLine() resolves with each line it prints. */
function startChild(args: string[]): Child {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  const waiters: ((l: string) => void)[] = [];
  let buf = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      const w = waiters.shift();
      if (w) w(line);
      else lines.push(line);
    }
  });
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  child.on('exit', (code) => {
    for (const w of waiters.splice(0)) w(`exited ${code} ${err}`);
  });
  return {
    child,
    nextLine: () => {
      const l = lines.shift();
      if (l !== undefined) return Promise.resolve(l);
      if (child.exitCode !== null) return Promise.resolve(`exited ${child.exitCode} ${err}`);
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/**
 * A child that prints "ready", waits for the file `go` to appear (so rivals start together),
 * takes the lock through the real acquireVaultLock, prints the outcome, and holds it.
 */
function childAcquirer(): string[] {
  const script = path.join(os.tmpdir(), `vigil-acquire-${randomBytes(4).toString('hex')}.mts`);
  scripts.push(script);
  fs.writeFileSync(
    script,
    `import fs from 'node:fs';
import { acquireVaultLock } from ${JSON.stringify(path.join(ROOT, 'main/vault/lock'))};
console.log('ready');
while (!fs.existsSync(process.argv[3])) await new Promise((r) => setTimeout(r, 2));
try { await acquireVaultLock(process.argv[2]); console.log('won ' + process.pid); }
catch (e) { console.log('lost ' + (e.code ?? e.message)); process.exit(0); }
setTimeout(() => {}, 60000);\n`,
  );
  // tsx's loader in this very process (the tsx command would run the script in a grandchild, which a kill would miss).
  return ['--import', pathToFileURL(TSX_LOADER).href, script, dir, goFile];
}

describe('vault/lock/acquireVaultLock', () => {
  it('keeps a random token in vault.lock and nothing that names the process or the computer', async () => {
    const lock = await acquireVaultLock(dir);
    await lock.release();
    const bytes = fs.readFileSync(lockFile);
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    for (const revealing of ['"pid"', 'hostname', os.hostname(), 'bootId', `${process.pid}`])
      expect(bytes.toString('latin1')).not.toContain(revealing);
    expect(lockToken()).toMatch(/^[0-9a-f]{32}$/);
    expect(fs.statSync(lockFile).mode & 0o777).toBe(0o600);
    // Later opens leave the file as it is: not even its times tell when the vault was open.
    const mtime = fs.statSync(lockFile).mtimeMs;
    const again = await acquireVaultLock(dir);
    expect(fs.readdirSync(dir)).toEqual(['vault.lock']);
    await again.release();
    expect(fs.readFileSync(lockFile).equals(bytes)).toBe(true);
    expect(fs.statSync(lockFile).mtimeMs).toBe(mtime);
  });

  it('refuses a second acquire in the same process, and acquires again after release (twice is harmless)', async () => {
    const lock = await acquireVaultLock(dir);
    await expect(acquireVaultLock(dir)).rejects.toMatchObject({
      code: 'VAULT_IN_USE',
      message: expect.stringContaining('already open in this Vigil') as unknown,
    });
    await lock.release();
    await lock.release();
    await (await acquireVaultLock(dir)).release();
  });

  it('refuses a missing folder with VAULT_NOT_FOUND and does not create it', async () => {
    await expect(acquireVaultLock(path.join(dir, 'nope'))).rejects.toMatchObject({ code: 'VAULT_NOT_FOUND' });
    expect(fs.existsSync(path.join(dir, 'nope'))).toBe(false);
  });

  it(
    'is blocked by a child that holds the lock, without ' + 'learning its pid, and is free once the child is killed',
    async () => {
      const { child, nextLine } = startChild(childAcquirer());
      expect(await nextLine()).toBe('ready');
      fs.writeFileSync(goFile, '');
      expect(await nextLine()).toMatch(/^won \d+$/);
      const err = await acquireVaultLock(dir).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'VAULT_IN_USE',
        message: expect.stringContaining('open in another Vigil window or command') as unknown,
      });
      expect((err as Error).message).not.toContain(String(child.pid));
      // Killed without a chance to clean up: the operating system drops its lock.
      child.kill('SIGKILL');
      await exited(child);
      await (await acquireVaultLock(dir)).release();
    },
  );

  it('lets exactly one of several processes take a free lock', async () => {
    const args = childAcquirer();
    const rivals = Array.from({ length: 5 }, () => startChild(args));
    expect(await Promise.all(rivals.map((r) => r.nextLine()))).toEqual(Array(5).fill('ready'));
    fs.writeFileSync(goFile, '');
    const lines = await Promise.all(rivals.map((r) => r.nextLine()));
    expect(lines.filter((l) => l.startsWith('won'))).toHaveLength(1);
    expect(lines.filter((l) => l === 'lost VAULT_IN_USE')).toHaveLength(4);
  });

  it('reports a damaged lock of this version instead of replacing it', async () => {
    fs.writeFileSync(lockFile, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), randomBytes(200)]));
    await expect(acquireVaultLock(dir)).rejects.toMatchObject({
      code: 'VAULT_IN_USE',
      message: expect.stringMatching(/damaged.*delete vault\.lock/) as unknown,
    });
  });
});

describe('vault/lock/acquireVaultLock with a lock file of an earlier version', () => {
  it('is blocked by a live process named in an old lock, and takes the lock once that process is killed', async () => {
    const { child, nextLine } = startChild([
      '-e',
      `require('fs').writeFileSync(process.argv[1], JSON.stringify({ pid: process.pid, hostname: require('os').hostname(), token: require('crypto').randomBytes(16).toString('hex'), createdAt: new Date().toISOString() }));
       console.log('ready'); setInterval(() => {}, 1000);`,
      lockFile,
    ]);
    expect(await nextLine()).toBe('ready');
    const err = await acquireVaultLock(dir).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VAULT_IN_USE' });
    expect((err as Error).message).toContain(`process ${child.pid}`);
    child.kill('SIGKILL');
    await exited(child);
    const lock = await acquireVaultLock(dir);
    await lock.release();
    expect(lockToken()).toMatch(/^[0-9a-f]{32}$/);
    expect(fs.readFileSync(lockFile).toString('latin1')).not.toContain('hostname');
  });

  it('takes over an old lock whose process has died, leaving no stray files', async () => {
    const old = writeLock({ pid: deadPid() });
    const lock = await acquireVaultLock(dir);
    await lock.release();
    expect(lockToken()).not.toBe(old.token);
    expect(fs.readdirSync(dir)).toEqual(['vault.lock']);
  });

  it.skipIf(process.platform !== 'linux')(
    'takes over an old lock from before a reboot even if its pid is alive now',
    async () => {
      writeLock({ pid: process.ppid, bootId: '00000000-0000-4000-8000-000000000000' });
      await (await acquireVaultLock(dir)).release();
      expect(lockToken()).toMatch(/^[0-9a-f]{32}$/);
    },
  );

  it('takes over a garbled lock file once it is old enough not to be mid-write', async () => {
    fs.writeFileSync(lockFile, '{"pid": 12');
    fs.utimesSync(lockFile, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    await (await acquireVaultLock(dir)).release();
    fs.writeFileSync(lockFile, '{"pid": 12');
    const started = Date.now();
    const lock = await acquireVaultLock(dir); // young: waits out the grace period first
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    await lock.release();
    expect(lockToken()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('lets exactly one of many concurrent acquirers take over a dead old lock (same process)', async () => {
    writeLock({ pid: deadPid() });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => acquireVaultLock(dir)));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'VAULT_IN_USE' });
    await won[0]?.value.release();
    expect(fs.readdirSync(dir)).toEqual(['vault.lock']);
  });

  it('lets exactly one of several processes take over a dead old lock', async () => {
    writeLock({ pid: deadPid() });
    const args = childAcquirer();
    const rivals = Array.from({ length: 5 }, () => startChild(args));
    expect(await Promise.all(rivals.map((r) => r.nextLine()))).toEqual(Array(5).fill('ready'));
    fs.writeFileSync(goFile, '');
    const lines = await Promise.all(rivals.map((r) => r.nextLine()));
    expect(lines.filter((l) => l.startsWith('won'))).toHaveLength(1);
    expect(lines.filter((l) => l === 'lost VAULT_IN_USE')).toHaveLength(4);
  });

  it('treats an old lock from another computer as in use and says how to clear it', async () => {
    writeLock({ pid: deadPid(), hostname: 'field-laptop-7' });
    const err = await acquireVaultLock(dir).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VAULT_IN_USE' });
    expect((err as Error).message).toMatch(/field-laptop-7.*delete the file vault\.lock/);
  });

  it('recovers from a takeover claim left by a process that died mid-takeover', async () => {
    const old = writeLock({ pid: deadPid() });
    const claim = `${lockFile}.takeover-${old.token}-0`;
    fs.writeFileSync(claim, '');
    fs.utimesSync(claim, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    const lock = await acquireVaultLock(dir);
    await lock.release();
    expect(fs.readdirSync(dir)).toEqual(['vault.lock']);
  });
});
