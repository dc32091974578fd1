-- The web console: who administers, one-time login links and sessions.
--   console_admins       officers who may also administer (agencies, officers, invites, audit);
--   console_login_links  one-time, expiring links sent by /web, kept only as a SHA-256 of the token;
--   console_sessions     signed-in browsers, kept only as a SHA-256 of the cookie, with the
--                        per-session CSRF token every form must carry.

CREATE TABLE console_admins (
    officer_id INTEGER PRIMARY KEY REFERENCES officers (id),
    granted_at TEXT NOT NULL
);

CREATE TABLE console_login_links (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    officer_id INTEGER NOT NULL REFERENCES officers (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);

CREATE TABLE console_sessions (
    id_hash    TEXT PRIMARY KEY,
    officer_id INTEGER NOT NULL REFERENCES officers (id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ended_at   TEXT
);

CREATE INDEX console_sessions_officer ON console_sessions (officer_id);
