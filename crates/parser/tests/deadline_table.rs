//! Table of deadline phrasings from the seed, the examples and the issue,
//! each with the kind, start and due a monitor would write down by hand.

use chrono::NaiveDate;
use proptest::prelude::*;
use theodoi_parser::deadline::{parse_deadline, DeadlineContext};
use theodoi_parser::{Deadline, DeadlineKind as K, Recurrence, Severity};

fn ctx() -> DeadlineContext {
    DeadlineContext { default_year: Some(2021) }
}

fn date(s: &str) -> Option<NaiveDate> {
    if s.is_empty() {
        None
    } else {
        Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date"))
    }
}

fn parse(text: &str) -> Deadline {
    parse_deadline(text, &ctx()).0
}

/// (text, kind, start, due); "" is no date.
const TABLE: &[(&str, K, &str, &str)] = &[
    // DESIGN.md table and the list.
    ("Trước tháng 9/2021", K::Before, "", "2021-08-31"),
    ("Trước tháng 3/2024", K::Before, "", "2024-02-29"),
    ("Trước tháng 3/2023", K::Before, "", "2023-02-28"),
    ("Trước tháng 1/2022", K::Before, "", "2021-12-31"),
    ("trước ngày 15/10/2021", K::Before, "", "2021-10-14"),
    ("trước ngày 28/2/2023", K::Before, "", "2023-02-27"),
    ("trước ngày 01/3/2024", K::Before, "", "2024-02-29"),
    ("Trước Quý IV năm 2022", K::Before, "", "2022-09-30"),
    ("Trước Quý I/2023", K::Before, "", "2022-12-31"),
    ("Trước tháng 9 năm 2021", K::Before, "", "2021-08-31"),
    ("trước năm 2025", K::Before, "", "2024-12-31"),
    ("trước trong tháng 5 năm 2022", K::Month, "2022-05-01", "2022-05-31"),
    ("Tháng 10/2021", K::Month, "2021-10-01", "2021-10-31"),
    ("trong tháng 10 năm 2021", K::Month, "2021-10-01", "2021-10-31"),
    ("6/2025", K::Month, "2025-06-01", "2025-06-30"),
    ("tháng 02/2025", K::Month, "2025-02-01", "2025-02-28"),
    ("Tháng 2/2024", K::Month, "2024-02-01", "2024-02-29"),
    ("Tháng 12", K::Month, "2021-12-01", "2021-12-31"),
    ("tháng 0 6 năm 2018", K::Month, "2018-06-01", "2018-06-30"),
    ("tháng 9-10/2021", K::Month, "2021-09-01", "2021-10-31"),
    ("Tháng 9, 10 năm 2022", K::Month, "2022-09-01", "2022-10-31"),
    ("Trước ngày 15/12 hằng năm", K::Recurring, "", ""),
    ("Tháng 3/2027", K::Month, "2027-03-01", "2027-03-31"),
    ("THÁNG 10/2021", K::Month, "2021-10-01", "2021-10-31"),
    ("Thang 10/2021", K::Month, "2021-10-01", "2021-10-31"),
    ("Quý IV/2021", K::Quarter, "2021-10-01", "2021-12-31"),
    ("trong Quý II năm 2022", K::Quarter, "2022-04-01", "2022-06-30"),
    ("quý 1/2019", K::Quarter, "2019-01-01", "2019-03-31"),
    ("Quý I/2027", K::Quarter, "2027-01-01", "2027-03-31"),
    ("Quý II/2027", K::Quarter, "2027-04-01", "2027-06-30"),
    ("Quý III/2021", K::Quarter, "2021-07-01", "2021-09-30"),
    ("Quý IV/2026", K::Quarter, "2026-10-01", "2026-12-31"),
    ("QUÝ IV/2025", K::Quarter, "2025-10-01", "2025-12-31"),
    ("Quý 4 năm 2023", K::Quarter, "2023-10-01", "2023-12-31"),
    ("Quý II, III/2015", K::Quarter, "2015-04-01", "2015-09-30"),
    ("trong Quý IV", K::Quarter, "2021-10-01", "2021-12-31"),
    ("Quý IV/ 2021", K::Quarter, "2021-10-01", "2021-12-31"),
    ("6 tháng đầu năm 2022", K::HalfYear, "2022-01-01", "2022-06-30"),
    ("6 tháng cuối năm 2022", K::HalfYear, "2022-07-01", "2022-12-31"),
    ("Năm 2022", K::Year, "2022-01-01", "2022-12-31"),
    ("Cả năm 2015", K::Year, "2015-01-01", "2015-12-31"),
    ("trong năm 2022", K::Year, "2022-01-01", "2022-12-31"),
    ("Năm 2026", K::Year, "2026-01-01", "2026-12-31"),
    ("2025", K::Year, "2025-01-01", "2025-12-31"),
    ("Đến năm 2025", K::Year, "2025-01-01", "2025-12-31"),
    ("Giai đoạn 2021 - 2025", K::Period, "2021-01-01", "2025-12-31"),
    ("giai đoạn 2021-2025", K::Period, "2021-01-01", "2025-12-31"),
    ("2025 - 2026", K::Period, "2025-01-01", "2026-12-31"),
    ("2021 – 2025", K::Period, "2021-01-01", "2025-12-31"),
    ("2021 — 2025", K::Period, "2021-01-01", "2025-12-31"),
    ("Giai đoạn 2021 - 2022", K::Period, "2021-01-01", "2022-12-31"),
    ("Năm 2025 - 2026", K::Period, "2025-01-01", "2026-12-31"),
    ("Năm 2025-2030", K::Period, "2025-01-01", "2030-12-31"),
    ("năm 2026 - 2027.", K::Period, "2026-01-01", "2027-12-31"),
    ("Từ năm 2021 đến năm 2025", K::Period, "2021-01-01", "2025-12-31"),
    ("Từ quý III/2026 đến quý III/2030", K::Period, "2026-07-01", "2030-09-30"),
    ("Giai\u{a0}đoạn 2021\u{a0}-\u{a0}2025", K::Period, "2021-01-01", "2025-12-31"),
    ("2025 và những năm tiếp theo", K::Continuous, "2025-01-01", ""),
    ("năm 2025 và các năm tiếp theo.", K::Continuous, "2025-01-01", ""),
    ("năm\n2026 và các năm tiếp theo.", K::Continuous, "2026-01-01", ""),
    ("Từ quý II/2027", K::Continuous, "2027-04-01", ""),
    ("Từ tháng 5/2026, thường xuyên", K::Continuous, "2026-05-01", ""),
    ("ngày 15/10/2021", K::Date, "", "2021-10-15"),
    ("Ngày 09/11/2015", K::Date, "", "2015-11-09"),
    ("chậm nhất ngày 15/10/2021", K::Date, "", "2021-10-15"),
    ("Chậm nhất ngày 31/12/2022", K::Date, "", "2022-12-31"),
    ("ngày 26 tháng 6 năm 2018", K::Date, "", "2018-06-26"),
    ("ngày 15 tháng 10", K::Date, "", "2021-10-15"),
    ("15/10/2021", K::Date, "", "2021-10-15"),
    ("trước ngày 01 tháng 01 năm 2026.", K::Before, "", "2025-12-31"),
    ("trước\nngày 31 tháng 12 năm 2026.", K::Before, "", "2026-12-30"),
    ("Trình UBTVQH xem xét, thông qua trước ngày 10/01/2025", K::Before, "", "2025-01-09"),
    ("Hằng năm", K::Recurring, "", ""),
    ("Hằng năm.", K::Recurring, "", ""),
    ("hàng năm", K::Recurring, "", ""),
    ("định kỳ", K::Recurring, "", ""),
    ("Báo cáo định kỳ theo quy định", K::Recurring, "", ""),
    ("định kỳ 6 tháng", K::Recurring, "", ""),
    ("hằng quý", K::Recurring, "", ""),
    ("hàng tháng", K::Recurring, "", ""),
    ("Thường xuyên hằng năm", K::Recurring, "", ""),
    ("Hằng năm và từng giai đoạn", K::Recurring, "", ""),
    ("Hằng năm và\ntừng giai đoạn", K::Recurring, "", ""),
    ("Thường xuyên, định kỳ hằng quý báo cáo về Sở Tài chính", K::Recurring, "", ""),
    ("Thường xuyên", K::Continuous, "", ""),
    ("Trong thời gian thực hiện Nghị quyết", K::Continuous, "", ""),
    ("Trong quá trình thực hiện Nghị quyết", K::Continuous, "", ""),
    ("Trong thời gian thực hiện Nghị Quyết", K::Continuous, "", ""),
    ("TRONG THỜI GIAN THỰC HIỆN NGHỊ QUYẾT", K::Continuous, "", ""),
    ("liên tục", K::Continuous, "", ""),
    ("Báo cáo theo quy định", K::AsRegulated, "", ""),
    ("theo quy định", K::AsRegulated, "", ""),
    ("Báo cáo UBND tỉnh theo quy định để trình cấp có thẩm quyền phê duyệt", K::AsRegulated, "", ""),
    ("Theo tiến độ được giao của Luật An ninh mạng 2025.", K::AsRegulated, "", ""),
    ("Sau khi có hướng dẫn của Bộ Tài chính", K::Unknown, "", ""),
    ("Theo kết quả rà soát, đề xuất của các cơ quan", K::Unknown, "", ""),
    ("Khi đủ điều kiện", K::Unknown, "", ""),
    ("Báo cáo UBND tỉnh để trình Thủ tướng Chính phủ xem xét, phê duyệt trong Quý IV/2021", K::Quarter, "2021-10-01", "2021-12-31"),
    ("Báo cáo UBND tỉnh để trình Thủ tướng Chính phủ trong Quý III/2021", K::Quarter, "2021-07-01", "2021-09-30"),
    ("Giai đoạn 2021 - 2025, riêng nội dung quy hoạch Cảng Nghi Sơn tiềm năng thành cảng biển đặc biệt trong Quý IV/2021.", K::Period, "2021-01-01", "2025-12-31"),
    ("định kỳ hằng năm; Riêng năm 2020 hoàn thành trong quý II/2020", K::Recurring, "", ""),
    ("- Trình UBTVQH tại Phiên họp thứ 42 (tháng 02/2025); - Trình Quốc hội xem xét, thông qua tại Kỳ họp bất thường lần thứ 9 (cuối tháng 02/2025)", K::Month, "2025-02-01", "2025-02-28"),
    ("- Trình UBTVQH cho ý kiến tại Phiên họp thứ 44 (tháng 4/2025); - Trình Quốc hội xem xét, thông qua tại Kỳ họp thứ 9 (tháng 5/2025)", K::Month, "2025-05-01", "2025-05-31"),
    // Seed body sentences: the deadline sits at the end, after names with years.
    ("- Sở Công Thương chủ trì, phối hợp với các đơn vị liên quan tham mưu xây dựng cơ chế, chính sách thu hút và mở rộng quy mô sản xuất các ngành công nghiệp có thế mạnh của tỉnh Thanh Hóa, trọng tâm là phát triển công nghiệp năng lượng và chế biến, chế tạo, báo cáo UBND tỉnh trước tháng 9 năm 2021.", K::Before, "", "2021-08-31"),
    ("Khẩn trương hoàn thiện Quy hoạch tỉnh Thanh Hóa thời kỳ 2021 - 2030, tầm nhìn đến năm 2045, báo cáo UBND tỉnh theo quy định để trình Thủ tướng Chính phủ xem xét, phê duyệt trong Quý IV năm 2021.", K::Quarter, "2021-10-01", "2021-12-31"),
    ("Xây dựng Đề án phát triển thủy sản gắn với bảo vệ chủ quyền quốc gia trên biển tỉnh Thanh Hóa đến năm 2030, tầm nhìn đến năm 2045, báo cáo UBND tỉnh trước trong tháng 5 năm 2022.", K::Month, "2022-05-01", "2022-05-31"),
    ("Xây dựng Đề án phát triển vật liệu xây dựng tỉnh Thanh Hóa thời kỳ 2021 - 2030, định hướng đến năm 2045, báo cáo UBND tỉnh trước tháng 11 năm 2021.", K::Before, "", "2021-10-31"),
    ("- Ban Dân tộc chủ trì, phối hợp với các đơn vị liên quan xây dựng Đề án phát triển các mô hình cây trồng, vật nuôi, dược liệu, sản phẩm có lợi thế khu vực miền núi tỉnh Thanh Hóa, giai đoạn 2021 - 2025, báo cáo UBND tỉnh trước tháng 12 năm 2021.", K::Before, "", "2021-11-30"),
    ("- Sở Nông nghiệp và PTNT chủ trì, phối hợp với các đơn vị liên quan tham mưu xây dựng Đề án xây dựng NTM trên địa bàn 15 xã biên giới và xã Mường Lý của tỉnh Thanh Hóa, nhằm phát triển kinh tế - xã hội và đảm bảo quốc phòng - an ninh giai đoạn 2021 - 2030; báo cáo UBND tỉnh trong tháng 10 năm 2021.", K::Month, "2021-10-01", "2021-10-31"),
    ("Tham mưu giải pháp huy động tối đa các nguồn lực để bảo tồn di tích khảo cổ Hang Con Moong đề nghị UNESCO công nhận di sản thế giới, báo cáo UBND tỉnh trước Quý IV năm 2022 để triển khai các bước tiếp theo theo quy định.", K::Before, "", "2022-09-30"),
    ("Nghiên cứu, tham mưu các giải pháp phát triển mạnh các ngành kinh tế biển và ven biển gắn với bảo vệ chủ quyền quốc gia và nâng cao đời sống nhân dân vùng biển, đảo; báo cáo UBND tỉnh trong thời gian thực hiện Nghị quyết.", K::Continuous, "", ""),
    ("Tham mưu cho UBND tỉnh phối hợp với Bộ Kế hoạch và Đầu tư và các Bộ, ngành Trung ương liên quan, thực hiện Nghị quyết số 13/NQ-CP ngày 03/02/2021 của Chính phủ, báo cáo Thủ tướng Chính phủ trong Quý I năm 2022.", K::Quarter, "2022-01-01", "2022-03-31"),
    ("Đẩy mạnh đầu tư hạ tầng cảng biển, phấn đấu đạt 100 triệu tấn trong giai đoạn 2021 - 2025; sớm hoàn chỉnh quy hoạch Cảng Nghi Sơn tiềm năng thành cảng biển đặc biệt, báo cáo Thủ tướng Chính phủ trong quý IV năm 2021.", K::Quarter, "2021-10-01", "2021-12-31"),
    // Example 05 (PDF table) and 03 (reporting duties).
    ("định kỳ hằng năm báo cáo kết quả thực hiện về Bộ Y tế trước ngày 31 tháng 12 để tổng hợp, báo cáo Thủ tướng Chính phủ.", K::Recurring, "", ""),
    ("Định kỳ hàng tháng (trước ngày 16 hàng tháng), 6 tháng (trước ngày 16/6), tổng kết năm (trước ngày 20/11 hàng năm)", K::Recurring, "", ""),
    ("trong quý II năm 2026.", K::Quarter, "2026-04-01", "2026-06-30"),
    ("Từ \nquý \nIII/2026 \nđến \nquý III/2030", K::Period, "2026-07-01", "2030-09-30"),
    ("Từ tháng 5/2026, \nthường xuyên ", K::Continuous, "2026-05-01", ""),
    ("Từ quý I/2027", K::Continuous, "2027-01-01", ""),
    ("Chi thường xuyên hoặc nguồn vốn hợp pháp khác (nếu có)", K::Unknown, "", ""),
    ("Thường xuyên \n", K::Continuous, "", ""),
    ("Quý I/2030", K::Quarter, "2030-01-01", "2030-03-31"),
    ("Hằng năm từ quý IV/2026 - 2029", K::Recurring, "", ""),
    ("Tru\u{301}o\u{31b}\u{301}c tha\u{301}ng 9/2021", K::Before, "", "2021-08-31"),
    ("Trước 30/6/2025", K::Before, "", "2025-06-29"),
    ("Hoàn thành trước 31/12/2025", K::Before, "", "2025-12-30"),
    ("Tháng 6 năm 2025", K::Month, "2025-06-01", "2025-06-30"),
    ("Đến hết năm 2025", K::Year, "2025-01-01", "2025-12-31"),
    ("Tháng 10 hằng năm", K::Recurring, "", ""),
    ("Quý I hằng năm", K::Recurring, "", ""),
    ("Kế hoạch đầu tư năm 2025", K::Year, "2025-01-01", "2025-12-31"),
    ("Quý IV/2028", K::Quarter, "2028-10-01", "2028-12-31"),
    ("Từ\nquý\nIII/2026\nđến\nquý III/2030", K::Period, "2026-07-01", "2030-09-30"),
];

