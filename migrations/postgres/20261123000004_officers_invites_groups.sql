-- The officer desk: who may act for an agency and where their tickets are shown.
-- Same tables as the SQLite migration of the same name, in PostgreSQL types.
--   officers.lang      the language officers read their cards in;
--   officer_invites    one-time, expiring sign-up links, kept only as a SHA-256 of the token;
--   agency_groups      an agency's forum supergroup, when it works in topics;
--   ticket_topics      the forum topic of each ticket in its agency's group;
--   ticket_cards       which sent message shows which ticket, so a reply to a card finds it;
--   officer_pending    what an officer's next message means (a reply, a reason…);
--   answer_disputes    "not resolved" and "brush-off" verdicts on answers, counted per agency.

ALTER TABLE officers ADD COLUMN lang TEXT NOT NULL DEFAULT 'ru' CHECK (lang IN ('ky', 'ru'));

CREATE TABLE officer_invites (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    agency       TEXT NOT NULL REFERENCES agencies (code),
    role         TEXT NOT NULL CHECK (role IN ('officer', 'head')),
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ,
    officer_id   BIGINT REFERENCES officers (id),
    CHECK ((used_at IS NULL) = (officer_id IS NULL))
);

CREATE TABLE agency_groups (
    agency    TEXT PRIMARY KEY REFERENCES agencies (code),
    chat_id   BIGINT NOT NULL UNIQUE,
    linked_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE ticket_topics (
    ticket_id  BIGINT PRIMARY KEY REFERENCES tickets (id),
    chat_id    BIGINT NOT NULL,
    -- NULL until Telegram created the topic.
    thread_id  INTEGER,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (chat_id, thread_id)
);

CREATE TABLE ticket_cards (
    chat_id    BIGINT NOT NULL,
    message_id INTEGER NOT NULL,
    ticket_id  BIGINT NOT NULL REFERENCES tickets (id),
    PRIMARY KEY (chat_id, message_id)
);

CREATE TABLE officer_pending (
    officer_id BIGINT PRIMARY KEY REFERENCES officers (id),
    state      TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE answer_disputes (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id BIGINT NOT NULL REFERENCES tickets (id),
    -- The agency that gave the disputed answer (the ticket may move on later).
    agency    TEXT NOT NULL REFERENCES agencies (code),
    verdict   TEXT NOT NULL CHECK (verdict IN ('not_resolved', 'brush_off')),
    at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX answer_disputes_agency ON answer_disputes (agency, verdict);
