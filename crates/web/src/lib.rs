//! theodoi's web application: server-rendered pages for every role and the
//! JSON API under `/api/v1`, on the same store and the same permission
//! rules as the command line.

pub mod api;
pub mod assets;
pub mod auth;
pub mod bootstrap;
pub mod cache;
pub mod error;
pub mod fmt;
pub mod mark;
pub mod openapi;
pub mod pages;
pub mod security;
pub mod state;
pub mod svg;

use std::net::SocketAddr;

use axum::extract::DefaultBodyLimit;
use axum::Router;

pub use state::AppState;

/// Largest request body accepted: a plan document or an evidence file.
pub const MAX_BODY_BYTES: usize = 20 * 1024 * 1024;

/// Every page and API route, with the security headers and body limit.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages::routes())
        .nest("/api/v1", api::routes())
        .merge(assets::routes())
        .merge(openapi::docs_routes())
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(state)
}

/// Serves the application on `addr` until Ctrl+C or SIGTERM; requests
/// under way are finished first, so no report being saved is cut off.
pub async fn serve(state: AppState, addr: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "theodoi đang phục vụ");
    tokio::spawn(pages::dashboard::warm_up(state.store.clone()));
    axum::serve(listener, router(state)).with_graceful_shutdown(stop_signal()).await
}

async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("đang dừng: hoàn tất các yêu cầu đang xử lý");
}
