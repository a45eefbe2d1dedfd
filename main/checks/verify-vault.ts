import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { isVigilError } from '../../shared/errors';
import { objectBinding } from '../blobs/object-binding';
import { parseCheckpoint, verifyChain, verifyCheckpoint, type ChainReport } from '../custody';
import { latestCheckpoint } from '../custody/checkpoint-store';
import { iterateStoredEntries, readCustodyHead } from '../custody/log-store';
import { rawNameProblems } from '../evidence/verify-raw-names';
import { recordProblems } from '../evidence/verify-records';
import { transcriptProblems } from '../evidence/verify-evidence';
import path from 'node:path';
import { integrityProblems } from '../vault/database';
import type { Finding } from '../vault/finding';
import { headerSha256, readHeaderBytes, recordedHeader } from '../vault/header-change';
import { VAULT_HEADER_FILE } from '../vault/keys/header';
import type { Vault } from '../vault/vault';

/** The result of verifying a vault: every finding, and the custody summary. */
export interface VaultReport {
  ok: boolean;
  vaultId: string;
  custody: ChainReport;
  checkpoint: { size: number; signer: string | null } | null;
  objects: { checked: number; failed: number; orphans: number };
  findings: Finding[];
}

/**
 * Verifies a whole vault: SQLCipher integrity, every custody signature and
 * link, the Merkle root against the latest checkpoint, the stored head, and
 * (unless quick) every object decrypted and hashed against the database.
 */
export async function verifyVault(
  vault: Vault,
  opts: { quick?: boolean; onObject?: (done: number, total: number) => void } = {},
): Promise<VaultReport> {
  const findings: Finding[] = [];
  const problems = integrityProblems(vault.db);
  findings.push({
    check: 'database',
    ok: problems.length === 0,
    detail: problems.length === 0 ? 'SQLCipher database integrity check passed' : problems.slice(0, 5).join('; '),
  });

  const stored = latestCheckpoint(vault.db);
  const parsed = stored ? safeParse(stored.note, findings) : null;
  const custody = await verifyChain(iterateStoredEntries(vault.db), {
    vaultId: vault.vaultId,
    ...(parsed ? { checkpoint: { size: parsed.size, root: parsed.root } } : {}),
  });
  findings.push({
    check: 'custody',
    ok: custody.ok,
    ...(custody.firstBad ? { subject: `seq ${custody.firstBad.seq}` } : {}),
    detail: custody.firstBad
      ? `${custody.firstBad.reason}: ${custody.firstBad.detail}`
      : `${custody.size} entries, every signature and link verified`,
  });
  let checkpoint: VaultReport['checkpoint'] = null;
  if (stored && parsed) {
    const keys = trustedKeys(vault, custody);
    const result = await verifyCheckpoint(stored.note, keys);
    checkpoint = { size: parsed.size, signer: result.signer ?? null };
    findings.push({
      check: 'checkpoint',
      ok: result.ok,
      detail: result.ok
        ? `checkpoint of ${parsed.size} entries signed by a member and matching the log`
        : `checkpoint signature: ${result.reason ?? 'invalid'}`,
    });
  }
  findings.push(checkHead(vault, custody));
  findings.push(await checkHeader(vault));
  findings.push(...transcriptProblems(vault.db));
  findings.push(...recordProblems(vault.db));
  findings.push(...rawNameProblems(vault.db));
  const objects = await checkObjects(vault, findings, opts);
  const ok = findings.every((f) => f.ok || f.warning === true);
  return { ok, vaultId: vault.vaultId, custody, checkpoint, objects, findings };
}

function safeParse(note: string, findings: Finding[]): ReturnType<typeof parseCheckpoint> | null {
  try {
    return parseCheckpoint(note);
  } catch (err) {
    findings.push({
      check: 'checkpoint',
      ok: false,
      detail: `the stored checkpoint cannot be read: ${isVigilError(err) ? err.message : String(err)}`,
    });
    return null;
  }
}

function trustedKeys(vault: Vault, custody: ChainReport): Uint8Array[] {
  const known = new Set(custody.actors);
  for (const key of vault.db.prepare('SELECT public_key FROM member_keys').pluck().all() as string[]) known.add(key);
  return [...known].map((hex) => Buffer.from(hex, 'hex'));
}

function checkHead(vault: Vault, custody: ChainReport): Finding {
  const head = readCustodyHead(vault.db);
  const root = head.frontier.root().toString('hex');
  const ok = head.size === custody.size && head.lastHash === custody.lastHash && root === custody.root;
  return {
    check: 'head',
    ok,
    detail: ok
      ? 'stored log head matches the entries'
      : `stored head (size ${head.size}, root ${root.slice(0, 16)}…) does not match the entries (size ` +
        `${custody.size}, root ${custody.root.slice(0, 16)}…): entries were removed or altered`,
  };
}

/**
 * vault.json must be the header the custody log last named: a slot the log does not account
 * for (a header restored from a backup, edited, or given an extra slot) fails the check.
 */
