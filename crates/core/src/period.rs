//! Reporting periods (kỳ báo cáo) for recurring tasks: a task that reports
//! "hằng quý" owes one report per closed quarter since the plan began, and a
//! closed period without a report is a finding for the summary.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use theodoi_parser::Recurrence;

/// One reporting period, e.g. 2021-Q4, 2022-H1, 2022, 2022-03.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// The period of `recurrence` that contains `day`.
    pub fn containing(recurrence: Recurrence, day: NaiveDate) -> Period {
        let months = months_per_period(recurrence);
        let first_month = (day.month0() / months) * months + 1;
        let start = NaiveDate::from_ymd_opt(day.year(), first_month, 1).unwrap_or(day);
        let end = add_months(start, months).pred_opt().unwrap_or(start);
        Period { start, end }
    }

    /// The period that follows this one, of the same length.
    pub fn next(self) -> Period {
        let months = months_between(self.start, self.end.succ_opt().unwrap_or(self.end));
        let start = self.end.succ_opt().unwrap_or(self.end);
        Period { start, end: add_months(start, months).pred_opt().unwrap_or(start) }
    }

    /// Parses the keys `Display` writes: "2021", "2021-H1", "2021-Q4", "2021-03".
    pub fn parse(key: &str) -> Option<Period> {
        let (year, rest) = match key.split_once('-') {
            Some((y, r)) => (y.parse::<i32>().ok()?, Some(r)),
            None => (key.parse::<i32>().ok()?, None),
        };
        let (first_month, months) = match rest {
            None => (1, 12),
            Some(r) if r.starts_with('H') => (r[1..].parse::<u32>().ok().filter(|h| (1..=2).contains(h))? * 6 - 5, 6),
            Some(r) if r.starts_with('Q') => (r[1..].parse::<u32>().ok().filter(|q| (1..=4).contains(q))? * 3 - 2, 3),
            Some(r) => (r.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?, 1),
        };
        let start = NaiveDate::from_ymd_opt(year, first_month, 1)?;
        Some(Period { start, end: add_months(start, months).pred_opt()? })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let y = self.start.year();
        match months_between(self.start, self.end.succ_opt().unwrap_or(self.end)) {
            12 => write!(f, "{y}"),
            6 => write!(f, "{y}-H{}", self.start.month0() / 6 + 1),
            3 => write!(f, "{y}-Q{}", self.start.month0() / 3 + 1),
            _ => write!(f, "{y}-{:02}", self.start.month()),
        }
    }
}

/// "định kỳ" without a named period is read as quarterly, the rhythm of the
/// provinces' progress reports.
fn months_per_period(recurrence: Recurrence) -> u32 {
    match recurrence {
        Recurrence::Monthly => 1,
        Recurrence::Quarterly | Recurrence::Periodic => 3,
        Recurrence::HalfYearly => 6,
        Recurrence::Yearly => 12,
    }
}

fn add_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(chrono::Months::new(months)).unwrap_or(NaiveDate::MAX)
}

fn months_between(start: NaiveDate, end_exclusive: NaiveDate) -> u32 {
    let months = (end_exclusive.year() - start.year()) * 12 + end_exclusive.month() as i32 - start.month() as i32;
    months.max(1) as u32
}

/// Closed periods from the one containing `since` up to `as_of` (a period
/// is closed once its last day has passed) that have no report.
pub fn missing_periods(recurrence: Recurrence, since: NaiveDate, as_of: NaiveDate, reported: &[Period]) -> Vec<Period> {
    let mut out = Vec::new();
    let mut period = Period::containing(recurrence, since);
    while period.end < as_of {
        if !reported.contains(&period) {
            out.push(period);
        }
        period = period.next();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_contain_their_day_and_print_their_key() {
        let q = Period::containing(Recurrence::Quarterly, d(2021, 8, 9));
        assert_eq!((q.start, q.end, q.to_string()), (d(2021, 7, 1), d(2021, 9, 30), "2021-Q3".to_string()));
        let h = Period::containing(Recurrence::HalfYearly, d(2024, 2, 29));
        assert_eq!((h.end, h.to_string()), (d(2024, 6, 30), "2024-H1".to_string()));
        assert_eq!(Period::containing(Recurrence::Yearly, d(2022, 5, 1)).to_string(), "2022");
        assert_eq!(Period::containing(Recurrence::Monthly, d(2024, 2, 10)).end, d(2024, 2, 29));
        for key in ["2021", "2021-H2", "2021-Q4", "2021-03"] {
            assert_eq!(Period::parse(key).unwrap().to_string(), key);
        }
        assert_eq!(Period::parse("2021-Q5"), None);
        assert_eq!(Period::parse("abc"), None);
    }

    #[test]
    fn missing_reports_are_closed_periods_without_one() {
        let reported = [Period::parse("2021-Q3").unwrap()];
        let missing = missing_periods(Recurrence::Quarterly, d(2021, 8, 9), d(2022, 4, 1), &reported);
        let keys: Vec<String> = missing.iter().map(Period::to_string).collect();
        assert_eq!(keys, ["2021-Q4", "2022-Q1"]);
        assert!(missing_periods(Recurrence::Yearly, d(2021, 8, 9), d(2021, 12, 31), &[]).is_empty());
    }
}
