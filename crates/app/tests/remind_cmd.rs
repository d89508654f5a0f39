//! `theodoi remind` as an office runs it: the real binary, the seed plan in
//! a real SQLite file, agency accounts with addresses, and an SMTP server
//! written here on 127.0.0.1 that keeps what it receives — and can refuse.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};

use base64::Engine;
use chrono::NaiveDate;
use serde_json::Value;
use theodoi_store::{ReminderStatus, Store};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One message as the server received it.
#[derive(Debug, Clone)]
struct Mail {
    to: Vec<String>,
    subject: String,
    body: String,
    content_type: String,
}

/// A small SMTP server: greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET, QUIT.
/// Recipients containing `refuse.0` are answered with `refuse.1`.
#[derive(Clone, Default)]
struct Sink {
    mails: Arc<Mutex<Vec<Mail>>>,
    refuse: Arc<Mutex<Option<(String, String)>>>,
}

impl Sink {
    fn start() -> (Sink, u16) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let sink = Sink::default();
        let shared = sink.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let sink = shared.clone();
                std::thread::spawn(move || sink.session(stream));
            }
        });
        (sink, port)
    }

    fn mails(&self) -> Vec<Mail> {
        self.mails.lock().unwrap().clone()
    }

    fn session(&self, stream: TcpStream) {
        let mut out = stream.try_clone().unwrap();
        let mut lines = BufReader::new(stream);
        let mut say = |text: &str| out.write_all(format!("{text}\r\n").as_bytes());
        if say("220 sink.test ESMTP").is_err() {
            return;
        }
        let mut to = Vec::new();
        loop {
            let mut line = String::new();
            if lines.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let command = line.trim_end().to_ascii_uppercase();
            let reply = if command.starts_with("EHLO") {
                "250-sink.test\r\n250-8BITMIME\r\n250 OK".to_string()
            } else if command.starts_with("RCPT TO:") {
                let address = line.trim_end()[8..].trim().trim_matches(['<', '>']).to_string();
                match self.refuse.lock().unwrap().clone() {
                    Some((who, answer)) if address.contains(&who) => answer,
                    _ => {
                        to.push(address);
                        "250 OK".into()
                    }
                }
            } else if command == "DATA" {
                if say("354 go on").is_err() {
                    return;
                }
                let mut data = Vec::new();
                loop {
                    let mut l = Vec::new();
                    if lines.read_until(b'\n', &mut l).unwrap_or(0) == 0 {
                        return;
                    }
                    if l == b".\r\n" {
                        break;
                    }
                    data.extend_from_slice(if l.starts_with(b"..") { &l[1..] } else { &l });
                }
                let mail = parse(std::mem::take(&mut to), &String::from_utf8_lossy(&data));
                self.mails.lock().unwrap().push(mail);
                "250 queued".into()
            } else if command == "QUIT" {
                let _ = say("221 bye");
                return;
            } else {
                if command == "RSET" {
                    to.clear();
                }
                "250 OK".into()
            };
            if say(&reply).is_err() {
                return;
            }
        }
    }
}

/// Splits a message into its decoded subject and body.
fn parse(to: Vec<String>, data: &str) -> Mail {
    let (head, body) = data.split_once("\r\n\r\n").unwrap_or((data, ""));
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    let header =
        |name: &str| unfolded.lines().find_map(|l| l.strip_prefix(name).map(str::to_string)).unwrap_or_default();
    let content_type = header("Content-Type: ").to_ascii_lowercase();
    let body = match header("Content-Transfer-Encoding: ").to_ascii_lowercase().as_str() {
        "base64" => {
            let packed: String = body.split_whitespace().collect();
            String::from_utf8_lossy(&base64::engine::general_purpose::STANDARD.decode(packed).unwrap_or_default())
                .into_owned()
        }
        "quoted-printable" => quoted_printable(body),
        _ => body.to_string(),
    };
    Mail { to, subject: decode_words(&header("Subject: ")), body: body.replace("\r\n", "\n"), content_type }
}

/// Quoted-printable (RFC 2045) as text: soft line breaks joined, `=XX`
/// bytes restored.
fn quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// RFC 2047 encoded words (`=?utf-8?b?…?=`) as text; the space between two
/// encoded words is not part of the text, any other is.
fn decode_words(text: &str) -> String {
    let mut out = String::new();
    let mut last_encoded = None;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let decoded = word.strip_prefix("=?utf-8?b?").and_then(|w| w.strip_suffix("?=")).map(|b64| {
            String::from_utf8_lossy(&base64::engine::general_purpose::STANDARD.decode(b64).unwrap_or_default())
                .into_owned()
        });
        let encoded = decoded.is_some();
        if last_encoded.is_some() && !(encoded && last_encoded == Some(true)) {
            out.push(' ');
        }
        out.push_str(&decoded.unwrap_or_else(|| word.to_string()));
        last_encoded = Some(encoded);
    }
    out
}

