-- The payment vault (PR-2): what a card leaves behind is a token, brand,
-- last four digits, expiry and billing address. Never the number.
ALTER TABLE payment_methods ADD COLUMN billing_address TEXT;

-- Card-entry pages: short-lived and single use. Only the hash of the
-- page's token is stored, as for every other token.
CREATE TABLE card_entries (
    id                BLOB PRIMARY KEY,
    account_id        BLOB NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    token_hash        TEXT NOT NULL UNIQUE,
    created_by        BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at        BIGINT NOT NULL,
    expires_at        BIGINT NOT NULL,
    completed_at      BIGINT,
    payment_method_id BLOB
);
CREATE INDEX card_entries_account ON card_entries (account_id);
