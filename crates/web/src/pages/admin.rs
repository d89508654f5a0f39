//! Administration (quản trị): accounts and roles (a new or reset password
//! is shown once and never stored in clear), the agency registry (merge
//! an alias into its canonical agency, members of a collective), and the
//! audit log with filters and pages.

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use theodoi_core::{allowed, Action, UserRole};
use theodoi_store::{AuditFilter, NewUser, UserChange};

use super::{render, Chrome, Notice, PageId};
use crate::auth::{password, secret, Viewer};
use crate::error::{PageResult, Problem};
use crate::fmt;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/quan-tri", get(page))
        .route("/quan-tri/nguoi-dung", post(create_user))
        .route("/quan-tri/nguoi-dung/{id}", post(change_user))
        .route("/quan-tri/nguoi-dung/{id}/khoa", post(lock_user))
        .route("/quan-tri/nguoi-dung/{id}/mat-khau", post(reset_password))
        .route("/quan-tri/co-quan/gop", post(merge_agency))
        .route("/quan-tri/co-quan/thanh-vien", post(add_member))
        .route("/quan-tri/nhat-ky", get(audit))
}

/// Roles an account can have, with their Vietnamese names.
const ROLES: [UserRole; 4] = [UserRole::Admin, UserRole::Monitor, UserRole::Leader, UserRole::Agency];

struct UserLine {
    id: i64,
    username: String,
    role: &'static str,
    role_label: &'static str,
    agency: String,
    disabled: bool,
    is_self: bool,
}

struct AgencyLine {
    name: String,
    collective: bool,
    aliases: String,
    members: String,
    tasks: i64,
}

#[derive(askama::Template)]
#[template(path = "admin.html")]
struct AdminPage {
    chrome: Chrome,
    error: String,
    /// A new or reset password, shown once: (username, password).
    shown: Option<(String, String)>,
    manage_users: bool,
    users: Vec<UserLine>,
    roles: Vec<(&'static str, &'static str)>,
    agencies: Vec<AgencyLine>,
    agency_names: Vec<String>,
}

/// What the page may show besides the lists.
#[derive(Default)]
struct Extra {
    error: String,
    shown: Option<(String, String)>,
}

async fn admin_page(state: &AppState, viewer: &Viewer, chrome: Chrome, extra: Extra) -> PageResult<Html<String>> {
    let manage_users = allowed(viewer.actor(), &Action::ManageUsers);
    let me = viewer.user.as_ref().map(|u| u.id);
    let users = if manage_users { state.store.users().await? } else { Vec::new() };
    let agencies = state.store.agencies().await?;
    render(&AdminPage {
        chrome,
        error: extra.error,
        shown: extra.shown,
        manage_users,
        users: users
            .into_iter()
            .map(|u| UserLine {
                id: u.id,
                is_self: Some(u.id) == me,
                role: u.role.as_str(),
                role_label: u.role.label_vi(),
                agency: u.agency.unwrap_or_default(),
                disabled: u.disabled,
                username: u.username,
            })
            .collect(),
        roles: ROLES.iter().map(|r| (r.as_str(), r.label_vi())).collect(),
        agency_names: agencies.iter().map(|a| a.name.clone()).collect(),
        agencies: agencies
            .into_iter()
            .map(|a| AgencyLine {
                collective: a.collective,
                aliases: a.aliases.join("; "),
                members: a.members.join("; "),
                tasks: a.lead_tasks + a.coordinating_tasks,
                name: a.name,
            })
            .collect(),
    })
}

async fn page(State(state): State<AppState>, viewer: Viewer, Query(notice): Query<Notice>) -> PageResult<Html<String>> {
    viewer.require(&Action::ManageAgencies)?;
    admin_page(&state, &viewer, Chrome::with_flash(&viewer, &notice), Extra::default()).await
}

/// Shows the page again with what went wrong, at the problem's status.
async fn refused(state: &AppState, viewer: &Viewer, problem: Problem) -> PageResult<Response> {
    let extra = Extra { error: problem.message.clone(), shown: None };
    let page = admin_page(state, viewer, Chrome::new(viewer), extra).await?;
    Ok((problem.status, page).into_response())
}

/// Checks the viewer may do `action` and that the form is theirs.
fn guard(viewer: &Viewer, action: &Action, csrf: &str) -> Result<(), Problem> {
    viewer.require(action)?;
    viewer.check_csrf(csrf)
}

fn role_of(s: &str) -> Result<UserRole, Problem> {
    UserRole::parse(s.trim())
        .filter(|r| *r != UserRole::Public)
        .ok_or_else(|| Problem::bad_request(format!("Vai trò \"{s}\" không có; hãy chọn trong danh sách.")))
}

