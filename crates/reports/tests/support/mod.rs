//! Shared test support: the seed plan imported into a fresh store on each
//! backend (a SQLite file always; PostgreSQL when the server is there, and
//! required under CI=true), and small readers for the files we write.

#![allow(dead_code)]

use std::collections::HashMap;
use std::future::Future;
use std::io::Read;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use quick_xml::events::Event;
use quick_xml::XmlVersion;
use theodoi_store::Store;

static COUNTER: AtomicUsize = AtomicUsize::new(0);

pub const PLAN: &str = "2999/QĐ-UBND";

fn unique(prefix: &str) -> String {
    format!("{prefix}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst))
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn seed_path() -> PathBuf {
    repo_root().join("examples/qd-2999-ubnd-thanh-hoa-2021.txt")
}

/// Imports the seed plan, as `theodoi import` does.
pub async fn import_seed(store: &Store) {
    let bytes = std::fs::read(seed_path()).unwrap();
    let options = theodoi_parser::Options { name: Some("qd-2999.txt".into()), ..Default::default() };
    let doc = theodoi_parser::parse(&bytes, &options).unwrap();
    store.import(&doc, &String::from_utf8_lossy(&bytes), "test").await.unwrap();
}

/// Runs `test` on a fresh SQLite file holding the seed, then on a fresh
/// PostgreSQL database holding it.
pub async fn each_backend<F, Fut>(test: F)
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = std::env::temp_dir().join(unique("theodoi-reports"));
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::open(&format!("sqlite://{}", dir.join("test.db").display())).await.unwrap();
    import_seed(&store).await;
    test(store.clone()).await;
    store.close().await;
    std::fs::remove_dir_all(&dir).ok();

    if let Some((url, admin, name)) = postgres().await {
        let store = Store::open(&url).await.unwrap();
        import_seed(&store).await;
        test(store.clone()).await;
        store.close().await;
        drop_database(&admin, &name).await;
    }
}

async fn postgres() -> Option<(String, String, String)> {
    use sqlx::Executor;
    sqlx::any::install_default_drivers();
    let admin =
        std::env::var("THEODOI_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let mut conn = match <sqlx::AnyConnection as sqlx::Connection>::connect(&admin).await {
        Ok(c) => c,
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => panic!("PostgreSQL is required under CI=true: {e}"),
        Err(e) => {
            eprintln!("skipping PostgreSQL: {e}");
            return None;
        }
    };
    let name = unique("theodoi_reports");
    conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await.unwrap();
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b).to_string();
    Some((format!("{base}/{name}"), admin, name))
}

async fn drop_database(admin: &str, name: &str) {
    use sqlx::Executor;
    if let Ok(mut conn) = <sqlx::AnyConnection as sqlx::Connection>::connect(admin).await {
        let _ = conn.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))).await;
    }
}

/// One part of a zip file as text.
pub fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = zip.by_name(name).unwrap_or_else(|_| panic!("no part {name}"));
    let mut s = String::new();
    part.read_to_string(&mut s).unwrap();
    s
}

/// What a test checks in a WordprocessingML body, read with a real XML
/// parser: paragraphs' text, tables as rows of cell texts, the attributes
/// of every element named in `wanted`, and every run's font attributes.
#[derive(Debug, Default)]
pub struct Body {
    pub paragraphs: Vec<String>,
    pub tables: Vec<Vec<Vec<String>>>,
    pub elements: HashMap<String, Vec<HashMap<String, String>>>,
    /// (text, bold, half-point size) of every run.
    pub runs: Vec<(String, bool, Option<String>)>,
}

pub fn read_body(xml: &str) -> Body {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut body = Body::default();
    let mut depth_tables: Vec<Vec<Vec<String>>> = Vec::new();
    let mut para = String::new();
    let mut cell = String::new();
    let mut run = (String::new(), false, None);
    let mut in_text = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                let attrs: HashMap<String, String> = e
                    .attributes()
                    .flatten()
                    .map(|a| {
                        (a.key.as_ref().to_string(), a.normalized_value(XmlVersion::Implicit1_0).unwrap().into_owned())
                    })
                    .collect();
                match name.as_str() {
                    "w:tbl" => depth_tables.push(Vec::new()),
                    "w:tr" => depth_tables.last_mut().unwrap().push(Vec::new()),
                    "w:tc" => cell.clear(),
                    "w:p" => para.clear(),
                    "w:r" => run = (String::new(), false, None),
                    "w:b" => run.1 = true,
                    "w:sz" => run.2 = attrs.get("w:val").cloned(),
                    "w:t" => in_text = true,
                    _ => {}
                }
                body.elements.entry(name).or_default().push(attrs);
            }
            Event::Text(t) if in_text => {
                let text = t.xml_content(XmlVersion::Implicit1_0).into_owned();
                para.push_str(&text);
                run.0.push_str(&text);
            }
            Event::GeneralRef(r) if in_text => {
                let text = match r.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                };
                para.push_str(text);
                run.0.push_str(text);
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:r" => body.runs.push(std::mem::take(&mut run)),
                "w:p" => {
                    if !cell.is_empty() || !para.is_empty() {
                        if !cell.is_empty() {
                            cell.push('\n');
                        }
                        cell.push_str(&para);
                    }
                    body.paragraphs.push(std::mem::take(&mut para));
                }
                "w:tc" => {
                    let rows = depth_tables.last_mut().unwrap();
                    rows.last_mut().unwrap().push(std::mem::take(&mut cell));
                }
                "w:tbl" => body.tables.push(depth_tables.pop().unwrap()),
                _ => {}
            },
            _ => {}
        }
    }
    body
}