struct Db {
    url: String,
    dir: PathBuf,
}

impl Db {
    fn new(name: &str) -> Db {
        let dir = std::env::temp_dir().join(format!("theodoi-remind-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Db { url: format!("sqlite://{}", dir.join("theodoi.db").display()), dir }
    }

    fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_theodoi"))
            .args(["--database-url", &self.url])
            .args(args)
            .env_remove("THEODOI_SMTP_URL")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run theodoi");
        child.stdin.take().unwrap().write_all(stdin.unwrap_or("").as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args, Some("mat-khau-du-dai-123\n"));
        assert!(out.status.success(), "theodoi {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// The day's reminder records, read straight from the database.
    fn records(&self, day: NaiveDate) -> Vec<theodoi_store::Reminder> {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let store = Store::open(&self.url).await.unwrap();
            let records = store.reminders_on(day).await.unwrap();
            store.close().await;
            records
        })
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn reminders_go_once_survive_a_refusing_server_and_dry_runs_change_nothing() {
    let day = NaiveDate::from_ymd_opt(2021, 9, 1).unwrap();
    let db = Db::new("flow");
    db.ok(&["import", repo_root().join("examples/qd-2999-ubnd-thanh-hoa-2021.txt").to_str().unwrap()]);
    let overdue: Value =
        serde_json::from_str(&db.ok(&["tasks", "--as-of", "2021-09-01", "--status", "overdue", "--json"])).unwrap();
    let overdue = overdue.as_array().unwrap().clone();
    assert_eq!(overdue.len(), 6);
    // One focal point per agency leading an overdue task.
    let mut leads: Vec<String> = overdue
        .iter()
        .flat_map(|t| t["lead"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_string()))
        .collect();
    leads.sort();
    leads.dedup();
    let email = |i: usize| format!("dau-moi-{i}@so.thanhhoa.gov.vn");
    for (i, agency) in leads.iter().enumerate() {
        let name = format!("dau-moi-{i}");
        let address = email(i);
        db.ok(&[
            "user",
            "add",
            "--username",
            &name,
            "--role",
            "agency",
            "--agency",
            agency,
            "--email",
            &address,
            "--password-stdin",
        ]);
    }

    // A dry run shows every digest and records nothing.
    let out = db.ok(&["remind", "--as-of", "2021-09-01", "--dry-run"]);
    assert_eq!(out.matches("Gửi tới: ").count(), leads.len(), "{out}");
    assert!(out.contains("Nhắc việc ngày 01/09/2021") && out.contains("NHIỆM VỤ QUÁ HẠN"), "{out}");
    assert!(db.records(day).is_empty(), "a dry run records nothing");

    // Nothing listening: every digest is recorded as failed, with the error.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let smtp = |port: u16| format!("smtp://127.0.0.1:{port}");
    let remind = |port: u16| {
        db.run(
            &["remind", "--as-of", "2021-09-01", "--smtp-url", &smtp(port), "--base-url", "https://theodoi.example/"],
            None,
        )
    };
    let out = remind(closed);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("kiểm tra máy chủ SMTP") && err.contains("chạy lại `theodoi remind`"), "{err}");
    let records = db.records(day);
    assert_eq!(records.len(), leads.len());
    assert!(records.iter().all(|r| r.status == ReminderStatus::Failed && r.attempts == 1 && r.last_error.is_some()));

    // A server that refuses one recipient: the others go, that one waits.
    let (sink, port) = Sink::start();
    *sink.refuse.lock().unwrap() = Some((email(0), "451 4.3.0 hộp thư tạm không nhận".into()));
    let out = remind(port);
    assert!(!out.status.success(), "one digest is still failed");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("451"), "{err}");
    assert_eq!(sink.mails().len(), leads.len() - 1);
    let refused = db.records(day).into_iter().find(|r| r.recipient == email(0)).unwrap();
    assert_eq!((refused.status, refused.attempts), (ReminderStatus::Failed, 2));
    assert!(refused.last_error.as_deref().unwrap().contains("451"), "{refused:?}");

    // The server takes it now: the later run sends exactly that one.
    *sink.refuse.lock().unwrap() = None;
    let out = remind(port);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("đã gửi 1 thư"));
    let mails = sink.mails();
    assert_eq!(mails.len(), leads.len());
    assert_eq!(mails.last().unwrap().to, vec![email(0)]);
    assert!(db.records(day).iter().all(|r| r.status == ReminderStatus::Sent && r.sent_at.is_some()));

