/**
 * electron-builder's afterPack hook (electron-builder.yml): flips the Electron
 * fuses of build/fuses.mjs in the packed binary. It runs after packing and
 * before signing, so the signature covers the flipped binary.
 */
import { FUSES, fuseConfig } from './fuses.mjs';
import { signingPlan } from './signing.mjs';

/** Flips the fuses of the app just packed in `context.appOutDir`. */
export async function afterPack(context) {
  const lib = await import('@electron/fuses');
  const config = fuseConfig(lib, context.electronPlatformName);
  // electron-builder knows where each platform's executable is (and resets macOS ad-hoc signatures).
  await context.packager.addElectronFuses(context, config);
  const off = Object.entries(FUSES)
    .filter(([, on]) => !on)
    .map(([name]) => name);
  console.log(`after-pack: Electron fuses set for ${context.electronPlatformName} (off: ${off.join(', ')}).`);
  // Said here because electron-builder skips the afterSign hook when it signed nothing.
  console.log(`after-pack: ${signingPlan(context.electronPlatformName, process.env).reason}`);
}
