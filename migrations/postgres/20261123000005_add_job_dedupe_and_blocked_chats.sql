-- Reminders as durable jobs. A dedupe key names a reminder (its kind, ticket and deadline), so the
-- same reminder is never enqueued twice, even by two processes; jobs without one (NULL) are not
-- constrained. Chats that blocked the bot are remembered, so nothing more is queued or sent to
-- them. Same change as the SQLite migration of the same name.

ALTER TABLE jobs ADD COLUMN dedupe_key TEXT;
CREATE UNIQUE INDEX jobs_dedupe_key ON jobs (dedupe_key);

CREATE TABLE blocked_chats (
    chat_id     BIGINT PRIMARY KEY,
    reason      TEXT NOT NULL,
    blocked_at  TIMESTAMPTZ NOT NULL
);
