//! The task-table reader on every layout: the seed, the real examples and
//! short synthetic fixtures, one per layout and variant.

use proptest::prelude::*;
use theodoi_parser::raw::{Line, RawTask, TableTasks};
use theodoi_parser::table::{appendix_tasks, read_tables};
use theodoi_parser::text;

fn read(text_in: &str) -> Option<TableTasks> {
    let lines = text::lines(text_in);
    let tables = read_tables(&lines);
    appendix_tasks(&lines, &tables)
}

fn fixture(path: &str) -> String {
    let full = format!("{}/{}", env!("CARGO_MANIFEST_DIR"), path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn layout(name: &str) -> TableTasks {
    read(&fixture(&format!("tests/fixtures/layouts/{name}"))).unwrap_or_else(|| panic!("no task table in {name}"))
}

fn real(name: &str) -> TableTasks {
    read(&fixture(&format!("tests/fixtures/real/{name}"))).unwrap_or_else(|| panic!("no task table in {name}"))
}

fn task<'a>(t: &'a TableTasks, id: &str) -> &'a RawTask {
    t.tasks.iter().find(|x| x.id == id).unwrap_or_else(|| panic!("no task {id}: {:?}", ids(t)))
}

fn ids(t: &TableTasks) -> Vec<&str> {
    t.tasks.iter().map(|x| x.id.as_str()).collect()
}

