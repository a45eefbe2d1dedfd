import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { openItem } from '../../evidence/items';
import type { AddedItem } from '../../evidence/item-ingest';
import { printable } from '../../../shared/printable';
import { out, outJson } from '../output';
import type { SecretOptions } from '../secrets';
import { withVault } from '../unlock';
import { addSources, gatherSources, rawNameNote, reportSkipped, reportSummary, type AddSource } from './add-sources';

/** `vigil add` and `vigil cat`. */
export function registerItemCommands(program: Command): void {
  program
    .command('add <dir> <files...>')
    .description(
      'store files as items (a folder: every regular file under it); prints each id and SHA-256 once it is ' +
        'safely stored',
    )
    .option('--title <title>', 'title for the item (default: the file name)')
    .option('--skip-hidden', 'inside folders, leave out names starting with "." (each is reported)')
    .option('--json', 'print one JSON object per file (and per entry skipped, and the count, for folders)')
    .option('--passphrase-file <file>', 'read the passphrase from a file')
    .option('--recovery-code', 'unlock with the recovery code')
    .action(
      async (
        dir: string,
        files: string[],
        opts: SecretOptions & { title?: string; json?: boolean; skipHidden?: boolean },
      ) => {
        const gathered = await gatherSources(files, opts);
        const json = opts.json === true;
        // This line is the acknowledgement: it is printed only after the item is committed and durable.
        const acknowledge = (item: AddedItem, source: AddSource): void => {
          if (json) outJson({ ...item, path: source.shown });
          else
            out(
              `${item.id}  ${item.sha256}  ` +
                `${printable(source.shown)}${item.deduplicated ? '  (same content already stored)' : ''}${item.fileNameRaw ? `  (${rawNameNote(item.fileNameRaw)})` : ''}`,
            );
        };
        const base = opts.title ? { title: opts.title } : {};
        const added = await withVault(dir, opts, (vault) => addSources(vault, gathered.files, base, acknowledge));
        if (!gathered.folders) return;
        reportSkipped(gathered.skipped, json);
        reportSummary(added, gathered.skipped.length, json);
      },
    );

  program
    .command('cat <dir> <id>')
    .description("write an item's original bytes to stdout or a file")
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--passphrase-file <file>', 'read the passphrase from a file')
    .option('--recovery-code', 'unlock with the recovery code')
    .action(async (dir: string, id: string, opts: SecretOptions & { output?: string }) => {
      await withVault(dir, opts, async (vault) => {
        const { reader } = await openItem(vault, id, opts.output ? 'export-to-file' : 'cat');
        try {
          const sink = opts.output ? createWriteStream(opts.output, { flags: 'wx', mode: 0o600 }) : process.stdout;
          await pipeline(reader.createReadStream(), sink, { end: Boolean(opts.output) });
        } finally {
          await reader.close();
        }
      });
    });
}
