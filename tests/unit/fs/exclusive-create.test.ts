import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExclusiveFrom, writeTempBeside } from '../../../main/fs/exclusive-create';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('fs/exclusive-create/createExclusiveFrom', () => {
  it('creates the target with the full content when it does not exist', async () => {
    const target = path.join(dir, 'vault.lock');
    const tmp = await writeTempBeside(target, 'mine');
    expect(path.dirname(tmp)).toBe(dir);
    expect(await createExclusiveFrom(tmp, target, 'mine')).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('mine');
  });

  it('returns false and leaves an existing target untouched', async () => {
    const target = path.join(dir, 'vault.lock');
    fs.writeFileSync(target, 'theirs');
    const tmp = await writeTempBeside(target, 'mine');
    expect(await createExclusiveFrom(tmp, target, 'mine')).toBe(false);
    expect(fs.readFileSync(target, 'utf8')).toBe('theirs');
  });
});
