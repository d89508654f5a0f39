//! Agency lists from real plan cells (the seed appendix, the examples) and
//! synthetic variants: exact canonical names in order, collective flags and
//! the "và các đơn vị liên quan" flag.

use proptest::prelude::*;
use theodoi_parser::agency::{agency_key, canonical_name, is_collective, parse_agency_list};

const SKH: &str = "Sở Kế hoạch và Đầu tư";
const STC: &str = "Sở Tài chính";
const SNN: &str = "Sở Nông nghiệp và Phát triển nông thôn";
const STN: &str = "Sở Tài nguyên và Môi trường";
const SLD: &str = "Sở Lao động - Thương binh và Xã hội";
const SCT: &str = "Sở Công Thương";
const KKT: &str = "Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp";
const SBN: &str = "Các sở, ban, ngành cấp tỉnh";
const UBH: &str = "Ủy ban nhân dân cấp huyện";
const UBX: &str = "Ủy ban nhân dân cấp xã";
const UBT: &str = "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương";
const BOS: &str = "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ";

/// `(name, collective)`; `C` marks a class of agencies.
type Expected = &'static [(&'static str, bool)];
const C: bool = true;
const A: bool = false;

const CASES: &[(&str, Expected, bool)] = &[
    // Seed appendix, lead and coordinating cells.
    ("Sở Kế hoạch và Đầu tư", &[(SKH, A)], false),
    ("Sở Công Thương", &[(SCT, A)], false),
    ("Sở Văn hóa, Thể thao và Du lịch", &[("Sở Văn hóa, Thể thao và Du lịch", A)], false),
    ("Sở Lao động - Thương binh và Xã hội", &[(SLD, A)], false),
    ("Sở Lao động, Thương binh và Xã hội", &[(SLD, A)], false),
    ("Sở Nông nghiệp và PTNT", &[(SNN, A)], false),
    ("Ban quản lý KKT Nghi Sơn và các KCN", &[(KKT, A)], false),
    ("Ban Dân tộc", &[("Ban Dân tộc", A)], false),
    ("Công an tỉnh", &[("Công an tỉnh", A)], false),
    (
        "Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        &[("Bộ Chỉ huy Quân sự tỉnh", A), ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", A)],
        false,
    ),
    ("Các sở, ban, ngành cấp tỉnh, UBND các huyện, thị xã, thành phố", &[(SBN, C), (UBH, C)], false),
    ("Các sở, ban, ngành cấp tỉnh, UBND cấp huyện và các đơn vị có liên quan", &[(SBN, C), (UBH, C)], true),
    ("Các sở, ban, ngành, UBND cấp huyện và các đơn vị liên quan", &[(SBN, C), (UBH, C)], true),
    ("Sở, ban, ngành cấp tỉnh, UBND cấp huyện và các đơn vị có liên quan", &[(SBN, C), (UBH, C)], true),
    (
        "Sở, ban, ngành cấp tỉnh, UBND cấp huyện ven biển và các đơn vị liên quan",
        &[(SBN, C), ("Ủy ban nhân dân cấp huyện ven biển", C)],
        true,
    ),
    ("Các đơn vị liên quan", &[], true),
    (
        "Cục Di sản Văn hóa; các sở, ban, ngành cấp tỉnh, UBND cấp huyện và các đơn vị liên quan",
        &[("Cục Di sản Văn hóa", A), (SBN, C), (UBH, C)],
        true,
    ),
    (
        "Sở Giao thông vận tải, Sở Kế hoạch và Đầu tư, Sở Tài chính",
        &[("Sở Giao thông vận tải", A), (SKH, A), (STC, A)],
        false,
    ),
    (
        "Sở: Xây dựng, Kế hoạch và Đầu tư, Tài chính, Nông nghiệp và PTNT và các đơn vị liên quan",
        &[("Sở Xây dựng", A), (SKH, A), (STC, A), (SNN, A)],
        true,
    ),
    (
        "Đài Phát thanh và Truyền hình tỉnh, Báo Thanh hóa, các cơ quan thông tấn, báo chí trên địa bàn tỉnh và các đơn vị liên quan",
        &[
            ("Đài Phát thanh và Truyền hình tỉnh", A),
            ("Báo Thanh hóa", A),
            ("Các cơ quan thông tấn, báo chí trên địa bàn tỉnh", C),
        ],
        true,
    ),
    (
        "Sở Tài chính, Sở Nông nghiệp và PTNT, Ban Quản lý KKT Nghi Sơn và các KCN và các đơn vị liên quan",
        &[(STC, A), (SNN, A), (KKT, A)],
        true,
    ),
    (
        "Sở Tài chính, Sở Tài nguyên và Môi trường, Sở Nông nghiệp và PTNT, Sở Xây dựng, Sở Tư pháp và các đơn vị liên quan",
        &[(STC, A), (STN, A), (SNN, A), ("Sở Xây dựng", A), ("Sở Tư pháp", A)],
        true,
    ),
    (
        "Sở Nội vụ, Sở Giáo dục và Đào tạo, Sở Lao động, Thương binh và Xã hội, Sở Công Thương, Ban Quản lý KKT Nghi Sơn và các KCN, các sở, ngành, địa phương, đơn vị có liên quan",
        &[("Sở Nội vụ", A), ("Sở Giáo dục và Đào tạo", A), (SLD, A), (SCT, A), (KKT, A)],
        true,
    ),
    (
        "Ban Quản lý KKT Nghi Sơn và các KCN, Sở Kế hoạch và Đầu tư, Sở Tài chính, Sở Công Thương, các sở, ngành và địa phương có liên quan",
        &[(KKT, A), (SKH, A), (STC, A), (SCT, A)],
        true,
    ),
    (
        "Sở Nông nghiệp và PTNT, Sở Thông tin Truyền thông, Sở Công Thương và các đơn vị có liên quan",
        &[(SNN, A), ("Sở Thông tin và Truyền thông", A), (SCT, A)],
        true,
    ),
    (
        "Sở Nông nghiệp và Phát triển Nông thôn, các sở, ngành và địa phương có liên quan",
        &[(SNN, A)],
        true,
    ),
    (
        "Sở Tài chính, Sở Nông nghiệp và PTNT, Sở Tài nguyên và Môi trường, Sở Công thương và các đơn vị liên quan",
        &[(STC, A), (SNN, A), (STN, A), (SCT, A)],
        true,
    ),
    (
        "Sở Tài chính, Bộ Chỉ huy Bộ đội Biên phòng tỉnh, UBND các huyện, thị xã, thành phố ven biển và các đơn vị có liên quan",
        &[(STC, A), ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", A), ("Ủy ban nhân dân cấp huyện ven biển", C)],
        true,
    ),
    (
        "Sở Khoa học và Công nghệ, Sở Kế hoạch và Đầu tư, Sở Tài chính và các sở, ngành, địa phương có liên quan",
        &[("Sở Khoa học và Công nghệ", A), (SKH, A), (STC, A)],
        true,
    ),
    (
        "Sở Giáo dục và Đào tạo, Sở Y tế, Sở Ngoại vụ, Ban Dân tộc, Liên đoàn Lao động tỉnh, các sở, ngành và địa phương có liên quan",
        &[
            ("Sở Giáo dục và Đào tạo", A),
            ("Sở Y tế", A),
            ("Sở Ngoại vụ", A),
            ("Ban Dân tộc", A),
            ("Liên đoàn Lao động tỉnh", A),
        ],
        true,
    ),
    ("Sở Tài chính, Sở Nội vụ, các sở, ngành, địa phương có liên quan", &[(STC, A), ("Sở Nội vụ", A)], true),
    // Example 01 (UBTVQH pipe table): bullets, role words, footnotes, notes.
    (
        "- Ủy ban Pháp luật chủ trì thẩm tra; - Hội đồng Dân tộc, các Ủy ban của Quốc hội tham gia.",
        &[("Ủy ban Pháp luật", A), ("Hội đồng Dân tộc", A), ("Các Ủy ban của Quốc hội", C)],
        false,
    ),
    ("Ủy ban Tài chính, Ngân sách chủ trì thẩm tra [1]", &[("Ủy ban Tài chính, Ngân sách", A)], false),
    ("Ban Công tác đại biểu (Văn phòng Quốc hội phối hợp)", &[("Ban Công tác đại biểu", A)], false),
    ("Ủy ban Đối ngoại [3] (Văn phòng Quốc hội phối hợp chuẩn bị)", &[("Ủy ban Đối ngoại", A)], false),
    ("Uỷ ban thường vụ Quốc hội", &[("Ủy ban Thường vụ Quốc hội", A)], false),
    // Example 02 (labelled fields, lines wrapped mid-name).
    (
        "Bộ Công\nan, Bộ Tư pháp, Bộ Giáo dục và Đào tạo, Bộ Văn hóa, Thể thao và Du lịch, Đài Tiếng\nnói Việt Nam, Đài Truyền hình Việt Nam, Thông tấn xã Việt Nam và các cơ quan\nbáo chí, phát thanh, truyền hình khác.",
        &[
            ("Bộ Công an", A),
            ("Bộ Tư pháp", A),
            ("Bộ Giáo dục và Đào tạo", A),
            ("Bộ Văn hóa, Thể thao và Du lịch", A),
            ("Đài Tiếng nói Việt Nam", A),
            ("Đài Truyền hình Việt Nam", A),
            ("Thông tấn xã Việt Nam", A),
            ("Các cơ quan báo chí, phát thanh, truyền hình khác", C),
        ],
        false,
    ),
    (
        "các bộ,\ncơ quan ngang bộ, cơ quan thuộc Chính phủ và Ủy ban nhân dân các tỉnh, thành phố\ntrực thuộc trung ương.",
        &[(BOS, C), (UBT, C)],
        false,
    ),
    (
        "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương, cơ quan, tổ chức khác có liên quan.",
        &[(BOS, C), (UBT, C)],
        true,
    ),
    ("Văn\nphòng Chính phủ, Bộ Tư pháp và các cơ quan có liên quan.", &[("Văn phòng Chính phủ", A), ("Bộ Tư pháp", A)], true),
    ("Bộ Công\nan.", &[("Bộ Công an", A)], false),
    // Example 04 (HCM, 2025 two-tier local government).
    ("Sở Tài chính", &[(STC, A)], false),
    ("Các sở, ngành, UBND xã, phường, đặc khu", &[(SBN, C), (UBX, C)], false),
    (
        "Sở Tài chính, Sở Khoa học và Công nghệ, các sở, ngành, UBND xã, phường,\nđặc khu",
        &[(STC, A), ("Sở Khoa học và Công nghệ", A), (SBN, C), (UBX, C)],
        false,
    ),
    ("Ủy ban nhân dân các phường, xã, đặc khu", &[(UBX, C)], false),
    ("Trung tâm Chuyển đổi số Thành phố", &[("Trung tâm Chuyển đổi số Thành phố", A)], false),
    // Example 05 (PDF column text joined with spaces).
    ("Các bộ ở Trung ương, Ủy ban nhân dân cấp tỉnh ở địa phương", &[(BOS, C), (UBT, C)], false),
    ("Các cơ quan, tổ chức, đơn vị khác có liên quan.", &[], true),
    ("Ủy ban nhân dân các cấp", &[("Ủy ban nhân dân các cấp", C)], false),
    ("Ủy ban nhân dân cấp tỉnh trình Hội đồng nhân dân cùng cấp", &[(UBT, C)], false),
    ("Các Bộ, ngành, Ủy ban nhân dân cấp tỉnh, cơ quan, tổ chức, đơn vị có liên quan", &[(BOS, C), (UBT, C)], true),
    ("Bộ Y tế, cơ quan, đơn vị liên quan", &[("Bộ Y tế", A)], true),
    // Synthetic: abbreviations, 2025 names, role words, shared heads.
    (
        "Sở LĐ-TB&XH, Sở GD&ĐT, Sở VH,TT&DL, Sở TN&MT",
        &[(SLD, A), ("Sở Giáo dục và Đào tạo", A), ("Sở Văn hóa, Thể thao và Du lịch", A), (STN, A)],
        false,
    ),
    ("Sở Văn hoá, Thể thao và Du lịch; Sở KH&ĐT", &[("Sở Văn hóa, Thể thao và Du lịch", A), (SKH, A)], false),
    (
        "UBND TP.Thanh Hóa, UBND TX. Nghi Sơn",
        &[("Ủy ban nhân dân thành phố Thanh Hóa", A), ("Ủy ban nhân dân thị xã Nghi Sơn", A)],
        false,
    ),
    (
        "Sở Nông nghiệp và Môi trường, Sở Dân tộc và Tôn giáo, Bộ Dân tộc và Tôn giáo",
        &[("Sở Nông nghiệp và Môi trường", A), ("Sở Dân tộc và Tôn giáo", A), ("Bộ Dân tộc và Tôn giáo", A)],
        false,
    ),
    ("Sở Tài chính (chủ trì)", &[(STC, A)], false),
    ("Sở Y tế chủ trì, phối hợp với Sở Tài chính", &[("Sở Y tế", A)], false),
    ("Chủ trì: Sở Xây dựng.", &[("Sở Xây dựng", A)], false),
    ("Sở Tài chính và Quỹ Đầu tư phát triển tỉnh", &[(STC, A), ("Quỹ Đầu tư phát triển tỉnh", A)], false),
    ("Ban quản lý dự án đầu tư xây dựng tỉnh", &[("Ban Quản lý dự án đầu tư xây dựng tỉnh", A)], false),
    ("Sở: Tài chính và Nội vụ", &[(STC, A), ("Sở Nội vụ", A)], false),
    ("- Sở Y tế\n- Bảo hiểm xã hội tỉnh", &[("Sở Y tế", A), ("Bảo hiểm xã hội tỉnh", A)], false),
    ("UBND tỉnh, HĐND tỉnh", &[("Ủy ban nhân dân tỉnh", A), ("Hội đồng nhân dân tỉnh", A)], false),
    (
        "Văn phòng UBND tỉnh, Sở Thông tin và Truyền thông và các cơ quan, tổ chức có liên quan",
        &[("Văn phòng Ủy ban nhân dân tỉnh", A), ("Sở Thông tin và Truyền thông", A)],
        true,
    ),
    ("các doanh nghiệp trên địa bàn tỉnh", &[("Các doanh nghiệp trên địa bàn tỉnh", C)], false),
    ("Sở Xây dựng, Tài chính, Nội vụ", &[("Sở Xây dựng", A), (STC, A), ("Sở Nội vụ", A)], false),
    ("Bộ Tài chính, Y tế và các cơ quan liên quan", &[("Bộ Tài chính", A), ("Bộ Y tế", A)], true),
    ("+ Cơ quan chủ trì: Bộ Công\nan.", &[("Bộ Công an", A)], false),
    ("Các sở: Tài chính, Xây dựng", &[(STC, A), ("Sở Xây dựng", A)], false),
    // Example 03 (Sơn La agency headings).
    ("Sở Khoa học và Công Nghệ", &[("Sở Khoa học và Công nghệ", A)], false),
    ("Sở Ngoại Vụ", &[("Sở Ngoại vụ", A)], false),
    (
        "Đề nghị Liên minh Hợp tác xã tỉnh, Đoàn TNCS Hồ Chí Minh tỉnh, Hội nông dân tỉnh, Hiệp hội doanh nghiệp tỉnh",
        &[
            ("Liên minh Hợp tác xã tỉnh", A),
            ("Tỉnh đoàn Thanh niên Cộng sản Hồ Chí Minh", A),
            ("Hội Nông dân tỉnh", A),
            ("Hiệp hội doanh nghiệp tỉnh", A),
        ],
        false,
    ),
    (
        "Báo và phát thanh, truyền hình Sơn La, Cổng thông tin điện tử tỉnh",
        &[("Báo và phát thanh, truyền hình Sơn La", A), ("Cổng thông tin điện tử tỉnh", A)],
        false,
    ),
    ("Ủy ban nhân dân các xã, phường", &[(UBX, C)], false),
    (
        "Đề nghị các doanh nghiệp sản xuất, chế biến và xuất khẩu hàng hóa",
        &[("Các doanh nghiệp sản xuất, chế biến và xuất khẩu hàng hóa", C)],
        false,
    ),
    ("Các Sở, ngành, UBND các xã, phường và các cơ quan, đơn vị có liên quan", &[(SBN, C), (UBX, C)], true),
    ("Trung tâm Xúc tiến đầu tư, thương mại và du lịch", &[("Trung tâm Xúc tiến đầu tư, thương mại và du lịch", A)], false),
    ("Công an Thành phố và các đơn vị có liên quan", &[("Công an thành phố", A)], true),
    ("các bộ, ngành, địa phương", &[("Các bộ, ngành, địa phương", C)], false),
    ("Sở Tài chính và các đơn vị", &[(STC, A)], true),
    (
        "Giám đốc Sở Y tế, Thủ trưởng các sở, ban, ngành cấp tỉnh, Chủ tịch UBND tỉnh",
        &[("Sở Y tế", A), (SBN, C), ("Chủ tịch Ủy ban nhân dân tỉnh", A)],
        false,
    ),
    ("Giám đốc điều hành dự án", &[("Giám đốc điều hành dự án", A)], false),
    ("", &[], false),
    (" ; , ", &[], false),
];

