-- Sharing with service partners (PR-6). One row per account holds the
-- switch; every export locks it first (`exports` is bumped), so an export
-- and an opt-out never interleave: an export either committed before the
-- opt-out or sees it.
CREATE TABLE sharing_settings (
    account_id UUID PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    share_none BIGINT NOT NULL,
    opted_out  TEXT NOT NULL,
    version    BIGINT NOT NULL,
    exports    BIGINT NOT NULL
);

CREATE TABLE sharing_ledger (
    id         UUID PRIMARY KEY,
    account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    partner_id TEXT NOT NULL,
    categories TEXT NOT NULL,
    reason     TEXT NOT NULL,
    at         BIGINT NOT NULL
);
CREATE INDEX sharing_ledger_account ON sharing_ledger (account_id, at, id);

-- Receipts of account-level choices (sharing) also name the account.
ALTER TABLE consent_receipts ADD COLUMN account_id UUID;
CREATE INDEX consent_receipts_account ON consent_receipts (account_id, at, id);
