/**
 * electron-builder's afterSign hook (electron-builder.yml): notarizes the signed macOS
 * app with Apple when the credentials are in the environment (build/signing.mjs), and
 * otherwise says why it did not; a build without them is a valid unsigned build.
 * electron-builder's own notarization is off (mac.notarize: false) so that this is the
 * one place it happens. Run as `node build/after-sign.mjs` it prints what a packaging
 * run on this machine would do and exits 0.
 */
import path from 'node:path';
import { notarizeCredentials, signingPlan } from './signing.mjs';

/** Notarizes the app of `context` (macOS only), or prints why not. */
export async function afterSign(context, env = process.env, log = console.log) {
  if (context.electronPlatformName !== 'darwin') return;
  const { credentials, reason } = notarizeCredentials(env);
  log(`after-sign: ${reason}`);
  if (credentials === null) return;
  const appPath = path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
  // A dev dependency (the packaging machine has them all), loaded only when there is something to notarize.
  const { notarize } = await import('@electron/notarize');
  await notarize({ appPath, ...credentials });
  log(`after-sign: ${appPath} notarized.`);
}

if (process.argv[1] === import.meta.filename) {
  for (const platform of ['linux', 'win32', 'darwin'])
    console.log(`${platform}: ${signingPlan(platform, process.env).reason}`);
  console.log(`darwin: ${notarizeCredentials(process.env).reason}`);
}
