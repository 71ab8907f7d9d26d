-- Account deletion (PR-19, PR-20): a request waits out a cooling-off period
-- and is then carried out by staff, unless a legal hold blocks it.
CREATE TABLE deletion_requests (
    id                UUID PRIMARY KEY,
    account_id        UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    requested_by      UUID REFERENCES users(id) ON DELETE SET NULL,
    requested_by_name TEXT NOT NULL,
    reason            TEXT,
    status            TEXT NOT NULL CHECK (status IN ('pending', 'cancelled', 'completed')),
    requested_at      BIGINT NOT NULL,
    effective_at      BIGINT NOT NULL,
    closed_at         BIGINT,
    closed_by         TEXT
);
-- One pending request per account.
CREATE UNIQUE INDEX deletion_requests_one_pending ON deletion_requests (account_id)
    WHERE status = 'pending';
CREATE INDEX deletion_requests_account ON deletion_requests (account_id, requested_at);
CREATE INDEX deletion_requests_pending ON deletion_requests (status, effective_at);

CREATE TABLE legal_holds (
    account_id  UUID PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    explanation TEXT NOT NULL,
    placed_by   UUID REFERENCES users(id) ON DELETE SET NULL,
    placed_at   BIGINT NOT NULL
);
