//! Server-rendered pages. Every page is a template checked at compile
//! time; forms post, then redirect to a page that shows the result, so
//! they work without JavaScript and a reload never posts twice.

pub mod account;
pub mod admin;
pub mod agency;
pub mod dashboard;
pub mod downloads;
pub mod draft_edit;
pub mod import;
pub mod monitor;
pub mod plans;
pub mod public;
pub mod reporting;
pub mod rows;
pub mod search;
pub mod target_chart;
pub mod targets;
pub mod tasks;

use askama::Template;
use axum::response::Html;
use serde::Deserialize;
use theodoi_core::UserRole;

use crate::auth::Viewer;
use crate::error::{PageError, PageResult, Problem};

/// What the layout needs on every page: who is signed in, their CSRF
/// token for forms, and a message after a redirect.
#[derive(Debug, Clone, Default)]
pub struct Chrome {
    pub signed_in: bool,
    pub user_label: String,
    pub csrf: String,
    pub is_agency: bool,
    pub is_monitor: bool,
    pub is_admin: bool,
    pub flash: String,
}

impl Chrome {
    pub fn new(viewer: &Viewer) -> Chrome {
        let Some(user) = &viewer.user else {
            return Chrome::default();
        };
        let role = user.role;
        Chrome {
            signed_in: true,
            user_label: match &user.agency {
                Some(a) => format!("{} ({a})", user.username),
                None => format!("{} ({})", user.username, role.label_vi()),
            },
            csrf: viewer.csrf.clone().unwrap_or_default(),
            is_agency: role == UserRole::Agency,
            is_monitor: matches!(role, UserRole::Monitor | UserRole::Admin),
            is_admin: role == UserRole::Admin,
            flash: String::new(),
        }
    }

    /// The same, with the message a redirect asked for (`?tb=code`).
    pub fn with_flash(viewer: &Viewer, notice: &Notice) -> Chrome {
        Chrome { flash: notice.message().to_string(), ..Chrome::new(viewer) }
    }
}

/// The `?tb=` of a redirect after a form: a code, never free text, so a
/// crafted link cannot put words in the application's mouth.
#[derive(Debug, Default, Deserialize)]
pub struct Notice {
    #[serde(default)]
    pub tb: Option<String>,
}

impl Notice {
    pub fn message(&self) -> &'static str {
        match self.tb.as_deref() {
            Some("bao-cao") => "Đã ghi nhận báo cáo tiến độ.",
            Some("xac-nhan") => "Đã xác nhận hoàn thành.",
            Some("tra-lai") => "Đã trả lại đề nghị, kèm lý do.",
            Some("don-doc") => "Đã ghi nhận việc đôn đốc.",
            Some("mat-khau") => "Đã đổi mật khẩu.",
            Some("nhap") => "Đã nhập văn bản vào hệ thống.",
            Some("luu") => "Đã lưu.",
            Some("cong-bo") => "Đã công bố kết quả.",
            Some("chi-tieu") => "Đã lưu số liệu thực hiện của chỉ tiêu.",
            Some("huy") => "Đã hủy bản nháp; không có gì được nhập.",
            _ => "",
        }
    }
}

/// Every page's route.
pub fn routes() -> axum::Router<crate::state::AppState> {
    axum::Router::new()
        .merge(account::routes())
        .merge(dashboard::routes())
        .merge(tasks::routes())
        .merge(reporting::routes())
        .merge(monitor::routes())
        .merge(plans::routes())
        .merge(downloads::routes())
        .merge(agency::routes())
        .merge(import::routes())
        .merge(search::routes())
        .merge(targets::routes())
        .merge(admin::routes())
        .merge(public::routes())
}

/// The answer for an address no page has.
pub async fn not_found() -> PageError {
    PageError(Problem::not_found("trang này; hãy kiểm tra lại địa chỉ"))
}

/// A numeric id from the path; anything else is a page that does not
/// exist, said in Vietnamese rather than as a parser's complaint.
pub struct PageId(pub i64);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PageId {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, PageError> {
        let axum::extract::Path(raw) = axum::extract::Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| PageError(Problem::not_found("trang này; hãy kiểm tra lại địa chỉ")))?;
        raw.parse().map(PageId).map_err(|_| PageError(Problem::not_found("trang này; hãy kiểm tra lại địa chỉ")))
    }
}

/// Renders a template into an HTML answer.
pub fn render<T: Template>(page: &T) -> PageResult<Html<String>> {
    page.render().map(Html).map_err(|e| {
        tracing::error!(error = %e, "template failed");
        Problem::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Không hiển thị được trang này; hãy thử lại.",
        )
        .into()
    })
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    chrome: Chrome,
    message: &'a str,
}

/// The page shown for a problem.
pub fn error_page(problem: &Problem) -> String {
    ErrorPage { chrome: Chrome::default(), message: &problem.message }
        .render()
        .unwrap_or_else(|_| problem.message.clone())
}