async function checkHeader(vault: Vault): Promise<Finding> {
  const recorded = recordedHeader(vault.db);
  if (recorded === null)
    return {
      check: 'header',
      ok: true,
      detail:
        'vault.json: no key-slot change recorded since this vault was made by an earlier version (the next one ' +
        'records its hash)',
    };
  const bytes = await readHeaderBytes(path.join(vault.dir, VAULT_HEADER_FILE));
  const row = vault.db.prepare('SELECT entry FROM custody_log WHERE seq = ?').pluck().get(recorded.seq) as
    string | undefined;
  const named =
    row === undefined ? undefined : (JSON.parse(row) as { data?: { headerSha256?: unknown } }).data?.headerSha256;
  if (named !== recorded.sha256) {
    return {
      check: 'header',
      ok: false,
      subject: `seq ${recorded.seq}`,
      detail:
        'the database says this custody entry names the current vault.json, but the entry does not: the record ' +
        'of key-slot changes was altered',
    };
  }
  if (bytes === null || headerSha256(bytes) !== recorded.sha256) {
    return {
      check: 'header',
      ok: false,
      subject: 'vault.json',
      detail:
        `vault.json is not the header custody entry ${recorded.seq} recorded: it was restored from a backup, ` +
        `edited or given a slot the log does not account for. If you restored it on purpose, any key-slot change ` +
        `(vigil passwd change) records it again`,
    };
  }
  return { check: 'header', ok: true, detail: `vault.json is the header custody entry ${recorded.seq} recorded` };
}

async function checkObjects(
  vault: Vault,
  findings: Finding[],
  opts: { quick?: boolean; onObject?: (done: number, total: number) => void },
): Promise<VaultReport['objects']> {
  const rows = vault.db
    .prepare('SELECT id, sha256, sha512, size, binding FROM objects ORDER BY id')
    .all() as ObjectRow[];
  const onDisk = await vault.blobs.scan();
  const present = new Set([...onDisk.ids, ...onDisk.staged]);
  let failed = 0;
  for (const [i, row] of rows.entries()) {
    const problem = present.has(row.id)
      ? opts.quick
        ? null
        : await objectProblem(vault, row)
      : 'the file is missing from blobs/';
    if (problem) {
      failed++;
      findings.push({ check: 'object', ok: false, subject: row.id, detail: problem });
    }
    opts.onObject?.(i + 1, rows.length);
  }
  const known = new Set(rows.map((r) => r.id));
  const orphans = onDisk.ids.filter((id) => !known.has(id));
  const unrecorded = onDisk.staged.filter((id) => !known.has(id));
  for (const id of orphans)
    findings.push({
      check: 'orphan',
      ok: false,
      warning: true,
      subject: id,
      detail:
        'object file not referenced by the database (left by an earlier version after an interrupted add, or ' +
        'the database is older than the objects); removed only by "vigil verify --repair"',
    });
  for (const id of unrecorded)
    findings.push({
      check: 'orphan',
      ok: false,
      warning: true,
      subject: id,
      detail:
        'object stored but not recorded (an add or import under way, or one interrupted: removed at the next unlock)',
    });
  for (const temp of onDisk.temps)
    findings.push({
      check: 'orphan',
      ok: false,
      warning: true,
      subject: temp,
      detail: 'temporary file left by an interrupted write; safe to remove with "vigil verify --repair"',
    });
  if (failed === 0)
    findings.push({
      check: 'object',
      ok: true,
      detail: opts.quick
        ? `${rows.length} objects present (contents not checked: --quick)`
        : `${rows.length} objects decrypted and their SHA-256 and SHA-512 match`,
    });
  return { checked: rows.length, failed, orphans: orphans.length + unrecorded.length + onDisk.temps.length };
}

/** An object's row as verification reads it. */
interface ObjectRow {
  id: string;
  sha256: string;
  sha512: string;
  size: number;
  /** Null for objects stored before schema 140 (see blobs/object-binding.ts). */
  binding: string | null;
}

/**
 * Decrypts an object and hashes it in full against its row. An object whose content checks
 * out but has no binding yet (stored before schema 140) gets it recorded, so that exports no
 * longer need to hash it; a binding that does not match the file is a problem of its own.
 */
async function objectProblem(vault: Vault, row: ObjectRow): Promise<string | null> {
  const sha256 = createHash('sha256');
  const sha512 = createHash('sha512');
  let size = 0;
  let binding: string;
  try {
    const reader = await vault.blobs.open(row.id);
    binding = objectBinding(reader.prefixSha256, row);
    try {
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          sha256.update(chunk);
          sha512.update(chunk);
          size += chunk.length;
          done();
        },
      });
      await pipeline(reader.createReadStream(), sink);
    } finally {
      await reader.close();
    }
  } catch (err) {
    return `cannot be decrypted: ${isVigilError(err) ? err.message : String(err)}`;
  }
  if (size !== row.size) return `size is ${size} bytes, the database says ${row.size}`;
  if (sha256.digest('hex') !== row.sha256) return 'SHA-256 of the content does not match the database';
  if (sha512.digest('hex') !== row.sha512) return 'SHA-512 of the content does not match the database';
  if (row.binding === null)
    vault.db.prepare('UPDATE objects SET binding = ? WHERE id = ? AND binding IS NULL').run(binding, row.id);
  else if (row.binding !== binding)
    return 'the binding recorded for it does not match its file (its content is intact: the record was altered)';
  return null;
}

/** Removes orphaned objects and temp files (never anything the database refers to); returns how many. */
export async function removeOrphans(vault: Vault): Promise<number> {
  const known = new Set(vault.db.prepare('SELECT id FROM objects').pluck().all() as string[]);
  const onDisk = await vault.blobs.scan();
  let removed = 0;
  for (const id of [...onDisk.ids, ...onDisk.staged]) {
    if (known.has(id)) continue;
    await vault.blobs.remove(id);
    removed++;
  }
  for (const temp of onDisk.temps) {
    await rm(temp, { force: true });
    removed++;
  }
  return removed;
}
