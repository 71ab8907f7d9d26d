//! Typed calls for policy notices (PR-7).

use reqwest::Method;
use steward_types::notices::{NewPolicyVersion, NoticeInbox, PolicyVersion};

use crate::client::StewardClient;
use crate::error::Result;

/// A version name as one path segment (names are slugs, but the client does
/// not rely on the server having checked that): `/`, spaces and dots, which
/// could make `..` climb the path, are escaped.
fn notice_path(version: &str, action: &str) -> String {
    let segment: String = url::form_urlencoded::byte_serialize(version.as_bytes()).collect();
    format!(
        "/v1/me/notices/{}/{action}",
        segment.replace('+', "%20").replace('.', "%2E")
    )
}

impl StewardClient {
    pub async fn notices(&self) -> Result<NoticeInbox> {
        self.get_json("/v1/me/notices").await
    }

    pub async fn mark_notice_read(&self, version: &str) -> Result<NoticeInbox> {
        self.send_json::<(), _>(Method::POST, &notice_path(version, "read"), None)
            .await
    }

    /// Recorded once, with a consent receipt; repeating it is harmless.
    pub async fn acknowledge_notice(&self, version: &str) -> Result<NoticeInbox> {
        self.send_json::<(), _>(Method::POST, &notice_path(version, "acknowledge"), None)
            .await
    }

    pub async fn policy_versions(&self) -> Result<Vec<PolicyVersion>> {
        self.get_json("/v1/policy-versions").await
    }

    /// Administrators only.
    pub async fn publish_policy_version(&self, input: &NewPolicyVersion) -> Result<PolicyVersion> {
        self.send_json(Method::POST, "/v1/staff/policy-versions", Some(input))
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::notice_path;

    #[test]
    fn a_version_is_one_path_segment() {
        assert_eq!(
            notice_path("privacy-policy-2026", "read"),
            "/v1/me/notices/privacy-policy-2026/read"
        );
        assert_eq!(
            notice_path("../x y", "read"),
            "/v1/me/notices/%2E%2E%2Fx%20y/read"
        );
    }
}
