-- Pacing of the outbox sender that holds across processes (replicas on one database): one row
-- per paced key, holding the earliest moment the next message may go, in microseconds since the
-- Unix epoch. chat_id 0 is the bot-wide limit (no Telegram chat has id 0); a private chat
-- (positive id) or a group (negative id) has its own row. A row whose next_at is past means the
-- same as no row, so old rows can be deleted at any time.
CREATE TABLE send_pacing (
    chat_id BIGINT PRIMARY KEY,
    next_at BIGINT NOT NULL
);
