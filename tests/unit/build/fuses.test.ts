import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as fuses from '@electron/fuses';
import { describe, expect, it, vi } from 'vitest';

/** build/fuses.mjs and build/after-pack.mjs are plain JavaScript (run by electron-builder); their shapes: */
interface FusesModule {
  FUSES: Readonly<Record<string, boolean>>;
  fuseConfig(lib: unknown, platform: string): Record<string | number, unknown>;
}
interface AfterPackModule {
  afterPack(context: {
    electronPlatformName: string;
    appOutDir: string;
    packager: { addElectronFuses(context: unknown, config: unknown): Promise<unknown> };
  }): Promise<void>;
}
// A computed specifier: the modules have no type declarations, so they are typed by the interfaces above.
const buildDir = path.resolve(import.meta.dirname, '../../../build');
const { FUSES, fuseConfig } = (await import(path.join(buildDir, 'fuses.mjs'))) as FusesModule;
const { afterPack } = (await import(path.join(buildDir, 'after-pack.mjs'))) as AfterPackModule;

const { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } = fuses;
// The wire format of @electron/fuses (its constants module): a sentinel, the version, the length, one byte per fuse.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FuseState = { DISABLE: 0x30, ENABLE: 0x31 } as const;

/** A stand-in "binary": some bytes, the fuse sentinel, version 1, a wire of `length` fuses all enabled. */
function fakeBinary(dir: string, length: number): string {
  const file = path.join(dir, 'vigil');
  const wire = Buffer.concat([
    Buffer.from(SENTINEL),
    Buffer.from([Number.parseInt(FuseVersion.V1, 10), length]),
    Buffer.alloc(length, FuseState.ENABLE),
  ]);
  writeFileSync(file, Buffer.concat([Buffer.from('ELF-ish prefix'), wire, Buffer.from('suffix')]));
  return file;
}

describe('build/fuses/FUSES', () => {
  it('turns off run-as-node, NODE_OPTIONS and inspect, and turns on asar integrity and asar-only loading', () => {
    expect(FUSES).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('names every fuse @electron/fuses knows, and only those', () => {
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    expect(Object.keys(FUSES).sort()).toEqual(known.sort());
  });
});

describe('build/fuses/fuseConfig', () => {
  it('maps the names to the wire positions of fuse version 1', () => {
    const config = fuseConfig(fuses as never, 'linux');
    expect(config['version']).toBe(FuseVersion.V1);
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(config['resetAdHocDarwinSignature']).toBe(false);
    expect(fuseConfig(fuses as never, 'darwin')['resetAdHocDarwinSignature']).toBe(true);
  });

  it('fails on a fuse name the library does not know', () => {
    expect(() => fuseConfig({ FuseVersion, FuseV1Options: {} } as never, 'linux')).toThrow(/no fuse named RunAsNode/);
  });

  it('flips a real fuse wire as intended (@electron/fuses over a stand-in binary)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-fuses-'));
    try {
      const file = fakeBinary(dir, 8);
      await flipFuses(file, fuseConfig(fuses as never, 'linux') as never);
      const wire = await getCurrentFuseWire(file);
      for (const [name, on] of Object.entries(FUSES)) {
        expect(wire[FuseV1Options[name as keyof typeof FuseV1Options]], name).toBe(
          on ? FuseState.ENABLE : FuseState.DISABLE,
        );
      }
      expect(readFileSync(file).subarray(0, 14).toString()).toBe('ELF-ish prefix');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('build/after-pack/afterPack', () => {
  it("hands the fuse config to electron-builder's addElectronFuses for the packed app", async () => {
    const addElectronFuses = vi.fn(async () => 1);
    const context = {
      electronPlatformName: 'linux',
      appOutDir: '/dist/linux-unpacked',
      packager: { addElectronFuses },
    };
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await afterPack(context);
    expect(addElectronFuses).toHaveBeenCalledWith(context, fuseConfig(fuses as never, 'linux'));
  });
});
