import type { Command } from 'commander';

/** Collects a repeatable option into an array (`--alias A --alias B`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Adds the options every vault command accepts: --json, --passphrase-file and --recovery-code. */
export function vaultOptions(cmd: Command): Command {
  return cmd
    .option('--json', 'print JSON')
    .option('--passphrase-file <file>', 'read the passphrase from the first line of a file')
    .option('--recovery-code', 'unlock with the recovery code (reading only, until a new passphrase is set)');
}
