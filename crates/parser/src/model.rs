//! The parsed document, shaped exactly like `theodoi.plan/1`
//! (`contract/plan.schema.json`). Everything downstream (store, web, reports)
//! consumes these types, so fields are only ever added, never renamed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The contract's format tag.
pub const FORMAT: &str = "theodoi.plan/1";

/// One parsed document: what `theodoi parse --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub format: String,
    pub source: Source,
    pub document: DocumentInfo,
    pub plan: Option<Plan>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Where the text came from; `sha256` makes imports idempotent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub name: Option<String>,
    pub sha256: String,
    pub bytes: u64,
    pub encoding: String,
}

/// The document's own identity: header, legal bases, references, signature.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// Loại văn bản: "Quyết định", "Nghị quyết", "Kế hoạch" …
    pub kind: Option<String>,
    /// Số, ký hiệu without spaces: "2999/QĐ-UBND".
    pub number: Option<String>,
    /// Issuing body (cơ quan ban hành), abbreviations expanded.
    pub issuer: Option<String>,
    /// Địa danh: "Thanh Hóa".
    pub place: Option<String>,
    pub issued_on: Option<NaiveDate>,
    /// Trích yếu, as written.
    pub title: Option<String>,
    pub signer: Option<Signer>,
    /// "Căn cứ …" paragraphs.
    pub legal_bases: Vec<LegalBasis>,
    /// Every distinct document the text cites, once each.
    pub references: Vec<Reference>,
    /// Nơi nhận.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// The "HIỆU LỰC VĂN BẢN" block when present.
    #[serde(default)]
    pub validity: Option<Validity>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signer {
    pub name: String,
    /// "Chủ tịch", "Phó Thủ tướng" …
    pub position: Option<String>,
    /// "TM. Ủy ban nhân dân", "KT. Chủ tịch" …
    pub capacity: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegalBasis {
    pub text: String,
    /// Numbers of the documents this basis cites, e.g. "58-NQ/TW".
    pub cites: Vec<String>,
    #[serde(default)]
    pub line: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    pub number: String,
    pub kind: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub issuer: Option<String>,
}

/// The validity block some publishers append ("HIỆU LỰC VĂN BẢN").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Validity {
    pub number: Option<String>,
    pub kind: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub effective_on: Option<NaiveDate>,
    /// "Còn hiệu lực", "Hết hiệu lực" …
    pub status: Option<String>,
    pub place: Option<String>,
    pub signer: Option<String>,
    #[serde(default)]
    pub line: Option<usize>,
}

/// The plan the document issues (kế hoạch), when it holds one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub title: Option<String>,
    /// Roman-numeral sections of the plan ("I. MỤC ĐÍCH, YÊU CẦU").
    #[serde(default)]
    pub sections: Vec<Section>,
    pub groups: Vec<Group>,
    pub tasks: Vec<Task>,
    pub targets: Vec<Target>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// "I", "II" …
    pub number: String,
    pub title: String,
    #[serde(default)]
    pub line: Option<usize>,
}

/// A numbered task group (nhóm nhiệm vụ) with its general task (nhiệm vụ chung).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub number: u32,
    pub title: String,
    pub general_task: Option<String>,
    /// a)/b)/… points and bullets under the group, in order.
    #[serde(default)]
    pub points: Vec<Point>,
    #[serde(default)]
    pub line: Option<usize>,
}

/// A lettered point ("a) Nhiệm vụ chung: …") or a bullet inside a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// "a", "b", "đ" for lettered points; "-" or "+" for bullets.
    pub label: String,
    pub text: String,
    #[serde(default)]
    pub line: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A row of the document's task table.
    Appendix,
    /// An assignment found only in the prose; a reviewer accepts or drops it.
    Body,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyRole {
    /// Chủ trì.
    Lead,
    /// Phối hợp.
    Coordinating,
}

/// One agency as the text names it, beside the registry name it maps to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyMention {
    pub role: AgencyRole,
    /// Canonical name.
    pub name: String,
    /// As written in the document, so a reviewer can check the mapping.
    pub as_written: String,
    /// A class of agencies ("Các sở, ban, ngành cấp tỉnh") rather than one.
    pub collective: bool,
}

/// One task: the "5 rõ" — owner, work, deadline, product, responsibility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// "2.1" = group 2, row 1; "1" when the group row is itself the task.
    pub id: String,
    pub group: Option<u32>,
    pub seq: Option<u32>,
    pub title: String,
    /// Canonical names of the lead agencies (chủ trì).
    pub lead: Vec<String>,
    /// Canonical names of the coordinating agencies (phối hợp).
    pub coordinating: Vec<String>,
    /// The list ends with "và các đơn vị liên quan" or similar.
    pub coordinating_others: bool,
    /// Sản phẩm.
    pub product: Option<String>,
    pub deadline: Deadline,
    pub origin: Origin,
    pub line: Option<usize>,
    /// Every agency as written, with its role and canonical name.
    #[serde(default)]
    pub agencies: Vec<AgencyMention>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    Date,
    Before,
    Month,
    Quarter,
    HalfYear,
    Year,
    Period,
    Recurring,
    Continuous,
    AsRegulated,
    Unknown,
}

/// How often a recurring task reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
    /// "định kỳ" with no period named.
    Periodic,
}

/// A deadline as written and as understood. `due` is inclusive; "trước"
/// (before) is strict, so "Trước tháng 9/2021" is due 2021-08-31.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    pub text: String,
    pub kind: DeadlineKind,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// Who the result goes up to ("Thủ tướng Chính phủ").
    #[serde(default)]
    pub reports_to: Option<String>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// For `recurring`: the reporting period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<Recurrence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub text: String,
    pub due: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparator {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = "=")]
    Equal,
    #[serde(rename = ">")]
    Above,
    #[serde(rename = "<")]
    Below,
}

/// A target (chỉ tiêu): "Đến năm 2025, GRDP bình quân đầu người đạt 5.200 USD".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub group: Option<u32>,
    pub indicator: String,
    pub comparator: Comparator,
    pub value: f64,
    /// Upper end of a range ("15-20%"): `value` is the lower end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    /// "%", "USD", "tỷ đồng", "bác sỹ/1 vạn dân", "hạng" (rank) …
    pub unit: Option<String>,
    pub year: Option<i32>,
    pub period: Option<[i32; 2]>,
    pub text: Option<String>,
    pub line: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// Something the parser could not place, or a guess it made, with its line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable and dotted: "deadline.year_from_context".
    pub code: String,
    pub message: String,
    pub line: Option<usize>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &str, message: impl Into<String>, line: Option<usize>) -> Self {
        Diagnostic { severity, code: code.to_string(), message: message.into(), line }
    }
}
