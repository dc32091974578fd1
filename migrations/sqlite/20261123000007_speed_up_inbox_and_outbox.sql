-- Two changes to the Telegram queues. First, retry backoff for the inbox: an update whose
-- handling failed waits until next_attempt_at before it is tried again, and so do the later
-- updates of its chat (they are handled in order). NULL means "due now" (never failed).

ALTER TABLE inbox ADD COLUMN next_attempt_at TEXT;

-- Finding the earlier, waiting updates of a chat without scanning the whole pending inbox.
CREATE INDEX inbox_unhandled_by_chat ON inbox (bot_id, chat_id, id) WHERE handled_at IS NULL;

-- The sender claims the oldest pending messages (ORDER BY id). With only the not_before index,
-- SQLite walked the whole outbox, sent messages included, on every claim: a cost that grew with
-- every message ever sent (found by the bot throughput benchmark). This index holds only the
-- pending rows, in claiming order.
CREATE INDEX outbox_pending_in_order ON outbox (id) WHERE state = 'pending';
