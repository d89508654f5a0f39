//! How values look on screen: dates as dd/mm/yyyy, statuses with their
//! Vietnamese names and customary colours.

use chrono::NaiveDate;
use theodoi_core::TaskStatus;

/// A date as people in Vietnam write it.
pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// An optional date, or a dash.
pub fn opt_date(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".into(), date)
}

/// The CSS class of a status: green done on time, orange done late, blue
/// in progress, red overdue, grey ongoing; purple awaiting confirmation.
pub fn status_class(s: TaskStatus) -> &'static str {
    match s {
        TaskStatus::DoneOnTime => "st-done",
        TaskStatus::DoneLate => "st-late",
        TaskStatus::AwaitingConfirmation => "st-await",
        TaskStatus::InProgress => "st-progress",
        TaskStatus::Overdue => "st-overdue",
        TaskStatus::Ongoing => "st-ongoing",
    }
}

/// Reads a `YYYY-MM-DD` (from a date picker or the API) or `dd/mm/yyyy`.
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y")).ok()
}

/// Percent-encodes a query value (agency names carry spaces, commas and
/// Vietnamese letters).
pub fn url(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
