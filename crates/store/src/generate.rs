//! A synthetic province for benchmarks and load tests: a registry of
//! agencies, plans whose tasks follow the seed's mix of deadlines, and
//! progress reports, claims and confirmations. Deterministic for a seed.

use chrono::{Duration, NaiveDate};
use sqlx::{AssertSqlSafe, Row};
use theodoi_parser::*;

use crate::codec::{date_text, now_text};
use crate::error::{fix_error, Result};
use crate::Store;

/// What was generated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Generated {
    pub plans: usize,
    pub tasks: usize,
    pub reports: usize,
    /// Time spent importing the plans (reports excluded).
    pub import_seconds: f64,
}

const SO: &[&str] = &[
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài nguyên và Môi trường",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Thông tin và Truyền thông",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Ngoại vụ",
    "Ban Dân tộc",
    "Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
];
const HUYEN: &[&str] = &[
    "Ủy ban nhân dân thành phố Thanh Hóa",
    "Ủy ban nhân dân thị xã Nghi Sơn",
    "Ủy ban nhân dân thị xã Bỉm Sơn",
    "Ủy ban nhân dân thành phố Sầm Sơn",
    "Ủy ban nhân dân huyện Thọ Xuân",
    "Ủy ban nhân dân huyện Ngọc Lặc",
    "Ủy ban nhân dân huyện Hoằng Hóa",
    "Ủy ban nhân dân huyện Quảng Xương",
    "Ủy ban nhân dân huyện Nông Cống",
];
const PROVINCES: &[&str] = &[
    "An Giang",
    "Bắc Ninh",
    "Cà Mau",
    "Cao Bằng",
    "Đắk Lắk",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Tĩnh",
    "Hưng Yên",
    "Khánh Hòa",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Nghệ An",
    "Ninh Bình",
    "Phú Thọ",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sơn La",
    "Tây Ninh",
    "Thái Nguyên",
    "Thanh Hóa",
    "Tuyên Quang",
    "Vĩnh Long",
];
const WORK: &[&str] = &[
    "Xây dựng Đề án phát triển",
    "Tham mưu cơ chế, chính sách thu hút đầu tư vào",
    "Rà soát, hoàn thiện quy hoạch",
    "Triển khai thực hiện có hiệu quả Chương trình",
    "Nghiên cứu giải pháp nâng cao chất lượng",
];
const FIELD: &[&str] = &[
    "công nghiệp chế biến, chế tạo",
    "du lịch ven biển",
    "nông nghiệp ứng dụng công nghệ cao",
    "hạ tầng giao thông",
    "giáo dục vùng miền núi",
    "y tế cơ sở",
    "chuyển đổi số",
    "logistics",
    "khoa học và công nghệ",
    "văn hóa cơ sở",
];

/// Plans per `import_batch`: its statements carry many rows each, and the
/// batch's new plans are counted at once.
const PLANS_PER_BATCH: usize = 500;

/// SplitMix64: small, fast and good enough to spread synthetic data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// A deadline drawn from the seed's mix: 30% "trước tháng", 12% month,
/// 16% quarter, 12% period, 14% as regulated, 12% continuous, 4% recurring.
fn deadline(rng: &mut Rng, year: i32) -> Deadline {
    let y = year + rng.below(4) as i32;
    let m = 1 + rng.below(12) as u32;
    let end_of_month = |y: i32, m: u32| {
        let first_next = if m == 12 { date(y + 1, 1, 1) } else { date(y, m + 1, 1) };
        first_next - Duration::days(1)
    };
    let blank = |text: String, kind| Deadline {
        text,
        kind,
        start: None,
        due: None,
        reports_to: None,
        milestones: Vec::new(),
        recurrence: None,
    };
    match rng.below(100) {
        0..=29 => Deadline {
            due: Some(date(y, m, 1) - Duration::days(1)),
            ..blank(format!("Trước tháng {m}/{y}"), DeadlineKind::Before)
        },
        30..=41 => Deadline {
            start: Some(date(y, m, 1)),
            due: Some(end_of_month(y, m)),
            ..blank(format!("Tháng {m}/{y}"), DeadlineKind::Month)
        },
        42..=57 => {
            let q = 1 + rng.below(4) as u32;
            Deadline {
                start: Some(date(y, q * 3 - 2, 1)),
                due: Some(end_of_month(y, q * 3)),
                ..blank(format!("Quý {}/{y}", ["I", "II", "III", "IV"][q as usize - 1]), DeadlineKind::Quarter)
            }
        }
        58..=69 => Deadline {
            start: Some(date(year, 1, 1)),
            due: Some(date(year + 4, 12, 31)),
            ..blank(format!("Giai đoạn {year} - {}", year + 4), DeadlineKind::Period)
        },
        70..=83 => blank("Báo cáo theo quy định".into(), DeadlineKind::AsRegulated),
        84..=95 => blank("Trong thời gian thực hiện Nghị quyết".into(), DeadlineKind::Continuous),
        _ => Deadline { recurrence: Some(Recurrence::Yearly), ..blank("Hằng năm".into(), DeadlineKind::Recurring) },
    }
}