fn codes(t: &TableTasks) -> Vec<&str> {
    t.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn s(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("")
}

// ---------------------------------------------------------------- seed

fn seed() -> TableTasks {
    read(&fixture("../../examples/qd-2999-ubnd-thanh-hoa-2021.txt")).expect("seed task table")
}

#[test]
fn seed_has_ten_groups_and_fifty_tasks_with_the_right_ids() {
    let t = seed();
    assert_eq!(t.groups.len(), 10);
    assert_eq!(t.groups.iter().map(|g| g.number).collect::<Vec<_>>(), (1..=10).collect::<Vec<_>>());
    let mut expected = vec!["1".to_string()];
    for (g, n) in [(2, 6), (3, 11), (4, 4), (5, 2), (6, 10), (7, 6), (8, 4), (9, 3), (10, 3)] {
        expected.extend((1..=n).map(|k| format!("{g}.{k}")));
    }
    assert_eq!(ids(&t), expected);
    assert_eq!(t.tasks.len(), 50);
    assert!(t.diagnostics.is_empty(), "{:?}", t.diagnostics);
}

#[test]
fn seed_groups_have_titles_and_lines() {
    let t = seed();
    assert_eq!(t.groups[0].title, "Công tác quán triệt, tuyên truyền, phổ biến thông tin");
    assert_eq!(t.groups[0].line, 336);
    assert_eq!(t.groups[3].title, "Phát triển kết cấu hạ tầng kinh tế - xã hội của tỉnh");
    assert_eq!(t.groups[3].line, 560);
}

#[test]
fn seed_tasks_every_field() {
    let t = seed();
    // (id, line of the number cell, title, lead, coordinating, product, deadline)
    let rows: &[(&str, usize, &str, &str, &str, &str, &str)] = &[
        ("1", 336, "Công tác quán triệt, tuyên truyền, phổ biến thông tin", "Các sở, ban, ngành cấp tỉnh, UBND các huyện, thị xã, thành phố", "Đài Phát thanh và Truyền hình tỉnh, Báo Thanh hóa, các cơ quan thông tấn, báo chí trên địa bàn tỉnh và các đơn vị liên quan", "Các thông tin điện tử trên website; chương trình phát thanh, truyền hình; bài viết, bài nói, ấn phẩm, số liệu;…", "Trong quá trình thực hiện Nghị quyết"),
        ("2.1", 352, "Hoàn thiện Quy hoạch tỉnh Thanh Hóa thời kỳ 2021 - 2030, tầm nhìn đến năm 2045.", "Sở Kế hoạch và Đầu tư", "Các sở, ban, ngành, UBND cấp huyện và các đơn vị liên quan", "Hồ sơ báo cáo Quy hoạch", "Báo cáo UBND tỉnh để trình Thủ tướng Chính phủ xem xét, phê duyệt trong Quý IV/2021"),
        ("2.6", 412, "Tham mưu cho UBND tỉnh phối hợp với Bộ Tài nguyên và Môi trường rà soát, bổ sung, sửa đổi, ban hành các quy định, chính sách về quản lý tài nguyên khoáng sản, sử dụng tài nguyên tái tạo; tăng cường công tác bảo vệ môi trường tại các nhóm sản xuất công nghiệp có nguy cơ ô nhiễm cao, các lưu vực sông, khu vực cửa biển; xã hội hóa công tác bảo vệ môi trường.", "Sở Tài nguyên và Môi trường", "Sở: Xây dựng, Kế hoạch và Đầu tư, Tài chính, Nông nghiệp và PTNT và các đơn vị liên quan", "Cơ chế, chính sách, quy định", "Báo cáo theo quy định"),
        ("3.3", 452, "Thu hút đầu tư xây dựng trung tâm logistics cấp vùng hạng I tại Khu kinh tế Nghi Sơn.", "Ban quản lý KKT Nghi Sơn và các KCN", "Sở Giao thông vận tải, Sở Kế hoạch và Đầu tư, Sở Tài chính, Sở Nội vụ và các đơn vị liên quan", "Đề án", "Trước tháng 9/2021"),
        ("4.2", 576, "Tham mưu cho UBND tỉnh phối hợp với Bộ Giao thông vận tải và các Bộ, ngành Trung ương liên quan đẩy nhanh tiến độ đầu tư tuyến đường bộ cao tốc Bắc - Nam; nâng cấp và mở rộng, hoàn chỉnh hệ thống giao thông kết nối giữa tỉnh Thanh Hóa với các tỉnh Tây Bắc, nước bạn Lào; bổ sung quy hoạch Cảng biển Lạch Sung vào quy hoạch cảng biển quốc gia và đầu tư xây dựng đáp ứng nhu cầu khai thác cho tàu lớn hơn 5.000 tấn trong giai đoạn 2021 - 2025; sớm hoàn chỉnh quy hoạch Cảng Nghi Sơn tiềm năng thành cảng biển đặc biệt.", "Sở Giao thông vận tải", "Sở Tài chính, Sở Nông nghiệp và PTNT, Sở Tài nguyên và Môi trường, Ban Quản lý KKT Nghi Sơn và các KCN và các đơn vị liên quan", "Dự án, kết cấu hạ tầng giao thông", "Giai đoạn 2021 - 2025, riêng nội dung quy hoạch Cảng Nghi Sơn tiềm năng thành cảng biển đặc biệt trong Quý IV/2021."),
        ("5.2", 628, "Rà soát, hoàn thiện kế hoạch đầu tư công trung hạn giai đoạn 2021 - 2025.", "Sở Kế hoạch và Đầu tư", "Sở, ban, ngành cấp tỉnh, UBND cấp huyện và các đơn vị có liên quan", "Kế hoạch", "Báo cáo UBND tỉnh theo quy định để trình cấp có thẩm quyền phê duyệt"),
        ("6.10", 752, "Đề án phát triển khu công nghệ thông tin tập trung tỉnh Thanh Hóa.", "Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ, Sở Tài chính, Ban Quản lý KKT Nghi Sơn và các KCN, các sở, ngành và địa phương có liên quan", "Đề án", "Tháng 6/2022"),
        ("7.2", 780, "Xây dựng Kế hoạch nghiên cứu, lập hồ sơ di tích khảo cổ Hang Con Moong đề nghị UNESCO công nhận di sản thế giới.", "Sở Văn hóa, Thể thao và Du lịch", "Cục Di sản Văn hóa; các sở, ban, ngành cấp tỉnh, UBND cấp huyện và các đơn vị liên quan", "Kế hoạch, hồ sơ", "Quý IV/2022"),
        ("8.1", 844, "Tổ chức triển khai thực hiện tốt Kế hoạch thực hiện Chương trình nghị sự năm 2030 vì sự phát triển bền vững trên địa bàn tỉnh Thanh Hóa.", "Các sở, ban, ngành cấp tỉnh, UBND các huyện, thị xã, thành phố", "Các đơn vị liên quan", "Báo cáo", "Báo cáo định kỳ theo quy định"),
        ("9.3", 920, "Đẩy mạnh phối hợp, gắn kết trong xúc tiến đầu tư, thương mại; xây dựng kết cấu hạ tầng kinh tế - xã hội; đào tạo, thu hút nguồn nhân lực chất lượng cao và tạo việc làm; nghiên cứu khoa học và chuyển giao công nghệ; xây dựng các chương trình, tuyến du lịch liên tỉnh, liên vùng.", "Các sở, ban, ngành cấp tỉnh, UBND các huyện, thị xã, thành phố", "Các đơn vị liên quan", "Kế hoạch, chương trình, đề án", "Trong thời gian thực hiện Nghị quyết"),
        ("10.3", 960, "Tăng cường quan hệ trao đổi, hợp tác với các địa phương của nước bạn Lào trong phát triển thương mại, giao lưu văn hóa, quản lý biên giới và chống tội phạm trên khu vực biên giới.", "Các sở, ban, ngành cấp tỉnh, UBND các huyện, thị xã, thành phố", "Các đơn vị liên quan", "Báo cáo", "Trong thời gian thực hiện Nghị Quyết"),
    ];
    for (id, line, title, lead, coord, product, deadline) in rows {
        let x = task(&t, id);
        assert_eq!(x.line, *line, "{id} line");
        assert_eq!(x.title, *title, "{id} title");
        assert_eq!(s(&x.lead_text), *lead, "{id} lead");
        assert_eq!(s(&x.coordinating_text), *coord, "{id} coordinating");
        assert_eq!(s(&x.product), *product, "{id} product");
        assert_eq!(s(&x.deadline_text), *deadline, "{id} deadline");
    }
    let one = task(&t, "1");
    assert_eq!((one.group, one.seq), (Some(1), None));
    let x = task(&t, "3.11");
    assert_eq!((x.group, x.seq), (Some(3), Some(11)));
}

// ---------------------------------------------------------------- real examples

#[test]
fn example_01_broken_pipe_table() {
    let t = real("01_ubtvqh_1339_2024_pipe-table.txt");
    assert_eq!(t.groups.iter().map(|g| (g.number, g.line)).collect::<Vec<_>>(), [(1, 43), (2, 51)]);
    assert_eq!(t.groups[0].title, "Văn bản thuộc thẩm quyền ban hành của Quốc hội");
    let expected: Vec<String> = (1..=2).map(|k| format!("1.{k}")).chain((1..=9).map(|k| format!("2.{k}"))).collect();
    assert_eq!(ids(&t), expected);
    let a = task(&t, "1.1");
    assert!(a.title.starts_with("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Quốc hội"));
    assert!(s(&a.lead_text).starts_with("Ban soạn thảo do UBTVQH thành lập"));
    assert_eq!(
        s(&a.coordinating_text),
        "Ủy ban Thường vụ Quốc hội; Ủy ban Pháp luật chủ trì thẩm tra; Hội đồng Dân tộc, các Ủy ban của Quốc hội tham gia."
    );
    assert!(s(&a.deadline_text).starts_with("Trình UBTVQH tại Phiên họp thứ 42 (tháng 02/2025); Trình Quốc hội"));
    assert!(s(&a.product).starts_with("Hồ sơ trình UBTVQH gồm có: (1) Tờ trình"));
    // "…dự thảo) |" then "| Trình …": the review column is empty.
    let b = task(&t, "2.1");
    assert_eq!(s(&b.lead_text), "Ban Công tác đại biểu (Viện Nghiên cứu lập pháp phối hợp chuẩn bị dự thảo)");
    assert_eq!(s(&b.coordinating_text), "Ban Công tác đại biểu");
    assert_eq!(s(&b.deadline_text), "Trình UBTVQH xem xét, thông qua trước ngày 10/01/2025");
    let c = task(&t, "2.3");
    assert_eq!(s(&c.lead_text), "Văn phòng Quốc hội");
    assert_eq!(c.line, 59);
    // Footnote markers are dropped.
    let d = task(&t, "2.9");
    assert_eq!(s(&d.lead_text), "Ủy ban Đối ngoại (Văn phòng Quốc hội phối hợp chuẩn bị)");
    assert_eq!(s(&d.deadline_text), "Theo kết quả rà soát, đề xuất của các cơ quan");
}

#[test]
fn example_04_flattened_pipe_table() {
    let t = real("04_hcm_2820_2025_flattened-pipe-table.txt");
    assert_eq!(t.groups.iter().map(|g| g.number).collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6]);
    assert_eq!(t.groups[4].title, "Đào tạo, tập huấn chuyên môn nghiệp vụ");
    assert_eq!(t.tasks.len(), 28);
    let a = task(&t, "1.4");
    assert_eq!(s(&a.lead_text), "Các sở, ngành, UBND xã, phường, đặc khu");
    assert_eq!(s(&a.coordinating_text), "Sở Tài chính");
    assert_eq!(s(&a.deadline_text), "Quý II/2027");
    assert_eq!(s(&a.product), "Báo cáo");
    // A row without TT under a spanning TT cell: own title and lead, the
    // spanned cells from the row above.
    let b = task(&t, "2.1-2");
    assert!(b.title.starts_with("Xây dựng hạ tầng kỹ thuật dự phòng"));
    assert_eq!(s(&b.lead_text), "Trung tâm Chuyển đổi số Thành phố");
    assert_eq!(s(&b.deadline_text), "Quý IV/2026");
    assert_eq!(b.line, 575);
    let c = task(&t, "4.2-2");
    assert_eq!(s(&c.lead_text), "Sở Khoa học và Công nghệ");
    assert_eq!(s(&c.coordinating_text), "Sở Tài chính");
    let d = task(&t, "6.5");
    assert_eq!(s(&d.deadline_text), "Thường xuyên, định kỳ hằng quý báo cáo về Sở Tài chính");
    assert_eq!(codes(&t), ["table.unknown_column"]);
}

