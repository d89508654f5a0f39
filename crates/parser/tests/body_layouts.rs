//! The body reader on the seed, the real examples and one short synthetic
//! plan per prose layout the genre uses.

use proptest::prelude::*;
use theodoi_parser::body::parse_body;
use theodoi_parser::raw::{Body, Line, RawTask};
use theodoi_parser::{normalize, text};

const SEED: &str = include_str!("../../../examples/qd-2999-ubnd-thanh-hoa-2021.txt");

fn fixture(rel: &str) -> String {
    let path = format!("{}/tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn body_of(raw: &str) -> Body {
    let norm = normalize::normalize(raw);
    let lines = text::lines(&norm);
    parse_body(&lines, 0)
}

fn seed() -> Body {
    body_of(SEED)
}

fn task<'a>(b: &'a Body, title_start: &str) -> &'a RawTask {
    b.tasks
        .iter()
        .find(|t| t.title.starts_with(title_start))
        .unwrap_or_else(|| panic!("no task starting with {title_start:?}; have {:#?}", titles(b)))
}

fn titles(b: &Body) -> Vec<&str> {
    b.tasks.iter().map(|t| t.title.as_str()).collect()
}

fn lead(t: &RawTask) -> &str {
    t.lead_text.as_deref().unwrap_or("")
}

fn coord(t: &RawTask) -> &str {
    t.coordinating_text.as_deref().unwrap_or("")
}

fn deadline(t: &RawTask) -> &str {
    t.deadline_text.as_deref().unwrap_or("")
}

// ---- the seed ----

#[test]
fn seed_sections_and_title() {
    let b = seed();
    let s: Vec<(&str, &str)> = b.sections.iter().map(|s| (s.number.as_str(), s.title.as_str())).collect();
    assert_eq!(s, [("I", "MỤC ĐÍCH, YÊU CẦU"), ("II", "NHIỆM VỤ CỦA KẾ HOẠCH"), ("III", "TỔ CHỨC THỰC HIỆN")]);
    let title = b.plan_title.as_deref().unwrap();
    assert!(title.starts_with("KẾ HOẠCH HÀNH ĐỘNG CỦA UBND TỈNH THỰC HIỆN NGHỊ QUYẾT SỐ 13/NQ-CP"), "{title}");
    assert!(title.ends_with("TẦM NHÌN ĐẾN NĂM 2045"), "{title}");
}

#[test]
fn seed_ten_groups_with_titles() {
    let b = seed();
    let want = [
        "Công tác quán triệt, tuyên truyền, phổ biến thông tin",
        "Hoàn thiện thể chế, sửa đổi, bổ sung cơ chế, chính sách; xây dựng cơ chế, chính sách đặc thù",
        "Xây dựng tỉnh Thanh Hóa trở thành một cực tăng trưởng mới của khu vực và cả nước",
        "Phát triển kết cấu hạ tầng kinh tế - xã hội của tỉnh",
        "Phát triển mạnh các thành phần kinh tế; chú trọng phát triển kinh tế biển và ven biển; cải thiện mạnh mẽ môi trường đầu tư kinh doanh, tạo đột phá trong phát triển kinh tế - xã hội nhanh và bền vững",
        "Phát triển giáo dục và đào tạo; khoa học và công nghệ; dịch vụ chăm sóc sức khỏe; tạo nền tảng để trở thành một trong những trung tâm lớn của khu vực và cả nước về giáo dục và đào tạo; y tế chuyên sâu",
        "Kết hợp chặt chẽ phát triển kinh tế với phát triển văn hóa, thể thao và thực hiện tiến bộ, công bằng xã hội",
        "Tăng cường công tác quản lý, khai thác, sử dụng tài nguyên và bảo vệ môi trường, chủ động phòng, chống thiên tai, ứng phó có hiệu quả với biến đổi khí hậu",
        "Tăng cường liên kết, hợp tác với các tỉnh trong vùng Bắc Trung Bộ, thành phố Hà Nội và các tỉnh, thành phố khác trong cả nước",
        "Gắn phát triển kinh tế - xã hội với bảo đảm vững chắc quốc phòng, an ninh, giữ vững ổn định chính trị, trật tự an toàn xã hội và mở rộng, nâng cao hiệu quả hợp tác quốc tế",
    ];
    let got: Vec<(u32, &str)> = b.groups.iter().map(|g| (g.number, g.title.as_str())).collect();
    let want: Vec<(u32, &str)> = want.iter().enumerate().map(|(i, t)| (i as u32 + 1, *t)).collect();
    assert_eq!(got, want);
    assert!(b.groups.iter().all(|g| g.general_task.is_some()));
    assert_eq!(b.groups[0].points.first().map(|p| p.label.as_str()), Some("a"));
}

