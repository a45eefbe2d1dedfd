import { describe, expect, it } from 'vitest';
import {
  childEnvironment,
  forkLauncher,
  selectParserLauncher,
  type ParserLauncher,
} from '../../../main/ingest/parser-process';

const electronLauncher: ParserLauncher = {
  kind: 'utility-process',
  launch: () => {
    throw new Error('not in this test');
  },
};

describe('ingest/parser-process/selectParserLauncher', () => {
  it('forks under Node unless a launcher was registered, which is then used', () => {
    expect(selectParserLauncher({ electron: false, registered: null })).toBe(forkLauncher);
    // A core host under Node that relays its parsers through main registers its relay, which is then used.
    expect(selectParserLauncher({ electron: false, registered: electronLauncher })).toBe(electronLauncher);
  });

  it('uses the registered utilityProcess launcher inside Electron', () => {
    expect(selectParserLauncher({ electron: true, registered: electronLauncher })).toBe(electronLauncher);
  });

  it('refuses to fork inside Electron when none was registered (fork would need ELECTRON_RUN_AS_NODE)', () => {
    expect(() => selectParserLauncher({ electron: true, registered: null })).toThrow(
      expect.objectContaining({ code: 'INTERNAL' }),
    );
  });

  it('is the fork launcher in this test process (plain Node)', () => {
    expect(selectParserLauncher().kind).toBe('fork');
  });
});

describe('ingest/parser-process/childEnvironment', () => {
  it('passes only a few harmless variables, never a passphrase or anything else of ours', () => {
    const env = childEnvironment({
      PATH: '/usr/bin',
      LANG: 'uk_UA.UTF-8',
      VIGIL_PASSPHRASE: 'five quiet words',
      VIGIL_INSECURE_TEST_KDF: '1',
      HOME: '/home/x',
      NODE_OPTIONS: '--inspect',
    });
    expect(env).toEqual({ PATH: '/usr/bin', LANG: 'uk_UA.UTF-8' });
  });
});
