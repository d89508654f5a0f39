//! The first start of a new database: the bundled seed plan is imported
//! and three accounts are made (admin, monitor, and the focal point of Sở
//! Kế hoạch và Đầu tư), with random passwords shown once on the console.

use theodoi_core::UserRole;
use theodoi_store::{NewUser, Store};

use crate::auth::{password, secret};
use crate::error::Problem;

/// The agency whose account the first start creates.
pub const FIRST_AGENCY: &str = "Sở Kế hoạch và Đầu tư";

/// An account made on first start, with its password in clear (printed
/// once, never stored).
#[derive(Debug, Clone)]
pub struct FirstAccount {
    pub username: String,
    pub role: UserRole,
    pub password: String,
}

/// On a database with no users: imports `seed` (a plan document's text)
/// and creates the three first accounts. Returns them, or nothing when the
/// database already had users.
pub async fn first_start(store: &Store, seed_name: &str, seed: &str) -> Result<Vec<FirstAccount>, Problem> {
    if !store.users().await?.is_empty() {
        return Ok(Vec::new());
    }
    let doc = theodoi_parser::parse_str(seed, &theodoi_parser::Options::default())
        .map_err(|e| Problem::bad_request(format!("Không đọc được kế hoạch mẫu {seed_name}: {e}")))?;
    store.import(&doc, seed, "khoi-tao").await?;
    let mut made = Vec::new();
    for (username, role, agency) in [
        ("admin", UserRole::Admin, None),
        ("theodoi", UserRole::Monitor, None),
        ("skhdt", UserRole::Agency, Some(FIRST_AGENCY)),
    ] {
        let pw = secret::random_password();
        let new = NewUser {
            username: username.into(),
            role,
            agency: agency.map(Into::into),
            password_hash: password::hash(pw.clone()).await?,
            email: None,
            display_name: None,
        };
        store.create_user(&new, "khoi-tao").await?;
        made.push(FirstAccount { username: username.into(), role, password: pw });
    }
    Ok(made)
}
