-- Retry backoff for the inbox: an update whose handling failed waits until next_attempt_at
-- before it is tried again, and so do the later updates of its chat (they are handled in order).
-- NULL means "due now" (never failed).

ALTER TABLE inbox ADD COLUMN next_attempt_at TIMESTAMPTZ;

-- Finding the earlier, waiting updates of a chat without scanning the whole pending inbox.
CREATE INDEX inbox_unhandled_by_chat ON inbox (bot_id, chat_id, id) WHERE handled_at IS NULL;
