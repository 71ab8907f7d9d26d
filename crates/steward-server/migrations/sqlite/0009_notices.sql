-- Policy versions and notices (PR-7). A version is published by an
-- administrator with a summary and what it concerns; every receipt quotes the
-- version in force at its time (see write_receipt).
CREATE TABLE policy_versions (
    version        TEXT PRIMARY KEY,
    title          TEXT NOT NULL,
    summary        TEXT NOT NULL,
    concerns       TEXT NOT NULL,
    opt_outs       TEXT NOT NULL,
    review_section TEXT,
    published_at   BIGINT NOT NULL,
    effective_at   BIGINT NOT NULL,
    published_by   BLOB REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX policy_versions_effective ON policy_versions (effective_at, published_at);
CREATE INDEX policy_versions_published ON policy_versions (published_at);

-- The policy the service launched with: in force from the start, no notice.
INSERT INTO policy_versions (version, title, summary, concerns, opt_outs, review_section,
                             published_at, effective_at, published_by)
VALUES ('privacy-policy-2013', 'Privacy policy',
        'The privacy policy the service has followed since 2013.',
        'personal_information', '[]', NULL, 0, 0, NULL);

-- Where each person stands with each notice. No row: unread.
CREATE TABLE notice_states (
    user_id         BLOB NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    version         TEXT NOT NULL REFERENCES policy_versions(version),
    read_at         BIGINT,
    acknowledged_at BIGINT,
    PRIMARY KEY (user_id, version)
);
