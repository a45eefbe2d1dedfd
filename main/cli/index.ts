import { Command, CommanderError } from 'commander';
import { isVigilError } from '../../shared/errors';
import { misencodedArgNote } from './misencoded-args';
import { registerCaseCommands } from './commands/cases';
import { registerCustodyCommands } from './commands/custody';
import { registerDemoCommand } from './commands/demo';
import { registerExportCommand } from './commands/export';
import { registerImportCommand } from './commands/import';
import { registerIdentityCommand, registerRecipientCommands } from './commands/recipients';
import { registerReportCommand } from './commands/report';
import { registerSearchCommands } from './commands/search';
import { registerTimelineCommands } from './commands/timeline';
import { registerInterviewCommands } from './commands/interviews';
import { registerItemGroup } from './commands/item-group';
import { registerItemCommands } from './commands/items';
import { registerPeopleCommands } from './commands/people';
import { registerVaultCommands } from './commands/vault';

/** Exit statuses: 0 success, 1 a verification found a problem, 2 any other error. */
export const EXIT_ERROR = 2;

/** Builds the `vigil` command with every subcommand. */
export function buildProgram(version: string): Command {
  const program = new Command('vigil')
    .description('Vigil: an offline evidence vault with a signed chain of custody')
    .version(version)
    .showHelpAfterError('(run "vigil --help" for usage)')
    .exitOverride();
  registerVaultCommands(program);
  registerItemCommands(program);
  registerCustodyCommands(program);
  registerCaseCommands(program);
  registerPeopleCommands(program);
  registerItemGroup(program);
  registerInterviewCommands(program);
  registerTimelineCommands(program);
  registerSearchCommands(program);
  registerDemoCommand(program);
  registerIdentityCommand(program);
  registerRecipientCommands(program);
  registerExportCommand(program);
  registerImportCommand(program);
  registerReportCommand(program);
  exitOverrideEverywhere(program);
  return program;
}

/** Subcommands (and their own subcommands) report usage errors by throwing, so the exit status is ours to set. */
function exitOverrideEverywhere(cmd: Command): void {
  for (const sub of cmd.commands) {
    sub.exitOverride();
    exitOverrideEverywhere(sub);
  }
}

/** Runs the command line and resolves to the exit status. */
/**
 * A reader that stops early (`vigil search … | head`) closes the pipe. The command still
 * finishes what it was asked to do (an add or an import half done would help nobody); only
 * its remaining output goes nowhere, instead of ending it with an unhandled EPIPE.
 */
function dropOutputOnClosedPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    process.stderr.write(`vigil: the output could not be written (${err.code ?? err.message}).\n`);
    process.exitCode = EXIT_ERROR;
  });
}

export async function runCli(argv: string[], version: string): Promise<number> {
  dropOutputOnClosedPipe();
  const program = buildProgram(version);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_ERROR;
    if (isVigilError(err)) {
      process.stderr.write(`vigil: ${err.message}\n`);
      const note = await misencodedArgNote(argv.slice(2), err.message);
      if (note !== null) process.stderr.write(`vigil: ${note}\n`);
      return EXIT_ERROR;
    }
    process.stderr.write(`vigil: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT_ERROR;
  }
}