#[test]
fn table_of_phrasings() {
    assert!(TABLE.len() >= 90, "only {} phrasings", TABLE.len());
    let mut failures = Vec::new();
    for &(text, kind, start, due) in TABLE {
        let d = parse(text);
        if d.kind != kind || d.start != date(start) || d.due != date(due) {
            failures.push(format!("{text:?}: got {:?} {:?} {:?}, want {kind:?} {start} {due}", d.kind, d.start, d.due));
        }
        assert_eq!(d.text, text.trim());
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// The 50 "Thời gian báo cáo UBND tỉnh" cells of the seed's appendix, in order.
const SEED: &[&str] = &[
    "Trong quá trình thực hiện Nghị quyết",
    "Báo cáo UBND tỉnh để trình Thủ tướng Chính phủ xem xét, phê duyệt trong Quý IV/2021",
    "Báo cáo UBND tỉnh để trình Thủ tướng Chính phủ xem xét, phê duyệt trong Quý IV/2021",
    "Báo cáo theo quy định",
    "Trước tháng 9/2021",
    "Trước tháng 5/2022",
    "Báo cáo theo quy định",
    "Tháng 10/2021",
    "Tháng 5/2022",
    "Trước tháng 9/2021",
    "Báo cáo UBND tỉnh để trình Thủ tướng Chính phủ trong Quý III/2021",
    "Trước tháng 11/2021",
    "Trước tháng 9/2021",
    "Trong Quý II/2022",
    "Trước tháng 11/2021",
    "Giai đoạn 2021 - 2022",
    "Trước tháng 9/2021",
    "Trước tháng 12/2021",
    "Giai đoạn 2021 - 2025",
    "Giai đoạn 2021 - 2025, riêng nội dung quy hoạch Cảng Nghi Sơn tiềm năng thành cảng biển đặc biệt trong Quý IV/2021.",
    "Giai đoạn 2021 - 2025",
    "Giai đoạn 2021 - 2025",
    "Trong thời gian thực hiện Nghị quyết",
    "Báo cáo UBND tỉnh theo quy định để trình cấp có thẩm quyền phê duyệt",
    "Báo cáo theo quy định",
    "Trước tháng 12/2021",
    "Báo cáo theo quy định",
    "Trong Quý III/2022",
    "Báo cáo theo quy định",
    "Trước tháng 12/2024",
    "Báo cáo theo quy định",
    "Trước tháng 9/2021",
    "Trước tháng 3/2025",
    "Tháng 6/2022",
    "Giai đoạn 2021 - 2025",
    "Quý IV/2022",
    "Giai đoạn 2021 - 2025",
    "Quý III/2021",
    "Tháng 11/2021",
    "Tháng 10/2021",
    "Báo cáo định kỳ theo quy định",
    "Trước tháng 9/2021",
    "Tháng 6/2022",
    "Trước tháng 12/2022",
    "Trước tháng 11/2021",
    "Báo cáo theo quy định",
    "Trong thời gian thực hiện Nghị quyết",
    "Trong thời gian thực hiện Nghị Quyết",
    "Trong thời gian thực hiện Nghị Quyết",
    "Trong thời gian thực hiện Nghị Quyết",
];

#[test]
fn seed_appendix_counts() {
    assert_eq!(SEED.len(), 50);
    let parsed: Vec<Deadline> = SEED.iter().map(|t| parse(t)).collect();
    assert!(parsed.iter().all(|d| d.kind != K::Unknown));
    let no_due = parsed.iter().filter(|d| d.due.is_none()).count();
    assert_eq!(no_due, 15);
    let no_due_kinds = parsed.iter().filter(|d| matches!(d.kind, K::Continuous | K::Recurring | K::AsRegulated));
    assert_eq!(no_due_kinds.count(), 15);
    let by = |y, m, d| {
        parsed.iter().filter(move |x| x.due.is_some_and(|due| due < NaiveDate::from_ymd_opt(y, m, d).unwrap()))
    };
    assert_eq!(by(2021, 9, 1).count(), 6);
    assert!(by(2021, 9, 1).all(|d| d.text == "Trước tháng 9/2021"));
    assert_eq!(by(2022, 1, 1).count(), 18);
}

#[test]
fn reports_to_expands_the_recipient() {
    let cases = [
        ("Báo cáo UBND tỉnh để trình Thủ tướng Chính phủ xem xét, phê duyệt trong Quý IV/2021", "Thủ tướng Chính phủ"),
        ("Báo cáo UBND tỉnh để trình Thủ tướng Chính phủ trong Quý III/2021", "Thủ tướng Chính phủ"),
        ("Trình UBTVQH xem xét, thông qua trước ngày 10/01/2025", "Ủy ban Thường vụ Quốc hội"),
        ("báo cáo UBND tỉnh trước tháng 9 năm 2021.", "Ủy ban nhân dân tỉnh"),
        ("Báo cáo UBND tỉnh theo quy định để trình cấp có thẩm quyền phê duyệt", "Ủy ban nhân dân tỉnh"),
        ("trình HĐND tỉnh tại kỳ họp cuối năm 2022", "Hội đồng nhân dân tỉnh"),
        ("báo cáo Ban Thường vụ Tỉnh ủy trong Quý I/2022", "Ban Thường vụ Tỉnh ủy"),
        ("trình Tỉnh ủy trước tháng 6/2022", "Tỉnh ủy"),
        ("trình Chính phủ trong tháng 3/2023", "Chính phủ"),
        ("Thường xuyên, định kỳ hằng quý báo cáo về Sở Tài chính", "Sở Tài chính"),
        (
            "định kỳ hằng năm báo cáo kết quả thực hiện về Bộ Y tế trước ngày 31 tháng 12 để tổng hợp, báo cáo Thủ tướng Chính phủ.",
            "Bộ Y tế",
        ),
        (
            "- Trình UBTVQH tại Phiên họp thứ 42 (tháng 02/2025); - Trình Quốc hội xem xét, thông qua tại Kỳ họp bất thường lần thứ 9 (cuối tháng 02/2025)",
            "Quốc hội",
        ),
    ];
    for (text, want) in cases {
        assert_eq!(parse(text).reports_to.as_deref(), Some(want), "{text}");
    }
    assert_eq!(parse("Trước tháng 9/2021").reports_to, None);
    assert_eq!(parse("Hồ sơ báo cáo Quy hoạch trong năm 2022").reports_to, None);
}

#[test]
fn compound_texts_keep_milestones() {
    let d = parse("Giai đoạn 2021 - 2025, riêng nội dung quy hoạch Cảng Nghi Sơn tiềm năng thành cảng biển đặc biệt trong Quý IV/2021.");
    assert_eq!(d.milestones.len(), 1);
    assert_eq!(
        d.milestones[0].text,
        "riêng nội dung quy hoạch Cảng Nghi Sơn tiềm năng thành cảng biển đặc biệt trong Quý IV/2021"
    );
    assert_eq!(d.milestones[0].due, date("2021-12-31"));

    let d = parse("định kỳ hằng năm; Riêng năm 2020 hoàn thành trong quý II/2020");
    assert_eq!(d.recurrence, Some(Recurrence::Yearly));
    assert_eq!(d.due, None);
    assert_eq!(d.milestones.len(), 1);
    assert_eq!(d.milestones[0].text, "Riêng năm 2020 hoàn thành trong quý II/2020");
    assert_eq!(d.milestones[0].due, date("2020-06-30"));

    let d = parse("- Trình UBTVQH tại Phiên họp thứ 42 (tháng 02/2025); - Trình Quốc hội xem xét, thông qua tại Kỳ họp bất thường lần thứ 9 (cuối tháng 02/2025)");
    assert_eq!(d.milestones.len(), 1);
    assert_eq!(d.milestones[0].text, "Trình UBTVQH tại Phiên họp thứ 42 (tháng 02/2025)");
    assert_eq!(d.milestones[0].due, date("2025-02-28"));

    let d = parse("- Trình UBTVQH cho ý kiến tại Phiên họp thứ 44 (tháng 4/2025); - Trình Quốc hội xem xét, thông qua tại Kỳ họp thứ 9 (tháng 5/2025)");
    assert_eq!(d.milestones.len(), 1);
    assert_eq!(d.milestones[0].due, date("2025-04-30"));

    let d = parse(
        "+ Các bộ, cơ quan ngang bộ, Ủy\nban nhân dân các tỉnh gửi kết quả rà soát về Bộ\nCông an trước ngày 15 tháng 12 năm 2025.\n\n+ Bộ Công an tổng hợp kết quả\nrà soát, báo cáo Thủ tướng Chính phủ trước ngày 31 tháng 12 năm 2025.",
    );
    assert_eq!(d.kind, K::Before);
    assert_eq!(d.due, date("2025-12-30"));
    assert_eq!(d.reports_to.as_deref(), Some("Thủ tướng Chính phủ"));
    assert_eq!(d.milestones.len(), 1);
    assert_eq!(d.milestones[0].due, date("2025-12-14"));
    assert!(d.milestones[0].text.ends_with("trước ngày 15 tháng 12 năm 2025"), "{}", d.milestones[0].text);

    assert!(parse("Trước tháng 9/2021").milestones.is_empty());
}

#[test]
fn recurrence_names_the_period() {
    let cases = [
        ("Hằng năm", Recurrence::Yearly),
        ("hàng năm", Recurrence::Yearly),
        ("Thường xuyên hằng năm", Recurrence::Yearly),
        ("Hằng năm và từng giai đoạn", Recurrence::Yearly),
        ("hằng quý", Recurrence::Quarterly),
        ("Thường xuyên, định kỳ hằng quý báo cáo về Sở Tài chính", Recurrence::Quarterly),
        ("hàng tháng", Recurrence::Monthly),
        ("Định kỳ hàng tháng (trước ngày 16 hàng tháng), 6 tháng (trước ngày 16/6)", Recurrence::Monthly),
        ("định kỳ 6 tháng", Recurrence::HalfYearly),
        ("định kỳ", Recurrence::Periodic),
        ("Báo cáo định kỳ theo quy định", Recurrence::Periodic),
    ];
    for (text, want) in cases {
        let d = parse(text);
        assert_eq!((d.kind, d.recurrence), (K::Recurring, Some(want)), "{text}");
    }
    assert_eq!(parse("Thường xuyên").recurrence, None);
}

#[test]
fn diagnostics_say_what_was_guessed() {
    let (d, notes) = parse_deadline("Tháng 12", &ctx());
    assert_eq!(d.due, date("2021-12-31"));
    assert_eq!(notes.len(), 1);
    assert_eq!((notes[0].severity, notes[0].code.as_str()), (Severity::Info, "deadline.year_from_context"));
    assert_eq!(notes[0].line, None);

    let (_, notes) = parse_deadline("trong Quý IV", &ctx());
    assert_eq!(notes.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(), ["deadline.year_from_context"]);

    let (d, notes) = parse_deadline("   ", &ctx());
    assert_eq!((d.kind, d.text.as_str()), (K::Unknown, ""));
    assert_eq!(
        notes.iter().map(|n| (n.severity, n.code.as_str())).collect::<Vec<_>>(),
        [(Severity::Warning, "deadline.missing")]
    );

    let (d, notes) = parse_deadline("Sau khi có hướng dẫn của Bộ Tài chính", &ctx());
    assert_eq!(d.due, None);
    assert_eq!(
        notes.iter().map(|n| (n.severity, n.code.as_str())).collect::<Vec<_>>(),
        [(Severity::Warning, "deadline.unknown")]
    );

    let (d, notes) = parse_deadline("Tháng 12", &DeadlineContext::default());
    assert_eq!(d.kind, K::Unknown);
    assert_eq!(notes.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(), ["deadline.unknown"]);

    let (_, notes) = parse_deadline("Quý IV/2021", &ctx());
    assert!(notes.is_empty());
}

#[test]
fn names_with_years_are_not_deadlines() {
    let unknown = [
        "Hoàn thiện Quy hoạch tỉnh Thanh Hóa thời kỳ 2021 - 2030, tầm nhìn đến năm 2045, bảo đảm chất lượng cao nhất và phù hợp với định hướng của vùng.",
        "Triển khai Nghị quyết số 13/NQ-CP ngày 03/02/2021 của Chính phủ về xây dựng và phát triển tỉnh Thanh Hóa cùng các chương trình liên quan.",
        "Thực hiện Nghị quyết số 05/2021/UBTVQH15 của Ủy ban Thường vụ Quốc hội về chức năng, nhiệm vụ, quyền hạn và tổ chức của Viện nghiên cứu.",
    ];
    for text in unknown {
        let d = parse(text);
        assert_eq!((d.kind, d.due), (K::Unknown, None), "{text}");
    }
}

proptest! {
    #[test]
    fn never_panics_and_due_follows_start(text in ".{0,200}") {
        let (d, _) = parse_deadline(&text, &ctx());
        if let (Some(s), Some(e)) = (d.start, d.due) {
            prop_assert!(s <= e);
        }
    }

    #[test]
    fn never_panics_on_deadline_shaped_text(
        text in "(Trước |trong |từ |chậm nhất )?(ngày [0-9 ]{1,3}[/ ]?|tháng [0-9 ]{1,3}|Quý [IVX1-5, ]{1,6}|năm |giai đoạn )[/ -–]{0,2}[0-9]{0,5}( - [0-9]{1,4})?(; riêng .{0,10})?"
    ) {
        let (d, _) = parse_deadline(&text, &ctx());
        if let (Some(s), Some(e)) = (d.start, d.due) {
            prop_assert!(s <= e);
        }
        for m in &d.milestones {
            prop_assert!(!m.text.is_empty());
        }
    }
}
