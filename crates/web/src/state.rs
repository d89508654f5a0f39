//! What every request handler shares.

use std::sync::Arc;

use axum::body::Bytes;
use chrono::NaiveDate;
use theodoi_store::Store;

use crate::auth::throttle::Throttle;
use crate::cache::ReadCache;
use crate::pages::dashboard::DashboardData;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub throttle: Arc<Throttle>,
    /// Mark cookies `Secure` (set when served behind HTTPS).
    pub secure_cookies: bool,
    /// Dashboards by plan and day, until the next change.
    pub dashboards: Arc<ReadCache<(Option<String>, NaiveDate), DashboardData>>,
    /// Task list answers by their normalised query, until the next change.
    pub task_lists: Arc<ReadCache<String, theodoi_store::TaskPage>>,
    /// Task list answers of the API as the JSON bytes sent, so a repeated
    /// question costs neither a copy nor serialisation.
    pub task_list_json: Arc<ReadCache<String, Bytes>>,
    /// Users behind bearer tokens (by the token's digest): every change to
    /// accounts or tokens moves the change mark, which drops them.
    pub tokens: Arc<ReadCache<String, theodoi_store::User>>,
}

impl AppState {
    pub fn new(store: Store) -> AppState {
        AppState {
            store,
            throttle: Arc::new(Throttle::default()),
            secure_cookies: false,
            dashboards: Arc::default(),
            task_lists: Arc::default(),
            task_list_json: Arc::default(),
            tokens: Arc::default(),
        }
    }
}

/// Today in the server's time zone: the default day every page is about.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
