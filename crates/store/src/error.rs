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
    Database(#[from] sqlx::Error),
    #[error("lỗi cập nhật cấu trúc cơ sở dữ liệu: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Turns the database's lock and uniqueness failures into the conflict a
/// person can act on; everything else stays a database error.
pub(crate) fn fix_error(e: sqlx::Error) -> StoreError {
    if let sqlx::Error::Database(db) = &e {
        let msg = db.message().to_ascii_lowercase();
        if db.is_unique_violation() || msg.contains("database is locked") || msg.contains("could not serialize") {
            return StoreError::Conflict(db.message().to_string());
        }
    }
    StoreError::Database(e)
}