fn blank_none(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

#[derive(Debug, Deserialize)]
struct NewUserForm {
    csrf: String,
    username: String,
    role: String,
    #[serde(default)]
    agency: String,
    #[serde(default)]
    email: String,
}

async fn create_user(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<NewUserForm>,
) -> PageResult<Response> {
    guard(&viewer, &Action::ManageUsers, &form.csrf)?;
    let role = match role_of(&form.role) {
        Ok(r) => r,
        Err(p) => return refused(&state, &viewer, p).await,
    };
    let pw = secret::random_password();
    let new = NewUser {
        username: form.username.trim().to_string(),
        role,
        agency: if role == UserRole::Agency { blank_none(&form.agency) } else { None },
        password_hash: password::hash(pw.clone()).await?,
        email: blank_none(&form.email),
        display_name: None,
    };
    match state.store.create_user(&new, &viewer.name()).await {
        Ok(user) => {
            let extra = Extra { error: String::new(), shown: Some((user.username, pw)) };
            Ok(admin_page(&state, &viewer, Chrome::new(&viewer), extra).await?.into_response())
        }
        Err(e) => refused(&state, &viewer, e.into()).await,
    }
}

#[derive(Debug, Deserialize)]
struct ChangeForm {
    csrf: String,
    role: String,
    #[serde(default)]
    agency: String,
}

async fn change_user(
    State(state): State<AppState>,
    viewer: Viewer,
    PageId(id): PageId,
    Form(form): Form<ChangeForm>,
) -> PageResult<Response> {
    guard(&viewer, &Action::ManageUsers, &form.csrf)?;
    let role = match role_of(&form.role) {
        Ok(r) => r,
        Err(p) => return refused(&state, &viewer, p).await,
    };
    if viewer.user.as_ref().is_some_and(|u| u.id == id && role != UserRole::Admin) {
        let p = Problem::bad_request("Không tự bỏ quyền quản trị của chính mình; hãy nhờ một quản trị viên khác.");
        return refused(&state, &viewer, p).await;
    }
    let agency = if role == UserRole::Agency { blank_none(&form.agency) } else { None };
    let change = UserChange { role: Some(role), agency: Some(agency), ..UserChange::default() };
    match state.store.update_user(id, &change, &viewer.name()).await {
        Ok(_) => Ok(Redirect::to("/quan-tri?tb=luu").into_response()),
        Err(e) => refused(&state, &viewer, e.into()).await,
    }
}

#[derive(Debug, Deserialize)]
struct LockForm {
    csrf: String,
    /// "1" disables the account, "0" enables it again.
    disabled: String,
}

async fn lock_user(
    State(state): State<AppState>,
    viewer: Viewer,
    PageId(id): PageId,
    Form(form): Form<LockForm>,
) -> PageResult<Response> {
    guard(&viewer, &Action::ManageUsers, &form.csrf)?;
    let disabled = form.disabled == "1";
    if disabled && viewer.user.as_ref().is_some_and(|u| u.id == id) {
        return refused(&state, &viewer, Problem::bad_request("Không tự khóa tài khoản đang dùng.")).await;
    }
    let change = UserChange { disabled: Some(disabled), ..UserChange::default() };
    match state.store.update_user(id, &change, &viewer.name()).await {
        Ok(_) => Ok(Redirect::to("/quan-tri?tb=luu").into_response()),
        Err(e) => refused(&state, &viewer, e.into()).await,
    }
}

#[derive(Debug, Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn reset_password(
    State(state): State<AppState>,
    viewer: Viewer,
    PageId(id): PageId,
    Form(form): Form<CsrfForm>,
) -> PageResult<Response> {
    guard(&viewer, &Action::ManageUsers, &form.csrf)?;
    let user = state.store.user(id).await?;
    let pw = secret::random_password();
    state.store.set_password_hash(id, &password::hash(pw.clone()).await?, &viewer.name()).await?;
    let extra = Extra { error: String::new(), shown: Some((user.username, pw)) };
    Ok(admin_page(&state, &viewer, Chrome::new(&viewer), extra).await?.into_response())
}

#[derive(Debug, Deserialize)]
struct MergeForm {
    csrf: String,
    alias: String,
    canonical: String,
}

async fn merge_agency(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<MergeForm>,
) -> PageResult<Response> {
    guard(&viewer, &Action::ManageAgencies, &form.csrf)?;
    let (alias, canonical) = (form.alias.trim(), form.canonical.trim());
    if alias.is_empty() || canonical.is_empty() {
        let p = Problem::bad_request("Hãy ghi cả tên khác (bí danh) và tên chính thức của cơ quan.");
        return refused(&state, &viewer, p).await;
    }
    match state.store.merge_agency(alias, canonical, &viewer.name()).await {
        Ok(()) => Ok(Redirect::to("/quan-tri?tb=luu#co-quan").into_response()),
        Err(e) => refused(&state, &viewer, e.into()).await,
    }
}

