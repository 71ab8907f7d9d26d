//! OAuth 2.0 wire types (RFC 6749, RFC 7636, RFC 8414).

use serde::{Deserialize, Serialize, Serializer};
use utoipa::ToSchema;

use crate::Sensitive;

/// RFC 8414 authorization server metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AuthorizationServerMetadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub revocation_endpoint: String,
    pub response_types_supported: Vec<String>,
    pub grant_types_supported: Vec<String>,
    pub code_challenge_methods_supported: Vec<String>,
    pub token_endpoint_auth_methods_supported: Vec<String>,
    pub revocation_endpoint_auth_methods_supported: Vec<String>,
}

/// A successful answer of `/oauth/token`.
///
/// Tokens are `Sensitive`: redacted in `Debug`. `Serialize` is implemented by
/// hand, because putting tokens on the wire here is the one intended use.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct TokenResponse {
    #[schema(value_type = String)]
    pub access_token: Sensitive<String>,
    pub token_type: String,
    /// Lifetime of the access token in seconds.
    pub expires_in: u64,
    #[schema(value_type = String)]
    pub refresh_token: Sensitive<String>,
    #[serde(default)]
    pub scope: String,
}

impl Serialize for TokenResponse {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("TokenResponse", 5)?;
        s.serialize_field("access_token", self.access_token.expose())?;
        s.serialize_field("token_type", &self.token_type)?;
        s.serialize_field("expires_in", &self.expires_in)?;
        s.serialize_field("refresh_token", self.refresh_token.expose())?;
        s.serialize_field("scope", &self.scope)?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_response_debug_is_redacted_but_wire_form_is_complete() {
        let t = TokenResponse {
            access_token: Sensitive::new("at-secret".into()),
            token_type: "Bearer".into(),
            expires_in: 900,
            refresh_token: Sensitive::new("rt-secret".into()),
            scope: "account".into(),
        };
        let dbg = format!("{t:?}");
        assert!(!dbg.contains("at-secret") && !dbg.contains("rt-secret"));
        let v = serde_json::to_value(&t).expect("json");
        assert_eq!(v["access_token"], "at-secret");
        assert_eq!(v["refresh_token"], "rt-secret");
        let back: TokenResponse = serde_json::from_value(v).expect("decode");
        assert_eq!(back.refresh_token.expose(), "rt-secret");
    }
}