#[test]
fn seed_general_tasks() {
    let b = seed();
    let gt = |n: usize| b.groups[n - 1].general_task.clone().unwrap();
    assert!(gt(1).starts_with("Tổ chức quán triệt, tuyên truyền, phổ biến thông tin về Nghị quyết số 58-NQ/TW"));
    assert!(gt(1).ends_with("trong thời gian tới."));
    assert!(gt(3).starts_with("Tập trung phát triển kinh tế nhanh và bền vững"));
    assert!(gt(3).contains("GRDP bình quân đầu người đạt 5.200 USD"));
    assert!(gt(10).starts_with("Đẩy mạnh phát triển kinh tế - xã hội gắn với bảo đảm vững chắc quốc phòng"));
    assert!(gt(10).ends_with(
        "Phấn đấu hằng năm, có 80% số xã, phường, thị trấn trở lên đạt tiêu chuẩn an toàn về an ninh trật tự."
    ));
}

#[test]
fn seed_target_texts() {
    let b = seed();
    for (group, needle) in [
        (3, "kim ngạch xuất khẩu đạt 15 tỷ USD"),
        (5, "750.000 tỷ đồng"),
        (6, "tỷ lệ trường chuẩn quốc gia đạt 81%"),
        (7, "80% đơn vị hành chính cấp xã có trung tâm văn hóa - thể thao"),
        (10, "có 80% số xã, phường, thị trấn"),
    ] {
        assert!(
            b.target_texts.iter().any(|t| t.group == Some(group) && t.text.contains(needle)),
            "group {group}: {needle}"
        );
    }
    // The group-10 target is part of its general task, not a second copy.
    assert_eq!(b.target_texts.iter().filter(|t| t.text.contains("có 80% số xã")).count(), 1);
}

