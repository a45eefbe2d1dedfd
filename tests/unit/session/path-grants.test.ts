import { describe, expect, it } from 'vitest';
import { GRANT_ID_PATTERN, PathGrants } from '../../../main/session/path-grants';
import { isVigilError } from '../../../shared/errors';

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return isVigilError(err) ? err.code : 'not a VigilError';
  }
}

describe('session/path-grants/PathGrants', () => {
  it('issues random ids bound to an absolute path; a grant is spent by its first use', () => {
    const grants = new PathGrants();
    const a = grants.issue('/home/me/letter.pdf', 'read-file');
    const b = grants.issue('/home/me/letter.pdf', 'read-file');
    expect(a.grant).toMatch(GRANT_ID_PATTERN);
    expect(a.grant).not.toBe(b.grant);
    expect(a).toMatchObject({ name: 'letter.pdf', label: '/home/me/letter.pdf' });
    expect(grants.take(a.grant, 'read-file')).toBe('/home/me/letter.pdf');
    expect(codeOf(() => grants.take(a.grant, 'read-file'))).toBe('NOT_GRANTED');
    expect(grants.take(b.grant, 'read-file')).toBe('/home/me/letter.pdf');
  });

  it('refuses a forged id, an id of another kind (a save target is never read), and an expired one', () => {
    let now = 1_000;
    const grants = new PathGrants({ ttlMs: 60_000, now: () => now });
    expect(codeOf(() => grants.take('grant-AAAAAAAAAAAAAAAAAAAAAA', 'read-file'))).toBe('NOT_GRANTED');
    expect(codeOf(() => grants.take('/etc/passwd', 'read-file'))).toBe('NOT_GRANTED');
    const save = grants.issue('/home/me/.ssh/id_ed25519', 'save-file');
    expect(codeOf(() => grants.take(save.grant, 'read-file'))).toBe('NOT_GRANTED');
    expect(codeOf(() => grants.take(save.grant, 'folder'))).toBe('NOT_GRANTED');
    // A use of the wrong kind does not spend it: the dialog's own use still works.
    expect(grants.take(save.grant, 'save-file')).toBe('/home/me/.ssh/id_ed25519');
    const old = grants.issue('/home/me/a.txt', 'read-file');
    now += 60_000;
    expect(codeOf(() => grants.take(old.grant, 'read-file'))).toBe('NOT_GRANTED');
    expect(grants.size).toBe(0);
  });

  it('use() spends the grant on success and gives it back on failure, so the person can retry', async () => {
    const grants = new PathGrants();
    const folder = grants.issue('/vaults/a', 'folder');
    await expect(
      grants.use(folder.grant, 'folder', () => Promise.reject(new Error('wrong passphrase'))),
    ).rejects.toThrow('wrong passphrase');
    await expect(grants.use(folder.grant, 'folder', async (dir) => dir)).resolves.toBe('/vaults/a');
    await expect(grants.use(folder.grant, 'folder', async (dir) => dir)).rejects.toMatchObject({ code: 'NOT_GRANTED' });
  });

  it('a grant cannot be used twice at once: the second concurrent use is refused', async () => {
    const grants = new PathGrants();
    const file = grants.issue('/x/out.tar.age', 'save-file');
    let release: () => void = () => undefined;
    const first = grants.use(
      file.grant,
      'save-file',
      () => new Promise<string>((resolve) => (release = () => resolve('done'))),
    );
    await expect(grants.use(file.grant, 'save-file', async () => 'again')).rejects.toMatchObject({
      code: 'NOT_GRANTED',
    });
    release();
    await expect(first).resolves.toBe('done');
  });

  it('useAll() takes all grants or none: one bad id, or the same id twice, spends nothing', async () => {
    const grants = new PathGrants();
    const a = grants.issue('/in/a.txt', 'read-file');
    const b = grants.issue('/in/b.txt', 'read-file');
    await expect(
      grants.useAll([a.grant, 'grant-BBBBBBBBBBBBBBBBBBBBBB'], 'read-file', async (p) => p),
    ).rejects.toMatchObject({ code: 'NOT_GRANTED' });
    await expect(grants.useAll([a.grant, a.grant], 'read-file', async (p) => p)).rejects.toMatchObject({
      code: 'NOT_GRANTED',
    });
    await expect(grants.useAll([a.grant, b.grant], 'read-file', async (p) => p)).resolves.toEqual([
      '/in/a.txt',
      '/in/b.txt',
    ]);
    expect(grants.size).toBe(0);
  });

  it('clear() (the vault locked) revokes every grant, including one whose use fails after the lock', async () => {
    const grants = new PathGrants();
    const a = grants.issue('/in/a.txt', 'read-file');
    const b = grants.issue('/in/b.txt', 'read-file');
    const failing = grants.use(b.grant, 'read-file', async () => {
      grants.clear();
      throw new Error('cancelled by the lock');
    });
    await expect(failing).rejects.toThrow('cancelled by the lock');
    expect(codeOf(() => grants.take(a.grant, 'read-file'))).toBe('NOT_GRANTED');
    expect(codeOf(() => grants.take(b.grant, 'read-file'))).toBe('NOT_GRANTED');
  });

  it('keeps at most `max` grants, dropping the oldest', () => {
    const grants = new PathGrants({ max: 2 });
    const first = grants.issue('/1', 'read-file');
    grants.issue('/2', 'read-file');
    grants.issue('/3', 'read-file');
    expect(grants.size).toBe(2);
    expect(codeOf(() => grants.take(first.grant, 'read-file'))).toBe('NOT_GRANTED');
  });
});
