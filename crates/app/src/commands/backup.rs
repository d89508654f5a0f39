//! `theodoi backup FILE` and `theodoi restore FILE`. A SQLite database is
//! copied consistently while it is live (VACUUM INTO); for PostgreSQL the
//! right tool is pg_dump, whose command is printed.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Result};
use theodoi_store::{Backend, Store};

pub async fn backup(url: &str, file: &Path) -> Result<ExitCode> {
    let store = Store::open(url).await?;
    if store.backend() == Backend::Postgres {
        println!(
            "Với PostgreSQL, hãy sao lưu bằng pg_dump:\n  pg_dump --format=custom --file={} '{url}'",
            file.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    if file.exists() {
        bail!("tệp {} đã có; hãy chọn tên khác để không ghi đè bản sao lưu cũ", file.display());
    }
    store.backup_sqlite(file).await?;
    store.close().await;
    println!("Đã sao lưu vào {}.", file.display());
    Ok(ExitCode::SUCCESS)
}

pub async fn restore(url: &str, file: &Path) -> Result<ExitCode> {
    let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) else {
        bail!("với PostgreSQL, hãy khôi phục bằng pg_restore");
    };
    let path = path.split('?').next().unwrap_or(path);
    if !file.exists() {
        bail!("không tìm thấy tệp sao lưu {}", file.display());
    }
    // The copy is checked (a theodoi database, in good health) before it
    // replaces anything.
    let tmp = format!("{path}.restore-tmp");
    std::fs::copy(file, &tmp)?;
    let check = async {
        let copy = Store::open(&format!("sqlite://{tmp}")).await?;
        let result = copy.check_integrity().await;
        copy.close().await;
        result
    };
    if let Err(e) = check.await {
        let _ = std::fs::remove_file(&tmp);
        bail!("tệp {} không phải bản sao lưu hợp lệ của theodoi: {e}", file.display());
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{path}{suffix}"));
    }
    std::fs::rename(&tmp, path)?;
    println!("Đã khôi phục {} từ {}.", path, file.display());
    Ok(ExitCode::SUCCESS)
}
