/**
 * The packaging configuration for what an installed app must do: the `vigil`
 * command on the PATH is the app binary (whose argument routing is tested in
 * tests/unit/app/launch-mode.test.ts), and a received package opens by double-click.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { launchMode } from '../../../main/app/launch-mode';
import { buildProgram } from '../../../main/cli';
import { PROJECT_ROOT } from '../../helpers/vault';

interface BuilderConfig {
  fileAssociations?: { ext: string; role?: string; name?: string }[];
  linux?: { executableName?: string };
}

const config = parse(readFileSync(path.join(PROJECT_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('build/electron-builder.yml', () => {
  it('associates .tar.age packages (matched by their last extension) with the app as their viewer', () => {
    expect(config.fileAssociations).toContainEqual(expect.objectContaining({ ext: 'age', role: 'Viewer' }));
  });

  it(
    'installs the Linux binary as `vigil`, so the command on the PATH is the app, which runs the CLI for CLI ' +
      'arguments',
    () => {
      expect(config.linux?.executableName).toBe('vigil');
      const cliCommands = buildProgram('0.0.0').commands.map((c) => c.name());
      // What a double-click passes, and what a terminal passes, to that same binary.
      expect(
        launchMode(['/opt/Vigil/vigil', '/home/me/case.tar.age'], { defaultApp: false, cliCommands, cwd: '/' }),
      ).toEqual({ kind: 'gui', openPackages: ['/home/me/case.tar.age'] });
      expect(
        launchMode(['/opt/Vigil/vigil', 'verify', '/home/me/case.tar.age'], {
          defaultApp: false,
          cliCommands,
          cwd: '/',
        }),
      ).toEqual({ kind: 'cli', args: ['verify', '/home/me/case.tar.age'] });
    },
  );
});
