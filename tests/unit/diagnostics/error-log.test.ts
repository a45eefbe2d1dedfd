import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorLog } from '../../../main/diagnostics/error-log';
import { dispatch } from '../../../main/ipc/dispatch';
import { PROJECT_ROOT, tempDir } from '../../helpers/vault';

// Values an unexpected error may carry in its message, its cause or its fields.
const PASSPHRASE = 'tangerine-orbit-glacier-seventeen';
const EVIDENCE = 'the witness saw the transfer at Penal Colony 7';

function secretError(): Error {
  const error = new TypeError(`cannot read 'slot' of undefined while unlocking with ${PASSPHRASE}`, {
    cause: new Error(EVIDENCE),
  });
  return Object.assign(error, {
    code: 'ENOENT',
    passphrase: PASSPHRASE,
    path: path.join(PROJECT_ROOT, 'case', EVIDENCE),
  });
}

function logIn(dir: string, maxBytes?: number): ErrorLog {
  return new ErrorLog({
    file: path.join(dir, 'logs', 'errors.log'),
    appRoot: PROJECT_ROOT,
    ...(maxBytes === undefined ? {} : { maxBytes }),
  });
}

const lines = (file: string): Record<string, unknown>[] =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('diagnostics/error-log', () => {
  it(
    'an unexpected error out of a channel is logged through dispatch: when, where, what kind, its code and call ' +
      'sites; no message, cause or value',
    async () => {
      const dir = tempDir();
      const log = logIn(dir);
      const result = await dispatch(
        'app:info',
        async () => Promise.reject(secretError()),
        {},
        { validateResponse: true, onInternalError: log.record },
      );
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'INTERNAL' }) });
      const file = path.join(dir, 'logs', 'errors.log');
      const text = fs.readFileSync(file, 'utf8');
      expect(text).not.toContain(PASSPHRASE);
      expect(text).not.toContain('tangerine');
      expect(text).not.toContain(EVIDENCE);
      expect(text).not.toContain('cannot read');
      // Call sites are relative to the app's folder: no absolute path of this machine.
      expect(text).not.toContain(PROJECT_ROOT);
      const [entry] = lines(file);
      expect(entry).toMatchObject({ channel: 'app:info', kind: 'TypeError', code: 'ENOENT' });
      expect(Date.parse(String(entry?.time))).not.toBeNaN();
      const stack = entry?.stack as string[];
      expect(stack.length).toBeGreaterThan(0);
      expect(stack.every((frame) => frame.startsWith('at '))).toBe(true);
      expect(stack.some((frame) => frame.includes('tests/unit/diagnostics/error-log.test.ts'))).toBe(true);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    },
  );

  it('a thrown value that is not an Error, or a code that is not a system code, is logged without it', () => {
    const dir = tempDir();
    const log = logIn(dir);
    log.record(PASSPHRASE, 'vault:unlock');
    log.record(Object.assign(new Error('x'), { code: PASSPHRASE, name: `Error ${PASSPHRASE}` }), 'vault:unlock');
    const text = fs.readFileSync(path.join(dir, 'logs', 'errors.log'), 'utf8');
    expect(text).not.toContain('tangerine');
    expect(lines(path.join(dir, 'logs', 'errors.log')).map((e) => [e.kind, e.code])).toEqual([
      ['non-error', null],
      ['Error', null],
    ]);
  });

  it('rotates by size: the file stays under its limit and one previous file is kept', () => {
    const dir = tempDir();
    const log = logIn(dir, 4000);
    for (let i = 0; i < 60; i++) log.record(new RangeError('boom'), `items:list`);
    const file = path.join(dir, 'logs', 'errors.log');
    expect(fs.statSync(file).size).toBeLessThanOrEqual(4000);
    expect(fs.statSync(`${file}.1`).size).toBeLessThanOrEqual(4000);
    expect(fs.readdirSync(path.join(dir, 'logs')).sort()).toEqual(['errors.log', 'errors.log.1']);
    expect(lines(file).every((e) => e.kind === 'RangeError')).toBe(true);
  });

  it('never throws, even when its folder cannot be made', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'logs'), 'a file where the folder should be');
    expect(() => logIn(dir).record(new Error('x'), 'app:info')).not.toThrow();
  });
});
