//! What goes wrong in a request, said to a person in Vietnamese. The API
//! answers `{code, message}` with a stable `code`; pages show the message
//! with a way back. Store errors map to the HTTP status a client can act on.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use serde::Serialize;
use theodoi_store::StoreError;

/// A failed request: the HTTP status, a stable machine code and the
/// Vietnamese sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    #[serde(skip)]
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl Problem {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Problem {
        Problem { status, code, message: message.into() }
    }

    pub fn bad_request(message: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, "invalid_input", message)
    }

    pub fn not_found(what: impl std::fmt::Display) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "not_found", format!("Không tìm thấy {what}."))
    }

    pub fn unauthorized() -> Problem {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Bạn cần đăng nhập để làm việc này. Hãy đăng nhập rồi thử lại.",
        )
    }

    pub fn forbidden() -> Problem {
        Problem::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "Tài khoản của bạn không có quyền làm việc này. Nếu cần, hãy liên hệ quản trị hệ thống.",
        )
    }

    pub fn csrf() -> Problem {
        Problem::new(
            StatusCode::FORBIDDEN,
            "csrf",
            "Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang rồi gửi lại.",
        )
    }
}

impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Problem {
        match &e {
            StoreError::NotFound(_) => Problem::new(StatusCode::NOT_FOUND, "not_found", capitalise(&e.to_string())),
            StoreError::Conflict(_) => Problem::new(StatusCode::CONFLICT, "conflict", capitalise(&e.to_string())),
            StoreError::Invalid(_) => {
                Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", capitalise(&e.to_string()))
            }
            StoreError::NotAPlan => {
                Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "not_a_plan", capitalise(&e.to_string()))
            }
            _ => {
                tracing::error!(error = %e, "store failure");
                Problem::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Hệ thống gặp lỗi khi đọc hoặc ghi dữ liệu. Dữ liệu của bạn chưa bị thay đổi; hãy thử lại sau ít phút.",
                )
            }
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>() + if s.ends_with('.') { "" } else { "." },
        None => String::new(),
    }
}

/// A problem answered as JSON, for `/api/v1`.
#[derive(Debug)]
pub struct ApiError(pub Problem);

impl<E: Into<Problem>> From<E> for ApiError {
    fn from(e: E) -> ApiError {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0.status, Json(&self.0)).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// A problem answered as an HTML page; a visitor who is not signed in is
/// sent to the sign-in page instead.
#[derive(Debug)]
pub struct PageError(pub Problem);

impl<E: Into<Problem>> From<E> for PageError {
    fn from(e: E) -> PageError {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        if self.0.status == StatusCode::UNAUTHORIZED {
            return Redirect::to("/dang-nhap").into_response();
        }
        (self.0.status, Html(crate::pages::error_page(&self.0))).into_response()
    }
}

pub type PageResult<T> = Result<T, PageError>;
