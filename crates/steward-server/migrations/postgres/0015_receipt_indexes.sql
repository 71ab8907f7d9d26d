-- Issue 8: every consent receipt went into four indexes besides its key, and
-- a preference change paid a page of its fsync'd commit for each. Receipts
-- are read by person and time (the receipts page), and by person and id or
-- account and id (the export); nothing reads them by account and time.
-- Receipts of a person's own choices name no account, so the account's
-- index keeps only the receipts that do (`account_id = $1` implies it).
DROP INDEX consent_receipts_account;
DROP INDEX consent_receipts_account_id;
CREATE INDEX consent_receipts_account_id ON consent_receipts (account_id, id)
    WHERE account_id IS NOT NULL;
