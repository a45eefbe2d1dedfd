/**
 * How the app binary was asked to run. Installed, the `vigil` command is the app
 * binary itself (its fuses forbid running as plain Node), so, as VS Code's `code`
 * does, the binary decides before any window opens: a CLI subcommand or flag runs
 * the command line; anything else opens the window, with any `.tar.age` files
 * named (a double-click on a received package) handed to the receive screen.
 * Plain functions of the arguments, so they are tested without Electron.
 */
import path from 'node:path';

/** The command line with these arguments, or the window with these packages to open. */
export type LaunchMode = { kind: 'cli'; args: string[] } | { kind: 'gui'; openPackages: string[] };

/** The flags that run the command line on their own. */
const CLI_FLAGS = new Set(['-h', '--help', '-V', '--version']);

/** The file name suffix of a sealed package. */
const PACKAGE_SUFFIX = '.tar.age';

/** What the operating system and Chromium add to the arguments, which say nothing about the mode. */
function isRuntimeSwitch(arg: string): boolean {
  // macOS adds -psn_0_12345 when Finder starts an app; Chromium switches are --name or --name=value.
  return arg.startsWith('-psn_') || (arg.startsWith('--') && !CLI_FLAGS.has(arg));
}

/**
 * The arguments the person gave: after the executable, and after the app's folder
 * when it runs unpackaged (`electron .`, where Electron sets process.defaultApp).
 */
export function userArguments(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1);
}

/** Options of launchMode. */
interface LaunchContext {
  /** Electron's process.defaultApp: running as `electron <folder>`. */
  defaultApp: boolean;
  /** The names of the CLI's subcommands (init, add, verify, …). */
  cliCommands: readonly string[];
  /** The folder relative package paths are read from (the caller's, for a second instance). */
  cwd: string;
}

/** Decides the mode from process.argv (or a second instance's argv). */
export function launchMode(argv: readonly string[], ctx: LaunchContext): LaunchMode {
  const args = userArguments(argv, ctx.defaultApp);
  const first = args.findIndex((arg) => !isRuntimeSwitch(arg));
  const head = first === -1 ? undefined : args[first];
  if (head !== undefined && (CLI_FLAGS.has(head) || ctx.cliCommands.includes(head)))
    return { kind: 'cli', args: args.slice(first) };
  const openPackages = args
    .filter((arg) => !isRuntimeSwitch(arg) && arg.toLowerCase().endsWith(PACKAGE_SUFFIX))
    .map((arg) => path.resolve(ctx.cwd, arg));
  return { kind: 'gui', openPackages: [...new Set(openPackages)] };
}
