import type { Db } from '../database';

/**
 * Update packages (issue 11, part 3). The sender keeps what each package to a recipient
 * carried, as the set of records the recipient holds once it is imported (`sent_packages`,
 * `sent_package_records`): the next export to the same recipients can then send only the
 * difference, and name the state it builds on without ambiguity. The receiver keeps, per
 * imported package, which of the sender's records it added or changed and which record of
 * this vault each became (`received_records`): an update finds its records by the sender's
 * ids, and every change keeps the package that brought it. `imported_packages` gains the
 * base the package was an update of (null: a full package) and the record set it left.
 */
export function migration0130UpdatePackages(db: Db): void {
  db.exec(`
    CREATE TABLE sent_packages (
      package_id      TEXT PRIMARY KEY,
      case_id         TEXT NOT NULL REFERENCES cases(id),
      recipients      TEXT NOT NULL,
      profile         TEXT NOT NULL,
      base_package_id TEXT REFERENCES sent_packages(package_id),
      record_set      TEXT NOT NULL CHECK (length(record_set) = 64),
      sent_at         TEXT NOT NULL
    ) STRICT;
    CREATE INDEX sent_packages_case ON sent_packages(case_id, recipients);
    CREATE TABLE sent_package_records (
      package_id TEXT NOT NULL REFERENCES sent_packages(package_id),
      kind       TEXT NOT NULL CHECK (kind IN ('case', 'person', 'item', 'interview', 'event', 'request')),
      record_id  TEXT NOT NULL,
      hash       TEXT NOT NULL CHECK (length(hash) = 64),
      PRIMARY KEY (package_id, kind, record_id)
    ) STRICT;
    CREATE TABLE received_records (
      import_id TEXT NOT NULL REFERENCES imported_packages(id),
      kind      TEXT NOT NULL CHECK (kind IN ('case', 'person', 'item', 'interview', 'event', 'request')),
      sender_id TEXT NOT NULL,
      local_id  TEXT,
      change    TEXT NOT NULL CHECK (change IN ('added', 'changed')),
      hash      TEXT NOT NULL CHECK (length(hash) = 64),
      record    TEXT NOT NULL,
      PRIMARY KEY (import_id, kind, sender_id)
    ) STRICT;
    CREATE INDEX received_records_sender ON received_records(kind, sender_id);
    ALTER TABLE imported_packages ADD COLUMN update_of TEXT;
    ALTER TABLE imported_packages ADD COLUMN record_set TEXT CHECK (record_set IS NULL OR length(record_set) = 64);
  `);
}
