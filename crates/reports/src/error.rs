//! What can go wrong while writing a paper, in the words a clerk reads and
//! with what to do next.

use std::path::PathBuf;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ReportError {
    #[error(
        "không tìm thấy phông chữ {file} trong {dir}; hãy cài gói fonts-liberation2 \
         (apt-get install fonts-liberation2) hoặc chỉ thư mục phông bằng --font-dir / THEODOI_FONT_DIR"
    )]
    FontMissing { file: String, dir: PathBuf },
    #[error("phông chữ {0} không đọc được (tệp hỏng hoặc không phải TrueType); hãy cài lại gói fonts-liberation2")]
    FontInvalid(String),
    #[error("phông chữ thiếu chữ \"{0}\"; hãy dùng phông Liberation Serif có đủ chữ tiếng Việt")]
    MissingGlyph(char),
    #[error("kỳ báo cáo \"{0}\" không hợp lệ; viết dạng 2021-Q4, 2021-H1 hoặc 2021")]
    BadPeriod(String),
    #[error("tệp bảng tính không đọc được: {0}; hãy mở bằng Excel và lưu lại dạng .xlsx")]
    Sheet(String),
    #[error("không ghi được tệp: {0}")]
    Io(#[from] std::io::Error),
    #[error("không tạo được tệp nén: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("không tạo được bảng tính: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error(transparent)]
    Store(#[from] theodoi_store::StoreError),
}

pub type Result<T, E = ReportError> = std::result::Result<T, E>;
