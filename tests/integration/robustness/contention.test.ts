/**
 * Several `vigil` processes on one vault at once. The vault lock lets one
 * process in at a time: the others must say so at once, clearly, and nothing
 * acknowledged by anyone may be lost.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, cliEnv, runCli, suiteTempDir } from '../../helpers/vault';

const IN_USE = /open in another Vigil window or command/;

interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Starts `vigil args…` and resolves when it exits, with how long it took. */
function start(args: string[]): Promise<Finished> {
  const began = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr, ms: Date.now() - began }));
  });
}

/** Item ids the add printed: one line per committed item, id first. */
function acknowledged(run: Finished): string[] {
  return run.stdout
    .split('\n')
    .filter((l) => /^[0-9a-f-]{36}\s/.test(l))
    .map((l) => l.split(/\s+/)[0] ?? '');
}

function vaultItemIds(dir: string): string[] {
  const r = runCli(['item', 'list', dir, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { id: string }[]).map((i) => i.id);
}

let root = '';
beforeAll(() => {
  root = suiteTempDir();
});

function newVault(name: string): string {
  const dir = path.join(root, name);
  expect(runCli(['init', dir, '--name', 'Contention Test']).status).toBe(0);
  return dir;
}

describe('robustness/several processes on one vault', () => {
  it(
    'two adds at once: each adds its files or says the ' + 'vault is in use, and every acknowledged item is kept',
    async () => {
      const dir = newVault('two-adds');
      const refused: number[] = [];
      for (let round = 0; round < 4; round += 1) {
        const files = ['a', 'b'].map((side) => {
          const file = path.join(root, `${side}-${round}.bin`);
          writeFileSync(file, randomBytes(8 * 1024 * 1024));
          return file;
        });
        const runs = await Promise.all(files.map((f) => start(['add', dir, f])));
        for (const run of runs) {
          if (run.status !== 0) {
            expect(run.status).toBe(2);
            expect(run.stderr).toMatch(IN_USE);
            refused.push(round);
          }
        }
        expect(runs.some((r) => r.status === 0)).toBe(true);
        const kept = vaultItemIds(dir);
        for (const id of runs.flatMap(acknowledged)) expect(kept).toContain(id);
      }
      console.log(`two adds at once, 4 rounds: ${refused.length} of 8 adds were told the vault is in use`);
      expect(runCli(['verify', dir]).status).toBe(0);
    },
  );

  it(
    '20 searches during an add each answer (results, or "in use") without waiting for the add, and the add ' +
      'completes',
    async () => {
      const dir = newVault('readers');
      expect(runCli(['case', 'new', dir, '--title', 'Readers', '--ref', 'R-1']).status).toBe(0);
      const letter = path.join(root, 'letter.txt');
      writeFileSync(letter, 'The colony refused the visit again.');
      expect(runCli(['add', dir, letter]).status).toBe(0);
      const big = path.join(root, 'recording.bin');
      writeFileSync(big, randomBytes(256 * 1024 * 1024));
      const adding = start(['add', dir, big]);
      // Let the add take the vault before the readers come.
      await new Promise((r) => setTimeout(r, 1500));
      const readers = await Promise.all(Array.from({ length: 20 }, () => start(['search', dir, 'colony'])));
      const added = await adding;
      expect(added.status, added.stderr).toBe(0);
      for (const r of readers) {
        if (r.status === 0) expect(r.stdout).toMatch(/letter\.txt|colony/i);
        else expect(r).toMatchObject({ status: 2, stderr: expect.stringMatching(IN_USE) });
      }
      const slowest = Math.max(...readers.map((r) => r.ms));
      const answered = readers.filter((r) => r.status === 0).length;
      console.log(
        `20 searches during a 256 MiB add (add took ${added.ms} ms): ${answered} answered, ${20 - answered} told ` +
          `"in use"; slowest reader ${slowest} ms`,
      );
      // Twenty processes start at once on a small machine: the bound is "no reader hangs", not a speed target.
      expect(slowest).toBeLessThan(60_000);
      expect(vaultItemIds(dir)).toEqual(expect.arrayContaining(acknowledged(added)));
      expect(runCli(['verify', dir]).status).toBe(0);
    },
  );
});