fn mention(role: AgencyRole, name: &str) -> AgencyMention {
    AgencyMention { role, name: name.to_string(), as_written: name.to_string(), collective: false }
}

/// An agency of `province` (empty: the one province of a provincial
/// database): "Sở Tài chính" or, in a national one, "Sở Tài chính tỉnh Nghệ An".
fn agency_name(name: &str, province: &str) -> String {
    if province.is_empty() {
        name.to_string()
    } else {
        format!("{name} {province}")
    }
}

fn task(rng: &mut Rng, group: u32, seq: u32, year: i32, province: &str) -> Task {
    let lead = agency_name(if rng.below(10) == 0 { rng.pick(HUYEN) } else { rng.pick(SO) }, province);
    let coordinating: Vec<String> =
        (0..1 + rng.below(3)).map(|_| agency_name(rng.pick(SO), province)).filter(|c| *c != lead).collect();
    let mut agencies = vec![mention(AgencyRole::Lead, &lead)];
    agencies.extend(coordinating.iter().map(|c| mention(AgencyRole::Coordinating, c)));
    Task {
        id: format!("{group}.{seq}"),
        group: Some(group),
        seq: Some(seq),
        title: format!("{} {} tỉnh, giai đoạn {year} - {}", rng.pick(WORK), rng.pick(FIELD), year + 4),
        lead: vec![lead.clone()],
        coordinating,
        coordinating_others: true,
        product: Some("Đề án".into()),
        deadline: deadline(rng, year),
        origin: Origin::Appendix,
        line: None,
        agencies,
    }
}

/// One synthetic plan document.
fn document(rng: &mut Rng, index: usize, tasks_per_plan: usize, provinces: usize) -> Document {
    let province = if provinces > 1 {
        format!("tỉnh {}", PROVINCES[index % provinces.min(PROVINCES.len())])
    } else {
        String::new()
    };
    let year = 2021 + (index % 4) as i32;
    let issued = date(year, 1 + (index % 12) as u32, 1 + (index % 28) as u32);
    let number = format!("{}/QĐ-UBND", 1000 + index);
    let groups_n = 10.min(tasks_per_plan.max(1)) as u32;
    let tasks = (0..tasks_per_plan)
        .map(|i| task(rng, 1 + (i as u32 % groups_n), 1 + (i as u32 / groups_n), year, &province))
        .collect();
    let groups = (1..=groups_n)
        .map(|n| Group {
            number: n,
            title: format!("Nhóm nhiệm vụ {n}"),
            general_task: None,
            points: Vec::new(),
            line: None,
        })
        .collect();
    Document {
        format: FORMAT.into(),
        source: Source {
            name: Some(format!("synthetic-{index}.txt")),
            sha256: format!("{:064x}", (index as u128) << 64 | rng.next() as u128),
            bytes: 0,
            encoding: "utf-8".into(),
        },
        document: DocumentInfo {
            kind: Some("Quyết định".into()),
            number: Some(number),
            issuer: Some(if province.is_empty() {
                "Ủy ban nhân dân tỉnh Thanh Hóa".into()
            } else {
                format!("Ủy ban nhân dân {province}")
            }),
            place: Some("Thanh Hóa".into()),
            issued_on: Some(issued),
            title: Some(format!("Ban hành Kế hoạch số {index}")),
            ..DocumentInfo::default()
        },
        plan: Some(Plan { title: None, sections: Vec::new(), groups, tasks, targets: Vec::new() }),
        diagnostics: Vec::new(),
    }
}