#[test]
fn example_05_pdf_column_text() {
    let t = real("05_ttg_844_2026_pdf-text-table.txt");
    assert_eq!(t.groups.iter().map(|g| g.number).collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6]);
    assert!(t.groups[0].title.ends_with("chăm sóc sức khoẻ nhân dân"));
    assert_eq!(t.tasks.len(), 29);
    assert_eq!(ids(&t), (1..=29).map(|k| k.to_string()).collect::<Vec<_>>());
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            "1",
            "Các bộ ở Trung ương, Ủy ban nhân dân cấp tỉnh ở địa phương",
            "Các cơ quan, tổ chức, đơn vị khác có liên quan.",
            "Văn bản chỉ đạo",
            "Thường xuyên",
        ),
        (
            "2",
            "Ủy ban nhân dân các cấp",
            "Các cơ quan, tổ chức, đơn vị có liên quan.",
            "Các chỉ tiêu được đưa vào các Nghị quyết, chương trình, kế hoạch",
            "Hằng năm và từng giai đoạn",
        ),
        (
            "5",
            "Bộ Tài chính",
            "Bộ Y tế, cơ quan, đơn vị liên quan",
            "Quyết định của Bộ trưởng ban hành Đề án",
            "Quý I/2027",
        ),
        (
            "10",
            "Bộ Y tế",
            "Bộ Tài chính, Bộ Tư pháp, các bộ, ngành, cơ quan, tổ chức có liên quan",
            "Luật Bảo hiểm y tế (sửa đổi)",
            "Quý I/2029",
        ),
        ("17", "Bộ Tài chính", "Bộ Y tế, Sở Y tế, cơ sở khám bệnh, chữa bệnh", "Các hoạt động", "Thường xuyên"),
        (
            "28",
            "Bộ Tài chính",
            "Bộ Y tế, Ủy ban nhân dân cấp tỉnh, cơ quan, đơn vị có liên quan",
            "Các hoạt động được triển khai",
            "Thường xuyên",
        ),
    ];
    for (id, lead, coord, product, deadline) in cases {
        let x = task(&t, id);
        assert_eq!(s(&x.lead_text), *lead, "{id} lead");
        assert_eq!(s(&x.coordinating_text), *coord, "{id} coordinating");
        assert_eq!(s(&x.product), *product, "{id} product");
        assert_eq!(s(&x.deadline_text), *deadline, "{id} deadline");
    }
    assert_eq!(task(&t, "10").title, "Xây dựng Luật Bảo hiểm y tế sửa đổi.");
    assert_eq!(task(&t, "1").group, Some(1));
    assert_eq!(task(&t, "29").group, Some(6));
    // A deadline that is no time expression, and one spread over two lines.
    let x = task(&t, "13");
    assert_eq!((s(&x.lead_text), s(&x.deadline_text)), ("Bộ Y tế", "Đã hoàn thành"));
    assert_eq!(s(&task(&t, "14").deadline_text), "Từ tháng 5/2026, thường xuyên");
    // A merged line "… phối hợp Thường xuyên" is cut before the deadline.
    let x = task(&t, "15");
    assert_eq!((s(&x.product), s(&x.deadline_text)), ("Các hoạt động, văn bản phối hợp", "Thường xuyên"));
    // Rows cut by a page break: the title and the coordinating cell go on
    // after the repeated header.
    let x = task(&t, "11");
    assert!(x
        .title
        .ends_with("để giảm điều trị các bệnh lý nhẹ, bệnh thông thường ở cơ sở khám bệnh, chữa bệnh cấp chuyên sâu"));
    assert_eq!(s(&x.coordinating_text), "Cơ sở khám bệnh, chữa bệnh, cơ quan, đơn vị liên quan");
    assert!(task(&t, "24")
        .title
        .ends_with("ưu tiên người bệnh thuộc hộ nghèo, cận nghèo, đối tượng chính sách xã hội."));
    // "… phù hợp Bộ Y tế": a title line printed together with the lead.
    let x = task(&t, "8");
    assert!(x.title.contains("theo lộ trình phù hợp với việc mở rộng phạm vi quyền lợi"));
    assert!(!x.title.contains("Bộ Y tế"));
    assert_eq!(s(&x.lead_text), "Bộ Y tế");
    assert_eq!(s(&x.coordinating_text), "Bộ Tài chính, các bộ, ngành, cơ quan, tổ chức có liên quan");
    assert_eq!((s(&x.product), s(&x.deadline_text)), ("Nghị định của Chính phủ", "Tháng 3/2027"));
    // A row the cues cannot split stays whole, flagged.
    let x = task(&t, "23");
    assert!(x.lead_text.is_none() && x.title.starts_with("Từ năm 2026, từng bước"));
    assert_eq!(codes(&t), ["table.row_unsplit"]);
    assert_eq!(t.diagnostics[0].line, Some(742));
}