#[test]
fn seed_body_tasks() {
    let b = seed();
    // 63 assignments in the ten groups (counted by reading) plus the
    // monitoring duty "Giao Sở Kế hoạch và Đầu tư …" in section III.
    assert_eq!(b.tasks.len(), 64);
    for g in 1..=10u32 {
        let n = b.tasks.iter().filter(|t| t.group == Some(g)).count();
        assert_eq!(n, [2, 6, 13, 6, 4, 11, 6, 5, 4, 6][g as usize - 1], "group {g}");
    }
    let t = task(&b, "Khẩn trương hoàn thiện Quy hoạch tỉnh Thanh Hóa thời kỳ 2021 - 2030");
    assert_eq!((lead(t), coord(t), t.group), ("Sở Kế hoạch và Đầu tư", "các đơn vị liên quan", Some(2)));
    assert!(deadline(t).contains("trong Quý IV năm 2021"));
    assert_eq!(t.title, "Khẩn trương hoàn thiện Quy hoạch tỉnh Thanh Hóa thời kỳ 2021 - 2030, tầm nhìn đến năm 2045");

    let t = task(&b, "Tham mưu triển khai thực hiện có hiệu quả Chương trình phát triển nông nghiệp");
    assert_eq!((lead(t), t.group, t.deadline_text.as_deref()), ("Sở Nông nghiệp và PTNT", Some(3), None));

    let t = task(&b, "Tham mưu xây dựng cơ chế, chính sách thu hút và mở rộng quy mô sản xuất");
    assert_eq!((lead(t), coord(t)), ("Sở Công Thương", "các đơn vị liên quan"));
    assert_eq!(deadline(t), "báo cáo UBND tỉnh trước tháng 9 năm 2021");

    let t = task(
        &b,
        "Tham mưu cho UBND tỉnh phối hợp với Bộ Kế hoạch và Đầu tư và các Bộ, ngành Trung ương liên quan, sớm",
    );
    assert_eq!(deadline(t), "để báo cáo Thủ tướng Chính phủ trong Quý IV năm 2021");

    let military: Vec<&RawTask> =
        b.tasks.iter().filter(|t| lead(t) == "Bộ Chỉ huy Quân sự tỉnh và Bộ Chỉ huy Bộ đội Biên phòng tỉnh").collect();
    assert_eq!(military.len(), 2);
    assert!(military.iter().all(|t| t.group == Some(10)));

    let t = task(&b, "Đấu mối, huy động tối đa nguồn lực hỗ trợ của Trung ương, cùng với nguồn ngân sách tỉnh");
    assert_eq!(
        (lead(t), coord(t)),
        ("Sở Giao thông vận tải, Sở Kế hoạch và Đầu tư, Sở Tài chính", "các đơn vị liên quan")
    );

    let t = task(&b, "Tiếp tục quán triệt, phổ biến, tuyên truyền sâu rộng");
    assert!(lead(t).starts_with("Các sở, ban, ngành cấp tỉnh, UBND các huyện, thị xã, thành phố"));

    let t = task(&b, "Nghiên cứu, đề xuất phương án triển khai và đẩy nhanh tiến độ thực hiện các dự án đô thị");
    assert_eq!((lead(t), coord(t)), ("UBND các huyện, thị xã, thành phố", "các sở, ban, ngành liên quan"));

    let t = task(&b, "Tham mưu cho UBND tỉnh phối hợp với Bộ Nông nghiệp và PTNT");
    assert_eq!((lead(t), t.coordinating_text.as_deref()), ("Sở Nông nghiệp và PTNT", None));

    let t = task(&b, "Xây dựng Đề án thành lập Trung tâm y tế công nghệ cao");
    assert_eq!((lead(t), deadline(t), t.group), ("Sở Y tế", "báo cáo UBND tỉnh trước tháng 3 năm 2025", Some(6)));

    let t = task(&b, "Nghiên cứu, tham mưu các giải pháp phát triển mạnh các ngành kinh tế biển");
    assert_eq!(deadline(t), "báo cáo UBND tỉnh trong thời gian thực hiện Nghị quyết");

    assert!(b.tasks.iter().all(|t| t.id.is_empty() && t.origin == theodoi_parser::Origin::Body));
}

#[test]
fn seed_with_start_past_the_header_keeps_the_title() {
    let raw = SEED;
    let norm = normalize::normalize(raw);
    let lines = text::lines(&norm);
    let start = lines.iter().position(|l| l.text.starts_with("KẾ HOẠCH HÀNH ĐỘNG")).unwrap() + 2;
    let b = parse_body(&lines, start);
    assert!(b.plan_title.is_some());
    assert_eq!(b.groups.len(), 10);
    assert_eq!(b.tasks.len(), 64);
}

// ---- real examples ----

#[test]
fn example_02_labelled_fields() {
    let b = body_of(&fixture("real/02_ttg_2623_2025_labelled-fields.txt"));
    let ids: Vec<&str> = b.tasks.iter().filter(|t| !t.id.is_empty()).map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5.1", "5.2", "6", "7", "8"]);
    let t = &b.tasks[1];
    assert_eq!(t.title, "Tổ chức tập huấn chuyên sâu, bồi dưỡng kiến thức pháp luật, nghiệp vụ bảo vệ dữ liệu cá nhân");
    assert_eq!((lead(t), deadline(t)), ("Bộ Công an", "năm 2025 và các năm tiếp theo"));
    let t4 = b.tasks.iter().find(|t| t.id == "4").unwrap();
    assert!(deadline(t4).contains("trước ngày 15 tháng 12 năm 2025"));
    assert!(deadline(t4).contains("trước ngày 31 tháng 12 năm 2025"));
    let t51 = b.tasks.iter().find(|t| t.id == "5.1").unwrap();
    assert_eq!(t51.title, "Nghị định quy định chi tiết một số điều Luật Bảo vệ dữ liệu cá nhân");
    assert_eq!((lead(t51), deadline(t51)), ("Bộ Công an", "trước ngày 01 tháng 01 năm 2026"));
    assert_eq!(coord(t51), "Văn phòng Chính phủ, Bộ Tư pháp và các cơ quan có liên quan");
    let t1 = &b.tasks[0];
    assert!(lead(t1).starts_with("Bộ Công an, Bộ Tư pháp, Bộ Giáo dục và Đào tạo"));
    assert!(b.groups.is_empty());
    assert!(!b.diagnostics.iter().any(|d| d.code == "body.task_no_agency"));
}

