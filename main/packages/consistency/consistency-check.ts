/**
 * The `consistency` check of a package (DESIGN §6, "Consistency with earlier packages"). In the
 * package: every proof in data/custody/consistency.json must lead from the earlier checkpoint
 * it names to the package's own signed checkpoint. Against what the reader saw before (the
 * receiving vault's last checkpoint from this sender, or package A of `vigil verify A B`): the
 * package's log must extend it, or the sender's history was rewritten or forked.
 */
import { bytesEqual, toHex } from '../../custody/encoding';
import { noteKeyId, parseCheckpoint, verifyCheckpoint, verifyConsistency, type ParsedCheckpoint } from '../../custody';
import type { BagFiles } from '../bagit/bag-files';
import type { CustodyFacts } from '../verify/custody-check';
import type { ListedKey } from '../verify/keys-file';
import { reason, type CheckList } from '../verify/report';
import {
  CONSISTENCY_FILE,
  parseConsistencyFile,
  type ConsistencyFile,
  type EarlierCheckpoint,
} from './consistency-file';

/** The checkpoint a reader saw last from a sender's vault. */
export interface LastSeen {
  packageId: string;
  size: number;
  root: Buffer;
}

/**
 * Finds the last checkpoint seen from a sender's vault (by vault id): null for a first package,
 * undefined when that vault's packages are not judged (the receiving vault's own).
 */
export type SenderHistory = (senderVault: string) => LastSeen | null | undefined;

/**
 * The verdict on the package's history: `first` from this sender, `extends` the last package
 * seen (`since`), `rewritten` since it (an import then needs a knowing override), or
 * `unchecked` when nothing was seen to compare with (verify without a vault).
 */
interface ConsistencyVerdict {
  status: 'first' | 'extends' | 'rewritten' | 'unchecked';
  since?: string;
}

/** The file as read, for import to keep; null when absent or unreadable. */
export interface ConsistencyOutcome {
  verdict: ConsistencyVerdict;
  file: ConsistencyFile | null;
}

/** Why an earlier checkpoint in the file does not lead to the package's, or null when it does. */
function proofProblem(e: EarlierCheckpoint, cp: ParsedCheckpoint): string | null {
  let note: ParsedCheckpoint;
  try {
    note = parseCheckpoint(e.checkpoint);
  } catch (err) {
    return reason(err);
  }
  if (note.origin !== cp.origin)
    return `the earlier checkpoint is of another log ("${note.origin}", not "${cp.origin}")`;
  if (note.size !== e.size || !bytesEqual(note.root, e.root))
    return 'the earlier checkpoint note does not hold the size and root the file gives for it';
  if (e.size === 0) return 'a proof from an empty log proves nothing';
  if (e.size > cp.size)
    return `the earlier checkpoint has ${e.size} entries, more than this package's ${cp.size}: the log shrank`;
  if (!verifyConsistency(e.size, cp.size, e.root, cp.root, e.proof))
    return "its consistency proof does not verify: this package's log is not shown to extend that checkpoint";
  return null;
}

/**
 * A signature by a listed key that fails marks an altered note; one by an unlisted key (a colleague of the sender) is
 * not judged here.
 */
async function noteSignatureProblem(e: EarlierCheckpoint, keys: ListedKey[]): Promise<string | null> {
  const note = parseCheckpoint(e.checkpoint);
  const listed = keys.filter((k) => note.signatures.some((s) => bytesEqual(noteKeyId(s.name, k.key), s.keyId)));
  if (listed.length === 0) return null;
  const v = await verifyCheckpoint(
    e.checkpoint,
    listed.map((k) => k.key),
  );
  return v.ok ? null : (v.reason ?? 'its signature does not verify');
}

async function readFile(bag: BagFiles, list: CheckList): Promise<ConsistencyFile | null | 'absent'> {
  const bytes = await bag.read(CONSISTENCY_FILE);
  if (bytes === null) return 'absent';
  try {
    return parseConsistencyFile(bytes.toString('utf8'));
  } catch (err) {
    list.fail('consistency', `The consistency file cannot be read: ${reason(err)}.`, CONSISTENCY_FILE);
    return null;
  }
}