#[test]
fn examples_without_task_tables_still_give_their_grids() {
    let text_in = fixture("tests/fixtures/real/03_sonla_2954_2025_agency-headings.txt");
    let lines = text::lines(&text_in);
    let tables = read_tables(&lines);
    let indicator = tables.iter().find(|t| t.line == 711).expect("appendix 01 grid");
    assert_eq!(indicator.header.len(), 2);
    assert_eq!(indicator.header[0][1], "Chỉ tiêu");
    assert_eq!(indicator.header[1][0], "Năm 2026");
    let row = indicator.rows.iter().find(|r| r.cells.get(1).is_some_and(|c| c == "Diện tích")).expect("row");
    assert_eq!(row.cells, ["-", "Diện tích", "Ha", "26.120", "27.000", "27.500", "28.000", "29.000", "30.000"]);
    assert!(appendix_tasks(&lines, &tables).is_none());
}

// ---------------------------------------------------------------- synthetic layouts

#[test]
fn pipe_two_header_rows_split_deadline_bullets_continuation() {
    let t = layout("pipe_two_header_rows.md");
    assert_eq!(
        t.groups.iter().map(|g| (g.number, g.title.as_str())).collect::<Vec<_>>(),
        [(1, "Hoàn thiện thể chế"), (2, "Tổ chức thực hiện")]
    );
    assert_eq!(ids(&t), ["1.1", "1.2", "2.1", "2.1"]);
    let a = &t.tasks[0];
    assert_eq!(a.title, "Xây dựng quy chế phối hợp");
    assert_eq!(s(&a.lead_text), "Sở Nội vụ");
    assert_eq!(s(&a.coordinating_text), "Sở Tư pháp; Sở Tài chính; Văn phòng UBND tỉnh");
    assert_eq!(s(&a.deadline_text), "2025 - 2026");
    assert_eq!(s(&t.tasks[1].deadline_text), "Quý I/2025 - Quý IV/2025");
    assert_eq!(s(&t.tasks[2].deadline_text), "Tháng 12/2026");
    assert_eq!((t.tasks[2].group, t.tasks[2].seq), (Some(2), Some(1)));
    assert_eq!(codes(&t), ["table.row_short", "table.duplicate_id"]);
    assert!(t.diagnostics.iter().all(|d| d.line == Some(12)));
}

