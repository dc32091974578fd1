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
-- Same change as the SQLite migration of the same name. The mark is an upsert that touches the
-- row (not DO NOTHING): a writer then waits for a refresh that is taking the same mark, so a
-- change committed during a refresh always leaves its ticket marked again.

ALTER TABLE tickets ADD COLUMN brushoff_count INTEGER NOT NULL DEFAULT 0;

CREATE TABLE ticket_facts (
    -- No foreign key: the facts are a cache of tickets, which are never deleted, and
    -- `kairyluu bench` loads a million facts without a million tickets.
    ticket_id            BIGINT PRIMARY KEY,
    synthetic            BIGINT NOT NULL CHECK (synthetic IN (0, 1)),
    -- Unix seconds.
    created_at           BIGINT NOT NULL,
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
    resolution_due       BIGINT NOT NULL,
    first_response_hours BIGINT,
    first_response_wd10  BIGINT,
    resolution_hours     BIGINT,
    resolution_wd10      BIGINT,
    on_time              BIGINT CHECK (on_time IN (0, 1)),
    reopened             BIGINT NOT NULL CHECK (reopened IN (0, 1)),
    rating               BIGINT CHECK (rating BETWEEN 1 AND 5),
    redirects            BIGINT NOT NULL,
    brushoffs            BIGINT NOT NULL
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
    synthetic     BIGINT NOT NULL,
    dim           TEXT NOT NULL,
    month         TEXT NOT NULL,
    bucket        TEXT NOT NULL,
    received      BIGINT NOT NULL,
    answered      BIGINT NOT NULL,
    closed        BIGINT NOT NULL,
    open          BIGINT NOT NULL,
    on_time       BIGINT NOT NULL,
    reopened      BIGINT NOT NULL,
    ever_answered BIGINT NOT NULL,
    rated         BIGINT NOT NULL,
    rating_sum    BIGINT NOT NULL,
    redirects     BIGINT NOT NULL,
    redirected    BIGINT NOT NULL,
    runarounds    BIGINT NOT NULL,
    brushoffs     BIGINT NOT NULL,
    brushed_off   BIGINT NOT NULL,
    PRIMARY KEY (dim, synthetic, month, bucket)
);

CREATE TABLE stats_durations (
    synthetic BIGINT NOT NULL,
    dim       TEXT NOT NULL,
    month     TEXT NOT NULL,
    bucket    TEXT NOT NULL,
    metric    BIGINT NOT NULL,
    value     BIGINT NOT NULL,
    n         BIGINT NOT NULL,
    PRIMARY KEY (dim, synthetic, month, bucket, metric, value)
);

CREATE TABLE stats_dirty (
    ticket_id BIGINT PRIMARY KEY,
    marks     BIGINT NOT NULL DEFAULT 1
);

CREATE FUNCTION stats_mark_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_dirty (ticket_id) VALUES (NEW.id)
    ON CONFLICT (ticket_id) DO UPDATE SET marks = stats_dirty.marks + 1;
    RETURN NULL;
END
$$;

CREATE FUNCTION stats_mark_rated_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_dirty (ticket_id) VALUES (NEW.ticket_id)
    ON CONFLICT (ticket_id) DO UPDATE SET marks = stats_dirty.marks + 1;
    RETURN NULL;
END
$$;

CREATE FUNCTION stats_mark_citizen_tickets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stats_dirty (ticket_id) SELECT id FROM tickets WHERE citizen_id = NEW.id
    ON CONFLICT (ticket_id) DO UPDATE SET marks = stats_dirty.marks + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER tickets_stats_dirty AFTER INSERT OR UPDATE ON tickets
    FOR EACH ROW EXECUTE FUNCTION stats_mark_ticket();
CREATE TRIGGER ratings_stats_dirty AFTER INSERT ON ratings
    FOR EACH ROW WHEN (NEW.ticket_id IS NOT NULL) EXECUTE FUNCTION stats_mark_rated_ticket();
CREATE TRIGGER citizens_stats_dirty AFTER UPDATE OF gender, age_band, disability ON citizens
    FOR EACH ROW EXECUTE FUNCTION stats_mark_citizen_tickets();

-- Tickets opened before this migration.
INSERT INTO stats_dirty (ticket_id) SELECT id FROM tickets;
