/**
 * Which code signing a packaging run can do, from the secrets in its environment
 * (never from files in the project). electron-builder itself signs when they are
 * there: Authenticode on Windows with WIN_CSC_LINK/WIN_CSC_KEY_PASSWORD (or
 * CSC_LINK/CSC_KEY_PASSWORD), a Developer ID on macOS with CSC_LINK/CSC_KEY_PASSWORD
 * (or a keychain identity, CSC_NAME); build/after-sign.mjs notarizes on macOS with
 * an Apple ID (APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID) or an App Store
 * Connect API key (APPLE_API_KEY, APPLE_API_KEY_ID, APPLE_API_ISSUER).
 * Without them the build goes on unsigned, and says so and why.
 */

const set = (env, name) => typeof env[name] === 'string' && env[name] !== '';
const missing = (env, names) => names.filter((name) => !set(env, name));

/** Whether the code can be signed for `platform` ('win32', 'darwin', 'linux'), and why not. */
export function signingPlan(platform, env) {
  if (platform === 'win32') {
    const link = set(env, 'WIN_CSC_LINK') ? 'WIN_CSC_LINK' : set(env, 'CSC_LINK') ? 'CSC_LINK' : null;
    if (link === null)
      return {
        sign: false,
        reason:
          'Windows Authenticode signing skipped: neither WIN_CSC_LINK nor CSC_LINK (the .pfx certificate) is set.',
      };
    return { sign: true, reason: `Windows Authenticode signing with the certificate in ${link}.` };
  }
  if (platform === 'darwin') {
    if (set(env, 'CSC_LINK') || set(env, 'CSC_NAME'))
      return {
        sign: true,
        reason:
          `macOS signing with the Developer ID ` +
          `${set(env, 'CSC_LINK') ? 'certificate in CSC_LINK' : 'identity named in CSC_NAME'}.`,
      };
    // electron-builder still looks in the keychain (unless CSC_IDENTITY_AUTO_DISCOVERY=false), so say that too.
    return {
      sign: false,
      reason:
        'macOS signing skipped: neither CSC_LINK (the Developer ID certificate) nor CSC_NAME (a keychain ' +
        'identity) is set; electron-builder signs only if it finds a Developer ID in the keychain.',
    };
  }
  // The deb and the AppImage are not code-signed: their SHA256SUMS entry and its minisign signature stand for them.
  return {
    sign: false,
    reason:
      'Linux packages are not code-signed: SHA256SUMS and its minisign signature (build/release-sums.mjs) cover them.',
  };
}

const APPLE_ID = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'];
const API_KEY = ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'];

/** The @electron/notarize credentials in `env`, or why there are none. */
export function notarizeCredentials(env) {
  if (missing(env, APPLE_ID).length === 0) {
    return {
      credentials: {
        appleId: env.APPLE_ID,
        appleIdPassword: env.APPLE_APP_SPECIFIC_PASSWORD,
        teamId: env.APPLE_TEAM_ID,
      },
      reason: 'macOS notarization with the Apple ID in APPLE_ID.',
    };
  }
  if (missing(env, API_KEY).length === 0) {
    return {
      credentials: {
        appleApiKey: env.APPLE_API_KEY,
        appleApiKeyId: env.APPLE_API_KEY_ID,
        appleApiIssuer: env.APPLE_API_ISSUER,
      },
      reason: 'macOS notarization with the App Store Connect API key in APPLE_API_KEY.',
    };
  }
  return {
    credentials: null,
    reason:
      `macOS notarization skipped: ${missing(env, APPLE_ID).join(', ')} not set (or, for an API key, ` +
      `${missing(env, API_KEY).join(', ')}).`,
  };
}