#[test]
fn pipe_rows_broken_across_lines_without_tt() {
    let t = layout("pipe_broken_rows.md");
    assert_eq!(ids(&t), ["1.1", "1.2", "2.1"]);
    let a = task(&t, "1.1");
    assert_eq!(a.title, "Nghị quyết về chính sách hỗ trợ");
    assert_eq!(s(&a.lead_text), "Sở Tài chính");
    assert_eq!(
        s(&a.coordinating_text),
        "Ủy ban nhân dân tỉnh; Ban Kinh tế - Ngân sách chủ trì thẩm tra; Ban Pháp chế tham gia."
    );
    assert_eq!(s(&a.deadline_text), "Trình tại Kỳ họp tháng 7/2025");
    assert_eq!(s(&a.product), "Tờ trình, dự thảo Nghị quyết");
    assert_eq!(a.line, 7);
    let b = task(&t, "1.2");
    // "…tỉnh |" then "Sở Tài chính (…) |" then "| Trình …": the drafter's
    // cell on its own line, the review cell empty.
    assert_eq!(s(&b.lead_text), "Sở Tài chính (Sở Tư pháp phối hợp)");
    assert_eq!(s(&b.coordinating_text), "Ủy ban nhân dân tỉnh");
    assert_eq!(s(&b.deadline_text), "Trình tại Kỳ họp cuối năm 2025");
    let c = task(&t, "2.1");
    assert_eq!(s(&c.lead_text), "Sở Nội vụ");
    assert_eq!(s(&c.deadline_text), "Quý III/2025");
}