/// Generates `plans` plans of `tasks_per_plan` tasks. With `provinces`
/// above 1 the plans are spread over that many provinces, each with its own
/// agencies, as in a national database (the Government Office's); with 1,
/// one province owns every plan.
///
/// Reports are dated no later than `today`: a report is never written
/// about the future.
pub async fn province(
    store: &Store,
    plans: usize,
    tasks_per_plan: usize,
    provinces: usize,
    seed: u64,
    today: NaiveDate,
    actor: &str,
) -> Result<Generated> {
    let tasks = plans * tasks_per_plan;
    let started = std::time::Instant::now();
    // The documents are drawn on a thread of their own while the database
    // stores the previous batch: the load waits on one core or the other,
    // and drawing a batch cost the database's core a tenth of the load.
    // The draws stay one sequence (the same data for a seed); the thread
    // hands the generator back for the reports.
    let (sender, mut batches) = tokio::sync::mpsc::channel::<Vec<(Document, String)>>(1);
    let drawer = std::thread::spawn(move || {
        let mut rng = Rng(seed);
        let mut batch = Vec::with_capacity(PLANS_PER_BATCH);
        for index in 0..plans {
            batch.push((document(&mut rng, index, tasks_per_plan, provinces), String::new()));
            if batch.len() == PLANS_PER_BATCH || index + 1 == plans {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(PLANS_PER_BATCH));
                if sender.blocking_send(full).is_err() {
                    break;
                }
            }
        }
        rng
    });
    // One transaction for the whole load: all of it or none, and the
    // indexes dropped for it are back in the same commit.
    let mut tx = store.pool().begin().await?;
    let loaded = load(&mut tx, &mut batches, actor).await;
    // Stop the drawer before anything else can fail, and get its generator.
    drop(batches);
    let mut rng = drawer.join().map_err(|_| crate::error::StoreError::Invalid("generator thread panicked".into()))?;
    loaded?;
    tx.commit().await?;
    let import_seconds = started.elapsed().as_secs_f64();
    let reports = reports(store, &mut rng, today).await?;
    Ok(Generated { plans, tasks, reports, import_seconds })
}

/// Stores the drawn batches and builds the deferred indexes, inside `tx`.
async fn load(
    tx: &mut sqlx::AnyConnection,
    batches: &mut tokio::sync::mpsc::Receiver<Vec<(Document, String)>>,
    actor: &str,
) -> Result<()> {
    crate::bulk::begin_load(tx).await?;
    // Whatever happens, the connection goes back to the pool as it came.
    let loaded = store_batches(tx, batches, actor).await;
    crate::bulk::end_load(tx).await?;
    loaded
}

/// Imports every batch without the deferred indexes, then builds them.
async fn store_batches(
    tx: &mut sqlx::AnyConnection,
    batches: &mut tokio::sync::mpsc::Receiver<Vec<(Document, String)>>,
    actor: &str,
) -> Result<()> {
    let deferred = crate::bulk::defer_indexes(tx).await?;
    // The kept weeks are recounted once the reports are in (`reports`).
    crate::snapshots::clear(tx).await?;
    let started = std::time::Instant::now();
    let mut open = crate::counts::NewOpen::default();
    while let Some(batch) = batches.recv().await {
        crate::import::import_batch_in(tx, &batch, actor, &mut open).await?;
        // Freeing a batch's quarter of a million strings took 12-18 ms of
        // this thread while the database waited for the next batch; another
        // thread frees it while this one goes on.
        tokio::task::spawn_blocking(move || drop(batch));
    }
    open.flush(tx).await?;
    let stored = started.elapsed();
    crate::bulk::build_indexes(tx, &deferred).await?;
    tracing::debug!(stored = ?stored, indexes = ?(started.elapsed() - stored), "plans loaded");
    Ok(())
}

/// One generated progress report.
struct SyntheticReport {
    task: i64,
    agency: i64,
    percent: i64,
    claims: bool,
    on: NaiveDate,
    decision: Option<&'static str>,
    decided_on: Option<NaiveDate>,
}

/// Task ids per query when drawing the reports: the lead links of a
/// million tasks read at once held most of a gigabyte of rows.
const REPORT_READ_CHUNK: i64 = 50_000;