    // A second run the same day sends nothing.
    let out = remind(port);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("ghi nhận 0 thư mới, đã gửi 0 thư"));
    assert_eq!(sink.mails().len(), leads.len());

    // Each agency heard of exactly its overdue tasks, in Vietnamese, with
    // dates as dd/mm/yyyy and links to the task pages.
    for (i, agency) in leads.iter().enumerate() {
        let mail = mails.iter().find(|m| m.to == vec![email(i)]).expect("one mail per focal point");
        assert!(mail.content_type.starts_with("text/plain") && mail.content_type.contains("charset=utf-8"));
        assert!(
            mail.subject.contains("Nhắc việc ngày 01/09/2021") && mail.subject.contains(agency.as_str()),
            "{}",
            mail.subject
        );
        assert!(mail.body.contains(&format!("Kính gửi: {agency}")), "{}", mail.body);
        let own: Vec<&Value> =
            overdue.iter().filter(|t| t["lead"].as_array().unwrap().iter().any(|a| a == agency.as_str())).collect();
        let listed: Value = serde_json::from_str(&db.ok(&[
            "tasks",
            "--agency",
            agency,
            "--as-of",
            "2021-09-01",
            "--status",
            "overdue",
            "--json",
        ]))
        .unwrap();
        let count = listed.as_array().unwrap().len();
        assert!(count >= own.len());
        assert!(mail.body.contains(&format!("NHIỆM VỤ QUÁ HẠN ({count})")), "{}", mail.body);
        for t in own {
            let code = t["task"].as_str().unwrap();
            assert!(mail.body.contains(&format!("nhiệm vụ {code}:")), "{agency}: {code}\n{}", mail.body);
            assert!(mail.body.contains(&format!("https://theodoi.example/nhiem-vu/{}", t["id"])), "{}", mail.body);
            assert!(mail.body.contains(&format!("quá hạn {} ngày", t["days_overdue"])), "{}", mail.body);
            let due = NaiveDate::parse_from_str(t["deadline"]["due"].as_str().unwrap(), "%Y-%m-%d").unwrap();
            assert!(mail.body.contains(&due.format("%d/%m/%Y").to_string()), "{}", mail.body);
        }
    }
}

#[test]
fn remind_without_a_server_says_what_to_set() {
    let db = Db::new("nosmtp");
    let out = db.run(&["remind", "--as-of", "2021-09-01"], None);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--smtp-url") && err.contains("THEODOI_SMTP_URL"), "{err}");
}

#[test]
fn serve_sends_the_days_reminders_at_start_up_once_the_hour_has_passed() {
    let db = Db::new("serve");
    db.ok(&["import", repo_root().join("examples/qd-2999-ubnd-thanh-hoa-2021.txt").to_str().unwrap()]);
    for (name, agency) in [("sotc", "Sở Tài chính"), ("soct", "Sở Công Thương")] {
        let address = format!("{name}@thanhhoa.gov.vn");
        db.ok(&[
            "user",
            "add",
            "--username",
            name,
            "--role",
            "agency",
            "--agency",
            agency,
            "--email",
            &address,
            "--password-stdin",
        ]);
    }
    let (sink, port) = Sink::start();
    let mut server = Command::new(env!("CARGO_BIN_EXE_theodoi"))
        .args(["--database-url", &db.url, "serve", "--addr", "127.0.0.1:0", "--remind-at", "00:00"])
        .args(["--smtp-url", &format!("smtp://127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Today every task of the 2021 plan still open is long overdue, so
    // both focal points hear of theirs; wait for the job (generously).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while sink.mails().len() < 2 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    // Let a (wrong) second pass show itself before stopping the server.
    std::thread::sleep(std::time::Duration::from_secs(1));
    server.kill().unwrap();
    server.wait().unwrap();
    let mut to: Vec<Vec<String>> = sink.mails().into_iter().map(|m| m.to).collect();
    to.sort();
    assert_eq!(to, vec![vec!["soct@thanhhoa.gov.vn".to_string()], vec!["sotc@thanhhoa.gov.vn".to_string()]]);
    let today = chrono::Local::now().date_naive();
    let records = db.records(today);
    assert_eq!(records.len(), 2);
    assert!(records.iter().all(|r| r.status == ReminderStatus::Sent));
}
