-- The foundation schema: agencies, citizens, officers, tickets and their threads, ratings, the
-- audit log, processed update ids and durable jobs. Timestamps are UTC, stored as RFC 3339 text
-- by sqlx (which sorts correctly as text); PostgreSQL uses TIMESTAMPTZ for the same columns.

CREATE TABLE agencies (
    code        TEXT PRIMARY KEY,
    name_ky     TEXT NOT NULL,
    name_ru     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    parent      TEXT REFERENCES agencies (code)
);

CREATE TABLE citizens (
    id          INTEGER PRIMARY KEY,
    -- NULL once the citizen erased their personal data; tickets keep pointing at the row.
    chat_id     INTEGER UNIQUE,
    lang        TEXT NOT NULL CHECK (lang IN ('ky', 'ru')),
    gender      TEXT,
    age_band    TEXT,
    disability  TEXT,
    created_at  TEXT NOT NULL
);

CREATE TABLE officers (
    id               INTEGER PRIMARY KEY,
    telegram_user_id INTEGER NOT NULL UNIQUE,
    agency           TEXT NOT NULL REFERENCES agencies (code),
    role             TEXT NOT NULL CHECK (role IN ('officer', 'head')),
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at       TEXT NOT NULL
);

-- One row per year; the row is incremented inside the ticket's own transaction, so numbers are
-- unique and a rolled-back ticket gives its number back.
CREATE TABLE ticket_counters (
    year        INTEGER PRIMARY KEY,
    last_serial INTEGER NOT NULL
);

CREATE TABLE tickets (
    id                  INTEGER PRIMARY KEY,
    number              TEXT NOT NULL UNIQUE,
    kind                TEXT NOT NULL,
    agency              TEXT NOT NULL REFERENCES agencies (code),
    implicated          TEXT REFERENCES agencies (code),
    lang                TEXT NOT NULL,
    region              TEXT,
    district            TEXT,
    anonymous           INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    citizen_id          INTEGER REFERENCES citizens (id),
    status              TEXT NOT NULL,
    assignee_id         INTEGER REFERENCES officers (id),
    created_at          TEXT NOT NULL,
    registration_due    TEXT NOT NULL,
    first_response_due  TEXT NOT NULL,
    resolution_due      TEXT NOT NULL,
    extension_days      INTEGER,
    extension_unit      TEXT,
    extension_reason    TEXT,
    extended_at         TEXT,
    first_response_at   TEXT,
    answered_at         TEXT,
    closed_at           TEXT,
    status_changed_at   TEXT NOT NULL,
    redirect_count      INTEGER NOT NULL DEFAULT 0,
    synthetic           INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
    CHECK (implicated IS NULL OR kind = 'corruption'),
    CHECK (kind <> 'corruption' OR agency = 'anticorruption'),
    CHECK (anonymous = 0 OR citizen_id IS NULL)
);
CREATE INDEX tickets_agency_created ON tickets (agency, created_at);
CREATE INDEX tickets_status ON tickets (status);
CREATE INDEX tickets_citizen ON tickets (citizen_id);

-- Where a ticket has been: one row per redirect, so a citizen can see the whole path.
CREATE TABLE ticket_redirects (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES tickets (id),
    from_agency TEXT NOT NULL REFERENCES agencies (code),
    to_agency   TEXT NOT NULL REFERENCES agencies (code),
    reason      TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX ticket_redirects_ticket ON ticket_redirects (ticket_id);

CREATE TABLE ticket_messages (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES tickets (id),
    author      TEXT NOT NULL CHECK (author IN ('citizen', 'agency', 'system')),
    officer_id  INTEGER REFERENCES officers (id),
    body        TEXT,
    media_kind  TEXT,
    file_id     TEXT,
    created_at  TEXT NOT NULL,
    CHECK (body IS NOT NULL OR file_id IS NOT NULL),
    CHECK ((media_kind IS NULL) = (file_id IS NULL))
);
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id);

CREATE TABLE ratings (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER REFERENCES tickets (id),
    agency      TEXT REFERENCES agencies (code),
    service     TEXT,
    citizen_id  INTEGER REFERENCES citizens (id),
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment     TEXT,
    created_at  TEXT NOT NULL,
    CHECK ((ticket_id IS NULL) <> (agency IS NULL))
);
CREATE INDEX ratings_ticket ON ratings (ticket_id);
CREATE INDEX ratings_agency ON ratings (agency);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER REFERENCES tickets (id),
    actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('citizen', 'officer', 'admin', 'system')),
    officer_id  INTEGER REFERENCES officers (id),
    action      TEXT NOT NULL,
    detail      TEXT,
    at          TEXT NOT NULL
);
CREATE INDEX audit_log_ticket ON audit_log (ticket_id);

-- Telegram update ids already handled, per bot, so a repeated delivery is a no-op.
CREATE TABLE processed_updates (
    bot_id       INTEGER NOT NULL,
    update_id    INTEGER NOT NULL,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (bot_id, update_id)
);

-- Durable jobs (reminders, escalations). A worker claims a job by setting a lease; a lease that
-- expires (the worker crashed) makes the job claimable again.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    run_at       TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    leased_until TEXT,
    leased_by    TEXT,
    last_error   TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX jobs_pending_run_at ON jobs (run_at) WHERE state = 'pending';
