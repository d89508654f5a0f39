//! What every request handler shares.

use std::sync::Arc;

use chrono::NaiveDate;
use theodoi_store::Store;

use crate::auth::throttle::Throttle;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub throttle: Arc<Throttle>,
    /// Mark cookies `Secure` (set when served behind HTTPS).
    pub secure_cookies: bool,
}

impl AppState {
    pub fn new(store: Store) -> AppState {
        AppState { store, throttle: Arc::new(Throttle::default()), secure_cookies: false }
    }
}

/// Today in the server's time zone: the default day every page is about.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
