//! The JSON API under `/api/v1`: everything the pages do, for programs.
//! Lists are paginated (`limit`, `offset`; answers `{items, total}`), and
//! every failure answers `{code, message}` with a stable code.

pub mod admin;
pub mod imports;
pub mod me;
pub mod plans;
pub mod registry;
pub mod reports;
pub mod targets;
pub mod tasks;
pub mod urges;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Router;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, Problem};
use crate::state::AppState;

/// Largest page a list answers.
pub const MAX_LIMIT: usize = 500;

/// Largest `offset` a list takes: 2^53 - 1, the largest integer every JSON
/// reader holds exactly (a schema saying `i64::MAX` reads as 2^63 in
/// floating point, which the database cannot take).
pub const MAX_OFFSET: i64 = 9_007_199_254_740_991;

/// Largest JSON body the API's own routes read: a report's text is a few
/// kilobytes; anything near this is a mistake or an attack, refused before
/// it is parsed. (Uploads of whole documents have their own routes.)
pub const MAX_JSON_BYTES: usize = 256 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new().merge(json_routes()).merge(imports::routes()).merge(crate::openapi::routes()).fallback(not_found)
}

/// The routes that read JSON bodies, under the small body limit.
fn json_routes() -> Router<AppState> {
    Router::new()
        .merge(me::routes())
        .merge(tasks::routes())
        .merge(reports::routes())
        .merge(urges::routes())
        .merge(plans::routes())
        .merge(targets::routes())
        .merge(registry::routes())
        .merge(admin::routes())
        .layer(DefaultBodyLimit::max(MAX_JSON_BYTES))
}

async fn not_found() -> ApiError {
    ApiError(Problem::new(StatusCode::NOT_FOUND, "not_found", "Không có địa chỉ API này. Xem danh sách tại /api/docs."))
}

/// One page of a list and how many items there are in all.
#[derive(Debug, Clone, Serialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: usize,
}

impl<T> Paged<T> {
    /// The page `paging` asks for out of a list held in memory (users,
    /// agencies, targets: hundreds at most).
    pub fn of(all: Vec<T>, paging: &Paging) -> Paged<T> {
        let total = all.len();
        let items = all.into_iter().skip(paging.offset as usize).take(paging.limit as usize).collect();
        Paged { items, total }
    }
}

/// `limit` and `offset` of a list request, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub limit: i64,
    pub offset: i64,
}

/// `limit` and `offset` as they arrive in the query string.
#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

impl PageQuery {
    /// The page asked for: 50 items by default, at most [`MAX_LIMIT`].
    pub fn paging(&self) -> Result<Paging, Problem> {
        let limit = self.limit.unwrap_or(50);
        if !(1..=MAX_LIMIT as i64).contains(&limit) {
            return Err(Problem::bad_request(format!("limit phải từ 1 đến {MAX_LIMIT}.")));
        }
        let offset = self.offset.unwrap_or(0);
        if !(0..=MAX_OFFSET).contains(&offset) {
            return Err(Problem::bad_request(format!("offset phải từ 0 đến {MAX_OFFSET}.")));
        }
        Ok(Paging { limit, offset })
    }
}

/// The numeric id in an API path; anything else is an address that does
/// not exist, said as `{code, message}` rather than a parser's complaint.
pub struct ApiId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for ApiId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let missing = || ApiError(Problem::not_found("mục này: mã số trong địa chỉ phải là một số nguyên"));
        let axum::extract::Path(raw) =
            axum::extract::Path::<String>::from_request_parts(parts, state).await.map_err(|_| missing())?;
        raw.parse().map(ApiId).map_err(|_| missing())
    }
}

