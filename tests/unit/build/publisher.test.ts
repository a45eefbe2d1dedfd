/**
 * The publisher's details for a release (build/dist.mjs): the deb's homepage and maintainer
 * come from the environment, are checked before any build, and without them the Linux build
 * is the AppImage alone, with the reason printed.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../helpers/vault';

type Env = Record<string, string | undefined>;
interface DistModule {
  publisherPlan(env: Env): { deb: boolean; args: string[]; reason: string };
}
const { publisherPlan } = (await import(path.join(PROJECT_ROOT, 'build', 'dist.mjs'))) as DistModule;

const HOMEPAGE = 'https://vigil.example.org';
const MAINTAINER = 'Vigil release team <release@vigil.example.org>';

describe('publisherPlan', () => {
  it('passes the homepage and the maintainer to electron-builder when both are set', () => {
    const plan = publisherPlan({ VIGIL_HOMEPAGE: HOMEPAGE, VIGIL_MAINTAINER: MAINTAINER });
    expect(plan.deb).toBe(true);
    expect(plan.args).toEqual([`-c.extraMetadata.homepage=${HOMEPAGE}`, `-c.linux.maintainer=${MAINTAINER}`]);
    expect(plan.reason).toContain(MAINTAINER);
  });

  it('builds the AppImage only, naming what is missing, without one of them', () => {
    for (const [env, missing] of [
      [{}, ['VIGIL_HOMEPAGE', 'VIGIL_MAINTAINER']],
      [{ VIGIL_HOMEPAGE: HOMEPAGE }, ['VIGIL_MAINTAINER']],
      [{ VIGIL_MAINTAINER: MAINTAINER, VIGIL_HOMEPAGE: '  ' }, ['VIGIL_HOMEPAGE']],
    ] as const) {
      const plan = publisherPlan(env);
      expect(plan.deb).toBe(false);
      expect(plan.args).toEqual(['-c.linux.target=AppImage']);
      for (const name of missing) expect(plan.reason).toContain(name);
      expect(plan.reason).toMatch(/^deb skipped/);
    }
  });

  it('refuses malformed values instead of shipping them', () => {
    for (const homepage of ['http://vigil.example.org', 'vigil.example.org', 'https://', 'https://a b.org'])
      expect(() => publisherPlan({ VIGIL_HOMEPAGE: homepage, VIGIL_MAINTAINER: MAINTAINER }), homepage).toThrow(
        /VIGIL_HOMEPAGE must be an https/,
      );
    for (const maintainer of [
      'Vigil contributors',
      '<release@vigil.example.org>',
      'Vigil <release@localhost>',
      'Vigil <a@b.org> <c@d.org>',
      'Vigil\n<release@vigil.example.org>',
    ])
      expect(() => publisherPlan({ VIGIL_HOMEPAGE: HOMEPAGE, VIGIL_MAINTAINER: maintainer }), maintainer).toThrow(
        /VIGIL_MAINTAINER must read/,
      );
  });

  it('stops npm run dist before building when a value is malformed', () => {
    const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'build', 'dist.mjs')], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, VIGIL_HOMEPAGE: 'http://vigil.example.org', VIGIL_MAINTAINER: MAINTAINER },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('dist: VIGIL_HOMEPAGE must be an https:// address');
    expect(run.stdout).toBe('');
  });
});
