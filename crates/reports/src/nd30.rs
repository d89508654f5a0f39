//! The parts every paper in the NĐ 30/2020 Appendix I layout shares: the
//! two-column letterhead (issuing body and number on the left; Quốc hiệu,
//! Tiêu ngữ, place and date on the right) and the closing two columns
//! (Nơi nhận on the left; the signing capacity, position and a blank for
//! the signature and name on the right).

use chrono::{Datelike, NaiveDate};

use crate::model::{text_width_mm, Align, Cell, Para, Run, Table, ND30_MARGINS};

pub const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";

/// Body text size (NĐ 30: 13–14 pt).
pub const BODY: f32 = 14.0;
/// Table text size.
pub const SMALL: f32 = 11.0;

/// Who issues a paper and under which number.
#[derive(Debug, Clone, PartialEq)]
pub struct Issuer {
    /// The body above the issuer, when there is one ("UBND TỈNH THANH HÓA"
    /// above "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"); not bold.
    pub parent: Option<String>,
    /// The issuing body in capitals, lines split with '\n'.
    pub name: String,
    /// The abbreviation after the type in the number: "UBND" in "…/BC-UBND".
    pub abbreviation: String,
    /// "Thanh Hóa" in "Thanh Hóa, ngày …".
    pub place: String,
}

impl Issuer {
    /// The issuer of a plan's decision, as its header names it: "ỦY BAN
    /// NHÂN DÂN TỈNH THANH HÓA" becomes two lines, the province on the second.
    pub fn from_plan(issuer: Option<&str>, number: &str, place: Option<&str>) -> Issuer {
        let name = issuer.unwrap_or("ỦY BAN NHÂN DÂN").to_uppercase();
        let name = match name.find(" TỈNH ").or_else(|| name.find(" THÀNH PHỐ ")) {
            Some(i) => format!("{}\n{}", &name[..i], &name[i + 1..]),
            None => name,
        };
        let abbreviation = number.rsplit_once('-').map_or("UBND", |(_, a)| a).to_string();
        Issuer { parent: None, name, abbreviation, place: place.unwrap_or("").to_string() }
    }
}

/// "Thanh Hóa, ngày 09 tháng 08 năm 2021": day and month with leading zeros.
pub fn place_and_date(place: &str, day: NaiveDate) -> String {
    let date = format!("ngày {:02} tháng {:02} năm {}", day.day(), day.month(), day.year());
    if place.is_empty() {
        date
    } else {
        format!("{place}, {date}")
    }
}

pub use theodoi_core::vi::{date_vi, number_vi};

/// Widths of the two header columns: the issuer's narrower one and the
/// Quốc hiệu's wider one.
fn columns() -> Vec<f32> {
    let width = text_width_mm(&ND30_MARGINS);
    vec![width - 106.0, 106.0]
}

/// The letterhead. `number` is the whole "Số: …" line; `excerpt` is the
/// "V/v …" summary a công văn carries under its number.
pub fn letterhead(issuer: &Issuer, number: &str, excerpt: Option<&str>, day: NaiveDate) -> Table {
    let mut left = Vec::new();
    if let Some(parent) = &issuer.parent {
        left.push(Para::text(Align::Center, parent.to_uppercase(), 13.0));
    }
    left.push(Para::new(Align::Center, vec![Run::new(&issuer.name, 13.0).bold()]));
    left.push(Para::rule(18.0));
    left.push(Para::text(Align::Center, number, 13.0));
    if let Some(excerpt) = excerpt {
        left.push(Para::text(Align::Center, excerpt, 12.0));
    }
    let right = vec![
        Para::new(Align::Center, vec![Run::new(QUOC_HIEU, 13.0).bold()]),
        Para::new(Align::Center, vec![Run::new(TIEU_NGU, 14.0).bold()]),
        Para::rule(50.0),
        Para::new(Align::Center, vec![Run::new(place_and_date(&issuer.place, day), 14.0).italic()]),
    ];
    Table { widths: columns(), rows: vec![vec![Cell::new(left), Cell::new(right)]], header_rows: 0, borders: false }
}

/// "Số:      /BC-UBND": the number left blank for the clerk who registers it.
pub fn number_line(kind: Option<&str>, abbreviation: &str) -> String {
    match kind {
        Some(kind) => format!("Số:        /{kind}-{abbreviation}"),
        None => format!("Số:        /{abbreviation}"),
    }
}

/// The signing side: "TM. ỦY BAN NHÂN DÂN", the position, room for the
/// signature and seal, and the name left blank.
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    pub capacity: String,
    pub position: String,
}

/// Nơi nhận and the signature block, side by side.
pub fn closing(recipients: &[String], filing: &str, signature: &Signature) -> Table {
    let mut left = vec![Para::new(Align::Left, vec![Run::new("Nơi nhận:", 12.0).bold().italic()])];
    for r in recipients {
        left.push(Para::text(Align::Left, format!("- {r};"), 11.0));
    }
    left.push(Para::text(Align::Left, format!("- Lưu: {filing}."), 11.0));
    let mut right = vec![
        Para::new(Align::Center, vec![Run::new(&signature.capacity, BODY).bold()]),
        Para::new(Align::Center, vec![Run::new(&signature.position, BODY).bold()]),
    ];
    // Room for the signature and the seal; the name is written by hand.
    for _ in 0..5 {
        right.push(Para::text(Align::Center, "", BODY));
    }
    let width = text_width_mm(&ND30_MARGINS);
    Table {
        widths: vec![width * 0.5, width * 0.5],
        rows: vec![vec![Cell::new(left), Cell::new(right)]],
        header_rows: 0,
        borders: false,
    }
}

/// A body paragraph: justified, first line indented 10 mm, 6 pt after.
pub fn body(text: impl Into<String>) -> Para {
    Para::text(Align::Justify, text, BODY).indent(10.0).after(6.0)
}

/// A bold section heading in the body ("I. KẾT QUẢ …").
pub fn heading(text: impl Into<String>) -> Para {
    Para::new(Align::Justify, vec![Run::new(text, BODY).bold()]).indent(10.0).before(6.0).after(6.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_have_leading_zeros() {
        let day = NaiveDate::from_ymd_opt(2021, 8, 9).unwrap();
        assert_eq!(place_and_date("Thanh Hóa", day), "Thanh Hóa, ngày 09 tháng 08 năm 2021");
        assert_eq!(date_vi(Some(day)), "09/08/2021");
    }

    #[test]
    fn issuer_from_the_plan_header() {
        let i = Issuer::from_plan(Some("Ủy ban nhân dân tỉnh Thanh Hóa"), "2999/QĐ-UBND", Some("Thanh Hóa"));
        assert_eq!(i.name, "ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA");
        assert_eq!(i.abbreviation, "UBND");
        assert_eq!(number_line(Some("BC"), &i.abbreviation), "Số:        /BC-UBND");
    }

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(number_vi(5200.0), "5.200");
        assert_eq!(number_vi(6.3), "6,3");
        assert_eq!(number_vi(-1234.5), "-1.234,5");
    }
}
