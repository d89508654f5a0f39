//! How values are shown to people: dates dd/mm/yyyy, numbers with "."
//! thousands and "," decimals, long text cut with "…".

pub use theodoi_core::vi::{date_vi, number_vi};

/// Cuts `s` to `width` characters, ending with "…" when cut.
pub fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Pads `s` to `width` characters (Vietnamese letters are one column each
/// in NFC).
pub fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(number_vi(5200.0), "5.200");
        assert_eq!(number_vi(6.3), "6,3");
        assert_eq!(number_vi(750000.0), "750.000");
        assert_eq!(number_vi(0.25), "0,25");
        assert_eq!(number_vi(-1234.5), "-1.234,5");
    }

    #[test]
    fn dates_and_cuts() {
        assert_eq!(date_vi(NaiveDate::from_ymd_opt(2021, 8, 9)), "09/08/2021");
        assert_eq!(date_vi(None), "-");
        assert_eq!(cut("Sở Kế hoạch và Đầu tư", 8), "Sở Kế h…");
        assert_eq!(pad("Sở", 4), "Sở  ");
    }
}
