import type { Db } from '../database';

/**
 * Provenance of imported packages (issue 4): the sender's custody entries,
 * checkpoint and signer keys are kept verbatim, so anyone can later re-check
 * where the imported case came from without the package itself.
 */
export function migration0040Provenance(db: Db): void {
  db.exec(`
    CREATE TABLE imported_packages (
      id            TEXT PRIMARY KEY,
      package_id    TEXT NOT NULL,
      bag           TEXT NOT NULL,
      source_vault  TEXT NOT NULL,
      checkpoint    TEXT NOT NULL,
      entries_jsonl TEXT NOT NULL,
      keys_txt      TEXT NOT NULL,
      imported_at   TEXT NOT NULL,
      case_id       TEXT NOT NULL REFERENCES cases(id)
    ) STRICT;
    CREATE INDEX imported_packages_case ON imported_packages(case_id);
  `);
}
