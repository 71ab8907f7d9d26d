//! Extractors whose rejections are problem+json like every other error: a
//! JSON body (422 naming the field serde complains about), path parameters
//! (a malformed id is simply not found: 404) and query strings (400).

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use steward_types::problem::FieldError;

use crate::error::ApiError;

#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(JsonRejection::JsonDataError(e)) => {
                // "Failed to deserialize ...: missing field `x` at line 1 column 2"
                let text = e.body_text();
                let detail = text.split_once(": ").map_or(text.as_str(), |(_, d)| d);
                Err(ApiError::Validation(vec![FieldError {
                    field: field_named(detail).unwrap_or_else(|| "body".into()),
                    rule: "schema".into(),
                    message: detail.to_string(),
                }]))
            }
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::BadRequest(
                "Send the body as JSON with Content-Type: application/json.".into(),
            )),
            Err(other) => Err(ApiError::BadRequest(format!(
                "The body is not valid JSON: {}",
                other.body_text()
            ))),
        }
    }
}

/// A form body (`application/x-www-form-urlencoded`) whose rejections are
/// problems like every other error, not axum's plain text.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiForm<T>(pub T);

impl<S, T> FromRequest<S> for ApiForm<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(value)) => Ok(Self(value)),
            Err(axum::extract::rejection::FormRejection::InvalidFormContentType(_)) => {
                Err(ApiError::BadRequest(
                    "Send the form with Content-Type: application/x-www-form-urlencoded.".into(),
                ))
            }
            Err(other) => Err(ApiError::BadRequest(format!(
                "The form could not be read: {}",
                other.body_text()
            ))),
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| Self(v))
            .map_err(|_| ApiError::NotFound)
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| Self(v))
            .map_err(|e| {
                ApiError::BadRequest(format!("The query string is invalid: {}", e.body_text()))
            })
    }
}

/// The field serde complains about. axum reports the path first when it is
/// not the root ("language: unknown variant `fr`, ..."); a missing or unknown
/// field names itself in backticks.
fn field_named(detail: &str) -> Option<String> {
    let (path, rest) = match detail.split_once(": ") {
        Some((p, rest)) if is_path(p) => (Some(p), rest),
        _ => (None, detail),
    };
    let named = rest.find('`').and_then(|start| {
        let tail = &rest[start + 1..];
        tail.find('`').map(|len| &tail[..len])
    });
    let missing = rest.starts_with("missing field ");
    match (path, named) {
        (Some(p), Some(f)) if missing => Some(format!("{p}.{f}")),
        (Some(p), _) => Some(p.to_string()),
        (None, Some(f)) if missing || rest.starts_with("unknown field ") => Some(f.to_string()),
        (None, _) => None,
    }
}

fn is_path(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'))
}

#[cfg(test)]
mod tests {
    use super::field_named;

    #[test]
    fn names_the_field_from_serde_messages() {
        assert_eq!(
            field_named("missing field `display_name` at line 1 column 2").as_deref(),
            Some("display_name")
        );
        assert_eq!(field_named("invalid type: string").as_deref(), None);
        assert_eq!(
            field_named("language: unknown variant `fr`, expected `en` or `de`").as_deref(),
            Some("language")
        );
        assert_eq!(
            field_named("company: missing field `name` at line 1 column 20").as_deref(),
            Some("company.name")
        );
        assert_eq!(
            field_named("emails[0].purpose: unknown variant `x`").as_deref(),
            Some("emails[0].purpose")
        );
        assert_eq!(
            field_named("unknown field `colour`, expected `language`").as_deref(),
            Some("colour")
        );
    }
}
