-- Service partners (PR-6), managed by administrators. A partner receives
-- nothing before `starts_at`: the moment the policy version that announced
-- it takes effect (PR-7). Retired, never deleted: the sharing ledger keeps
-- naming them. The first five are the partners of the policy customers
-- first accepted, in force from the start.
CREATE TABLE partners (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    purpose      TEXT NOT NULL,
    categories   TEXT NOT NULL,
    privacy_url  TEXT NOT NULL,
    optional     BIGINT NOT NULL,
    curtails     TEXT NOT NULL,
    announced_in TEXT REFERENCES policy_versions(version),
    starts_at    BIGINT NOT NULL,
    retired_at   BIGINT,
    version      BIGINT NOT NULL
);

INSERT INTO partners (id, name, purpose, categories, privacy_url, optional, curtails, starts_at, version) VALUES
('northbeam-cdn', 'Northbeam CDN', 'Delivers your media to listeners and viewers worldwide.',
 '["IP addresses of downloads","download logs"]', 'https://northbeam.example/privacy', 0,
 'Media is served from our own servers only: slower downloads far from them.', 0, 1),
('ledgerline-payments', 'Ledgerline Payments', 'Charges your card for your plan.',
 '["billing name","billing address","card token"]', 'https://ledgerline.example/privacy', 0,
 'Cards cannot be charged: you pay each invoice by bank transfer.', 0, 1),
('tally-insights', 'Tally Insights', 'Aggregate audience statistics for your usage reports.',
 '["usage records"]', 'https://tally.example/privacy', 1,
 'Usage reports show downloads only, without audience breakdowns.', 0, 1),
('network-liaison', 'ISPs and network administrators', 'We advocate for you when an ISP or corporate network blocks your media.',
 '["account name","contact e-mail","IP ranges"]', 'https://steward.example/privacy/network-liaison', 1,
 'We cannot contact networks on your behalf when they block your media.', 0, 1),
('postbox-mailing', 'Postbox Mailing', 'Sends our newsletters and product e-mail.',
 '["name","e-mail address"]', 'https://postbox.example/privacy', 1,
 'No newsletters or product e-mail reach you, whatever Communications says.', 0, 1);