#[test]
fn pipe_deadline_split_in_three_year_columns() {
    let t = layout("pipe_year_columns.md");
    assert_eq!(ids(&t), ["1", "2"]);
    assert_eq!(s(&t.tasks[0].deadline_text), "Năm 2025; Năm 2026");
    assert_eq!(s(&t.tasks[1].deadline_text), "Năm 2027");
    assert_eq!(t.tasks[0].group, None);
}

#[test]
fn flattened_pipe_table_with_rowspan_and_missing_funding() {
    let t = layout("flat_pipe.md");
    assert_eq!(
        t.groups.iter().map(|g| (g.number, g.title.as_str())).collect::<Vec<_>>(),
        [(1, "Hoàn thiện thể chế"), (2, "Tổ chức thực hiện")]
    );
    assert_eq!(ids(&t), ["1.1", "1.1-2", "1.2", "2.1"]);
    let a = task(&t, "1.1");
    assert_eq!(a.title, "Rà soát quy định về quản lý dữ liệu");
    assert_eq!(s(&a.product), "Báo cáo rà soát");
    let b = task(&t, "1.1-2");
    assert_eq!(b.title, "Xây dựng quy chế chia sẻ dữ liệu");
    assert_eq!(s(&b.lead_text), "Sở Khoa học và Công nghệ");
    assert_eq!(s(&b.coordinating_text), "Các sở, ngành");
    assert_eq!(s(&b.deadline_text), "Quý IV/2025");
    let c = task(&t, "1.2");
    assert_eq!(s(&c.coordinating_text), "Các sở, ngành, UBND cấp xã");
    assert_eq!(s(&c.deadline_text), "Năm 2026");
    assert_eq!(s(&task(&t, "2.1").deadline_text), "Hằng năm");
    assert_eq!(codes(&t), ["table.unknown_column"]);
}