#[test]
fn example_03_agency_headings() {
    let b = body_of(&fixture("real/03_sonla_2954_2025_agency-headings.txt"));
    let t = task(&b, "Tổ chức chương trình tập huấn kiến thức, tuyên truyền phổ biến");
    assert_eq!(lead(t), "Sở Công Thương");
    assert!(coord(t).starts_with("các sở, ban, ngành, UBND các xã, phường"));
    let t = task(&b, "Hỗ trợ các nhà đầu tư, các tập đoàn lớn đến đầu tư phát triển hạ tầng thương mại");
    assert_eq!((lead(t), coord(t)), ("các sở, ngành, UBND các xã, phường", "Sở Công Thương"));
    let t = task(&b, "Triển khai thực hiện các chính sách khuyến khích doanh nghiệp, HTX đầu tư");
    assert_eq!(lead(t), "Sở Khoa học và Công Nghệ");
    let t = task(&b, "Thực hiện quản lý nhà nước về xuất nhập cảnh");
    assert_eq!((lead(t), coord(t)), ("Công an tỉnh", "các sở, ngành, UBND các xã, phường"));
    let t = task(&b, "Xây dựng các phóng sự, tin bài để quảng bá");
    assert_eq!(lead(t), "Báo và phát thanh, truyền hình Sơn La, Cổng thông tin điện tử tỉnh");
    let t = task(&b, "Chủ động nắm bắt thông tin thị trường");
    assert_eq!(lead(t), "các doanh nghiệp sản xuất, chế biến và xuất khẩu hàng hóa");
    assert!(b.target_texts.iter().any(|t| t.text.contains("đạt 400 triệu USD") && t.group.is_none()));
    assert_eq!(b.sections.len(), 6);
}

#[test]
fn example_04_agency_heading_sections() {
    let b = body_of(&fixture("real/04_hcm_2820_2025_flattened-pipe-table.txt"));
    let t = task(&b, "Xây dựng, tổ chức thực hiện, theo dõi, đôn đốc thực hiện Kế hoạch");
    assert_eq!(lead(t), "Sở Tài chính");
    let t = task(&b, "Tổ chức đào tạo, tập huấn và tuyên truyền");
    assert_eq!((lead(t), coord(t)), ("Sở Khoa học và Công nghệ", "Sở Nội vụ và các đơn vị có liên quan"));
    let t = task(&b, "Kiểm tra, xác minh tính chính xác của dữ liệu");
    assert_eq!(lead(t), "Ủy ban nhân dân phường, xã, đặc khu");
    // "7. Cơ chế phối hợp …" is not an agency heading.
    assert!(!b.tasks.iter().any(|t| lead(t).starts_with("Cơ chế")));
}

#[test]
fn example_05_pdf_bullets() {
    let b = body_of(&fixture("real/05_ttg_844_2026_pdf-text-table.txt"));
    assert_eq!(b.groups.len(), 6);
    assert!(b.groups[0].title.starts_with("Tăng cường công tác lãnh đạo, chỉ đạo thực hiện hiệu quả"));
    assert!(b.groups[0].title.ends_with("giáo dục pháp luật về bảo hiểm y tế"));
    let t = task(&b, "Đưa các chỉ tiêu bao phủ về bảo hiểm y tế");
    assert_eq!((lead(t), t.group), ("Ủy ban nhân dân cấp tỉnh, cấp xã", Some(1)));
    let t = task(&b, "Theo dõi, đôn đốc việc triển khai thực hiện Chương trình hành động");
    assert_eq!((lead(t), coord(t), t.group), ("Bộ Y tế", "các bộ, ngành, địa phương", None));
    assert_eq!(b.tasks.iter().filter(|t| t.group.is_some()).count(), 33);
    // 7 + 6 + 6 + 7 + 4 + 3 bullets in section II, counted by reading.
    // Page headers never leak into the text.
    assert!(!b.tasks.iter().any(|t| t.title.contains("CÔNG BÁO")));
}

