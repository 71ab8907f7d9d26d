-- Consent receipts are kept: deleting one is refused like changing one.
-- (An account deletion, issue 5, must keep or anonymise them explicitly.)
CREATE TRIGGER consent_receipts_kept BEFORE DELETE ON consent_receipts
BEGIN
    SELECT RAISE(ABORT, 'consent receipts are immutable');
END;
