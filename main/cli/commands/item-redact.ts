import type { Command } from 'commander';
import { VigilError } from '../../../shared/errors';
import type { RedactionBox } from '../../../shared/redaction';
import { getItem } from '../../evidence/items';
import { readBoxesFile } from '../../evidence/redact/boxes-file';
import { redactItem } from '../../evidence/redact/redact-item';
import { resolvePersonId } from '../../evidence/resolve';
import { vaultOptions } from '../options';
import { out, outJson } from '../output';
import type { SecretOptions } from '../secrets';
import { withVault } from '../unlock';

type RedactOpts = SecretOptions & { json?: boolean; boxes?: string; person?: string };

/** `vigil item redact DIR ITEM --boxes FILE.json | --person CODE`: a redacted copy stored as a derivative. */
export function registerItemRedact(item: Command): void {
  vaultOptions(
    item
      .command('redact <dir> <item>')
      .description('store a redacted copy of a PDF, image or text as a derivative (the original never changes)'),
  )
    .option(
      '--boxes <file>',
      'JSON file of areas to remove: { "boxes": [ { "page": 0, "x": 72, "y": 100, "width": 300, "height": 20 } ' +
        '] } (PDF points or image pixels, page from 0)',
    )
    .option(
      '--person <person>',
      "remove every occurrence of this person's names and aliases (id or code); in a text they become the code",
    )
    .action(async (dir: string, id: string, opts: RedactOpts) => {
      if (!opts.boxes && !opts.person)
        throw new VigilError('INVALID_INPUT', 'Say what to remove: --boxes FILE.json, --person CODE, or both.');
      // The file is read before the vault is unlocked: a bad file costs no passphrase.
      const boxes: RedactionBox[] = opts.boxes ? await readBoxesFile(opts.boxes) : [];
      const done = await withVault(dir, opts, (vault) =>
        redactItem(vault, getItem(vault.db, id).id, {
          ...(boxes.length ? { boxes } : {}),
          ...(opts.person ? { personId: resolvePersonId(vault.db, opts.person) } : {}),
        }),
      );
      if (opts.json) return outJson(done);
      const { item, redaction } = done;
      out(`${item.id}  ${item.sha256}  ${item.title}`);
      out(
        `Redacted copy of ${item.derivativeOf ?? '?'} (original SHA-256 ${redaction.originalSha256}), by ` +
          `${redaction.method}.`,
      );
      if (redaction.boxes.length) out(`${redaction.boxes.length} area(s) removed.`);
      for (const p of redaction.people)
        out(`${p.occurrences} occurrence(s) of ${p.code}'s ${p.names} name(s) removed.`);
    });
}