// ---- synthetic layouts ----

#[test]
fn layout_labelled_fields() {
    let b = body_of(&fixture("prose/labelled_fields.txt"));
    let got: Vec<(&str, &str, &str, &str)> =
        b.tasks.iter().map(|t| (t.id.as_str(), lead(t), coord(t), deadline(t))).collect();
    assert_eq!(
        got,
        [
            ("1", "Sở Tư pháp", "Sở Nội vụ, Sở Tài chính", "Quý IV/2025"),
            ("2", "Sở Văn hóa, Thể thao và Du lịch", "các đơn vị liên quan", "tháng 10 năm 2025"),
            ("3", "Sở Tư pháp", "Văn phòng UBND tỉnh; các sở, ngành liên quan", "trước ngày 15/12/2025"),
            ("4", "Sở Tư pháp", "Văn phòng UBND tỉnh; các sở, ngành liên quan", "trước ngày 15/12/2025"),
            ("5", "", "", "năm 2026"),
        ]
    );
    assert_eq!(b.tasks[0].product.as_deref(), Some("Hội nghị phổ biến Luật"));
    assert_eq!(b.tasks[0].title, "Tổ chức hội nghị phổ biến Luật");
    let codes: Vec<(&str, Option<usize>)> = b.diagnostics.iter().map(|d| (d.code.as_str(), d.line)).collect();
    assert_eq!(codes, [("body.unknown_field", Some(33)), ("body.task_no_agency", Some(35))]);
    assert!(b.diagnostics[0].message.contains("Ghi chú đặc biệt"));
}

#[test]
fn layout_agency_paragraph_followed_by_tasks() {
    let b = body_of(&fixture("prose/agency_paragraph.txt"));
    let got: Vec<(&str, &str, &str, &str)> =
        b.tasks.iter().map(|t| (t.title.as_str(), lead(t), coord(t), deadline(t))).collect();
    assert_eq!(
        got,
        [
            (
                "Xây dựng Đề án phát triển trường chuẩn quốc gia",
                "Sở Giáo dục và Đào tạo",
                "các đơn vị liên quan",
                "báo cáo UBND tỉnh trước tháng 9 năm 2025"
            ),
            (
                "Tổ chức bồi dưỡng đội ngũ giáo viên giai đoạn 2025 - 2030",
                "Sở Giáo dục và Đào tạo",
                "các đơn vị liên quan",
                ""
            ),
            (
                "Rà soát mạng lưới trường lớp",
                "Sở Giáo dục và Đào tạo",
                "các đơn vị liên quan",
                "báo cáo UBND tỉnh trong Quý IV năm 2025"
            ),
            ("Bố trí kinh phí, biên chế cho các trường học", "Sở Tài chính, Sở Nội vụ", "Sở Giáo dục và Đào tạo", ""),
            ("Tuyên truyền về Nghị quyết", "Các sở, ban, ngành cấp tỉnh, UBND các huyện, thị xã, thành phố", "", ""),
            ("Theo dõi, đôn đốc việc thực hiện Kế hoạch", "Sở Kế hoạch và Đầu tư", "", ""),
        ]
    );
    assert_eq!(
        b.groups[0].general_task.as_deref(),
        Some("Nâng cao chất lượng giáo dục toàn diện. Phấn đấu đến năm 2025, tỷ lệ trường chuẩn quốc gia đạt 85%.")
    );
    assert_eq!(b.target_texts.len(), 1);
}