#[test]
fn agency_lists_split_and_canonicalise() {
    assert!(CASES.len() >= 45, "only {} cases", CASES.len());
    for (input, expected, others) in CASES {
        let list = parse_agency_list(input);
        let got: Vec<(&str, bool)> = list.agencies.iter().map(|a| (a.name.as_str(), a.collective)).collect();
        assert_eq!(got, expected.to_vec(), "names of {input:?}");
        assert_eq!(list.others, *others, "others of {input:?}");
    }
}

#[test]
fn text_as_written_is_kept_beside_the_canonical_name() {
    let list = parse_agency_list("Sở: Xây dựng, Nông nghiệp và PTNT, UBND các huyện, thị xã, thành phố");
    let written: Vec<&str> = list.agencies.iter().map(|a| a.as_written.as_str()).collect();
    assert_eq!(written, ["Xây dựng", "Nông nghiệp và PTNT", "UBND các huyện, thị xã, thành phố"]);
    let list = parse_agency_list("Ban quản lý KKT Nghi Sơn và các KCN và các đơn vị liên quan");
    assert_eq!(list.agencies[0].as_written, "Ban quản lý KKT Nghi Sơn và các KCN");
}

#[test]
fn variants_share_a_key() {
    let groups: &[&[&str]] = &[
        &["Sở Nông nghiệp và PTNT", "Sở Nông nghiệp và Phát triển nông thôn", "SỞ NÔNG NGHIỆP VÀ PTNT", "Sở NN&PTNT"],
        &[
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Lao động, Thương binh và Xã hội",
            "Sở Lao động – Thương binh và Xã hội",
            "Sở LĐ-TB&XH",
        ],
        &["Sở Thông tin Truyền thông", "Sở Thông tin và Truyền thông", "Sở TT&TT"],
        &["Ban quản lý KKT Nghi Sơn và các KCN", "Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp"],
        &["Sở Công thương", "Sở Công Thương"],
        &["Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch", "Sở VH,TT&DL"],
        &["UBND các huyện, thị xã, thành phố", "UBND cấp huyện", "Ủy ban nhân dân các huyện, thị xã, thành phố"],
        &["Các sở, ban, ngành cấp tỉnh", "Sở, ban, ngành cấp tỉnh", "các sở, ban, ngành, đơn vị cấp tỉnh"],
        &["Uỷ ban nhân dân tỉnh", "UBND tỉnh"],
    ];
    for group in groups {
        let first = agency_key(group[0]);
        assert!(!first.is_empty());
        for variant in group.iter().skip(1) {
            assert_eq!(agency_key(variant), first, "{variant:?} vs {:?}", group[0]);
        }
    }
}

