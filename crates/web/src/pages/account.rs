//! Signing in and out, and changing one's own password.

use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use theodoi_core::Action;

use super::{render, Chrome, Notice};
use crate::auth::{cookie, password, session, Viewer, SESSION_COOKIE};
use crate::error::{PageResult, Problem};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/dang-nhap", get(sign_in_page).post(sign_in))
        .route("/dang-xuat", post(sign_out))
        .route("/tai-khoan", get(account_page))
        .route("/tai-khoan/mat-khau", post(change_password))
}

#[derive(askama::Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    chrome: Chrome,
    error: String,
    username: String,
}

async fn sign_in_page(viewer: Viewer) -> Response {
    if viewer.user.is_some() {
        return Redirect::to("/").into_response();
    }
    render(&SignInPage { chrome: Chrome::default(), error: String::new(), username: String::new() }).into_response()
}

#[derive(Deserialize)]
pub struct SignInForm {
    username: String,
    password: String,
}

/// Signs in. The same message answers an unknown user and a wrong
/// password, so the form does not reveal which accounts exist.
async fn sign_in(State(state): State<AppState>, Form(form): Form<SignInForm>) -> PageResult<Response> {
    let username = form.username.trim().to_string();
    let key = format!("user:{}", username.to_lowercase());
    let fail = |error: &str| {
        render(&SignInPage { chrome: Chrome::default(), error: error.into(), username: username.clone() })
            .map(|page| (axum::http::StatusCode::UNAUTHORIZED, page).into_response())
    };
    if !state.throttle.allows(&key) {
        return fail("Đăng nhập sai quá nhiều lần. Hãy đợi 15 phút rồi thử lại, hoặc liên hệ quản trị hệ thống.");
    }
    let found = state.store.user_with_hash(&username).await?;
    let user = match found {
        Some((user, Some(hash))) if !user.disabled => password::verify(form.password, hash).await.then_some(user),
        _ => None,
    };
    let user = match user {
        Some(user) => user,
        None => {
            state.throttle.record_failure(&key);
            return fail("Tên đăng nhập hoặc mật khẩu không đúng. Hãy kiểm tra lại (chú ý chữ hoa, chữ thường).");
        }
    };
    state.throttle.forget(&key);
    let set_cookie = session::start(&state, user.id).await?;
    Ok(([(header::SET_COOKIE, set_cookie)], Redirect::to("/")).into_response())
}

#[derive(Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

async fn sign_out(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> PageResult<Response> {
    viewer.check_csrf(&form.csrf)?;
    let clear = session::end(&state, cookie(&headers, SESSION_COOKIE)).await?;
    Ok(([(header::SET_COOKIE, clear)], Redirect::to("/dang-nhap")).into_response())
}

#[derive(askama::Template)]
#[template(path = "account.html")]
struct AccountPage {
    chrome: Chrome,
    username: String,
    role: &'static str,
    agency: String,
    error: String,
}

fn account_view(viewer: &Viewer, notice: &Notice, error: String) -> PageResult<AccountPage> {
    let user = viewer.user.as_ref().ok_or_else(Problem::unauthorized)?;
    Ok(AccountPage {
        chrome: Chrome::with_flash(viewer, notice),
        username: user.username.clone(),
        role: user.role.label_vi(),
        agency: user.agency.clone().unwrap_or_default(),
        error,
    })
}

async fn account_page(
    viewer: Viewer,
    axum::extract::Query(notice): axum::extract::Query<Notice>,
) -> PageResult<Response> {
    viewer.require(&Action::ChangeOwnPassword)?;
    Ok(render(&account_view(&viewer, &notice, String::new())?)?.into_response())
}

#[derive(Deserialize)]
pub struct PasswordForm {
    csrf: String,
    current: String,
    new: String,
    repeat: String,
}

async fn change_password(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<PasswordForm>,
) -> PageResult<Response> {
    viewer.require(&Action::ChangeOwnPassword)?;
    viewer.check_csrf(&form.csrf)?;
    let user = viewer.user.as_ref().ok_or_else(Problem::unauthorized)?;
    let stored = state.store.user_with_hash(&user.username).await?.and_then(|(_, h)| h).unwrap_or_default();
    let problem = if !password::verify(form.current, stored).await {
        Some("Mật khẩu hiện tại không đúng.".to_string())
    } else if form.new != form.repeat {
        Some("Hai lần nhập mật khẩu mới không khớp nhau.".to_string())
    } else {
        password::check_strength(&form.new).err().map(|p| p.message)
    };
    if let Some(error) = problem {
        let page = render(&account_view(&viewer, &Notice::default(), error)?)?;
        return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let hash = password::hash(form.new).await?;
    state.store.set_password_hash(user.id, &hash, &user.username).await?;
    // Changing the password signs every session out, this one included.
    let set_cookie = session::start(&state, user.id).await?;
    Ok(([(header::SET_COOKIE, set_cookie)], Redirect::to("/tai-khoan?tb=mat-khau")).into_response())
}