#[test]
fn layout_ministry_heading_followed_by_bullets() {
    let b = body_of(&fixture("prose/ministry_headings.txt"));
    let got: Vec<(&str, &str, &str)> = b.tasks.iter().map(|t| (lead(t), coord(t), deadline(t))).collect();
    assert_eq!(
        got,
        [
            ("Bộ Lao động - Thương binh và Xã hội", "", "trình Chính phủ trong Quý II năm 2026"),
            ("Bộ Lao động - Thương binh và Xã hội", "", ""),
            ("Bộ Tài chính", "các bộ, ngành liên quan", ""),
            ("Bộ Lao động - Thương binh và Xã hội", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", ""),
        ]
    );
    assert!(b.groups.is_empty(), "agency headings are not groups");
    assert_eq!(b.target_texts.len(), 1);
    assert_eq!(b.target_texts[0].group, None);
}

#[test]
fn layout_trailing_parenthesis_assignee() {
    let b = body_of(&fixture("prose/paren_assignee.txt"));
    let t = &b.tasks[0];
    assert_eq!(t.title, "Xây dựng phương án bảo đảm an ninh các sự kiện lớn của tỉnh");
    assert_eq!(
        (lead(t), coord(t), deadline(t)),
        ("Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "hoàn thành trong Quý I/2026")
    );
    assert_eq!(t.group, Some(1));
    let t = &b.tasks[1];
    assert_eq!((t.title.as_str(), lead(t)), ("Rà soát các điểm phức tạp về trật tự xã hội", "UBND các huyện"));
}

#[test]
fn layout_lead_and_coordinate_split_under_agency_heading() {
    let b = body_of(&fixture("prose/role_split.txt"));
    let org: Vec<(&str, &str, &str)> =
        b.tasks.iter().filter(|t| t.group.is_none()).map(|t| (t.title.as_str(), lead(t), coord(t))).collect();
    let cover = "các sở, ngành, UBND các xã, phường và cơ quan, đơn vị có liên quan";
    assert_eq!(
        org,
        [
            ("Tổ chức tập huấn kiến thức xuất khẩu cho doanh nghiệp", "Sở Công Thương", cover),
            ("Tổ chức các hoạt động kết nối giao thương", "Sở Công Thương", cover),
            ("Hỗ trợ doanh nghiệp xây dựng mã số vùng trồng", "Sở Nông nghiệp và Môi trường", "Sở Công Thương"),
            ("Bố trí kinh phí thực hiện Kế hoạch", "Sở Tài chính", ""),
        ]
    );
}

#[test]
fn no_plan_gives_empty_body() {
    let b = body_of("Điều 1. Quyết định này có hiệu lực từ ngày ký.\n\nNơi nhận:\n- Như Điều 1;");
    assert!(b.groups.is_empty() && b.tasks.is_empty() && b.sections.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn never_panics(
        texts in proptest::collection::vec(
            prop_oneof![
                "[IVX]{1,3}\\. [A-ZĐỆ ]{0,12}",
                "[0-9]{1,3}(\\.[0-9])?\\. ?[A-Za-zđệ ]{0,20}:?",
                "[a-zđ]\\) ?[A-Za-zđ ]{0,20}",
                "[-+*] (Cơ quan chủ trì|Thời hạn|Sở Y tế chủ trì, phối hợp với|Giao|\\(Giao)?[ ,:;()a-zđạệ]{0,30}",
                "\\PC{0,40}",
            ],
            0..40,
        ),
        start in 0usize..50,
    ) {
        let lines: Vec<Line> = texts.iter().enumerate().map(|(i, t)| Line { no: i + 1, text: t.clone().into() }).collect();
        let _ = parse_body(&lines, start);
    }
}

#[test]
fn example_01_pipe_table_leaves_the_body_empty() {
    let b = body_of(&fixture("real/01_ubtvqh_1339_2024_pipe-table.txt"));
    assert!(b.plan_title.as_deref().unwrap().starts_with("KẾ HOẠCH SỬA ĐỔI, BỔ SUNG CÁC LUẬT, NGHỊ QUYẾT"));
    // The tasks live in the pipe table; a wrapped cell is not prose.
    assert!(b.tasks.is_empty(), "{:#?}", titles(&b));
}

#[test]
fn layout_numbered_subtasks_under_numbered_groups() {
    let b = body_of(&fixture("prose/numbered_subtasks.txt"));
    let groups: Vec<(u32, &str)> = b.groups.iter().map(|g| (g.number, g.title.as_str())).collect();
    assert_eq!(groups, [(1, "Hoàn thiện thể chế"), (2, "Phát triển hạ tầng số")]);
    let got: Vec<(&str, Option<u32>, &str, &str)> =
        b.tasks.iter().map(|t| (t.id.as_str(), t.group, lead(t), deadline(t))).collect();
    assert_eq!(
        got,
        [
            ("1.1", Some(1), "Sở Khoa học và Công nghệ", "tháng 6/2026"),
            ("1.2", Some(1), "Văn phòng UBND tỉnh", "Quý III/2026"),
            ("2.1", Some(2), "Sở Khoa học và Công nghệ", ""),
        ]
    );
    assert_eq!(b.tasks[2].product.as_deref(), Some("Trung tâm dữ liệu đạt cấp độ 3"));
    assert!(b.diagnostics.is_empty(), "{:?}", b.diagnostics);
}

#[test]
fn fallback_solution_bullets_without_agency_are_not_tasks() {
    let b = body_of(&fixture("prose/role_split.txt"));
    assert_eq!(b.groups.len(), 1);
    assert!(!b.tasks.iter().any(|t| t.title.starts_with("Duy trì thị trường")));
}

#[test]
fn layout_field_values_on_their_own_lines_and_paren_numbered_task() {
    let b = body_of(&fixture("prose/split_fields.txt"));
    let t = &b.tasks[0];
    assert_eq!((t.id.as_str(), lead(t)), ("1", "Sở Nội vụ"));
    assert_eq!(deadline(t), "Hoàn thành rà soát trước ngày 30/6/2026; Báo cáo UBND tỉnh trước ngày 31/7/2026");
    let t = &b.tasks[1];
    assert_eq!((t.id.as_str(), t.title.as_str()), ("2", "Công bố danh mục thủ tục hành chính mới"));
    assert_eq!((lead(t), deadline(t)), ("Sở Tư pháp", "Hoàn thành trong tháng 3/2026"));
    assert_eq!(b.tasks.len(), 2);
}

#[test]
fn general_task_without_a_letter() {
    let b = body_of(
        "KẾ HOẠCH\n\nTHỬ NGHIỆM\n\nII. NHIỆM VỤ, GIẢI PHÁP\n\n1. Phát triển du lịch\n\nNhiệm vụ chung: Đưa du lịch thành ngành kinh tế mũi nhọn.\n\nPhấn đấu đến năm 2030, đón 20 triệu lượt khách.\n\n- Sở Du lịch chủ trì, phối hợp với các đơn vị liên quan xây dựng Đề án phát triển du lịch, báo cáo UBND tỉnh trong Quý II năm 2026.\n",
    );
    assert_eq!(
        b.groups[0].general_task.as_deref(),
        Some("Đưa du lịch thành ngành kinh tế mũi nhọn. Phấn đấu đến năm 2030, đón 20 triệu lượt khách.")
    );
    assert_eq!(b.target_texts.len(), 1);
    let t = &b.tasks[0];
    assert_eq!((t.title.as_str(), lead(t)), ("Xây dựng Đề án phát triển du lịch", "Sở Du lịch"));
    assert_eq!(deadline(t), "báo cáo UBND tỉnh trong Quý II năm 2026");
}

#[test]
fn agency_colon_with_first_task_on_the_same_line() {
    let b = body_of(
        "KẾ HOẠCH\n\nTHỬ NGHIỆM\n\nII. NHIỆM VỤ\n\n1. Y tế\n\n- Sở Y tế chủ trì, phối hợp với các đơn vị liên quan: Xây dựng Đề án y tế cơ sở, báo cáo UBND tỉnh trước tháng 9 năm 2026.\n\nTổ chức khám sức khỏe định kỳ cho người cao tuổi.\n\n- Sở Nội vụ bố trí biên chế cho trạm y tế.\n",
    );
    let got: Vec<(&str, &str, &str)> = b.tasks.iter().map(|t| (t.title.as_str(), lead(t), coord(t))).collect();
    assert_eq!(
        got,
        [
            ("Xây dựng Đề án y tế cơ sở", "Sở Y tế", "các đơn vị liên quan"),
            ("Tổ chức khám sức khỏe định kỳ cho người cao tuổi", "Sở Y tế", "các đơn vị liên quan"),
            ("Bố trí biên chế cho trạm y tế", "Sở Nội vụ", ""),
        ]
    );
}
