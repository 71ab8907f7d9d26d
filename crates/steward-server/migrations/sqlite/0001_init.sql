-- Steward schema, SQLite flavour. Keep in step with migrations/postgres.
-- Timestamps are Unix milliseconds (INTEGER): identical comparisons on both stores.

CREATE TABLE users (
    id            BLOB PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    disabled_at   INTEGER
);

CREATE TABLE user_roles (
    user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role    TEXT NOT NULL CHECK (role IN ('customer', 'agent', 'admin')),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE accounts (
    id         BLOB PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('personal', 'company')),
    created_at INTEGER NOT NULL
);

CREATE TABLE account_members (
    account_id BLOB NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    user_id    BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'billing_manager', 'viewer')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, user_id)
);
CREATE INDEX account_members_user ON account_members (user_id);

-- One row per sign-in: the refresh-token family (a session, PR-13).
CREATE TABLE token_families (
    id             BLOB PRIMARY KEY,
    user_id        BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    client_id      TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    last_used_at   INTEGER NOT NULL,
    revoked_at     INTEGER,
    revoked_reason TEXT,
    user_agent     TEXT,
    ip_address     TEXT
);
CREATE INDEX token_families_user ON token_families (user_id);

CREATE TABLE oauth_codes (
    code_hash      TEXT PRIMARY KEY,
    client_id      TEXT NOT NULL,
    user_id        BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    redirect_uri   TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    scope          TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    used_at        INTEGER,
    family_id      BLOB REFERENCES token_families(id) ON DELETE CASCADE
);
CREATE INDEX oauth_codes_expiry ON oauth_codes (expires_at);

CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id  BLOB NOT NULL REFERENCES token_families(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE access_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id  BLOB NOT NULL REFERENCES token_families(id) ON DELETE CASCADE,
    user_id    BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
CREATE INDEX access_tokens_family ON access_tokens (family_id);

-- Failed sign-ins, per throttle key (account e-mail or client address).
-- Kept in the database so that the limits hold across server instances.
CREATE TABLE signin_failures (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    throttle_key TEXT NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX signin_failures_key_at ON signin_failures (throttle_key, at);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
