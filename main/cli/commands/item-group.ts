import type { Command } from 'commander';
import { ITEM_KINDS, type ItemKind } from '../../../shared/domain';
import { VigilError } from '../../../shared/errors';
import { addDerivative, updateItem } from '../../evidence/item-edits';
import type { ItemMetadata } from '../../evidence/item-metadata';
import { getItem, getItemText, listItems, type ItemSummary } from '../../evidence/items';
import type { AddedItem } from '../../evidence/item-ingest';
import { resolveCaseId, resolvePersonId } from '../../evidence/resolve';
import type { ReadDb } from '../../vault/database';
import { vaultOptions } from '../options';
import { formatBytes } from '../../../shared/format';
import { printable } from '../../../shared/printable';
import { out, outJson } from '../output';
import type { SecretOptions } from '../secrets';
import { withVault } from '../unlock';
import { addSources, gatherSources, rawNameNote, reportSkipped, reportSummary, type AddSource } from './add-sources';
import { registerItemRedact } from './item-redact';

type JsonOpts = SecretOptions & { json?: boolean };
interface MetaOpts {
  case?: string;
  kind?: string;
  title?: string;
  date?: string;
  approx?: boolean;
  source?: string;
  acquiredBy?: string;
  acquiredOn?: string;
  acquiredHow?: string;
  note?: string;
}

function itemKind(value: string): ItemKind {
  if (!(ITEM_KINDS as readonly string[]).includes(value))
    throw new VigilError('INVALID_INPUT', `Unknown kind "${value}". Use one of: ${ITEM_KINDS.join(', ')}.`);
  return value as ItemKind;
}

