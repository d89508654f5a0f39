//! The only ways a parse can fail: the bytes are not a text we can read.
//! Everything else becomes a diagnostic on a `Document`.

use thiserror::Error;

/// A legacy (pre-Unicode) Vietnamese encoding the bytes look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyEncoding {
    Tcvn3,
    Vni,
    Windows1258,
}

impl LegacyEncoding {
    pub fn name(self) -> &'static str {
        match self {
            LegacyEncoding::Tcvn3 => "TCVN3 (ABC)",
            LegacyEncoding::Vni => "VNI",
            LegacyEncoding::Windows1258 => "Windows-1258",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseError {
    #[error("tệp rỗng: không có nội dung để đọc")]
    Empty,
    #[error("tệp quá lớn ({size} byte, giới hạn {limit} byte); hãy tách văn bản hoặc tăng giới hạn")]
    TooLarge { size: usize, limit: usize },
    #[error(
        "không đọc được văn bản: byte {offset} không hợp lệ trong UTF-8{}; hãy lưu lại tệp dưới dạng UTF-8 (Unicode)",
        legacy.map(|l| format!(" (có vẻ là bảng mã cũ {})", l.name())).unwrap_or_default()
    )]
    InvalidEncoding { offset: usize, legacy: Option<LegacyEncoding> },
}
