//! The real server for the browser: theodoi's router on a free port of
//! 127.0.0.1, over a fresh SQLite file holding the seed plan and accounts
//! with a known password.

use std::path::PathBuf;

use theodoi_core::UserRole;
use theodoi_store::{NewUser, Store};
use theodoi_web::auth::password;
use theodoi_web::{router, AppState};

/// The seed plan, Decision 2999/QĐ-UBND of Thanh Hóa.
pub const SEED: &str = include_str!("../../../../examples/qd-2999-ubnd-thanh-hoa-2021.txt");

pub struct Server {
    pub base: String,
    pub store: Store,
    dir: PathBuf,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Imports the seed as the bootstrap does, creates the monitor
    /// (`theodoi`) and the focal point of Sở Kế hoạch và Đầu tư (`skhdt`),
    /// and serves the application until dropped.
    pub async fn start(pw: &str) -> Server {
        let dir = std::env::temp_dir().join(format!("theodoi-e2e-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}", dir.join("e2e.db").display());
        let store = Store::open(&url).await.unwrap();
        let doc = theodoi_parser::parse_str(SEED, &theodoi_parser::Options::default()).unwrap();
        store.import(&doc, SEED, "e2e").await.unwrap();
        let hash = password::hash_now(pw).unwrap();
        for (username, role, agency) in [
            ("theodoi", UserRole::Monitor, None),
            ("skhdt", UserRole::Agency, Some(theodoi_web::bootstrap::FIRST_AGENCY)),
        ] {
            let new = NewUser {
                username: username.into(),
                role,
                agency: agency.map(Into::into),
                password_hash: hash.clone(),
                email: None,
                display_name: None,
            };
            store.create_user(&new, "e2e").await.unwrap();
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let app = router(AppState::new(store.clone()));
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Server { base, store, dir, task }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
        std::fs::remove_dir_all(&self.dir).ok();
    }
}