/** Turns command-line options into item metadata, resolving case references and person codes. */
function metadataFrom(db: ReadDb, o: MetaOpts): ItemMetadata {
  const acquisition = Object.fromEntries(
    Object.entries({ who: o.acquiredBy, when: o.acquiredOn, how: o.acquiredHow, note: o.note }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  return {
    ...(o.case ? { caseId: resolveCaseId(db, o.case) } : {}),
    ...(o.kind ? { kind: itemKind(o.kind) } : {}),
    ...(o.title ? { title: o.title } : {}),
    ...(o.date ? { date: o.date } : {}),
    ...(o.approx !== undefined ? { dateApprox: o.approx } : {}),
    ...(o.source ? { sourcePersonId: resolvePersonId(db, o.source) } : {}),
    ...(Object.keys(acquisition).length ? { acquisition } : {}),
  };
}

function metadataOptions(cmd: Command): Command {
  return cmd
    .option('--kind <kind>', ITEM_KINDS.join(', '))
    .option('--title <title>', 'a title (default: the file name)')
    .option('--date <date>', "the document's date: YYYY, YYYY-MM or YYYY-MM-DD")
    .option('--approx', 'the date is approximate')
    .option('--source <person>', 'the person it came from (id or code)')
    .option('--acquired-by <who>', 'who obtained it')
    .option('--acquired-on <date>', 'when it was obtained')
    .option('--acquired-how <how>', 'how it was obtained')
    .option('--note <text>', 'acquisition note');
}

function printItem(i: ItemSummary): void {
  out(
    `${i.id}  ${i.kind.padEnd(14)} ${(i.date ? `${i.date}${i.dateApprox ? '~' : ''}` : '').padEnd(11)} ` +
      `${formatBytes(i.size).padStart(9)}  ${i.title}`,
  );
}

/** `vigil item add|list|show|edit|derive|redact`. */
export function registerItemGroup(program: Command): void {
  const item = program.command('item').description('items: add with metadata, list, show, edit, derive, redact');

  metadataOptions(
    vaultOptions(
      item
        .command('add <dir> <file>')
        .description('store a file as an item of a case (a folder: every regular file under it)'),
    ),
  )
    .requiredOption('--case <case>', 'case id or reference')
    .option('--skip-hidden', 'inside a folder, leave out names starting with "." (each is reported)')
    .action(async (dir: string, file: string, opts: JsonOpts & MetaOpts & { skipHidden?: boolean }) => {
      const gathered = await gatherSources([file], opts);
      const json = opts.json === true;
      const acknowledge = (added: AddedItem, source: AddSource): void => {
        if (json) return outJson(gathered.folders ? { ...added, path: source.shown } : added);
        out(
          `${added.id}  ${added.sha256}  ` +
            `${printable(source.shown)}${added.fileNameRaw ? `  (${rawNameNote(added.fileNameRaw)})` : ''}`,
        );
        if (added.extractionStatus === 'failed')
          out(
            `  note: no text could be extracted (${added.extractionError ?? 'unknown reason'}); the file ` +
              `itself is stored intact.`,
          );
      };
      const count = await withVault(dir, opts, (vault) =>
        addSources(vault, gathered.files, metadataFrom(vault.db, opts), acknowledge),
      );
      if (!gathered.folders) return;
      reportSkipped(gathered.skipped, json);
      reportSummary(count, gathered.skipped.length, json);
    });

  vaultOptions(item.command('list <dir>').description('items, oldest first'))
    .option('--case <case>', 'only items of this case')
    .action(async (dir: string, opts: JsonOpts & { case?: string }) => {
      const rows = await withVault(dir, opts, (vault) =>
        listItems(vault.db, opts.case ? { caseId: resolveCaseId(vault.db, opts.case) } : {}),
      );
      if (opts.json) return outJson(rows);
      rows.forEach(printItem);
    });

  vaultOptions(item.command('show <dir> <item>').description("an item's metadata, hashes and extracted text"))
    .option('--text', 'print the whole extracted text')
    .action(async (dir: string, id: string, opts: JsonOpts & { text?: boolean }) => {
      const shown = await withVault(dir, opts, (vault) => {
        const i = getItem(vault.db, id);
        return { ...i, text: getItemText(vault.db, i.id) };
      });
      if (opts.json) return outJson(shown);
      printItem(shown);
      out(
        `File ` +
          `${shown.fileName}${shown.fileNameRaw ? ` (${rawNameNote(shown.fileNameRaw)}; its ` + `bytes, base64: ${shown.fileNameRaw})` : ''}`,
      );
      out(`SHA-256 ${shown.sha256}\nSHA-512 ${shown.sha512}`);
      out(
        `Type ${shown.mediaType ?? 'unknown'}; text extraction: ` +
          `${shown.extractionStatus}${shown.extractionError ? ` (${shown.extractionError})` : ''}`,
      );
      if (shown.derivativeOf) out(`Derivative (${shown.derivativeKind ?? '?'}) of ${shown.derivativeOf}`);
      if (shown.text)
        out(
          opts.text ? shown.text : `${shown.text.slice(0, 400)}${shown.text.length > 400 ? '…  (--text for all)' : ''}`,
        );
    });

  metadataOptions(
    vaultOptions(
      item.command('edit <dir> <item>').description("change an item's metadata (the original bytes never change)"),
    ),
  )
    .option('--case <case>', 'move to this case')
    .action(async (dir: string, id: string, opts: JsonOpts & MetaOpts) => {
      const updated = await withVault(dir, opts, (vault) =>
        updateItem(vault, getItem(vault.db, id).id, metadataFrom(vault.db, opts)),
      );
      if (opts.json) return outJson(updated);
      printItem(updated);
    });

  vaultOptions(
    item
      .command('derive <dir> <item> <file>')
      .description('store a derivative (e.g. a redacted copy) linked to its original'),
  )
    .requiredOption('--as <kind>', 'what the derivative is, e.g. redacted or exif_stripped')
    .option('--title <title>', 'a title')
    .action(async (dir: string, id: string, file: string, opts: JsonOpts & { as: string; title?: string }) => {
      const added = await withVault(dir, opts, (vault) =>
        addDerivative(vault, getItem(vault.db, id).id, file, {
          derivativeKind: opts.as,
          ...(opts.title ? { title: opts.title } : {}),
        }),
      );
      if (opts.json) return outJson(added);
      printItem(added);
    });

  registerItemRedact(item);
}
