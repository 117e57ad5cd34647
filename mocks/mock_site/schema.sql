-- The portal's data. Unique NIR and e-mail are the database's job, not the views'.
PRAGMA foreign_keys = ON;

DROP TABLE IF EXISTS account_session;
DROP TABLE IF EXISTS captcha_challenge;
DROP TABLE IF EXISTS signup_flow;
DROP TABLE IF EXISTS outbox;
DROP TABLE IF EXISTS account;

CREATE TABLE account (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    nir TEXT NOT NULL UNIQUE,                    -- 15 characters, no spaces
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    birth_name TEXT NOT NULL,
    first_name TEXT NOT NULL,
    password_hash TEXT,                          -- NULL: FranceConnect only
    sector TEXT NOT NULL DEFAULT 'prive' CHECK (sector IN ('prive', 'public')),
    career TEXT NOT NULL DEFAULT '[]',           -- JSON: [{"year": 2019, "quotite": 100}, ...]
    dif_hours INTEGER CHECK (dif_hours BETWEEN 0 AND 120),
    dif_reported_on TEXT,                        -- ISO date
    franceconnect_sub TEXT UNIQUE,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,                           -- ISO datetime, UTC
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- One row per signed-in browser session. The session cookie only names a row:
-- logging out deletes it, so a copy of the cookie taken before is worth nothing.
CREATE TABLE account_session (
    token TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- One row per signup in progress: the server-side state machine of the five steps.
CREATE TABLE signup_flow (
    id TEXT PRIMARY KEY,
    step INTEGER NOT NULL,                       -- the furthest step the user may open
    data TEXT NOT NULL DEFAULT '{}',             -- JSON: what was typed (password as a hash)
    captcha_failures INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE captcha_challenge (
    id TEXT PRIMARY KEY,
    flow_id TEXT NOT NULL REFERENCES signup_flow (id) ON DELETE CASCADE,
    word TEXT NOT NULL,
    answer_index INTEGER NOT NULL,               -- 0-based position of the right tile
    tiles TEXT NOT NULL,                         -- JSON: [{"token": ..., "picture": ...}, ...]
    expires_at TEXT NOT NULL,                    -- ISO datetime, UTC
    used INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    sent_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
