-- Same tables as the SQLite migration of the same name, in PostgreSQL types.
-- How Kairyluu reaches an anonymous reporter without the ticket knowing who they are: the chat
-- lives here, apart from the ticket, and is never shown to officers, pages or exports. The
-- receipt code the reporter got is kept only as a hash.
CREATE TABLE sealed_channels (
    ticket_id    BIGINT PRIMARY KEY REFERENCES tickets (id),
    chat_id      BIGINT NOT NULL,
    receipt_hash TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX sealed_channels_chat ON sealed_channels (chat_id);

-- What the classifier suggested next to what the citizen chose: the best training signal.
CREATE TABLE routing_choices (
    ticket_id            BIGINT PRIMARY KEY REFERENCES tickets (id),
    suggested_kind       TEXT,
    suggested_agency     TEXT,
    suggested_implicated TEXT,
    confidence           DOUBLE PRECISION,
    chosen_kind          TEXT NOT NULL,
    chosen_agency        TEXT NOT NULL,
    source               TEXT NOT NULL
);
