-- Cookie consent (PR-14), per person: what the service's web properties may
-- set beyond the necessary cookies. No row: only the defaults (refused).
CREATE TABLE cookie_consent (
    user_id     BLOB PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    preferences BIGINT NOT NULL,
    analytics   BIGINT NOT NULL,
    version     BIGINT NOT NULL,
    decided_at  BIGINT NOT NULL
);