#[test]
fn distinct_agencies_have_distinct_keys() {
    assert_ne!(agency_key("UBND các huyện, thị xã, thành phố ven biển"), agency_key("UBND cấp huyện"));
    assert_ne!(agency_key("Sở Nông nghiệp và PTNT"), agency_key("Sở Nông nghiệp và Môi trường"));
    assert_ne!(agency_key("Ủy ban Pháp luật"), agency_key("Ủy ban Pháp luật và Tư pháp"));
}

#[test]
fn canonical_names_and_collectives() {
    assert_eq!(canonical_name("Sở Thông tin Truyền thông"), "Sở Thông tin và Truyền thông");
    assert_eq!(canonical_name("UBND các huyện, thị xã, thành phố"), UBH);
    assert_eq!(canonical_name("Ban quản lý KKT Nghi Sơn và các KCN"), KKT);
    assert_eq!(canonical_name("Sở Lao động, Thương binh và Xã hội"), SLD);
    assert!(is_collective("Các sở, ban, ngành cấp tỉnh"));
    assert!(is_collective("UBND cấp huyện"));
    assert!(is_collective("các Ủy ban của Quốc hội"));
    assert!(!is_collective("Sở Tài chính"));
    assert!(!is_collective("Sở Tài chính, Sở Y tế"));
}

