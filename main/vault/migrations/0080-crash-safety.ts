import type { Db } from '../database';

/**
 * Crash safety (issue 17).
 *
 * `publications`: files a change writes outside the vault folder (an export's package, receipt
 * and signature) under temporary names, to be renamed to their final names, in order, once
 * the transaction that records them has committed (`committed` is set in it). Unlocking
 * finishes committed rows and removes the temporary files of the others (publications.ts).
 *
 * `imported_packages.package_sha256`: the SHA-256 of the package file an import read, so a
 * package already imported is recognised by its hash as well as its id. Rows of earlier
 * versions take it from their `package.imported` custody entry, which cites it.
 */
export function migration0080CrashSafety(db: Db): void {
  db.exec(`
    CREATE TABLE publications (
      id         TEXT PRIMARY KEY,
      files      TEXT NOT NULL CHECK (json_valid(files)),
      committed  INTEGER NOT NULL DEFAULT 0 CHECK (committed IN (0, 1)),
      started_at TEXT NOT NULL
    ) STRICT;

    ALTER TABLE imported_packages ADD COLUMN package_sha256 TEXT CHECK (package_sha256 IS NULL OR length(package_sha256) = 64);
    CREATE INDEX imported_packages_package ON imported_packages(package_id);
    CREATE INDEX imported_packages_sha256 ON imported_packages(package_sha256);
  `);
  const cited = db.prepare(
    `SELECT json_extract(entry, '$.subject') AS caseId, json_extract(entry, '$.hash') AS sha256 FROM custody_log
     WHERE entry LIKE '%"action":"package.imported"%' AND json_extract(entry, '$.action') = 'package.imported'`,
  );
  const set = db.prepare(
    'UPDATE imported_packages SET package_sha256 = ? WHERE case_id = ? AND package_sha256 IS NULL',
  );
  if (db.prepare('SELECT 1 FROM imported_packages LIMIT 1').get() === undefined) return;
  for (const row of cited.all() as { caseId: unknown; sha256: unknown }[]) {
    if (typeof row.caseId === 'string' && typeof row.sha256 === 'string' && /^[0-9a-f]{64}$/.test(row.sha256))
      set.run(row.sha256, row.caseId);
  }
}
