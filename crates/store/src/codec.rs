//! How values cross into SQL: dates as ISO text, booleans as 0/1, so one
//! statement means the same on both databases.

use chrono::NaiveDate;

use crate::error::{Result, StoreError};

pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn opt_date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(date_text)
}

pub(crate) fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| StoreError::Invalid(format!("ngày không hợp lệ trong cơ sở dữ liệu: {s}")))
}

pub(crate) fn opt_date(s: Option<String>) -> Result<Option<NaiveDate>> {
    s.as_deref().map(parse_date).transpose()
}

/// Now, as ISO text in UTC, for audit and submission times.
pub(crate) fn now_text() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

pub(crate) fn kind_text(kind: theodoi_parser::DeadlineKind) -> &'static str {
    use theodoi_parser::DeadlineKind::*;
    match kind {
        Date => "date",
        Before => "before",
        Month => "month",
        Quarter => "quarter",
        HalfYear => "half_year",
        Year => "year",
        Period => "period",
        Recurring => "recurring",
        Continuous => "continuous",
        AsRegulated => "as_regulated",
        Unknown => "unknown",
    }
}

pub(crate) fn parse_kind(s: &str) -> theodoi_parser::DeadlineKind {
    use theodoi_parser::DeadlineKind::*;
    match s {
        "date" => Date,
        "before" => Before,
        "month" => Month,
        "quarter" => Quarter,
        "half_year" => HalfYear,
        "year" => Year,
        "period" => Period,
        "recurring" => Recurring,
        "continuous" => Continuous,
        "as_regulated" => AsRegulated,
        _ => Unknown,
    }
}

pub(crate) fn recurrence_text(r: theodoi_parser::Recurrence) -> &'static str {
    use theodoi_parser::Recurrence::*;
    match r {
        Monthly => "monthly",
        Quarterly => "quarterly",
        HalfYearly => "half_yearly",
        Yearly => "yearly",
        Periodic => "periodic",
    }
}

pub(crate) fn parse_recurrence(s: &str) -> Option<theodoi_parser::Recurrence> {
    use theodoi_parser::Recurrence::*;
    Some(match s {
        "monthly" => Monthly,
        "quarterly" => Quarterly,
        "half_yearly" => HalfYearly,
        "yearly" => Yearly,
        "periodic" => Periodic,
        _ => return None,
    })
}

/// The static name of a status the database computed.
pub(crate) fn status_key(s: &str) -> &'static str {
    theodoi_core::TaskStatus::parse(s).map_or("ongoing", theodoi_core::TaskStatus::as_str)
}
