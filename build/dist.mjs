/**
 * `npm run dist`: builds the app and packs it with electron-builder, adding the publisher's
 * details from the environment, as the signing secrets are (build/signing.mjs):
 *  - VIGIL_HOMEPAGE: the project's page (https), which electron-builder requires for a deb
 *    and writes into the packed package.json;
 *  - VIGIL_MAINTAINER: "Name <address>", the deb's Maintainer field (Debian policy 5.6.2).
 * They are not in the project's files because they belong to whoever publishes the release.
 * Without both, the Linux build makes the AppImage only and says why, rather than failing or
 * shipping a deb with a made-up contact. Arguments after `--` go to electron-builder.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const HOMEPAGE = /^https:\/\/[^\s/?#]+\.[^\s/?#]+(\/\S*)?$/;
// A name, a space, and one mail address in angle brackets: what dpkg and lintian accept.
const MAINTAINER = /^[^<>@\r\n]*[^<>@\s][^<>@\r\n]* <[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>$/;

const given = (env, name) => (typeof env[name] === 'string' ? env[name].trim() : '');

/**
 * The electron-builder arguments for the publisher's details in `env`, whether a deb can be
 * made, and why not. A value that is there but malformed is an error: a release must not go
 * out with half its metadata.
 */
export function publisherPlan(env) {
  const homepage = given(env, 'VIGIL_HOMEPAGE');
  const maintainer = given(env, 'VIGIL_MAINTAINER');
  if (homepage !== '' && !HOMEPAGE.test(homepage))
    throw new Error(`VIGIL_HOMEPAGE must be an https:// address, not "${homepage}".`);
  if (maintainer !== '' && !MAINTAINER.test(maintainer))
    throw new Error(`VIGIL_MAINTAINER must read "Name <address@domain>", not "${maintainer}".`);
  const missing = [
    ...(homepage === '' ? ['VIGIL_HOMEPAGE (the project page)'] : []),
    ...(maintainer === '' ? ['VIGIL_MAINTAINER ("Name <address>")'] : []),
  ];
  if (missing.length > 0)
    return {
      deb: false,
      args: ['-c.linux.target=AppImage'],
      reason: `deb skipped, AppImage only: ${missing.join(' and ')} not set; a deb needs both.`,
    };
  return {
    deb: true,
    args: [`-c.extraMetadata.homepage=${homepage}`, `-c.linux.maintainer=${maintainer}`],
    reason: `deb and AppImage for ${homepage}, maintained by ${maintainer}.`,
  };
}

/** Runs one build step, stopping the whole build if it fails. */
function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) throw new Error(`${command} could not be run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit status ${result.status}).`);
}

function main(argv) {
  const plan = publisherPlan(process.env);
  console.log(`dist: ${plan.reason}`);
  const bin = (name) => path.join(root, 'node_modules', '.bin', name);
  run(bin('electron-vite'), ['build']);
  run(process.execPath, [path.join(root, 'build', 'build-verifier-page.mjs')]);
  run(bin('electron-builder'), [...plan.args, ...argv]);
}

if (process.argv[1] === import.meta.filename) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`dist: ${error.message}`);
    process.exit(1);
  }
}