proptest! {
    #[test]
    fn never_panics_nor_names_nothing(s in "\\PC{0,80}") {
        let list = parse_agency_list(&s);
        for a in &list.agencies {
            prop_assert!(!a.name.trim().is_empty());
        }
        let _ = agency_key(&s);
        let _ = is_collective(&s);
    }

    #[test]
    fn never_panics_on_agency_like_text(parts in proptest::collection::vec(
        prop::sample::select(vec![
            "Sở", "Ban", "UBND", "và", ",", ";", ":", "-", "các", "đơn vị", "liên quan", "KKT", "KCN", "(", ")",
            "Tài chính", "cấp huyện", "chủ trì", "Nghi Sơn", "TP.", "Bộ", "ngành", "Hoá", "\n- ", "&", "[1]",
        ]),
        0..24,
    )) {
        let s = parts.join(" ");
        let list = parse_agency_list(&s);
        for a in &list.agencies {
            prop_assert!(!a.name.trim().is_empty());
            prop_assert!(!a.as_written.trim().is_empty());
        }
    }
}

#[test]
fn canonical_names_are_fixed_points_and_share_the_written_key() {
    for (input, _, _) in CASES {
        for a in parse_agency_list(input).agencies {
            assert_eq!(canonical_name(&a.name), a.name, "canonical of {:?}", a.name);
            assert_eq!(is_collective(&a.name), a.collective, "collective of {:?}", a.name);
            // A name completed by a shared head ("Sở: Xây dựng") is written without it.
            let head_shared = agency_key(&a.as_written).split(' ').next() != agency_key(&a.name).split(' ').next();
            if !head_shared {
                assert_eq!(agency_key(&a.as_written), agency_key(&a.name), "key of {:?}", a.as_written);
            }
        }
    }
}

#[test]
fn long_generic_runs_are_read_in_one_pass() {
    let text = "các đơn vị, ".repeat(20_000);
    let list = parse_agency_list(&text);
    assert!(list.agencies.is_empty());
    assert!(list.others);
    let text = "Sở Tài chính, ".repeat(5_000);
    let list = parse_agency_list(&text);
    assert_eq!(list.agencies.len(), 5_000);
    assert!(list.agencies.iter().all(|a| a.name == STC));
}
