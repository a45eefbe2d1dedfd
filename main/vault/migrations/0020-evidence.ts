import type { Db } from '../database';

/**
 * The evidence model (DESIGN §5): cases, people and their roles, item
 * metadata, interviews with revisioned transcripts, places, the detention
 * timeline, the request register, and the full-text search index.
 * Dates are text of stated precision: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD',
 * with an `_approx` flag; the precision is read from the length.
 */
export function migration0020Evidence(db: Db): void {
  db.exec(`
    CREATE TABLE cases (
      id         TEXT PRIMARY KEY,
      title      TEXT NOT NULL,
      reference  TEXT,
      summary    TEXT NOT NULL DEFAULT '',
      status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'monitoring', 'closed', 'archived')),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX cases_reference ON cases(reference) WHERE reference IS NOT NULL;

    CREATE TABLE people (
      id                 TEXT PRIMARY KEY,
      code               TEXT NOT NULL UNIQUE COLLATE NOCASE,
      name               TEXT NOT NULL,
      aliases            TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings (sensitive)
      contact            TEXT NOT NULL DEFAULT '',     -- contact details (sensitive; never exported under the protected profile)
      notes              TEXT NOT NULL DEFAULT '',
      consent_named      INTEGER NOT NULL DEFAULT 0 CHECK (consent_named IN (0, 1)),
      consent_share_with TEXT NOT NULL DEFAULT '[]',   -- JSON array of bodies the material may be shared with
      consent_date       TEXT,
      consent_method     TEXT,
      created_at         TEXT NOT NULL,
      updated_at         TEXT NOT NULL
    ) STRICT;

    CREATE TABLE case_people (
      case_id   TEXT NOT NULL REFERENCES cases(id),
      person_id TEXT NOT NULL REFERENCES people(id),
      role      TEXT NOT NULL CHECK (role IN ('detainee', 'witness', 'relative', 'lawyer', 'official', 'perpetrator', 'other')),
      PRIMARY KEY (case_id, person_id, role)
    ) STRICT;
    CREATE INDEX case_people_person ON case_people(person_id);

    ALTER TABLE items ADD COLUMN case_id TEXT REFERENCES cases(id);
    ALTER TABLE items ADD COLUMN kind TEXT NOT NULL DEFAULT 'other'
      CHECK (kind IN ('document', 'letter', 'official_reply', 'photo', 'audio', 'video', 'other'));
    ALTER TABLE items ADD COLUMN media_type TEXT;
    ALTER TABLE items ADD COLUMN doc_date TEXT;
    ALTER TABLE items ADD COLUMN doc_date_approx INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE items ADD COLUMN source_person_id TEXT REFERENCES people(id);
    ALTER TABLE items ADD COLUMN acquisition TEXT NOT NULL DEFAULT '{}';     -- JSON {who, when, how, note}
    ALTER TABLE items ADD COLUMN extraction_status TEXT NOT NULL DEFAULT 'none'
      CHECK (extraction_status IN ('none', 'ok', 'failed', 'unsupported'));
    ALTER TABLE items ADD COLUMN extraction_error TEXT;
    ALTER TABLE items ADD COLUMN extracted_text TEXT;
    ALTER TABLE items ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}';         -- JSON, e.g. EXIF dates, page count
    ALTER TABLE items ADD COLUMN sensitive_metadata TEXT NOT NULL DEFAULT '{}'; -- JSON, e.g. GPS position
    ALTER TABLE items ADD COLUMN derivative_of TEXT REFERENCES items(id);
    ALTER TABLE items ADD COLUMN derivative_kind TEXT;
    CREATE INDEX items_case ON items(case_id);
    CREATE INDEX items_derivative ON items(derivative_of);

    CREATE TABLE interviews (
      id                 TEXT PRIMARY KEY,
      case_id            TEXT NOT NULL REFERENCES cases(id),
      interviewee_id     TEXT NOT NULL REFERENCES people(id),
      interviewer_id     TEXT NOT NULL REFERENCES members(id),
      date               TEXT,
      date_approx        INTEGER NOT NULL DEFAULT 0,
      mode               TEXT NOT NULL DEFAULT 'in_person' CHECK (mode IN ('in_person', 'video_call', 'phone', 'written')),
      language           TEXT NOT NULL DEFAULT '',
      consent            TEXT NOT NULL DEFAULT '{}',   -- JSON {given, date, how, note}
      created_at         TEXT NOT NULL
    ) STRICT;
    CREATE INDEX interviews_case ON interviews(case_id);

    CREATE TABLE interview_recordings (
      interview_id TEXT NOT NULL REFERENCES interviews(id),
      item_id      TEXT NOT NULL REFERENCES items(id),
      PRIMARY KEY (interview_id, item_id)
    ) STRICT;

    CREATE TABLE transcript_revisions (
      id           TEXT PRIMARY KEY,
      interview_id TEXT NOT NULL REFERENCES interviews(id),
      revision     INTEGER NOT NULL,
      sha256       TEXT NOT NULL,                     -- of the revision's canonical JSON (what the custody entry cites)
      note         TEXT NOT NULL DEFAULT '',
      created_at   TEXT NOT NULL,
      created_by   TEXT NOT NULL REFERENCES members(id),
      UNIQUE (interview_id, revision)
    ) STRICT;

    CREATE TABLE transcript_segments (
      revision_id TEXT NOT NULL REFERENCES transcript_revisions(id),
      position    INTEGER NOT NULL,
      speaker     TEXT NOT NULL DEFAULT '',
      start_ms    INTEGER,
      end_ms      INTEGER,
      text        TEXT NOT NULL,
      translation TEXT,
      PRIMARY KEY (revision_id, position)
    ) STRICT;

    CREATE TABLE places (
      id     TEXT PRIMARY KEY,
      name   TEXT NOT NULL UNIQUE COLLATE NOCASE,
      type   TEXT NOT NULL DEFAULT 'other'
        CHECK (type IN ('penal_colony', 'prison', 'pretrial_detention', 'police_station', 'court', 'hospital', 'other')),
      region TEXT NOT NULL DEFAULT ''
    ) STRICT;

    CREATE TABLE events (
      id          TEXT PRIMARY KEY,
      case_id     TEXT NOT NULL REFERENCES cases(id),
      person_id   TEXT NOT NULL REFERENCES people(id),
      type        TEXT NOT NULL CHECK (type IN ('arrest', 'detention', 'transfer', 'visit_denied', 'letter_withheld',
                    'contact_lost', 'contact_restored', 'disciplinary_cell', 'hearing', 'release', 'death', 'other')),
      date        TEXT NOT NULL,
      date_approx INTEGER NOT NULL DEFAULT 0,
      end_date    TEXT,
      place_id    TEXT REFERENCES places(id),
      description TEXT NOT NULL DEFAULT '',
      created_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX events_case_date ON events(case_id, date);
    CREATE INDEX events_person_date ON events(person_id, date);

    CREATE TABLE event_items (
      event_id TEXT NOT NULL REFERENCES events(id),
      item_id  TEXT NOT NULL REFERENCES items(id),
      PRIMARY KEY (event_id, item_id)
    ) STRICT;

    CREATE TABLE requests (
      id            TEXT PRIMARY KEY,
      case_id       TEXT NOT NULL REFERENCES cases(id),
      person_id     TEXT NOT NULL REFERENCES people(id),   -- the detainee the request is about
      requester_id  TEXT REFERENCES people(id),            -- the relative or lawyer who sent it
      date          TEXT NOT NULL,
      recipient     TEXT NOT NULL,
      channel       TEXT NOT NULL DEFAULT '',
      about         TEXT NOT NULL DEFAULT '',
      response_date TEXT,
      response      TEXT CHECK (response IN ('none', 'token', 'denial', 'substantive')),
      response_note TEXT NOT NULL DEFAULT '',
      created_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX requests_case ON requests(case_id);
    CREATE INDEX requests_person ON requests(person_id);

    -- One full-text row per searchable thing: a transcript segment of the current
    -- revision, an item's extracted text and metadata, a case, a person, an event,
    -- a request. The UNINDEXED columns are stored for filters, not tokenised:
    -- person_ids is a space-separated list of the people the row concerns, date a partial date.
    -- tags holds filter tokens (k<kind>, p<person id>) so that kind and person filters
    -- run inside FTS5 instead of row by row; the prefix index serves "word*" queries.
    CREATE VIRTUAL TABLE search_index USING fts5(
      kind UNINDEXED, ref_id UNINDEXED, case_id UNINDEXED, person_ids UNINDEXED, date UNINDEXED, title, body, tags,
      tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5'
    );
  `);
}
