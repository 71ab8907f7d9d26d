-- Issue 3: profile, verification and corrections, security, team.
-- PostgreSQL flavour. Keep in step with migrations/sqlite's 0002 (same columns, same meaning).

ALTER TABLE accounts ADD COLUMN invoiced_at BIGINT;
-- Bumped by every membership change: the first statement of those
-- transactions, so concurrent changes serialise (the last owner stays).
ALTER TABLE accounts ADD COLUMN team_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN password_changed_at BIGINT;

-- PR-1: the profile document (JSON of steward_types::Profile), versioned
-- for optimistic concurrency.
CREATE TABLE account_profiles (
    account_id UUID PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    doc        TEXT NOT NULL,
    version    BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE profile_changes (
    id            UUID PRIMARY KEY,
    account_id    UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    version       BIGINT NOT NULL,
    field         TEXT NOT NULL,
    old_value     TEXT,
    new_value     TEXT,
    actor_user_id UUID,
    actor_name    TEXT NOT NULL,
    actor_kind    TEXT NOT NULL CHECK (actor_kind IN ('member', 'staff', 'system')),
    at            BIGINT NOT NULL
);
CREATE INDEX profile_changes_account ON profile_changes (account_id, version);

-- PR-8: verification requests, raised by staff or by the yearly schedule.
CREATE TABLE verification_requests (
    id            UUID PRIMARY KEY,
    account_id    UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    source        TEXT NOT NULL CHECK (source IN ('staff', 'schedule')),
    actor_user_id UUID,
    actor_name    TEXT NOT NULL,
    actor_kind    TEXT NOT NULL,
    reason        TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    due_at        BIGINT NOT NULL,
    completed_at  BIGINT
);
CREATE INDEX verification_requests_account ON verification_requests (account_id);
-- At most one open scheduled request per account, however many servers look.
CREATE UNIQUE INDEX verification_requests_one_scheduled
    ON verification_requests (account_id) WHERE source = 'schedule' AND completed_at IS NULL;

CREATE TABLE verification_checks (
    request_id    UUID NOT NULL REFERENCES verification_requests(id) ON DELETE CASCADE,
    item          TEXT NOT NULL,
    confirmed_at  BIGINT,
    actor_user_id UUID,
    actor_name    TEXT,
    actor_kind    TEXT,
    PRIMARY KEY (request_id, item)
);

-- PR-9: corrections to fields the customer cannot edit directly.
CREATE TABLE correction_requests (
    id              UUID PRIMARY KEY,
    account_id      UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    field           TEXT NOT NULL,
    current_value   TEXT,
    requested_value TEXT NOT NULL,
    reason          TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'in_review', 'done', 'declined')),
    resolution      TEXT,
    actor_user_id   UUID,
    actor_name      TEXT NOT NULL,
    actor_kind      TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX correction_requests_account ON correction_requests (account_id, created_at);

-- A sign-in e-mail change waiting for the code sent to the new address.
CREATE TABLE email_changes (
    user_id    UUID PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    new_email  TEXT NOT NULL,
    code_hash  TEXT NOT NULL,
    attempts   BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- PR-13: two-factor sign-in (RFC 6238). last_step makes each code single-use.
CREATE TABLE totp_credentials (
    user_id      UUID PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    secret       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    confirmed_at BIGINT,
    last_step    BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE recovery_codes (
    user_id   UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at   BIGINT,
    PRIMARY KEY (user_id, code_hash)
);

-- PR-13: sign-ins and security changes, with address and browser or app.
CREATE TABLE activity_events (
    id         UUID PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    at         BIGINT NOT NULL,
    ip_address TEXT,
    user_agent TEXT,
    detail     TEXT
);
CREATE INDEX activity_events_user ON activity_events (user_id, at);

-- PR-12: invitations to join an account.
CREATE TABLE invitations (
    id              UUID PRIMARY KEY,
    account_id      UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    email           TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('owner', 'billing_manager', 'viewer')),
    code_hash       TEXT NOT NULL UNIQUE,
    invited_by      TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    last_sent_at    BIGINT NOT NULL,
    accepted_at     BIGINT,
    cancelled_at    BIGINT
);
CREATE INDEX invitations_account ON invitations (account_id);
-- One live invitation per address and account.
CREATE UNIQUE INDEX invitations_one_pending
    ON invitations (account_id, email) WHERE accepted_at IS NULL AND cancelled_at IS NULL;

-- Mail the server sends (verification codes, invitations). A relay delivers
-- it in production; the demo and the tests read it through the API.
CREATE TABLE outbox (
    id         UUID PRIMARY KEY,
    recipient  TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX outbox_recipient ON outbox (recipient, created_at);
