-- Issue 6: the staff workspace (PR-10, PR-11, PR-16, PR-17).
-- SQLite flavour. Keep in step with migrations/postgres's 0012.

-- Shown to customers instead of the staff member's name, if set.
ALTER TABLE users ADD COLUMN staff_pseudonym TEXT;

-- Customer search: one row per searchable value of an account, lower-cased.
-- Prefix matches use the B-tree on `value`; substring matches use the
-- trigram FTS5 index below. Rebuilt per account by `reindex_customer`.
CREATE TABLE search_terms (
    id         INTEGER PRIMARY KEY,
    account_id BLOB NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    field      TEXT NOT NULL,
    value      TEXT NOT NULL,
    shown      TEXT NOT NULL
);
CREATE INDEX search_terms_value ON search_terms (value);
CREATE INDEX search_terms_account ON search_terms (account_id);
CREATE VIRTUAL TABLE search_terms_fts USING fts5(
    value, content = 'search_terms', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER search_terms_ai AFTER INSERT ON search_terms BEGIN
    INSERT INTO search_terms_fts (rowid, value) VALUES (new.id, new.value);
END;
CREATE TRIGGER search_terms_ad AFTER DELETE ON search_terms BEGIN
    INSERT INTO search_terms_fts (search_terms_fts, rowid, value) VALUES ('delete', old.id, old.value);
END;

-- The tamper-evident audit log: each entry's hash covers its fields and the
-- previous entry's hash. `audit_head` is the chain's end, bumped first in
-- every append so appends serialise. No foreign keys: entries outlive what
-- they are about (an erased account keeps its access history).
CREATE TABLE audit_log (
    seq           BIGINT PRIMARY KEY,
    at            BIGINT NOT NULL,
    staff_user_id BLOB NOT NULL,
    staff_name    TEXT NOT NULL,
    shown_as      TEXT NOT NULL,
    staff_role    TEXT NOT NULL,
    account_id    BLOB,
    action        TEXT NOT NULL,
    what          TEXT NOT NULL,
    reason        TEXT,
    ticket        TEXT,
    ip            TEXT,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE INDEX audit_log_account ON audit_log (account_id, seq);
CREATE INDEX audit_log_staff ON audit_log (staff_user_id, seq);
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- PR-10: the PIN a person gives support on the phone (argon2 hash).
CREATE TABLE support_pins (
    user_id  BLOB PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    pin_hash TEXT NOT NULL,
    set_at   BIGINT NOT NULL
);

-- One-time codes sent to a caller's sign-in address; one live code per person.
CREATE TABLE caller_codes (
    user_id    BLOB PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE caller_checks (
    id            BLOB PRIMARY KEY,
    account_id    BLOB NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    user_id       BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    staff_user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    method        TEXT NOT NULL CHECK (method IN ('support_pin', 'email_code')),
    passed        BIGINT NOT NULL,
    checked_at    BIGINT NOT NULL,
    valid_until   BIGINT NOT NULL
);
CREATE INDEX caller_checks_user ON caller_checks (user_id, checked_at);
CREATE INDEX caller_checks_account ON caller_checks (account_id, checked_at);

-- A staff member acting on a customer's behalf; one open session per pair.
CREATE TABLE acting_sessions (
    id            BLOB PRIMARY KEY,
    staff_user_id BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    account_id    BLOB NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    reason        TEXT NOT NULL,
    ticket        TEXT,
    started_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    ended_at      BIGINT
);
CREATE INDEX acting_sessions_staff ON acting_sessions (staff_user_id, account_id, expires_at);

-- PR-17: the customer may require their approval before staff reveal or act.
CREATE TABLE staff_access_settings (
    account_id       BLOB PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    require_approval BIGINT NOT NULL,
    granted_until    BIGINT,
    updated_at       BIGINT NOT NULL
);

-- PR-10: support tickets and their messages; internal notes are staff-only.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('ticket', 0);
CREATE TABLE tickets (
    id             BLOB PRIMARY KEY,
    number         BIGINT NOT NULL UNIQUE,
    account_id     BLOB NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    subject        TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('open', 'pending', 'closed')),
    opened_by      BLOB REFERENCES users(id) ON DELETE SET NULL,
    opened_by_name TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX tickets_account ON tickets (account_id, updated_at);
CREATE INDEX tickets_status ON tickets (status, updated_at);
CREATE TABLE ticket_messages (
    id             BLOB PRIMARY KEY,
    ticket_id      BLOB NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    author_user_id BLOB REFERENCES users(id) ON DELETE SET NULL,
    author_name    TEXT NOT NULL,
    author_kind    TEXT NOT NULL CHECK (author_kind IN ('customer', 'staff')),
    body           TEXT NOT NULL,
    internal       BIGINT NOT NULL,
    at             BIGINT NOT NULL
);
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, at);

-- Customer search by invoice number (prefix).
CREATE INDEX invoices_number ON invoices (number);

-- Password reset links staff send (the person chooses the new password).
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id    BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX password_resets_user ON password_resets (user_id);