#[test]
fn tab_separated_table() {
    let t = layout("tab_separated.txt");
    assert_eq!(t.groups.iter().map(|g| g.number).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(ids(&t), ["1.1", "1.2", "2.1"]);
    let b = task(&t, "1.2");
    assert_eq!(b.title, "Số hóa hồ sơ");
    assert_eq!(s(&b.coordinating_text), "Sở Nội vụ; Sở Tài chính");
    assert_eq!(s(&b.product), "Dữ liệu số hóa");
    assert_eq!(s(&b.deadline_text), "Năm 2026");
    assert_eq!(b.line, 6);
}

#[test]
fn paragraph_cells_without_a_group_carrying_a_task() {
    let t = layout("paragraph_cells.txt");
    assert_eq!(t.groups.iter().map(|g| g.number).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(ids(&t), ["2.1", "3.1", "3.2"]);
    let a = task(&t, "2.1");
    assert_eq!(a.title, "Chỉ đạo đài truyền thanh cơ sở");
    assert_eq!(s(&a.lead_text), "Sở Văn hóa và Thể thao");
    assert_eq!(s(&a.deadline_text), "Thường xuyên");
    assert_eq!(s(&task(&t, "3.2").deadline_text), "Trước tháng 12/2025");
    // The "(1) … (6)" column-number paragraphs are skipped.
    assert_eq!(codes(&t), ["table.group_empty"]);
    assert_eq!(t.diagnostics[0].line, Some(27));
}

#[test]
fn pdf_like_wrapped_cells() {
    let t = layout("pdf_wrapped.txt");
    assert_eq!(
        t.groups.iter().map(|g| (g.number, g.title.as_str())).collect::<Vec<_>>(),
        [(1, "Hoàn thiện thể chế về chuyển đổi số"), (2, "Tổ chức thực hiện")]
    );
    assert_eq!(ids(&t), ["1", "2", "3", "4"]);
    let a = task(&t, "1");
    assert_eq!(a.title, "Xây dựng Nghị định quy định chi tiết về chia sẻ dữ liệu giữa các cơ quan nhà nước");
    assert_eq!(s(&a.lead_text), "Bộ Công an");
    assert_eq!(s(&a.coordinating_text), "Các bộ, ngành, Ủy ban nhân dân cấp tỉnh có liên quan");
    assert_eq!(s(&a.product), "Nghị định của Chính phủ");
    assert_eq!(s(&a.deadline_text), "Quý IV/2026");
    let b = task(&t, "2");
    assert_eq!(s(&b.product), "Các lớp tập huấn");
    assert_eq!(s(&b.deadline_text), "Hằng năm");
    let c = task(&t, "3");
    assert!(c.lead_text.is_none());
    assert!(c.title.starts_with("Theo dõi, đôn đốc"));
    assert!(t.diagnostics.iter().any(|d| d.code == "table.row_unsplit"));
    let d = task(&t, "4");
    assert_eq!((s(&d.lead_text), s(&d.deadline_text)), ("Bộ Nội vụ", "Năm 2028"));
    assert_eq!(d.group, Some(2));
}

#[test]
fn indicator_table_is_a_grid_but_not_a_task_table() {
    let text_in = fixture("tests/fixtures/layouts/indicator_flat.md");
    let lines = text::lines(&text_in);
    let tables = read_tables(&lines);
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].header[0], ["TT", "Chỉ tiêu", "ĐVT", "Năm 2025", "GIAI ĐOẠN 2026 - 2030"]);
    assert_eq!(tables[0].header[1], ["Năm 2026", "Năm 2030"]);
    assert_eq!(tables[0].rows.len(), 2);
    assert_eq!(tables[0].rows[0].cells[..2], ["I", "CÂY CÔNG NGHIỆP"]);
    assert_eq!(tables[0].rows[1].cells, ["-", "Diện tích cà phê", "Ha", "26.120", "27.000", "30.000"]);
    assert!(appendix_tasks(&lines, &tables).is_none());
}

