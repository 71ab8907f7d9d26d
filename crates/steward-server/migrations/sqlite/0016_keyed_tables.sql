-- Issue 8: a preference change's fsync'd commit pays a page for every
-- b-tree it touches. A rowid table keyed by something else keeps the row in
-- one b-tree and its key in another; WITHOUT ROWID keeps the row in its
-- key's b-tree, one page fewer per receipt, per opt-in and per new cell or
-- version. All four hold small rows looked up by their key, which is what
-- WITHOUT ROWID is for (the outbox's mail bodies are not, and stay).
-- Triggers go with the old table and are created again.

CREATE TABLE consent_receipts_keyed (
    id             BLOB PRIMARY KEY,
    user_id        BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    at             BIGINT NOT NULL,
    actor_user_id  BLOB,
    actor_name     TEXT NOT NULL,
    actor_kind     TEXT NOT NULL,
    reason         TEXT,
    subject        TEXT NOT NULL,
    old_state      TEXT NOT NULL,
    new_state      TEXT NOT NULL,
    source         TEXT NOT NULL,
    policy_version TEXT NOT NULL,
    account_id     BLOB
) WITHOUT ROWID;
INSERT INTO consent_receipts_keyed (id, user_id, at, actor_user_id, actor_name, actor_kind,
    reason, subject, old_state, new_state, source, policy_version, account_id)
SELECT id, user_id, at, actor_user_id, actor_name, actor_kind,
    reason, subject, old_state, new_state, source, policy_version, account_id
FROM consent_receipts;
-- A DROP TABLE's implicit delete fires no triggers.
DROP TABLE consent_receipts;
ALTER TABLE consent_receipts_keyed RENAME TO consent_receipts;
CREATE INDEX consent_receipts_user ON consent_receipts (user_id, at, id);
CREATE INDEX consent_receipts_user_id ON consent_receipts (user_id, id);
CREATE INDEX consent_receipts_account_id ON consent_receipts (account_id, id)
    WHERE account_id IS NOT NULL;
CREATE TRIGGER consent_receipts_immutable BEFORE UPDATE ON consent_receipts
BEGIN
    SELECT RAISE(ABORT, 'consent receipts are immutable');
END;
CREATE TRIGGER consent_receipts_kept BEFORE DELETE ON consent_receipts
BEGIN
    SELECT RAISE(ABORT, 'consent receipts are immutable');
END;

CREATE TABLE comm_optins_keyed (
    token_hash   TEXT PRIMARY KEY,
    user_id      BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose      TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    confirmed_at BIGINT
) WITHOUT ROWID;
INSERT INTO comm_optins_keyed (token_hash, user_id, purpose, created_at, expires_at, confirmed_at)
SELECT token_hash, user_id, purpose, created_at, expires_at, confirmed_at FROM comm_optins;
DROP TABLE comm_optins;
ALTER TABLE comm_optins_keyed RENAME TO comm_optins;
CREATE INDEX comm_optins_user ON comm_optins (user_id);

CREATE TABLE comm_prefs_keyed (
    user_id    BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    channel    TEXT NOT NULL,
    state      TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, purpose, channel)
) WITHOUT ROWID;
INSERT INTO comm_prefs_keyed (user_id, purpose, channel, state, updated_at)
SELECT user_id, purpose, channel, state, updated_at FROM comm_prefs;
DROP TABLE comm_prefs;
ALTER TABLE comm_prefs_keyed RENAME TO comm_prefs;

CREATE TABLE comm_pref_versions_keyed (
    user_id BLOB PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    version BIGINT NOT NULL
) WITHOUT ROWID;
INSERT INTO comm_pref_versions_keyed (user_id, version)
SELECT user_id, version FROM comm_pref_versions;
DROP TABLE comm_pref_versions;
ALTER TABLE comm_pref_versions_keyed RENAME TO comm_pref_versions;
