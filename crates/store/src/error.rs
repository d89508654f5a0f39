//! What can go wrong in storage, with the Vietnamese sentence a person
//! reads and what they can do about it.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("không tìm thấy {0}")]
    NotFound(String),
    #[error("dữ liệu đã bị người khác thay đổi cùng lúc ({0}); hãy tải lại và thực hiện lại thao tác")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    #[error("văn bản không chứa kế hoạch nào (không có nhiệm vụ); hãy kiểm tra lại tệp đã chọn")]
    NotAPlan,
    #[error("địa chỉ cơ sở dữ liệu không được hỗ trợ: {0} (dùng sqlite://TỆP hoặc postgres://…)")]
    UnsupportedUrl(String),
    #[error("lỗi cơ sở dữ liệu: {0}")]
    Database(#[source] sqlx::Error),
    #[error("lỗi cập nhật cấu trúc cơ sở dữ liệu: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// PostgreSQL refuses text holding a NUL character (SQLite keeps it):
/// that is bad input from whoever typed or sent it, not a failure of the
/// server, so it reads as invalid input on every backend's error path.
impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> StoreError {
        if let sqlx::Error::Database(db) = &e {
            if matches!(db.code().as_deref(), Some("22021" | "22P05")) {
                return StoreError::Invalid(
                    "nội dung gửi lên có ký tự không hợp lệ (ký tự NUL hoặc mã không phải UTF-8); hãy xoá ký tự đó rồi gửi lại"
                        .into(),
                );
            }
        }
        StoreError::Database(e)
    }
}

/// Turns the database's lock and uniqueness failures into the conflict a
/// person can act on; everything else stays a database error.
pub(crate) fn fix_error(e: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &e {
        let msg = db.message().to_ascii_lowercase();
        if db.is_unique_violation() || msg.contains("database is locked") || msg.contains("could not serialize") {
            return StoreError::Conflict(db.message().to_string());
        }
    }
    StoreError::from(e)
}