#[test]
fn no_table_no_tasks() {
    let lines = text::lines("Căn cứ Luật Tổ chức chính quyền địa phương;\n\nĐiều 1. Ban hành kế hoạch.");
    let tables = read_tables(&lines);
    assert!(tables.is_empty());
    assert!(appendix_tasks(&lines, &tables).is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn never_panics_on_arbitrary_lines(raw in proptest::collection::vec(
        prop_oneof![
            Just("|".to_string()),
            Just("".to_string()),
            Just("STT".to_string()),
            Just("Số TT".to_string()),
            Just("| TT | Nội dung | Chủ trì | Thời gian |".to_string()),
            Just("IV".to_string()),
            Just("1.".to_string()),
            Just("Bộ Y tế".to_string()),
            "[0-9IVX\\.|\\t ]{0,6}",
            "\\PC{0,40}",
        ],
        0..60,
    )) {
        let lines: Vec<Line> = raw.into_iter().enumerate().map(|(i, text)| Line { no: i + 1, text: text.trim().to_string().into() }).collect();
        let tables = read_tables(&lines);
        let _ = appendix_tasks(&lines, &tables);
    }
}

#[test]
fn pipe_groups_numbered_in_arabic_with_dotted_tasks() {
    let t = layout("pipe_arabic_groups.md");
    assert_eq!(
        t.groups.iter().map(|g| (g.number, g.title.as_str())).collect::<Vec<_>>(),
        [(1, "Nhóm nhiệm vụ về thể chế"), (2, "Nhóm nhiệm vụ về hạ tầng")]
    );
    assert_eq!(ids(&t), ["1.1", "1.2", "2.1"]);
    let x = task(&t, "2.1");
    assert_eq!((x.group, x.seq), (Some(2), Some(1)));
    assert_eq!(s(&x.coordinating_text), "Viễn thông tỉnh");
    assert_eq!(s(&x.deadline_text), "Năm 2026");
    assert!(t.diagnostics.is_empty(), "{:?}", t.diagnostics);
}

#[test]
fn roman_numeral_in_the_title_cell_and_a_group_without_tasks() {
    let text_in = "| TT | Nội dung | Chủ trì | Thời hạn |\n|---|---|---|---|\n| | I. Nhóm thứ nhất | | |\n| 1 | Việc một | Sở Y tế | Năm 2025 |\n| | II. Nhóm trống | | |\n| | III. Nhóm thứ ba | | |\n| 1 | Việc hai | Sở Tài chính | Năm 2026 |\n";
    let t = read(text_in).expect("task table");
    assert_eq!(
        t.groups.iter().map(|g| (g.number, g.title.as_str())).collect::<Vec<_>>(),
        [(1, "Nhóm thứ nhất"), (2, "Nhóm trống"), (3, "Nhóm thứ ba")]
    );
    assert_eq!(ids(&t), ["1.1", "3.1"]);
    assert_eq!(codes(&t), ["table.group_empty"]);
    assert_eq!(t.diagnostics[0].line, Some(5));
    assert!(t.diagnostics[0].message.contains("Nhóm trống"));
}
