/**
 * Signing readiness: the hooks read their secrets from the environment only and,
 * without them, say why they skip and let the build go on; the release script's
 * SHA256SUMS and its signature check out with the real sha256sum and minisign.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hasTool } from '../../helpers/tools';
import { PROJECT_ROOT } from '../../helpers/vault';

type Env = Record<string, string | undefined>;
interface SigningModule {
  signingPlan(platform: string, env: Env): { sign: boolean; reason: string };
  notarizeCredentials(env: Env): { credentials: Record<string, string> | null; reason: string };
}
interface AfterSignModule {
  afterSign(
    context: { electronPlatformName: string; appOutDir: string; packager: unknown },
    env: Env,
    log: (line: string) => void,
  ): Promise<void>;
}
interface AfterPackModule {
  afterPack(context: {
    electronPlatformName: string;
    appOutDir: string;
    packager: { addElectronFuses(context: unknown, config: unknown): Promise<unknown> };
  }): Promise<void>;
}
interface ReleaseSumsModule {
  releaseFiles(dir: string): string[];
}

const buildDir = path.join(PROJECT_ROOT, 'build');
const { signingPlan, notarizeCredentials } = (await import(path.join(buildDir, 'signing.mjs'))) as SigningModule;
const { afterSign } = (await import(path.join(buildDir, 'after-sign.mjs'))) as AfterSignModule;
const { afterPack } = (await import(path.join(buildDir, 'after-pack.mjs'))) as AfterPackModule;
const { releaseFiles } = (await import(path.join(buildDir, 'release-sums.mjs'))) as ReleaseSumsModule;

const APPLE_ID = { APPLE_ID: 'dev@example.org', APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh', APPLE_TEAM_ID: 'TEAM123456' };

describe('build/signing/signingPlan', () => {
  it(
    'signs Windows with the certificate in WIN_CSC_LINK or ' + 'CSC_LINK, and otherwise says which variable is missing',
    () => {
      expect(signingPlan('win32', {})).toEqual({
        sign: false,
        reason: expect.stringMatching(/Authenticode signing skipped: neither WIN_CSC_LINK nor CSC_LINK/),
      });
      expect(signingPlan('win32', { WIN_CSC_LINK: 'cert.pfx' })).toMatchObject({
        sign: true,
        reason: expect.stringContaining('WIN_CSC_LINK'),
      });
      expect(signingPlan('win32', { CSC_LINK: 'cert.pfx' })).toMatchObject({
        sign: true,
        reason: expect.stringContaining('CSC_LINK'),
      });
      // An empty variable (a CI secret not configured) is no certificate.
      expect(signingPlan('win32', { CSC_LINK: '' }).sign).toBe(false);
    },
  );

  it('signs macOS with CSC_LINK or a keychain identity (CSC_NAME); Linux packages are covered by SHA256SUMS', () => {
    expect(signingPlan('darwin', {}).reason).toMatch(/macOS signing skipped: neither CSC_LINK .* nor CSC_NAME/);
    expect(signingPlan('darwin', { CSC_NAME: 'Developer ID Application: X' }).sign).toBe(true);
    expect(signingPlan('linux', { CSC_LINK: 'cert.pfx' })).toMatchObject({
      sign: false,
      reason: expect.stringContaining('SHA256SUMS'),
    });
  });
});

describe('build/signing/notarizeCredentials', () => {
  it('takes an Apple ID with its app-specific password and team, or an API key, from the environment', () => {
    expect(notarizeCredentials(APPLE_ID).credentials).toEqual({
      appleId: 'dev@example.org',
      appleIdPassword: 'abcd-efgh',
      teamId: 'TEAM123456',
    });
    expect(
      notarizeCredentials({ APPLE_API_KEY: 'key.p8', APPLE_API_KEY_ID: 'K1', APPLE_API_ISSUER: 'I1' }).credentials,
    ).toEqual({ appleApiKey: 'key.p8', appleApiKeyId: 'K1', appleApiIssuer: 'I1' });
  });

  it('names exactly what is missing when a credential is incomplete', () => {
    const { credentials, reason } = notarizeCredentials({ ...APPLE_ID, APPLE_TEAM_ID: undefined });
    expect(credentials).toBeNull();
    expect(reason).toMatch(
      /^macOS notarization skipped: APPLE_TEAM_ID not set \(or, for an API key, APPLE_API_KEY, APPLE_API_KEY_ID, APPLE_API_ISSUER\)/,
    );
  });
});

describe('build/after-sign/afterSign', () => {
  const context = {
    electronPlatformName: 'darwin',
    appOutDir: '/nonexistent',
    packager: { appInfo: { productFilename: 'Vigil' } },
  };

  it('without Apple credentials prints why notarization is skipped and lets the build go on', async () => {
    const lines: string[] = [];
    await expect(afterSign(context, {}, (line) => lines.push(line))).resolves.toBeUndefined();
    expect(lines).toEqual([
      expect.stringMatching(
        /^after-sign: macOS notarization skipped: APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID not set/,
      ),
    ]);
  });

  it('does nothing for Windows and Linux builds', async () => {
    const lines: string[] = [];
    await afterSign({ ...context, electronPlatformName: 'win32' }, APPLE_ID, (line) => lines.push(line));
    expect(lines).toEqual([]);
  });

  it('run on its own without secrets prints each platform’s reason and exits 0', () => {
    const run = spawnSync(process.execPath, [path.join(buildDir, 'after-sign.mjs')], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('win32: Windows Authenticode signing skipped');
    expect(run.stdout).toContain('darwin: macOS signing skipped');
    expect(run.stdout).toContain('darwin: macOS notarization skipped');
  });
});

describe('build/after-pack/afterPack', () => {
  it(
    'says whether the package will be signed ' + '(electron-builder runs no afterSign hook when it signs ' + 'nothing)',
    async () => {
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      const saved = { WIN_CSC_LINK: process.env.WIN_CSC_LINK, CSC_LINK: process.env.CSC_LINK };
      delete process.env.WIN_CSC_LINK;
      delete process.env.CSC_LINK;
      try {
        await afterPack({
          electronPlatformName: 'win32',
          appOutDir: '/nonexistent',
          packager: { addElectronFuses: () => Promise.resolve() },
        });
        expect(log.mock.calls.map((c) => String(c[0]))).toContainEqual(
          expect.stringMatching(/^after-pack: Windows Authenticode signing skipped/),
        );
      } finally {
        Object.assign(process.env, Object.fromEntries(Object.entries(saved).filter(([, v]) => v !== undefined)));
        log.mockRestore();
      }
    },
  );
});

describe('build/release-sums', () => {
  const tools = hasTool('minisign') && hasTool('sha256sum', 'coreutils');
  let dir: string;
  let keys: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-release-'));
    keys = mkdtempSync(path.join(os.tmpdir(), 'vigil-release-key-'));
    writeFileSync(path.join(dir, 'Vigil-0.1.0.AppImage'), 'an AppImage\n');
    writeFileSync(path.join(dir, 'vigil_0.1.0_amd64.deb'), Buffer.from([0, 1, 2, 255]));
    writeFileSync(path.join(dir, 'Vigil Setup 0.1.0.exe'), 'an installer with a space in its name\n');
    writeFileSync(path.join(dir, 'Vigil-0.1.0.dmg'), 'a disk image\n');
    writeFileSync(path.join(dir, 'builder-debug.yml'), 'not a release file\n');
    writeFileSync(path.join(dir, 'builder-effective-config.yaml'), 'not a release file\n');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(keys, { recursive: true, force: true });
  });

  it('lists only the release files, by name', () => {
    expect(releaseFiles(dir)).toEqual([
      'Vigil Setup 0.1.0.exe',
      'Vigil-0.1.0.AppImage',
      'Vigil-0.1.0.dmg',
      'vigil_0.1.0_amd64.deb',
    ]);
  });

  it.runIf(tools)(
    'writes a SHA256SUMS that sha256sum -c accepts, signed so that minisign -V accepts it; a changed file or ' +
      'list is caught',
    () => {
      const pub = path.join(keys, 'release.pub');
      const sec = path.join(keys, 'release.key');
      // -W: a key without a password, so the test needs no terminal.
      expect(spawnSync('minisign', ['-G', '-W', '-p', pub, '-s', sec], { encoding: 'utf8' }).status).toBe(0);
      const run = spawnSync(process.execPath, [path.join(buildDir, 'release-sums.mjs'), dir, sec], {
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);

      const check = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
      expect(check.status, check.stdout + check.stderr).toBe(0);
      expect(check.stdout.trim().split('\n')).toHaveLength(4);
      const verify = spawnSync('minisign', ['-V', '-p', pub, '-m', path.join(dir, 'SHA256SUMS')], { encoding: 'utf8' });
      expect(verify.status, verify.stderr).toBe(0);
      expect(verify.stdout).toContain('Trusted comment: Vigil');

      // A download that was changed no longer matches its line.
      writeFileSync(path.join(dir, 'vigil_0.1.0_amd64.deb'), Buffer.from([0, 1, 2, 254]));
      const changed = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
      expect(changed.status).not.toBe(0);
      expect(changed.stdout).toContain('vigil_0.1.0_amd64.deb: FAILED');

      // A list whose line was changed to match the changed download no longer matches its signature.
      const sums = readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8');
      const fresh = spawnSync('sha256sum', ['vigil_0.1.0_amd64.deb'], { cwd: dir, encoding: 'utf8' }).stdout;
      writeFileSync(path.join(dir, 'SHA256SUMS'), sums.replace(/^.*vigil_0\.1\.0_amd64\.deb\n/m, fresh));
      expect(spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir }).status).toBe(0);
      expect(spawnSync('minisign', ['-V', '-p', pub, '-m', path.join(dir, 'SHA256SUMS')]).status).not.toBe(0);
    },
  );

  it('refuses a folder without release files, writing nothing', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'vigil-release-empty-'));
    try {
      const run = spawnSync(
        process.execPath,
        [path.join(buildDir, 'release-sums.mjs'), empty, path.join(keys, 'none.key')],
        { encoding: 'utf8' },
      );
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/No release files/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
