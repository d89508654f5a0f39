//! Argon2id password hashes. Hashing takes tens of milliseconds of CPU on
//! purpose, so it runs on the blocking pool, never on the async threads
//! that serve other requests.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::error::Problem;

/// Shortest password accepted.
pub const MIN_LENGTH: usize = 10;

/// Hashes a password (on the blocking pool).
pub async fn hash(password: String) -> Result<String, Problem> {
    tokio::task::spawn_blocking(move || hash_now(&password)).await.map_err(|_| internal())?
}

/// Hashes a password on the current thread (for the command line).
pub fn hash_now(password: &str) -> Result<String, Problem> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|_| internal())?;
    let salt = SaltString::encode_b64(&bytes).map_err(|_| internal())?;
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|_| internal())
}

/// Whether `password` matches the stored hash (on the blocking pool).
pub async fn verify(password: String, stored: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
    })
    .await
    .unwrap_or(false)
}

/// Checks a new password's strength, saying what to change.
pub fn check_strength(password: &str) -> Result<(), Problem> {
    if password.chars().count() < MIN_LENGTH {
        return Err(Problem::bad_request(format!("Mật khẩu mới phải có ít nhất {MIN_LENGTH} ký tự.")));
    }
    if password.chars().all(|c| c.is_ascii_digit()) {
        return Err(Problem::bad_request("Mật khẩu mới không được chỉ gồm chữ số; hãy thêm chữ cái."));
    }
    Ok(())
}

fn internal() -> Problem {
    Problem::new(
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "Không xử lý được mật khẩu lúc này; hãy thử lại.",
    )
}
