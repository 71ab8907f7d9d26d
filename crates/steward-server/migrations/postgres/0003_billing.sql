-- Issue 4: billing (PR-2, PR-3). PostgreSQL flavour. Keep in step with migrations/sqlite's 0003.
-- Money is exact: decimal strings (TEXT) with a currency, never floats.
-- Plans are the product catalogue and live in code (billing/catalog.rs).

CREATE TABLE subscriptions (
    account_id    UUID PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    plan_id       TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('active', 'cancelling', 'cancelled')),
    period_start  BIGINT NOT NULL,
    period_end    BIGINT NOT NULL,
    cancel_reason TEXT,
    version       BIGINT NOT NULL
);

CREATE TABLE invoices (
    id         UUID PRIMARY KEY,
    account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    number     TEXT NOT NULL,
    issued_at  BIGINT NOT NULL,
    due_at     BIGINT NOT NULL,
    paid_at    BIGINT,
    status     TEXT NOT NULL CHECK (status IN ('open', 'paid', 'void', 'refunded')),
    currency   TEXT NOT NULL,
    subtotal   TEXT NOT NULL,
    tax_rate   TEXT NOT NULL,
    tax        TEXT NOT NULL,
    total      TEXT NOT NULL,
    -- Numbers run per account; the prefix is only a hint of the account.
    UNIQUE (account_id, number)
);
-- Keyset pagination: newest first, ties broken by id.
CREATE INDEX invoices_account_issued ON invoices (account_id, issued_at, id);

CREATE TABLE invoice_lines (
    invoice_id  UUID NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    position    BIGINT NOT NULL,
    description TEXT NOT NULL,
    quantity    BIGINT NOT NULL,
    unit_price  TEXT NOT NULL,
    amount      TEXT NOT NULL,
    PRIMARY KEY (invoice_id, position)
);

CREATE TABLE licenses (
    id         UUID PRIMARY KEY,
    account_id UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    product    TEXT NOT NULL,
    seats      BIGINT NOT NULL,
    term_start BIGINT NOT NULL,
    term_end   BIGINT NOT NULL,
    auto_renew BIGINT NOT NULL
);
CREATE INDEX licenses_account ON licenses (account_id);

CREATE TABLE license_events (
    license_id UUID NOT NULL REFERENCES licenses(id) ON DELETE CASCADE,
    at         BIGINT NOT NULL,
    kind       TEXT NOT NULL,
    detail     TEXT NOT NULL
);
CREATE INDEX license_events_license ON license_events (license_id, at);

CREATE TABLE usage_months (
    account_id   UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    month        TEXT NOT NULL,
    downloads    BIGINT NOT NULL,
    bandwidth_gb TEXT NOT NULL,
    storage_gb   TEXT NOT NULL,
    PRIMARY KEY (account_id, month)
);

-- Stored cards: what the vault keeps (token, brand, last four, expiry).
-- There is no column for a card number.
CREATE TABLE payment_methods (
    id          UUID PRIMARY KEY,
    account_id  UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    vault_token TEXT NOT NULL,
    brand       TEXT NOT NULL,
    last4       TEXT NOT NULL,
    exp_month   BIGINT NOT NULL,
    exp_year    BIGINT NOT NULL,
    is_default  BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX payment_methods_account ON payment_methods (account_id);

-- Idempotency-Key records: written in the same transaction as the change
-- they guard, so a retry after a crash finds either both or neither.
CREATE TABLE idempotency_keys (
    account_id   UUID NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    idem_key     TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response     TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (account_id, idem_key)
);