#[derive(Debug, Deserialize)]
struct MemberForm {
    csrf: String,
    collective: String,
    member: String,
}

async fn add_member(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<MemberForm>,
) -> PageResult<Response> {
    guard(&viewer, &Action::ManageAgencies, &form.csrf)?;
    let (collective, member) = (form.collective.trim(), form.member.trim());
    if collective.is_empty() || member.is_empty() {
        let p = Problem::bad_request("Hãy ghi cả tên nhóm cơ quan và tên cơ quan thành viên.");
        return refused(&state, &viewer, p).await;
    }
    match state.store.add_member(collective, member, &viewer.name()).await {
        Ok(()) => Ok(Redirect::to("/quan-tri?tb=luu#co-quan").into_response()),
        Err(e) => refused(&state, &viewer, e.into()).await,
    }
}

/// Lines of the audit log per page.
const AUDIT_PAGE: i64 = 50;

#[derive(Debug, Default, Deserialize)]
struct AuditQuery {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    offset: Option<i64>,
}

struct AuditLine {
    at: String,
    actor: String,
    action: String,
    entity: String,
    change: String,
}

#[derive(askama::Template)]
#[template(path = "audit.html")]
struct AuditPage {
    chrome: Chrome,
    actor: String,
    action: String,
    from: String,
    to: String,
    actors: Vec<String>,
    actions: Vec<(&'static str, &'static str)>,
    total: i64,
    lines: Vec<AuditLine>,
    prev: String,
    next: String,
}

/// Kinds of change the filter offers, by action prefix.
const ACTION_KINDS: &[(&str, &str)] = &[
    ("plan.", "Nhập kế hoạch"),
    ("draft.", "Bản nháp nhập văn bản"),
    ("task.progress", "Báo cáo tiến độ"),
    ("task.confirm", "Xác nhận hoàn thành"),
    ("task.return", "Trả lại đề nghị"),
    ("task.urge", "Đôn đốc"),
    ("target.", "Số liệu chỉ tiêu"),
    ("agency.", "Danh mục cơ quan"),
    ("user.", "Tài khoản"),
    ("token.", "Mã truy cập"),
    ("publication.", "Công bố kết quả"),
    ("reminder.", "Thư nhắc việc"),
];

/// A timestamp as dd/mm/yyyy hh:mm (UTC, as stored).
fn when(at: &str) -> String {
    let day = at.get(..10).and_then(fmt::parse_day).map(fmt::date).unwrap_or_else(|| at.to_string());
    format!("{day} {}", at.get(11..16).unwrap_or(""))
}

fn day_filter(s: &str, what: &str) -> Result<Option<chrono::NaiveDate>, Problem> {
    match blank_none(s) {
        None => Ok(None),
        Some(s) => fmt::parse_day(&s)
            .map(Some)
            .ok_or_else(|| Problem::bad_request(format!("Ngày {what} \"{s}\" không hợp lệ; hãy viết dd/mm/yyyy."))),
    }
}

async fn audit(State(state): State<AppState>, viewer: Viewer, Query(q): Query<AuditQuery>) -> PageResult<Html<String>> {
    viewer.require(&Action::ManageUsers)?;
    let offset = q.offset.unwrap_or(0).max(0);
    let filter = AuditFilter {
        actor: blank_none(&q.actor),
        action: blank_none(&q.action),
        from: day_filter(&q.from, "từ")?,
        to: day_filter(&q.to, "đến")?,
        entity: None,
        entity_id: None,
        limit: AUDIT_PAGE,
        offset,
    };
    let (entries, total) = state.store.audit_page(&filter).await?;
    let link = |offset: i64| {
        format!(
            "/quan-tri/nhat-ky?actor={}&action={}&from={}&to={}&offset={offset}",
            fmt::url(&q.actor),
            fmt::url(&q.action),
            fmt::url(&q.from),
            fmt::url(&q.to)
        )
    };
    render(&AuditPage {
        chrome: Chrome::new(&viewer),
        actors: state.store.audit_actors().await?,
        actions: ACTION_KINDS.to_vec(),
        total,
        lines: entries
            .into_iter()
            .map(|e| AuditLine {
                at: when(&e.at),
                actor: e.actor,
                action: e.action,
                entity: match e.entity_id {
                    Some(id) => format!("{} số {id}", e.entity),
                    None => e.entity,
                },
                change: e.after.map(|v| v.to_string()).unwrap_or_default(),
            })
            .collect(),
        prev: if offset > 0 { link((offset - AUDIT_PAGE).max(0)) } else { String::new() },
        next: if offset + AUDIT_PAGE < total { link(offset + AUDIT_PAGE) } else { String::new() },
        actor: q.actor,
        action: q.action,
        from: q.from,
        to: q.to,
    })
}
