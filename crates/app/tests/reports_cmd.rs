//! The papers as a clerk makes them with the real binary on a real SQLite
//! file: the progress report as DOCX and PDF (text and fonts read back with
//! poppler, the DOCX converted by LibreOffice), urging letters recorded in
//! the tasks' history, and the plan exported to XLSX and imported back.
//! Page 1 of each PDF is rendered to target/report-png/ for a person to
//! look at. A missing tool skips its check, except under CI=true.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PLAN: &str = "2999/QĐ-UBND";

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Work {
    dir: PathBuf,
    url: String,
}

impl Work {
    fn new(name: &str) -> Work {
        let dir = std::env::temp_dir().join(format!("theodoi-papers-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}", dir.join("theodoi.db").display());
        let work = Work { dir, url };
        let seed = repo_root().join("examples/qd-2999-ubnd-thanh-hoa-2021.txt");
        work.ok(&["import", seed.to_str().unwrap()]);
        work
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_theodoi"))
            .args(["--database-url", &self.url])
            .args(args)
            .output()
            .expect("run theodoi")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "theodoi {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

impl Drop for Work {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Runs an external tool; `None` when it is not installed (a failure
/// under CI=true, where scripts/test installs it).
fn tool(program: &str, args: &[&str]) -> Option<Output> {
    match Command::new(program).args(args).output() {
        Ok(out) => {
            assert!(out.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
            Some(out)
        }
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => panic!("{program} is required under CI=true: {e}"),
        Err(e) => {
            eprintln!("skipping {program}: {e}");
            None
        }
    }
}

/// Page 1 of `pdf` as target/report-png/NAME-1.png.
fn render_first_page(pdf: &Path, name: &str) {
    let out_dir = repo_root().join("target/report-png");
    std::fs::create_dir_all(&out_dir).unwrap();
    let prefix = out_dir.join(name);
    if tool("pdftoppm", &["-png", "-r", "60", "-f", "1", "-l", "1", pdf.to_str().unwrap(), prefix.to_str().unwrap()])
        .is_some()
    {
        let png = std::fs::read_dir(&out_dir)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(&format!("{name}-")));
        assert!(png, "pdftoppm wrote no page for {name}");
    }
}

fn check_pdf_text(pdf: &Path) {
    let Some(text) = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]) else {
        return;
    };
    let text = String::from_utf8(text.stdout).unwrap();
    for expected in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO", "Nơi nhận:"]
    {
        assert!(text.contains(expected), "PDF lacks {expected:?}:\n{text}");
    }
    assert!(text.contains("Thanh Hóa, ngày 31 tháng 12 năm 2021"), "{text}");
    assert!(text.contains("có 16 nhiệm vụ quá hạn"), "{text}");
}

#[test]
fn the_report_as_docx_and_pdf() {
    let work = Work::new("report");
    let docx = work.path("bao-cao.docx");
    let pdf = work.path("bao-cao.pdf");
    let base = ["report", "--plan", PLAN, "--as-of", "2021-12-31", "--period", "2021-Q4"];
    let out = work.ok(&[&base[..], &["--format", "docx", "--output", docx.to_str().unwrap()]].concat());
    assert!(out.contains("16 quá hạn"), "{out}");
    work.ok(&[&base[..], &["--format", "pdf", "--output", pdf.to_str().unwrap()]].concat());

    // Our own PDF: its text, and Liberation Serif embedded as a subset.
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    check_pdf_text(&pdf);
    if let Some(fonts) = tool("pdffonts", &[pdf.to_str().unwrap()]) {
        let fonts = String::from_utf8(fonts.stdout).unwrap();
        let serif: Vec<&str> = fonts.lines().filter(|l| l.contains("LiberationSerif")).collect();
        assert!(!serif.is_empty(), "{fonts}");
        for line in serif {
            let cols: Vec<&str> = line.split_whitespace().collect();
            // name, type (2 words), encoding, emb, sub, uni, …
            assert_eq!(&cols[4..7], ["yes", "yes", "yes"], "embedded subset with ToUnicode: {line}");
        }
    }
    render_first_page(&pdf, "report-pdf");

    // The DOCX as Word users open it: LibreOffice converts it to PDF.
    let converted = work.path("lo");
    std::fs::create_dir_all(&converted).unwrap();
    if tool(
        "soffice",
        &[
            &format!("-env:UserInstallation=file://{}", work.path("lo-profile").display()),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            converted.to_str().unwrap(),
            docx.to_str().unwrap(),
        ],
    )
    .is_some()
    {
        let lo_pdf = converted.join("bao-cao.pdf");
        assert!(lo_pdf.exists(), "LibreOffice wrote no PDF");
        check_pdf_text(&lo_pdf);
        render_first_page(&lo_pdf, "report-docx-libreoffice");
    }
}

#[test]
fn a_missing_font_is_a_clear_error_and_writes_nothing() {
    let work = Work::new("font");
    let pdf = work.path("bao-cao.pdf");
    let out = work.run(&[
        "report",
        "--plan",
        PLAN,
        "--as-of",
        "2021-12-31",
        "--format",
        "pdf",
        "--output",
        pdf.to_str().unwrap(),
        "--font-dir",
        work.path("no-fonts").to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("không tìm thấy phông chữ LiberationSerif-Regular.ttf"), "{err}");
    assert!(err.contains("fonts-liberation2"), "says what to install: {err}");
    assert!(!pdf.exists());
}

#[test]
fn urging_letters_are_written_and_recorded_in_the_history() {
    let work = Work::new("urge");
    let letters = work.path("cong-van");
    let out = work.ok(&[
        "urge",
        "--plan",
        PLAN,
        "--as-of",
        "2021-12-31",
        "--format",
        "pdf",
        "--output",
        letters.to_str().unwrap(),
    ]);
    let files: Vec<PathBuf> = std::fs::read_dir(&letters).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(files.len(), out.lines().count(), "one letter per agency line: {out}");
    assert!(out.contains("Sở Công Thương: 3 quá hạn"), "{out}");
    let sct = letters.join("cong-van-don-doc-so-cong-thuong.pdf");
    if let Some(text) = tool("pdftotext", &["-layout", sct.to_str().unwrap(), "-"]) {
        let text = String::from_utf8(text.stdout).unwrap();
        assert!(text.contains("Kính gửi: Sở Công Thương."), "{text}");
        assert!(text.contains("V/v đôn đốc thực hiện nhiệm vụ"), "{text}");
        assert!(text.contains("Quá hạn 122"), "task 2.4 was due 31/08/2021: {text}");
    }
    render_first_page(&sct, "urge-pdf");

    // Each task named in a letter has the urge in its history.
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let store = theodoi_store::Store::open(&work.url).await.unwrap();
        let mut filter = theodoi_store::TaskFilter::as_of(chrono::NaiveDate::from_ymd_opt(2021, 12, 31).unwrap());
        filter.plan = Some(PLAN.into());
        filter.agency = Some("Sở Công Thương".into());
        filter.status = Some(theodoi_core::TaskStatus::Overdue);
        filter.role = Some(theodoi_store::Role::Lead);
        let tasks = store.tasks(&filter).await.unwrap().items;
        assert_eq!(tasks.len(), 3);
        for t in tasks {
            let urges = store.urges_for_task(t.id).await.unwrap();
            assert_eq!(urges.len(), 1, "task {}", t.task);
            assert_eq!(urges[0].channel, theodoi_store::UrgeChannel::Letter);
            assert_eq!(urges[0].agency.as_deref(), Some("Sở Công Thương"));
        }
        store.close().await;
    });
}

#[test]
fn the_plan_exported_to_xlsx_imports_back() {
    let work = Work::new("xlsx");
    let sheet = work.path("ke-hoach.xlsx");
    let out = work.ok(&["export", "--plan", PLAN, "--format", "xlsx", "--output", sheet.to_str().unwrap()]);
    assert!(out.contains("50 nhiệm vụ"), "{out}");
    let other = Work { dir: work.path("other"), url: String::new() };
    std::fs::create_dir_all(&other.dir).unwrap();
    let other = Work { url: format!("sqlite://{}", other.dir.join("b.db").display()), dir: other.dir.clone() };
    let out = other.ok(&["import", sheet.to_str().unwrap()]);
    assert!(out.contains("đã lưu kế hoạch 2999/QĐ-UBND"), "{out}");
    let tasks: serde_json::Value =
        serde_json::from_str(&other.ok(&["tasks", "--plan", PLAN, "--as-of", "2021-12-31", "--json"])).unwrap();
    let overdue = tasks.as_array().unwrap().iter().filter(|t| t["status"] == "overdue").count();
    assert_eq!(overdue, 16, "the imported sheet gives the same deadlines");
    let report = work.path("bao-cao.xlsx");
    work.ok(&[
        "report",
        "--plan",
        PLAN,
        "--as-of",
        "2021-12-31",
        "--format",
        "xlsx",
        "--output",
        report.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&report).unwrap().starts_with(b"PK"));
}
