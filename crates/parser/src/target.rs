//! Targets (chỉ tiêu) from sentences ("Phấn đấu đến năm 2025, tỷ lệ trường
//! chuẩn quốc gia đạt 81%") and from indicator tables, with Vietnamese
//! numbers ("5.200" is 5200, "6,3" is 6.3).

use crate::model::Target;
use crate::raw::RawTable;

/// Every target stated in one paragraph.
pub fn extract_targets(text: &str, group: Option<u32>, line: usize) -> Vec<Target> {
    let _ = (text, group, line);
    Vec::new()
}

/// Targets from an indicator table (TT | Chỉ tiêu | ĐVT | 2025 | 2030 …);
/// empty when the table is not one.
pub fn targets_from_table(table: &RawTable) -> Vec<Target> {
    let _ = table;
    Vec::new()
}

/// A number written the Vietnamese way: "5.200" → 5200, "6,3" → 6.3.
pub fn parse_vn_number(s: &str) -> Option<f64> {
    let _ = s;
    None
}
