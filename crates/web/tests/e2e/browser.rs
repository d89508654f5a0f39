//! Chromium through chromedriver: starting the driver on a free port,
//! opening a headless session, and the few gestures the test needs
//! (open a page, fill a field, click, screenshot at two widths).

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

/// The widths screenshots are taken at: a desktop and a 360-px phone.
pub const WIDTHS: [u32; 2] = [1280, 360];
const HEIGHT: u32 = 900;
/// Tallest screenshot, so a long page still makes a readable image.
const MAX_HEIGHT: u32 = 4000;

/// A chromedriver process, stopped when dropped.
pub struct Driver {
    child: Child,
    pub url: String,
    pub chromium: PathBuf,
}

/// A binary named by `var`, else the first of `names` on the PATH.
fn find_binary(var: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(var) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|dir| names.iter().map(move |n| dir.join(n))).find(|p| p.is_file())
}

/// Says why the browser test cannot run: a failure under CI, a loud
/// skip elsewhere.
fn cannot_run(ci: bool, why: &str) -> Option<Driver> {
    assert!(!ci, "the browser test must run under CI=true: {why}");
    eprintln!("\n**********\n* SKIPPING the browser test: {why}.\n* Run scripts/test (it installs chromium and chromium-driver) to run it.\n**********\n");
    None
}

impl Driver {
    /// Starts chromedriver on a free port, or explains why it cannot.
    pub fn start_or_skip(ci: bool) -> Option<Driver> {
        let Some(chromium) = find_binary("THEODOI_CHROMIUM", &["chromium", "chromium-browser"]) else {
            return cannot_run(ci, "Chromium is not installed (apt-get install chromium)");
        };
        let Some(chromedriver) = find_binary("THEODOI_CHROMEDRIVER", &["chromedriver"]) else {
            return cannot_run(ci, "chromedriver is not installed (apt-get install chromium-driver)");
        };
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap();
        let child = match Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        {
            Ok(c) => c,
            Err(e) => return cannot_run(ci, &format!("{} does not start: {e}", chromedriver.display())),
        };
        let mut driver = Driver { child, url: format!("http://127.0.0.1:{port}"), chromium };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(20) || driver.child.try_wait().ok().flatten().is_some() {
                return cannot_run(ci, "chromedriver did not start listening within 20 s");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(driver)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where screenshots and the files the test uploads go: `target/e2e/`.
pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("e2e");
    std::fs::create_dir_all(&dir).unwrap();
    // chromedriver takes only canonical paths for uploads.
    dir.canonicalize().unwrap()
}

/// One headless Chromium session on the server at `base`.
pub struct Browser {
    client: Client,
    base: String,
}

impl Browser {
    pub async fn open(driver: &Driver, base: &str) -> Browser {
        let caps = serde_json::json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": driver.chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                         "--hide-scrollbars", "--lang=vi-VN", format!("--window-size={},{HEIGHT}", WIDTHS[0])],
            }
        });
        let serde_json::Value::Object(caps) = caps else { unreachable!() };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&driver.url)
            .await
            .unwrap_or_else(|e| panic!("Chromium does not start through chromedriver: {e}"));
        client.set_window_size(WIDTHS[0], HEIGHT).await.unwrap();
        Browser { client, base: base.to_string() }
    }

    /// Opens `path` and returns the page's HTML.
    pub async fn page(&self, path: &str) -> String {
        self.client.goto(&format!("{}{path}", self.base)).await.unwrap();
        self.source().await
    }

    pub async fn source(&self) -> String {
        self.client.source().await.unwrap()
    }

    /// Clicks a form's submit button and waits until the browser has
    /// loaded the answer. A click returns before the next page is in, and an
    /// answer that comes back to the same address cannot be told from the
    /// old page by its path, so the old page is marked and the wait ends
    /// when a page without the mark has loaded.
    pub async fn submit(&self, css: &str) {
        self.client.execute("window.theodoiOldPage = true;", vec![]).await.unwrap();
        self.click(css).await;
        let deadline = Instant::now() + Duration::from_secs(15);
        let loaded = "return window.theodoiOldPage === undefined && document.readyState === 'complete';";
        while !matches!(self.client.execute(loaded, vec![]).await, Ok(serde_json::Value::Bool(true))) {
            assert!(Instant::now() < deadline, "the answer to {css} did not load within 15 s");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The path and query of the page shown.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    pub async fn click(&self, css: &str) {
        let el = self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e}"));
        el.click().await.unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
    }

    /// Types `value` into a field, replacing what it held; for a file
    /// field `value` is the path of the file to upload.
    pub async fn fill(&self, css: &str, value: &str) {
        let el = self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e}"));
        if el.attr("type").await.unwrap().as_deref() != Some("file") {
            el.clear().await.unwrap();
        }
        el.send_keys(value).await.unwrap_or_else(|e| panic!("cannot type into {css}: {e}"));
    }

    pub async fn sign_in(&self, username: &str, password: &str) {
        self.page("/dang-nhap").await;
        self.fill("input[name=username]", username).await;
        self.fill("input[name=password]", password).await;
        self.submit("form[action=\"/dang-nhap\"] button[type=submit]").await;
        assert_eq!(self.path().await, "/", "{username} signs in and sees the dashboard");
    }

    pub async fn sign_out(&self) {
        self.submit("form[action=\"/dang-xuat\"] button").await;
        self.page("/").await;
        assert_eq!(self.path().await, "/dang-nhap", "signed out, the dashboard asks to sign in");
    }

    /// Saves the page shown as `{name}-{width}.png` at each width, as tall
    /// as the page (up to `MAX_HEIGHT`), then returns to the desktop size.
    pub async fn screenshots(&self, name: &str, dir: &Path) {
        for width in WIDTHS {
            self.client.set_window_size(width, HEIGHT).await.unwrap();
            let height = self
                .client
                .execute("return document.documentElement.scrollHeight", vec![])
                .await
                .unwrap()
                .as_u64()
                .map_or(HEIGHT, |h| (h as u32).clamp(HEIGHT, MAX_HEIGHT));
            self.client.set_window_size(width, height).await.unwrap();
            let png = self.client.screenshot().await.unwrap();
            std::fs::write(dir.join(format!("{name}-{width}.png")), png).unwrap();
        }
        self.client.set_window_size(WIDTHS[0], HEIGHT).await.unwrap();
    }

    pub async fn close(self) {
        self.client.close().await.unwrap();
    }
}
