//! The tracking commands as a clerk runs them: the real binary, the real
//! seed, a real SQLite file and (when the server is there) PostgreSQL.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed() -> PathBuf {
    repo_root().join("examples/qd-2999-ubnd-thanh-hoa-2021.txt")
}

struct Db {
    url: String,
    dir: PathBuf,
    /// PostgreSQL database to drop at the end.
    pg: Option<(String, String)>,
}

impl Db {
    fn sqlite(name: &str) -> Db {
        let dir = std::env::temp_dir().join(format!("theodoi-cmd-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Db { url: format!("sqlite://{}", dir.join("theodoi.db").display()), dir, pg: None }
    }

    fn file(&self) -> PathBuf {
        self.dir.join("theodoi.db")
    }

    /// A fresh PostgreSQL database, or `None` outside CI when there is no
    /// server (under CI=true a missing server fails the test).
    fn postgres(name: &str) -> Option<Db> {
        let admin = std::env::var("THEODOI_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
        let db = format!("theodoi_cmd_{name}_{}", std::process::id());
        let created = Command::new("psql").args([admin.as_str(), "-qAtc", &format!("CREATE DATABASE {db}")]).output();
        match created {
            Ok(out) if out.status.success() => {}
            other => {
                if std::env::var("CI").is_ok_and(|v| v == "true") {
                    panic!("PostgreSQL is required under CI=true: {other:?}");
                }
                eprintln!("skipping PostgreSQL: {other:?}");
                return None;
            }
        }
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b).to_string();
        let mut out = Db::sqlite(name);
        out.url = format!("{base}/{db}");
        out.pg = Some((admin, db));
        Some(out)
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

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some((admin, db)) = &self.pg {
            let _ = Command::new("psql")
                .args([admin.as_str(), "-qAtc", &format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)")])
                .output();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn count_status(tasks: &Value, status: &str) -> usize {
    tasks.as_array().unwrap().iter().filter(|t| t["status"] == status).count()
}

fn appendix(tasks: &Value) -> Value {
    Value::Array(tasks.as_array().unwrap().iter().filter(|t| t["origin"] == "appendix").cloned().collect())
}

/// The figures the monitoring office checks against its own tracker.
fn check_seed_figures(db: &Db) {
    let seed = seed();
    let out = db.ok(&["import", seed.to_str().unwrap()]);
    assert!(out.contains("đã lưu kế hoạch 2999/QĐ-UBND"), "{out}");
    let tasks = appendix(&db.json(&["tasks", "--plan", "2999/QĐ-UBND", "--as-of", "2021-09-01", "--json"]));
    assert_eq!(tasks.as_array().unwrap().len(), 50);
    assert_eq!(count_status(&tasks, "overdue"), 6);
    assert_eq!(count_status(&tasks, "ongoing"), 15);
    assert_eq!(count_status(&tasks, "in_progress"), 29);
    let first = &tasks[0];
    for field in
        ["plan", "task", "title", "lead", "coordinating", "deadline", "status", "due_soon", "days_overdue", "percent"]
    {
        assert!(first.get(field).is_some(), "tasks --json lacks {field}: {first}");
    }
    let tasks = appendix(&db.json(&["tasks", "--plan", "2999/QĐ-UBND", "--as-of", "2022-01-01", "--json"]));
    assert_eq!(count_status(&tasks, "overdue"), 18);
    let t24 = tasks.as_array().unwrap().iter().find(|t| t["task"] == "2.4").unwrap();
    assert_eq!(t24["days_overdue"], 123);

    let again = db.ok(&["import", seed.to_str().unwrap()]);
    assert!(again.contains("đã có, không thay đổi gì"), "{again}");
    let summary = db.json(&["summary", "--as-of", "2021-09-01", "--json"]);
    assert_eq!(summary["by_status"]["overdue"], 6);
}

#[test]
fn seed_figures_on_sqlite() {
    check_seed_figures(&Db::sqlite("seed"));
}

#[test]
fn seed_figures_on_postgres() {
    if let Some(db) = Db::postgres("seed") {
        check_seed_figures(&db);
    }
}

#[test]
fn report_claim_confirm_and_return_through_the_command_line() {
    let db = Db::sqlite("flow");
    db.ok(&["import", seed().to_str().unwrap()]);
    let lead = "Sở Công Thương";
    db.ok(&[
        "progress",
        "--plan",
        "2999/QĐ-UBND",
        "--task",
        "2.4",
        "--agency",
        lead,
        "--percent",
        "60",
        "--on",
        "2021-08-10",
    ]);
    let args = ["progress", "--plan", "2999/QĐ-UBND", "--task", "2.4", "--agency", lead, "--percent", "100", "--done"];
    db.ok(&[&args[..], &["--on", "2021-08-25", "--evidence", "Tờ trình số 12/TTr-SCT"]].concat());
    let status = |day: &str| {
        let tasks = db.json(&["tasks", "--plan", "2999/QĐ-UBND", "--as-of", day, "--json"]);
        tasks.as_array().unwrap().iter().find(|t| t["task"] == "2.4").unwrap()["status"].as_str().unwrap().to_string()
    };
    assert_eq!(status("2021-08-26"), "awaiting_confirmation");
    let out = db.run(&["return", "--plan", "2999/QĐ-UBND", "--task", "2.4", "--reason", "", "--on", "2021-08-27"]);
    assert!(!out.status.success(), "a return needs a reason");
    db.ok(&["return", "--plan", "2999/QĐ-UBND", "--task", "2.4", "--reason", "Thiếu dự thảo", "--on", "2021-08-27"]);
    assert_eq!(status("2021-08-28"), "in_progress");
    db.ok(&[&args[..], &["--on", "2021-08-30"]].concat());
    db.ok(&["confirm", "--plan", "2999/QĐ-UBND", "--task", "2.4", "--on", "2021-09-03"]);
    assert_eq!(status("2021-09-05"), "done_on_time");
    let wrong =
        db.run(&["progress", "--plan", "2999/QĐ-UBND", "--task", "2.4", "--agency", "Sở Y tế", "--percent", "10"]);
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("không chủ trì"));
}

#[test]
fn unreadable_or_planless_input_leaves_the_database_byte_identical() {
    let db = Db::sqlite("bad");
    db.ok(&["import", seed().to_str().unwrap()]);
    let before = std::fs::read(db.file()).unwrap();
    let random = db.dir.join("random.bin");
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    std::fs::write(&random, bytes).unwrap();
    let letter = db.dir.join("thu-moi.txt");
    std::fs::write(&letter, "Kính gửi các đồng chí,\n\nMời dự họp giao ban tuần vào 8 giờ sáng thứ Hai.\n").unwrap();
    for file in [&random, &letter] {
        let out = db.run(&["import", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{}", file.display());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("UTF-8") || stderr.contains("không chứa kế hoạch"), "{stderr}");
    }
    assert_eq!(std::fs::read(db.file()).unwrap(), before, "the database file is unchanged");
}

/// A plan in the seed's layout with `groups` × `per_group` appendix rows.
fn large_plan(groups: usize, per_group: usize) -> String {
    let seed = std::fs::read_to_string(seed()).unwrap();
    let head_end = seed.find("\n1\n\nCông tác quán triệt").expect("the seed's appendix starts with group 1");
    let mut text = seed[..head_end].replace("2999/QĐ-UBND", "9999/QĐ-UBND");
    for g in 1..=groups {
        text.push_str(&format!("\n{g}\n\nNhóm nhiệm vụ số {g}\n"));
        for t in 1..=per_group {
            text.push_str(&format!(
                "\n{t}\n\nXây dựng Đề án số {g}.{t} phát triển kinh tế - xã hội tỉnh.\n\nSở Kế hoạch và Đầu tư\n\nSở Tài chính và các đơn vị liên quan\n\nĐề án\n\nTrước tháng {}/2022\n",
                1 + t % 12
            ));
        }
    }
    text
}

#[test]
fn a_killed_import_leaves_all_of_the_plan_or_none() {
    let db = Db::sqlite("kill");
    db.ok(&["agencies"]);
    let (groups, per_group) = (40, 50);
    let big = db.dir.join("large-plan.txt");
    std::fs::write(&big, large_plan(groups, per_group)).unwrap();
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    let started = std::time::Instant::now();
    let mut finished = 0;
    for round in 0..50 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_theodoi"))
            .args(["--database-url", &db.url, "import", big.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        std::thread::sleep(Duration::from_millis(20 + rng % 400));
        if child.try_wait().unwrap().is_some() {
            finished += 1;
        } else {
            child.kill().unwrap();
        }
        child.wait().unwrap();
        if check_whole_or_nothing(&db, groups * per_group, round) {
            // Start again from an empty database so later kills land mid-import.
            std::fs::remove_file(db.file()).ok();
            for suffix in ["-wal", "-shm"] {
                std::fs::remove_file(format!("{}{suffix}", db.file().display())).ok();
            }
            db.ok(&["agencies"]);
        }
    }
    eprintln!("50 kills in {:?}, {finished} imports finished before their kill", started.elapsed());
}

/// Checks the file's health and that the plan is whole or absent; true
/// when it is whole.
fn check_whole_or_nothing(db: &Db, expected: usize, round: usize) -> bool {
    let out = Command::new("python3")
        .arg("-c")
        .arg(
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('pragma integrity_check').fetchone()[0]); \
             print(c.execute(\"select count(*) from plans where number='9999/QĐ-UBND'\").fetchone()[0]); \
             print(c.execute(\"select count(*) from tasks t join plans p on p.id=t.plan_id where p.number='9999/QĐ-UBND' and t.origin='appendix'\").fetchone()[0])",
        )
        .arg(db.file())
        .output()
        .expect("python3 reads the database");
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.first(),
        Some(&"ok"),
        "round {round}: integrity_check: {text} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    match lines.get(1..3) {
        Some(["0", "0"]) => false,
        Some(["1", n]) => {
            assert_eq!(n.parse::<usize>().unwrap(), expected, "round {round}: a partial plan");
            true
        }
        other => panic!("round {round}: unexpected {other:?}"),
    }
}

#[test]
fn backup_of_a_live_database_restores_what_it_held() {
    let db = Db::sqlite("backup");
    db.ok(&["import", seed().to_str().unwrap()]);
    db.ok(&[
        "progress",
        "--plan",
        "2999/QĐ-UBND",
        "--task",
        "2.4",
        "--agency",
        "Sở Công Thương",
        "--percent",
        "40",
        "--on",
        "2021-08-10",
    ]);
    let copy = db.dir.join("sao-luu.db");
    let out = db.ok(&["backup", copy.to_str().unwrap()]);
    assert!(out.contains("Đã sao lưu"), "{out}");
    let refused = db.run(&["backup", copy.to_str().unwrap()]);
    assert!(!refused.status.success(), "an existing backup is never overwritten");
    db.ok(&[
        "progress",
        "--plan",
        "2999/QĐ-UBND",
        "--task",
        "2.4",
        "--agency",
        "Sở Công Thương",
        "--percent",
        "90",
        "--on",
        "2021-08-20",
    ]);
    let percent = |db: &Db| {
        let tasks = db.json(&["tasks", "--plan", "2999/QĐ-UBND", "--as-of", "2021-08-30", "--json"]);
        tasks.as_array().unwrap().iter().find(|t| t["task"] == "2.4").unwrap()["percent"].clone()
    };
    assert_eq!(percent(&db), 90);
    db.ok(&["restore", copy.to_str().unwrap()]);
    assert_eq!(percent(&db), 40, "the restored database is the one backed up");
    let junk = db.dir.join("junk.db");
    std::fs::write(&junk, b"not a database").unwrap();
    assert!(!db.run(&["restore", junk.to_str().unwrap()]).status.success());
    assert_eq!(percent(&db), 40, "a bad backup replaces nothing");
}
