import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BagFiles } from '../bagit/bag-files';
import type { ListedKey } from './keys-file';
import { reason, type CheckList } from './report';
import { verifyBySigner } from './signature-check';

/** A receipt taken apart. */
interface ParsedReceipt {
  fields: Map<string, string>;
  /** Each item line: its SHA-256, and "item-NNN" (or, in receipts of earlier versions, the bag path). */
  items: { sha256: string; path: string }[];
  checkpoint: string;
}

/** Parses the receipt text (see DESIGN §6); throws an Error saying what is wrong. */
export function parseReceipt(text: string): ParsedReceipt {
  const lines = text.split('\n');
  if (lines[0] !== 'Vigil package receipt') throw new Error('it does not start with "Vigil package receipt"');
  const fields = new Map<string, string>();
  const items: ParsedReceipt['items'] = [];
  let i = 1;
  for (; i < lines.length && lines[i] !== 'items:'; i++) {
    const m = /^([a-z0-9-]+): (.*)$/.exec(lines[i] ?? '');
    if (m === null) throw new Error(`line ${i + 1} is not "<field>: <value>"`);
    fields.set(m[1] ?? '', m[2] ?? '');
  }
  for (i++; i < lines.length && lines[i] !== 'checkpoint:'; i++) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(lines[i] ?? '');
    if (m === null) throw new Error(`line ${i + 1} is not "<sha256>  <path>"`);
    items.push({ sha256: m[1] ?? '', path: m[2] ?? '' });
  }
  if (i >= lines.length) throw new Error('it has no "items:" and "checkpoint:" sections');
  return { fields, items, checkpoint: lines.slice(i + 1).join('\n') };
}

/** The "<hex>  <path>" lines of manifest-sha256.txt as a map (empty when unreadable). */
export async function manifest256(bag: BagFiles): Promise<Map<string, string>> {
  const text = (await bag.read('manifest-sha256.txt'))?.toString('utf8') ?? '';
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64}) +(.+)$/.exec(line);
    if (m !== null) map.set(m[2] ?? '', m[1] ?? '');
  }
  return map;
}

/** What the receipt must agree with. */
interface ReceiptContext {
  files: BagFiles;
  bag: string;
  packageId: string | undefined;
  vault: string | undefined;
  checkpointNote: string | null;
  /** The SHA-256 of the .tar.age, only when a package file (not a bag folder) is verified. */
  packageSha256?: string;
}

/** The items of the manifest by their number in the bag (data/items/NNN-…, NNN.<ext> or NNN → "NNN"). */
function itemsByNumber(manifest: Map<string, string>): Map<string, string[]> {
  const byNumber = new Map<string, string[]>();
  for (const p of manifest.keys()) {
    const n = /^data\/items\/(\d+)(?:[-.]|$)/.exec(p)?.[1];
    if (n !== undefined) byNumber.set(n, [...(byNumber.get(n) ?? []), p]);
  }
  return byNumber;
}

/**
 * The manifest's SHA-256 for a receipt's item line: "item-NNN" names the bag's
 * data/items/NNN-… or NNN.<ext> (receipts carry no file names); receipts of earlier versions
 * named the bag path itself.
 */
function receiptItemHash(
  label: string,
  manifest: Map<string, string>,
  byNumber: Map<string, string[]>,
): string | undefined {
  const n = /^item-(\d+)$/.exec(label)?.[1];
  if (n === undefined) return manifest.get(label);
  const paths = byNumber.get(n) ?? [];
  return paths.length === 1 && paths[0] !== undefined ? manifest.get(paths[0]) : undefined;
}

function mismatches(r: ParsedReceipt, ctx: ReceiptContext, manifest: Map<string, string>): string[] {
  const bad: string[] = [];
  const want: [string, string | undefined][] = [
    ['bag', ctx.bag],
    ['package-id', ctx.packageId],
    ['vault', ctx.vault],
  ];
  if (ctx.packageSha256 !== undefined) want.push(['package-sha256', ctx.packageSha256]);
  for (const [field, value] of want) {
    if (r.fields.get(field) !== value)
      bad.push(`its ${field} is ${r.fields.get(field) ?? 'missing'}, but the package says ${value ?? 'nothing'}`);
  }
  if (ctx.checkpointNote !== null && r.checkpoint !== ctx.checkpointNote)
    bad.push('its checkpoint is not the one in the package');
  const byNumber = itemsByNumber(manifest);
  for (const item of r.items) {
    const got = receiptItemHash(item.path, manifest, byNumber);
    if (got !== item.sha256)
      bad.push(
        `item ${item.path} ${got === undefined ? 'is not in the package' : 'has a different SHA-256 in the package'}`,
      );
  }
  return bad;
}

/** Checks a receipt: its minisign signature (key in keys.txt) and that it describes this very package. */
export async function checkReceipt(
  receiptPath: string,
  ctx: ReceiptContext,
  keys: ListedKey[],
  list: CheckList,
): Promise<void> {
  const where = path.basename(receiptPath);
  const sig = await readFile(`${receiptPath}.minisig`, 'utf8').catch(() => null);
  if (sig === null) {
    list.fail('receipt', `The receipt's signature file (${where}.minisig) is missing.`, where);
    return;
  }
  const bytes = await readFile(receiptPath).catch(() => null);
  if (bytes === null) {
    list.fail('receipt', `The receipt (${where}) is missing or cannot be read.`, where);
    return;
  }
  const signed = await verifyBySigner(bytes, sig, keys);
  if (!('key' in signed)) {
    list.fail('receipt', `The receipt's signature does not hold: ${signed.reason}.`, where);
    return;
  }
  let parsed: ParsedReceipt;
  try {
    parsed = parseReceipt(bytes.toString('utf8'));
  } catch (err) {
    list.fail('receipt', `The receipt cannot be read: ${reason(err)}.`, where);
    return;
  }
  const bad = mismatches(parsed, ctx, await manifest256(ctx.files));
  if (bad.length > 0) {
    list.fail('receipt', `The receipt does not describe this package: ${bad.slice(0, 5).join('; ')}.`, where);
    return;
  }
  list.pass(
    'receipt',
    `The receipt, signed by ${signed.key.name}, describes this ` +
      `package${ctx.packageSha256 ? ' file byte for byte' : ''} and its ${parsed.items.length} item(s).`,
    where,
  );
}
