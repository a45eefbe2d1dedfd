import { describe, expect, it } from 'vitest';
import { launchMode, userArguments } from '../../../main/app/launch-mode';
import { buildProgram } from '../../../main/cli';

const cliCommands = buildProgram('0.0.0').commands.map((c) => c.name());
const packaged = { defaultApp: false, cliCommands, cwd: '/home/lawyer/Downloads' };

describe('app/launch-mode/launchMode', () => {
  it('runs the command line for a CLI subcommand or flag, with every argument after the executable', () => {
    expect(launchMode(['/opt/Vigil/vigil', 'verify', 'case.tar.age', '--identity', 'key.txt'], packaged)).toEqual({
      kind: 'cli',
      args: ['verify', 'case.tar.age', '--identity', 'key.txt'],
    });
    expect(launchMode(['/opt/Vigil/vigil', '--version'], packaged)).toEqual({ kind: 'cli', args: ['--version'] });
    expect(launchMode(['/opt/Vigil/vigil', '-h'], packaged)).toEqual({ kind: 'cli', args: ['-h'] });
    for (const name of ['init', 'add', 'export', 'import', 'log', 'passwd']) expect(cliCommands).toContain(name);
  });

  it(
    "opens the window with nothing, or with the packages a double-click named (resolved against the caller's " +
      'folder)',
    () => {
      expect(launchMode(['/opt/Vigil/vigil'], packaged)).toEqual({ kind: 'gui', openPackages: [] });
      expect(
        launchMode(['C:\\Program Files\\Vigil\\Vigil.exe', 'case.tar.age', 'other.TAR.AGE', 'case.tar.age'], packaged),
      ).toEqual({
        kind: 'gui',
        openPackages: ['/home/lawyer/Downloads/case.tar.age', '/home/lawyer/Downloads/other.TAR.AGE'],
      });
      expect(launchMode(['/opt/Vigil/vigil', '/tmp/notes.txt'], packaged)).toEqual({ kind: 'gui', openPackages: [] });
    },
  );

  it('ignores what the OS and Chromium add: a Finder serial number or Chromium switches never pick the mode', () => {
    expect(launchMode(['/Applications/Vigil.app/Contents/MacOS/Vigil', '-psn_0_12345'], packaged)).toEqual({
      kind: 'gui',
      openPackages: [],
    });
    expect(
      launchMode(
        ['Vigil.exe', '--allow-file-access-from-files', '--original-process-start-time=1', 'a.tar.age'],
        packaged,
      ),
    ).toEqual({ kind: 'gui', openPackages: ['/home/lawyer/Downloads/a.tar.age'] });
    expect(launchMode(['vigil', '--no-sandbox', 'status', '/vault'], packaged)).toEqual({
      kind: 'cli',
      args: ['status', '/vault'],
    });
    // A file named like a subcommand is not one unless it comes first.
    expect(launchMode(['vigil', 'x.tar.age', 'verify'], packaged)).toEqual({
      kind: 'gui',
      openPackages: ['/home/lawyer/Downloads/x.tar.age'],
    });
  });

  it('skips the app folder when running unpackaged (electron .)', () => {
    expect(userArguments(['/usr/lib/electron/electron', '.', 'verify', 'p.tar.age'], true)).toEqual([
      'verify',
      'p.tar.age',
    ]);
    expect(
      launchMode(['/usr/lib/electron/electron', '.', 'verify', 'p.tar.age'], { ...packaged, defaultApp: true }),
    ).toEqual({ kind: 'cli', args: ['verify', 'p.tar.age'] });
    expect(launchMode(['/usr/lib/electron/electron', '.'], { ...packaged, defaultApp: true })).toEqual({
      kind: 'gui',
      openPackages: [],
    });
  });
});
