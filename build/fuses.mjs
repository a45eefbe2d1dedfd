/**
 * The Electron fuses of the packaged app: switches compiled into the binary
 * that no command-line flag or environment variable can turn back on.
 * Flipped by build/after-pack.mjs; the list is unit-tested.
 */

/** Each fuse by @electron/fuses' FuseV1Options name, and the state the packaged app must have. */
export const FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node that runs any script.
  RunAsNode: false,
  // Chromium's cookie store encrypted at rest with the OS keychain (the app sets no cookies; belt and braces).
  EnableCookieEncryption: true,
  // NODE_OPTIONS could preload code into the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect would open a debugger port into the process holding the vault keys.
  EnableNodeCliInspectArguments: false,
  // app.asar is checked against the hash embedded at package time: a patched archive does not start.
  EnableEmbeddedAsarIntegrityValidation: true,
  // Code is loaded from app.asar only, never from a loose app/ folder put beside it.
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  // file:// gets no extra rights: the app loads its page from its own scheme.
  GrantFileProtocolExtraPrivileges: false,
});

/**
 * The @electron/fuses config for FUSES. `lib` is the @electron/fuses module
 * (its enums); a fuse name it does not know fails, so a rename is noticed.
 */
export function fuseConfig(lib, platform) {
  const config = { version: lib.FuseVersion.V1, resetAdHocDarwinSignature: platform === 'darwin' };
  for (const [name, value] of Object.entries(FUSES)) {
    const index = lib.FuseV1Options[name];
    if (typeof index !== 'number')
      throw new Error(`@electron/fuses has no fuse named ${name}; update build/fuses.mjs.`);
    config[index] = value;
  }
  return config;
}