/// Progress reports on 60% of dated tasks; half of them claim completion,
/// and most claims are confirmed, some late, a few returned.
///
/// The tasks are read in id order, in ranges of ids, so that a seed draws the
/// same reports on SQLite and PostgreSQL (without an order each database
/// returned its own, and the totals differed) and memory stays bounded.
async fn reports(store: &Store, rng: &mut Rng, today: NaiveDate) -> Result<usize> {
    let now = now_text();
    let mut values: Vec<SyntheticReport> = Vec::new();
    let last: Option<i64> = sqlx::query("SELECT MAX(id) FROM tasks").fetch_one(store.pool()).await?.get(0);
    let mut from = 0_i64;
    while from < last.unwrap_or(0) {
        let rows = sqlx::query(
            "SELECT t.id, ta.agency_id, t.due_on FROM tasks t JOIN task_agencies ta ON ta.task_id = t.id AND ta.role = 'lead'
             WHERE t.id > $1 AND t.id <= $2 AND t.due_on IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.task_id = t.id)
             ORDER BY t.id, ta.agency_id",
        )
        .bind(from)
        .bind(from + REPORT_READ_CHUNK)
        .fetch_all(store.pool())
        .await?;
        from += REPORT_READ_CHUNK;
        for r in &rows {
            if rng.below(10) >= 6 {
                continue;
            }
            let (task, agency): (i64, i64) = (r.get(0), r.get(1));
            let due = crate::codec::parse_date(&r.get::<String, _>(2))?;
            let claims = rng.below(2) == 0;
            let offset = rng.below(90) as i64 - 60;
            let on = (due + Duration::days(offset)).min(today);
            let (decision, decided_on) = if claims {
                let decided = (on + Duration::days(rng.below(10) as i64)).min(today);
                let word = if rng.below(10) == 0 { "returned" } else { "confirmed" };
                (Some(word), Some(decided))
            } else {
                (None, None)
            };
            let percent = if claims { 100 } else { 10 * (1 + rng.below(9) as i64) };
            values.push(SyntheticReport { task, agency, percent, claims, on, decision, decided_on });
        }
    }
    let mut conn = store.pool().begin().await?;
    for chunk in values.chunks(crate::bulk::BATCH) {
        let sql = crate::bulk::multi_row_insert(
            &conn,
            "INSERT INTO reports (task_id, agency_id, percent, claims_done, done_on, submitted_by, submitted_on, \
             submitted_at, decision, decided_by, decided_on) VALUES ",
            11,
            chunk.len(),
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for r in chunk {
            q = q
                .bind(r.task)
                .bind(r.agency)
                .bind(r.percent)
                .bind(r.claims as i64)
                .bind(r.claims.then(|| date_text(r.on)))
                .bind("dev generate")
                .bind(date_text(r.on))
                .bind(now.clone())
                .bind(r.decision)
                .bind(r.decision.map(|_| "dev generate"))
                .bind(r.decided_on.map(date_text));
        }
        q.execute(&mut *conn).await.map_err(fix_error)?;
    }
    // Each confirmed claim sets its task's standing, in one statement.
    sqlx::query(
        "UPDATE tasks SET confirmed_on = (SELECT MAX(r.decided_on) FROM reports r WHERE r.task_id = tasks.id AND r.decision = 'confirmed'),
                          done_on = (SELECT MAX(r.done_on) FROM reports r WHERE r.task_id = tasks.id AND r.decision = 'confirmed')
         WHERE id IN (SELECT task_id FROM reports WHERE decision = 'confirmed' AND submitted_by = 'dev generate')",
    )
    .execute(&mut *conn)
    .await
    .map_err(fix_error)?;
    sqlx::query(
        "UPDATE task_agencies SET confirmed_on = (SELECT t.confirmed_on FROM tasks t WHERE t.id = task_agencies.task_id),
                                  late = (SELECT CASE WHEN t.done_on > t.due_on THEN 1 ELSE 0 END FROM tasks t WHERE t.id = task_agencies.task_id)
         WHERE task_id IN (SELECT task_id FROM reports WHERE decision = 'confirmed' AND submitted_by = 'dev generate')",
    )
    .execute(&mut *conn)
    .await
    .map_err(fix_error)?;
    crate::spans::rebuild(&mut conn).await?;
    crate::counts::rebuild(&mut conn).await?;
    conn.commit().await?;
    // Fresh statistics, so the planner picks index plans for the new data
    // (PostgreSQL's autovacuum would only get to it later). On PostgreSQL
    // also a vacuum: only it marks the new pages all-visible, which the
    // covering indexes need for index-only scans, and it clears the dead
    // rows the load's counters left; SQLite has neither need.
    let analyze = match store.backend() {
        crate::Backend::Postgres => "VACUUM ANALYZE",
        crate::Backend::Sqlite => "ANALYZE",
    };
    sqlx::query(analyze).execute(store.pool()).await?;
    Ok(values.len())
}
