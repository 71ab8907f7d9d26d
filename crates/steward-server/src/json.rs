//! A JSON body extractor whose rejections are problem+json like every other
//! error, with the field and rule where serde names them.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
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

/// The field serde complains about, when its message names one in backticks.
fn field_named(detail: &str) -> Option<String> {
    let start = detail.find('`')? + 1;
    let len = detail[start..].find('`')?;
    Some(detail[start..start + len].to_string())
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
    }
}
