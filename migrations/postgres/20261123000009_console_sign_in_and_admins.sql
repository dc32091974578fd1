-- The web console: who administers, one-time login links and sessions.
-- Same tables as the SQLite migration of the same name, in PostgreSQL types.
--   console_admins       officers who may also administer (agencies, officers, invites, audit);
--   console_login_links  one-time, expiring links sent by /web, kept only as a SHA-256 of the token;
--   console_sessions     signed-in browsers, kept only as a SHA-256 of the cookie, with the
--                        per-session CSRF token every form must carry.

CREATE TABLE console_admins (
    officer_id BIGINT PRIMARY KEY REFERENCES officers (id),
    granted_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE console_login_links (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    officer_id BIGINT NOT NULL REFERENCES officers (id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);

CREATE TABLE console_sessions (
    id_hash    TEXT PRIMARY KEY,
    officer_id BIGINT NOT NULL REFERENCES officers (id),
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    ended_at   TIMESTAMPTZ
);

CREATE INDEX console_sessions_officer ON console_sessions (officer_id);
