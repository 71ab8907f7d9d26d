-- "Download my data" (PR-15). A job builds the archive in the background
-- and stores it here in chunks, so any server behind the load balancer can
-- report progress and serve the download. The runner holds a lease it renews
-- as it writes; a job whose lease ran out is taken over and started again.
CREATE TABLE export_jobs (
    id           UUID PRIMARY KEY,
    account_id   UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    requested_by UUID REFERENCES users(id) ON DELETE SET NULL,
    status       TEXT NOT NULL CHECK (status IN ('running', 'ready', 'failed', 'expired')),
    runner       UUID,
    lease_until  BIGINT NOT NULL,
    done         BIGINT NOT NULL,
    total        BIGINT NOT NULL,
    step         TEXT,
    bytes        BIGINT NOT NULL,
    chunks       BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    finished_at  BIGINT,
    expires_at   BIGINT,
    error        TEXT
);
CREATE INDEX export_jobs_account ON export_jobs (account_id, requested_by, created_at);
CREATE INDEX export_jobs_status ON export_jobs (status, expires_at);

CREATE TABLE export_chunks (
    job_id UUID NOT NULL REFERENCES export_jobs(id) ON DELETE CASCADE,
    seq    BIGINT NOT NULL,
    data   BYTEA NOT NULL,
    PRIMARY KEY (job_id, seq)
);

-- The export walks each table by (owner, id) pages.
CREATE INDEX invoices_account_id ON invoices (account_id, id);
CREATE INDEX profile_changes_account_id ON profile_changes (account_id, id);
CREATE INDEX correction_requests_account_id ON correction_requests (account_id, id);
CREATE INDEX verification_requests_account_id ON verification_requests (account_id, id);
CREATE INDEX invitations_account_id ON invitations (account_id, id);
CREATE INDEX card_entries_account_id ON card_entries (account_id, id);
CREATE INDEX sharing_ledger_account_id ON sharing_ledger (account_id, id);
CREATE INDEX consent_receipts_user_id ON consent_receipts (user_id, id);
CREATE INDEX consent_receipts_account_id ON consent_receipts (account_id, id);
CREATE INDEX activity_events_user_id ON activity_events (user_id, id);
CREATE INDEX token_families_user_id ON token_families (user_id, id);
CREATE INDEX outbox_recipient_id ON outbox (recipient, id);