/** Checks the proofs the package carries. */
async function checkProofs(
  file: ConsistencyFile,
  cp: ParsedCheckpoint,
  keys: ListedKey[],
  list: CheckList,
): Promise<void> {
  if (file.to.size !== cp.size || !bytesEqual(file.to.root, cp.root)) {
    list.fail(
      'consistency',
      `The consistency file leads to a log of ${file.to.size} entries with another root than the package's ` +
        `checkpoint (${cp.size} entries).`,
      CONSISTENCY_FILE,
    );
    return;
  }
  for (const e of file.from) {
    const problem = proofProblem(e, cp) ?? (await noteSignatureProblem(e, keys));
    if (problem === null) {
      list.pass(
        'consistency',
        `This package's custody log (${cp.size} entries) extends the checkpoint of package ${e.packageId} ` +
          `(${e.size} entries): the RFC 9162 consistency proof verifies.`,
        CONSISTENCY_FILE,
      );
    } else {
      list.fail(
        'consistency',
        `The proof from the checkpoint of package ${e.packageId} does not hold: ${problem}.`,
        CONSISTENCY_FILE,
      );
    }
  }
  if (file.from.length === 0)
    list.pass(
      'consistency',
      'The sender marks this as the first package it sent to these recipients: there is no earlier checkpoint ' +
        'to extend.',
      CONSISTENCY_FILE,
    );
}

/** Why the package does not extend `last`, or null when it does. */
function historyProblem(last: LastSeen, cp: ParsedCheckpoint, file: ConsistencyFile | null): string | null {
  if (cp.size < last.size)
    return (
      `this package's log has ${cp.size} entries, fewer than the ${last.size} of package ${last.packageId}: it ` +
      `is an older or a shortened log`
    );
  if (cp.size === last.size)
    return bytesEqual(cp.root, last.root)
      ? null
      : `this package's log has as many entries as package ${last.packageId} (${cp.size}) but other ones (root ` +
          `${toHex(cp.root)}, not ${toHex(last.root)})`;
  if (file === null)
    return (
      `the package carries no consistency proof from the checkpoint of package ${last.packageId} (${last.size} ` +
      `entries)`
    );
  const same = file.from.filter((e) => e.size === last.size);
  const match = same.find((e) => bytesEqual(e.root, last.root));
  if (match === undefined) {
    if (same.length > 0)
      return (
        `the package proves that it extends another log of ${last.size} entries than the one package ` +
        `${last.packageId} showed (root ${toHex(same[0]?.root ?? Buffer.alloc(0))}, not ${toHex(last.root)})`
      );
    return (
      `the package carries no consistency proof from the checkpoint of package ${last.packageId} (${last.size} ` +
      `entries)`
    );
  }
  if (!verifyConsistency(last.size, cp.size, last.root, cp.root, match.proof))
    return `its consistency proof from the checkpoint of package ${last.packageId} does not verify`;
  return null;
}

/** Runs the check (see the file comment); `history` is what the reader saw before (none: unchecked). */
export async function checkConsistency(
  bag: BagFiles,
  facts: CustodyFacts,
  keys: ListedKey[],
  list: CheckList,
  senderVault: string | undefined,
  history?: SenderHistory,
): Promise<ConsistencyOutcome> {
  const read = await readFile(bag, list);
  const cp = facts.checkpoint;
  if (cp === null) {
    if (read !== 'absent')
      list.fail(
        'consistency',
        'The consistency proofs cannot be tied to this package: its own checkpoint did not verify.',
        CONSISTENCY_FILE,
      );
    return { verdict: { status: 'unchecked' }, file: null };
  }
  const file = read === 'absent' ? null : read;
  if (file !== null) await checkProofs(file, cp, keys, list);
  if (read === 'absent')
    list.note(
      'consistency',
      'The package carries no consistency file: it was made by a version of Vigil before them, so it cannot ' +
        'show that it extends the packages its sender sent before.',
      CONSISTENCY_FILE,
    );
  const last = senderVault === undefined ? undefined : history?.(senderVault);
  if (last === undefined) return { verdict: { status: 'unchecked' }, file };
  if (last === null) {
    list.pass(
      'consistency',
      `This is the first package seen from vault ${senderVault ?? ''}: its checkpoint (${cp.size} entries) is ` +
        `kept, and later packages from that vault must extend it.`,
    );
    return { verdict: { status: 'first' }, file };
  }
  const problem = historyProblem(last, cp, file);
  if (problem === null) {
    list.pass(
      'consistency',
      `This package extends package ${last.packageId}, the last one seen from its sender (${last.size} → ` +
        `${cp.size} entries): nothing seen before was rewritten.`,
    );
    return { verdict: { status: 'extends', since: last.packageId }, file };
  }
  list.fail('consistency', `The sender's history was rewritten or forked since package ${last.packageId}: ${problem}.`);
  return { verdict: { status: 'rewritten', since: last.packageId }, file };
}