/// A JSON body whose mistakes are answered in Vietnamese as `{code, message}`.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let axum::Json(value) =
            axum::Json::<serde_json::Value>::from_request(req, state).await.map_err(|e| ApiError(json_problem(&e)))?;
        if holds_nul(&value) {
            return Err(ApiError(Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_input",
                "Nội dung có ký tự NUL (\\u0000), không lưu được; hãy xoá ký tự đó rồi gửi lại.",
            )));
        }
        T::deserialize(whole_numbers(value)).map(JsonBody).map_err(|e| {
            ApiError(Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_input",
                format!("Dữ liệu JSON thiếu trường hoặc sai kiểu: {e}"),
            ))
        })
    }
}

/// Whether any string or key in `v` holds a NUL character. PostgreSQL
/// cannot store one and SQLite would; refusing it here answers the same
/// on both and before anything is written.
fn holds_nul(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::String(s) => s.contains('\0'),
        serde_json::Value::Array(items) => items.iter().any(holds_nul),
        serde_json::Value::Object(m) => m.iter().any(|(k, v)| k.contains('\0') || holds_nul(v)),
        _ => false,
    }
}

/// Largest whole number a double holds exactly (2^53).
const EXACT_WHOLE: f64 = 9_007_199_254_740_992.0;

/// JSON Schema, and so the OpenAPI document, counts `5.0` as an integer;
/// serde does not. A whole number written with a fraction part is read
/// as the integer it is, so `"percent": 5.0` means 5 as the document
/// promises (fields that take any number are unaffected).
fn whole_numbers(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(n) if n.is_f64() => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() <= EXACT_WHOLE => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(whole_numbers).collect()),
        Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, whole_numbers(v))).collect()),
        other => other,
    }
}

/// A JSON body that may also be left out entirely (confirming a claim
/// needs nothing more than the address); an empty body is `T::default()`.
pub struct OptionalJson<T>(pub T);

impl<T: DeserializeOwned + Default, S: Send + Sync> FromRequest<S> for OptionalJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let declared_empty =
            req.headers().get(axum::http::header::CONTENT_LENGTH).is_some_and(|v| v.as_bytes() == b"0");
        let has_type = req.headers().contains_key(axum::http::header::CONTENT_TYPE);
        if declared_empty && !has_type {
            return Ok(OptionalJson(T::default()));
        }
        if !has_type {
            let bytes = axum::body::Bytes::from_request(req, state)
                .await
                .map_err(|_| ApiError(Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", TOO_LARGE)))?;
            return if bytes.is_empty() { Ok(OptionalJson(T::default())) } else { Err(ApiError(not_json())) };
        }
        JsonBody::<T>::from_request(req, state).await.map(|JsonBody(v)| OptionalJson(v))
    }
}

const TOO_LARGE: &str = "Nội dung gửi lên quá lớn (tối đa 256 KB cho một yêu cầu JSON) hoặc không đọc được.";

fn not_json() -> Problem {
    Problem::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        "Nội dung gửi lên phải là JSON (Content-Type: application/json).",
    )
}

fn json_problem(e: &JsonRejection) -> Problem {
    match e {
        JsonRejection::MissingJsonContentType(_) => not_json(),
        JsonRejection::JsonSyntaxError(_) => {
            Problem::bad_request("Nội dung JSON không đúng cú pháp; hãy kiểm tra dấu ngoặc, dấu phẩy và dấu nháy.")
        }
        JsonRejection::JsonDataError(err) => Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_input",
            format!("Dữ liệu JSON thiếu trường hoặc sai kiểu: {}", err.body_text()),
        ),
        JsonRejection::BytesRejection(_) => Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", TOO_LARGE),
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

/// Text a person typed: trimmed, `None` when blank, refused past `max`
/// characters so one field cannot fill the database.
pub fn text_field(value: Option<&str>, field: &str, max: usize) -> Result<Option<String>, Problem> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if v.chars().count() > max {
        return Err(Problem::bad_request(format!("Trường {field} dài quá {max} ký tự; hãy rút gọn.")));
    }
    Ok(Some(v.to_string()))
}

/// For a JSON field that may be absent (leave alone), `null` (clear) or a
/// value (set): `Option<Option<T>>` with `#[serde(default, deserialize_with = "present")]`.
pub fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}
