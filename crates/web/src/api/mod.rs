//! The JSON API under `/api/v1`: everything the pages do, for programs.
//! Lists are paginated (`limit`, `offset`; answers `{items, total}`), and
//! every failure answers `{code, message}` with a stable code.

pub mod imports;
pub mod tasks;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::Router;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// Largest page a list answers.
pub const MAX_LIMIT: usize = 500;

pub fn routes() -> Router<AppState> {
    Router::new().merge(tasks::routes()).merge(imports::routes()).fallback(not_found)
}

async fn not_found() -> ApiError {
    ApiError(Problem::new(
        axum::http::StatusCode::NOT_FOUND,
        "not_found",
        "Không có địa chỉ API này. Xem danh sách tại /api/docs.",
    ))
}

/// A JSON body whose mistakes are answered in Vietnamese as `{code, message}`.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(JsonBody(v)),
            Err(e) => Err(ApiError(json_problem(&e))),
        }
    }
}

fn json_problem(e: &JsonRejection) -> Problem {
    match e {
        JsonRejection::MissingJsonContentType(_) => Problem::new(
            axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Nội dung gửi lên phải là JSON (Content-Type: application/json).",
        ),
        JsonRejection::JsonSyntaxError(_) => {
            Problem::bad_request("Nội dung JSON không đúng cú pháp; hãy kiểm tra dấu ngoặc, dấu phẩy và dấu nháy.")
        }
        JsonRejection::JsonDataError(err) => Problem::new(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            format!("Dữ liệu JSON thiếu trường hoặc sai kiểu: {}", err.body_text()),
        ),
        JsonRejection::BytesRejection(_) => Problem::new(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            "Nội dung gửi lên quá lớn hoặc không đọc được.",
        ),
        _ => Problem::bad_request("Không đọc được nội dung gửi lên."),
    }
}

/// Query parameters whose mistakes are answered as `{code, message}`.
pub struct QueryParams<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for QueryParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(QueryParams(v)),
            Err(e) => Err(ApiError(query_problem(&e))),
        }
    }
}

fn query_problem(e: &QueryRejection) -> Problem {
    Problem::bad_request(format!("Tham số truy vấn không hợp lệ: {}", e.body_text()))
}
