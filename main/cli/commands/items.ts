import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { openItem } from '../../evidence/items';
import { addFileItem, addFileItems, type AddedItem } from '../../evidence/item-ingest';
import { out, outJson, progressBar } from '../output';
import type { SecretOptions } from '../secrets';
import { withVault } from '../unlock';

const PROGRESS_THRESHOLD = 32 * 1024 * 1024;

/** `vigil add` and `vigil cat`. */
export function registerItemCommands(program: Command): void {
  program
    .command('add <dir> <files...>')
    .description('store files as items; prints each id and SHA-256 once it is safely stored')
    .option('--title <title>', 'title for the item (default: the file name)')
    .option('--json', 'print one JSON object per file')
    .option('--passphrase-file <file>', 'read the passphrase from a file')
    .option('--recovery-code', 'unlock with the recovery code')
    .action(async (dir: string, files: string[], opts: SecretOptions & { title?: string; json?: boolean }) => {
      // This line is the acknowledgement: it is printed only after the item is committed and durable.
      const acknowledge = (item: AddedItem, file: string): void => {
        if (opts.json) outJson(item);
        else out(`${item.id}  ${item.sha256}  ${file}${item.deduplicated ? '  (same content already stored)' : ''}`);
      };
      const base = opts.title ? { title: opts.title } : {};
      await withVault(dir, opts, async (vault) => {
        let small: string[] = [];
        for (const file of files) {
          const size = (await stat(file).catch(() => null))?.size ?? 0;
          if (size < PROGRESS_THRESHOLD) {
            small.push(file);
            continue;
          }
          // Small files go in batches (one flush and one transaction per batch); a large one alone, with a progress bar.
          await addFileItems(vault, small, base, acknowledge);
          small = [];
          const bar = progressBar(file, size);
          const item = await addFileItem(vault, file, { ...base, onProgress: bar.update });
          bar.finish();
          acknowledge(item, file);
        }
        await addFileItems(vault, small, base, acknowledge);
      });
    });

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
