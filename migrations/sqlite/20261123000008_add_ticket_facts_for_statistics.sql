-- Statistics read a narrow table of per-ticket facts instead of the tickets themselves, so the
-- figures over a million tickets come from one scan of small integer rows (see tickets/src/stats).
--   tickets.brushoff_count  how many times the citizen flagged the agency's answer as a brush-off;
--   ticket_facts            one row per ticket, computed in Rust by tickets::stats::definitions
--                           (durations in whole hours and in tenths of working days, outcome, on
--                           time, reopened, latest rating); corruption reports have their place,
--                           language and the reporter's profile withheld here already;
--   stats_dirty             tickets whose facts must be recomputed. Triggers mark a ticket when it
--                           is opened or changed, rated, or when its citizen's profile changes, so
--                           every code path that writes keeps the statistics current.
-- Same change as the PostgreSQL migration of the same name.

ALTER TABLE tickets ADD COLUMN brushoff_count INTEGER NOT NULL DEFAULT 0;

CREATE TABLE ticket_facts (
    -- No foreign key: the facts are a cache of tickets, which are never deleted, and
    -- `kairyluu bench` loads a million facts without a million tickets.
    ticket_id            INTEGER PRIMARY KEY,
    synthetic            INTEGER NOT NULL CHECK (synthetic IN (0, 1)),
    -- Unix seconds.
    created_at           INTEGER NOT NULL,
    -- YYYY-MM in the calendar's timezone.
    month                TEXT NOT NULL,
    agency               TEXT NOT NULL,
    implicated           TEXT,
    kind                 TEXT NOT NULL,
    -- NULL: not given or not volunteered; '#withheld': a corruption report's.
    lang                 TEXT,
    region               TEXT,
    district             TEXT,
    gender               TEXT,
    age_band             TEXT,
    disability           TEXT,
    outcome              TEXT NOT NULL CHECK (outcome IN ('open', 'answered', 'closed', 'withdrawn')),
    -- Unix seconds; the extended deadline when the one lawful extension was granted.
    resolution_due       INTEGER NOT NULL,
    first_response_hours INTEGER,
    first_response_wd10  INTEGER,
    resolution_hours     INTEGER,
    resolution_wd10      INTEGER,
    on_time              INTEGER CHECK (on_time IN (0, 1)),
    reopened             INTEGER NOT NULL CHECK (reopened IN (0, 1)),
    rating               INTEGER CHECK (rating BETWEEN 1 AND 5),
    redirects            INTEGER NOT NULL,
    brushoffs            INTEGER NOT NULL
);

-- Overdue depends on the moment of the query: it is the open count of the rollups less the open
-- tickets still within their deadline, which this index finds without reading the history.
CREATE INDEX ticket_facts_open_due ON ticket_facts (resolution_due) WHERE outcome = 'open';

-- Rollups kept with the facts, so a table over a million tickets reads a few thousand rows:
-- per dimension, bucket and month, the counters (stats_counts) and how many tickets took each
-- duration value (stats_durations; metric 0-3: first response in hours, in tenths of working
-- days, resolution in hours, in tenths of working days). A bucket is the stored value, or
-- '#unknown'. A refresh subtracts a ticket's old facts and adds its new ones.
CREATE TABLE stats_counts (
    synthetic     INTEGER NOT NULL,
    dim           TEXT NOT NULL,
    month         TEXT NOT NULL,
    bucket        TEXT NOT NULL,
    received      INTEGER NOT NULL,
    answered      INTEGER NOT NULL,
    closed        INTEGER NOT NULL,
    open          INTEGER NOT NULL,
    on_time       INTEGER NOT NULL,
    reopened      INTEGER NOT NULL,
    ever_answered INTEGER NOT NULL,
    rated         INTEGER NOT NULL,
    rating_sum    INTEGER NOT NULL,
    redirects     INTEGER NOT NULL,
    redirected    INTEGER NOT NULL,
    runarounds    INTEGER NOT NULL,
    brushoffs     INTEGER NOT NULL,
    brushed_off   INTEGER NOT NULL,
    PRIMARY KEY (dim, synthetic, month, bucket)
);

CREATE TABLE stats_durations (
    synthetic INTEGER NOT NULL,
    dim       TEXT NOT NULL,
    month     TEXT NOT NULL,
    bucket    TEXT NOT NULL,
    metric    INTEGER NOT NULL,
    value     INTEGER NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (dim, synthetic, month, bucket, metric, value)
);

CREATE TABLE stats_dirty (
    ticket_id INTEGER PRIMARY KEY,
    marks     INTEGER NOT NULL DEFAULT 1
);

CREATE TRIGGER tickets_stats_dirty_on_insert AFTER INSERT ON tickets BEGIN
    INSERT OR IGNORE INTO stats_dirty (ticket_id) VALUES (NEW.id);
END;

CREATE TRIGGER tickets_stats_dirty_on_update AFTER UPDATE ON tickets BEGIN
    INSERT OR IGNORE INTO stats_dirty (ticket_id) VALUES (NEW.id);
END;

CREATE TRIGGER ratings_stats_dirty AFTER INSERT ON ratings WHEN NEW.ticket_id IS NOT NULL BEGIN
    INSERT OR IGNORE INTO stats_dirty (ticket_id) VALUES (NEW.ticket_id);
END;

CREATE TRIGGER citizens_stats_dirty AFTER UPDATE OF gender, age_band, disability ON citizens BEGIN
    INSERT OR IGNORE INTO stats_dirty (ticket_id) SELECT id FROM tickets WHERE citizen_id = NEW.id;
END;

-- Tickets opened before this migration.
INSERT INTO stats_dirty (ticket_id) SELECT id FROM tickets;
