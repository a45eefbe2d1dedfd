/**
 * The `vigil` command of the installed packages: the shims electron-builder ships
 * (build/shims) and the NSIS include that puts the Windows one on the PATH. The
 * macOS shim runs here with a stand-in app binary that records what it was given.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasTool } from '../../helpers/tools';
import { PROJECT_ROOT } from '../../helpers/vault';

interface Resource {
  from: string;
  to: string;
}
interface BuilderConfig {
  productName: string;
  mac?: { extraResources?: Resource[] };
  win?: { extraResources?: Resource[] };
  nsis?: { include?: string };
  deb?: { afterInstall?: string; afterRemove?: string };
  linux?: { executableName?: string };
}

const config = parse(readFileSync(path.join(PROJECT_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const MAC_SHIM = path.join(PROJECT_ROOT, 'build', 'shims', 'vigil');
const WIN_SHIM = path.join(PROJECT_ROOT, 'build', 'shims', 'vigil.cmd');

describe('electron-builder.yml: the vigil command in each package', () => {
  it('ships the macOS shim as Contents/Resources/bin/vigil and the Windows one as resources\\bin\\vigil.cmd', () => {
    expect(config.mac?.extraResources).toContainEqual({ from: 'build/shims/vigil', to: 'bin/vigil' });
    expect(config.win?.extraResources).toContainEqual({ from: 'build/shims/vigil.cmd', to: 'bin/vigil.cmd' });
    for (const resource of [...(config.mac?.extraResources ?? []), ...(config.win?.extraResources ?? [])]) {
      expect(existsSync(path.join(PROJECT_ROOT, resource.from)), resource.from).toBe(true);
    }
  });

  it(
    'keeps electron-builder’s deb scripts, which link /usr/bin/vigil to the binary named vigil and unlink it on ' +
      'removal',
    () => {
      expect(config.linux?.executableName).toBe('vigil');
      expect(config.deb?.afterInstall).toBeUndefined();
      expect(config.deb?.afterRemove).toBeUndefined();
    },
  );

  it('includes the NSIS script that edits the PATH, and it adds and removes resources\\bin', () => {
    expect(config.nsis?.include).toBe('build/installer.nsh');
    const nsh = readFileSync(path.join(PROJECT_ROOT, 'build', 'installer.nsh'), 'utf8');
    expect(nsh).toContain('!define VIGIL_BIN_DIR "$INSTDIR\\resources\\bin"');
    expect(nsh).toMatch(/!macro customInstall\b/);
    expect(nsh).toMatch(/!macro customUnInstall\b/);
  });

  it('runs the Windows app binary (productName.exe, two folders up) with every argument, as a CRLF batch file', () => {
    const cmd = readFileSync(WIN_SHIM, 'utf8');
    expect(
      cmd
        .split('\n')
        .slice(0, -1)
        .every((line) => line.endsWith('\r')),
    ).toBe(true);
    expect(cmd).toContain(`"%~dp0..\\..\\${config.productName}.exe" %*`);
    expect(cmd).toContain('exit /b %ERRORLEVEL%');
    expect(cmd).not.toMatch(/ELECTRON_RUN_AS_NODE/);
  });
});

describe('build/installer.nsh', () => {
  const nsisAvailable = hasTool('makensis', 'nsis');
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-nsis-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // electron-builder compiles the installer and the uninstaller separately, with warnings as errors (-WX).
  it.runIf(nsisAvailable)('compiles without a warning into both the installer and the uninstaller', () => {
    const script = [
      'Unicode true',
      'Var installMode',
      `OutFile "${path.join(dir, 'vigil-harness.exe')}"`,
      'InstallDir "$LOCALAPPDATA\\Programs\\Vigil"',
      `!include "${path.join(PROJECT_ROOT, 'build', 'installer.nsh')}"`,
      'Section',
      '  StrCpy $installMode "CurrentUser"',
      '!ifdef BUILD_UNINSTALLER',
      '  WriteUninstaller "$INSTDIR\\uninstall.exe"',
      'SectionEnd',
      'Section "Uninstall"',
      '  !insertmacro customUnInstall',
      '!else',
      '  !insertmacro customInstall',
      '!endif',
      'SectionEnd',
      '',
    ].join('\n');
    const file = path.join(dir, 'harness.nsi');
    writeFileSync(file, script);
    for (const defines of [[], ['-DBUILD_UNINSTALLER']]) {
      const run = spawnSync('makensis', ['-V2', '-WX', ...defines, file], { encoding: 'utf8' });
      expect(run.status, `${defines.join(' ')}\n${run.stdout}${run.stderr}`).toBe(0);
    }
  });
});

describe('build/shims/vigil (macOS)', () => {
  let dir: string;
  let app: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-shim-'));
    // The installed layout: Vigil.app/Contents/{MacOS/Vigil, Resources/bin/vigil}.
    const contents = path.join(dir, `${config.productName}.app`, 'Contents');
    mkdirSync(path.join(contents, 'MacOS'), { recursive: true });
    mkdirSync(path.join(contents, 'Resources', 'bin'), { recursive: true });
    app = path.join(contents, 'MacOS', config.productName);
    // The stand-in binary writes each argument on a line of its own, and whether it was asked to run as Node.
    writeFileSync(
      app,
      `#!/bin/sh\nprintf 'RUN_AS_NODE=%s\\n' "\${ELECTRON_RUN_AS_NODE:-unset}"\nfor a in "$@"; do printf ` +
        `'[%s]\\n' "$a"; done\nexit 3\n`,
    );
    chmodSync(app, 0o755);
    copyFileSync(MAC_SHIM, path.join(contents, 'Resources', 'bin', 'vigil'));
    chmodSync(path.join(contents, 'Resources', 'bin', 'vigil'), 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const shimIn = (): string => path.join(dir, `${config.productName}.app`, 'Contents', 'Resources', 'bin', 'vigil');
  const args = ['verify', '/Users/me/a case with spaces.tar.age', '--json', '*', '$HOME', ''];
  const expected = ['RUN_AS_NODE=unset', ...args.map((a) => `[${a}]`)].join('\n') + '\n';

  it('runs the app binary with the CLI arguments unchanged and passes its exit status on', () => {
    const run = spawnSync(shimIn(), args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(expected);
    expect(run.status).toBe(3);
  });

  it('finds the app through the /usr/local/bin link and a relative link chain (macOS readlink has no -f)', () => {
    const binDir = path.join(dir, 'usr', 'local', 'bin');
    mkdirSync(binDir, { recursive: true });
    symlinkSync(shimIn(), path.join(binDir, 'vigil-absolute'));
    symlinkSync('vigil-absolute', path.join(binDir, 'vigil'));
    const run = spawnSync(path.join(binDir, 'vigil'), args, {
      encoding: 'utf8',
      cwd: os.tmpdir(),
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(run.stdout).toBe(expected);
    expect(run.status).toBe(3);
  });

  it('says the app binary is missing, with status 2, instead of running something else', () => {
    rmSync(app);
    const run = spawnSync(shimIn(), ['--help'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/app binary is missing .*reinstall Vigil/);
  });
});
