-- Consent receipts are kept: deleting one is refused like changing one.
-- (An account deletion, issue 5, must keep or anonymise them explicitly.)
CREATE TRIGGER consent_receipts_kept BEFORE DELETE ON consent_receipts
    FOR EACH ROW EXECUTE FUNCTION consent_receipts_immutable();
CREATE FUNCTION consent_receipts_no_truncate() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'consent receipts are immutable';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER consent_receipts_no_truncate BEFORE TRUNCATE ON consent_receipts
    FOR EACH STATEMENT EXECUTE FUNCTION consent_receipts_no_truncate();
