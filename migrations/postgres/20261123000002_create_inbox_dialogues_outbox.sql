-- Same tables as the SQLite migration of the same name, in PostgreSQL types.
-- The Telegram adapter's durable queues. The inbox holds every update before it is handled (so an
-- acknowledged update is never lost), the dialogues hold each chat's conversation state (so a
-- restart loses no conversation), and the outbox holds every message to send (so sends survive a
-- crash and respect Telegram's limits across processes).

CREATE TABLE inbox (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bot_id      BIGINT NOT NULL,
    update_id   BIGINT NOT NULL,
    -- SHA-256 of the update: Telegram may restart update ids after a long quiet spell, so an
    -- update is a repeat only when both its id and its content match.
    digest      TEXT NOT NULL,
    chat_id     BIGINT,
    -- The update as received; cleared once handled, so message texts are not kept here.
    payload     TEXT,
    received_at TIMESTAMPTZ NOT NULL,
    handled_at  TIMESTAMPTZ,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    UNIQUE (bot_id, update_id, digest)
);
CREATE INDEX inbox_unhandled ON inbox (bot_id, id) WHERE handled_at IS NULL;

CREATE TABLE dialogues (
    chat_id     BIGINT PRIMARY KEY,
    state       TEXT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE outbox (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chat_id      BIGINT NOT NULL,
    method       TEXT NOT NULL,
    payload      TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    not_before   TIMESTAMPTZ NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    leased_until TIMESTAMPTZ,
    leased_by    TEXT,
    last_error   TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    sent_at      TIMESTAMPTZ
);
CREATE INDEX outbox_pending ON outbox (not_before) WHERE state = 'pending';
