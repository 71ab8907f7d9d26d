-- Communication preferences (PR-4, PR-5): only cells that differ from the
-- purpose's default are stored; `comm_pref_versions` is the matrix's ETag.
CREATE TABLE comm_prefs (
    user_id    UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    channel    TEXT NOT NULL,
    state      TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, purpose, channel)
);

CREATE TABLE comm_pref_versions (
    user_id UUID PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    version BIGINT NOT NULL
);

-- Double opt-in: a promotional e-mail subscription counts once the
-- recipient follows the link (only the link token's hash is kept).
CREATE TABLE comm_optins (
    token_hash   TEXT PRIMARY KEY,
    user_id      UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose      TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    confirmed_at BIGINT
);
CREATE INDEX comm_optins_user ON comm_optins (user_id);

-- Consent receipts: written in the transaction of the change they record,
-- and never changed afterwards (the trigger refuses any UPDATE).
CREATE TABLE consent_receipts (
    id             UUID PRIMARY KEY,
    user_id        UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    at             BIGINT NOT NULL,
    actor_user_id  UUID,
    actor_name     TEXT NOT NULL,
    actor_kind     TEXT NOT NULL,
    reason         TEXT,
    subject        TEXT NOT NULL,
    old_state      TEXT NOT NULL,
    new_state      TEXT NOT NULL,
    source         TEXT NOT NULL,
    policy_version TEXT NOT NULL
);
CREATE INDEX consent_receipts_user ON consent_receipts (user_id, at, id);

CREATE FUNCTION consent_receipts_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'consent receipts are immutable';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER consent_receipts_immutable BEFORE UPDATE ON consent_receipts
    FOR EACH ROW EXECUTE FUNCTION consent_receipts_immutable();

-- Keys the servers share (e.g. for signing unsubscribe links): created
-- once in the database, so every server behind the load balancer agrees.
CREATE TABLE server_keys (
    name       TEXT PRIMARY KEY,
    secret     BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);
