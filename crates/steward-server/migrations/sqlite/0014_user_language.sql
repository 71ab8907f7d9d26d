-- Issue 9: the console's language, chosen per user (members of one company
-- account may read different languages). BCP 47 tags of steward_types::Language.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'en'
    CHECK (language IN ('en', 'de'));
