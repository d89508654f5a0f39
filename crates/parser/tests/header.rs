//! Header, signature, recipients, validity and citations on the seed, the
//! five real examples and short synthetic layouts.

use chrono::NaiveDate;
use theodoi_parser::citation::find_citations;
use theodoi_parser::header::{issuer_case, parse_header, Header};
use theodoi_parser::normalize::normalize;
use theodoi_parser::raw::Line;
use theodoi_parser::text::lines;
use theodoi_parser::Severity;

fn read(rel: &str) -> String {
    let path = format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The header and the lines, owned: the lines borrow the normalised text,
/// which lives only inside this helper.
fn header_of(text: &str) -> (Header, Vec<Line<'static>>) {
    let normalized = normalize(text);
    let ls = lines(&normalized);
    let owned = ls.iter().map(|l| Line { no: l.no, text: l.text.clone().into_owned().into() }).collect();
    (parse_header(&ls), owned)
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn signer(h: &Header) -> (String, Option<String>, Option<String>) {
    let s = h.signer.clone().expect("signer");
    (s.name, s.position, s.capacity)
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

fn body_line(h: &Header, ls: &[Line]) -> String {
    ls.get(h.body_start).map(|l| l.text.to_string()).unwrap_or_default()
}

#[test]
fn seed_header() {
    let (h, ls) = header_of(&read("../../examples/qd-2999-ubnd-thanh-hoa-2021.txt"));
    assert_eq!(h.number, s("2999/QĐ-UBND"));
    assert_eq!(h.kind, s("Quyết định"));
    assert_eq!(h.issuer, s("Ủy ban nhân dân tỉnh Thanh Hóa"));
    assert_eq!(h.place, s("Thanh Hóa"));
    assert_eq!(h.issued_on, date(2021, 8, 9));
    let title = h.title.clone().unwrap();
    assert!(title.starts_with("VỀ VIỆC BAN HÀNH KẾ HOẠCH HÀNH ĐỘNG CỦA UBND TỈNH"), "{title}");
    assert!(title.ends_with("TẦM NHÌN ĐẾN NĂM 2045"), "{title}");
    assert_eq!(signer(&h), ("Đỗ Minh Tuấn".into(), s("Chủ tịch"), s("TM. Ủy ban nhân dân")));
    let cites: Vec<Vec<String>> = h.legal_bases.iter().map(|b| b.cites.clone()).collect();
    assert_eq!(
        cites,
        vec![
            vec![],
            vec!["58-NQ/TW".to_string()],
            vec!["13/NQ-CP".into(), "58-NQ/TW".into()],
            vec!["11-CTr/TU".into(), "58-NQ/TW".into()]
        ]
    );
    assert_eq!(h.legal_bases[0].line, Some(23));
    assert!(h.legal_bases.iter().all(|b| b.text.starts_with("Căn cứ")));
    assert_eq!(h.recipients.len(), 12);
    assert_eq!(h.recipients[0], "Như Điều 2 QĐ");
    assert_eq!(h.recipients[1], "Văn phòng Chính phủ (để b/c)");
    assert_eq!(h.recipients[11], "Lưu: VT, THKH");
    assert_eq!(body_line(&h, &ls), "KẾ HOẠCH HÀNH ĐỘNG CỦA UBND TỈNH");
    let v = h.validity.clone().unwrap();
    assert_eq!(v.number, s("2999/QĐ-UBND"));
    assert_eq!(v.kind, s("Quyết định"));
    assert_eq!(v.issued_on, date(2021, 8, 9));
    assert_eq!(v.effective_on, date(2021, 8, 9));
    assert_eq!(v.status, s("Còn hiệu lực"));
    assert_eq!(v.place, s("Tỉnh Thanh Hóa"));
    assert_eq!(v.signer, s("Đỗ Minh Tuấn"));
    assert!(h.diagnostics.is_empty(), "{:?}", h.diagnostics);
}

#[test]
fn example_01_number_and_date_from_subtitle() {
    let (h, ls) = header_of(&read("tests/fixtures/real/01_ubtvqh_1339_2024_pipe-table.txt"));
    assert_eq!(h.number, s("1339/NQ-UBTVQH15"));
    assert_eq!(h.issued_on, date(2024, 12, 28));
    assert_eq!(h.kind, s("Nghị quyết"));
    assert_eq!(h.issuer, s("Ủy ban Thường vụ Quốc hội"));
    assert!(h
        .title
        .clone()
        .unwrap()
        .starts_with("Ban hành Kế hoạch sửa đổi, bổ sung các luật, nghị quyết phục vụ công tác"));
    assert_eq!(h.signer, None);
    assert_eq!(h.legal_bases.len(), 3);
    assert_eq!(h.legal_bases[0].cites, vec!["57/2014/QH13", "65/2020/QH14"]);
    assert_eq!(h.legal_bases[2].cites, vec!["3618/BC-UBPL15"]);
    assert_eq!(body_line(&h, &ls), "KẾ HOẠCH");
    let codes: Vec<(&str, Severity)> = h.diagnostics.iter().map(|d| (d.code.as_str(), d.severity)).collect();
    assert_eq!(
        codes,
        vec![("header.number_from_subtitle", Severity::Info), ("header.date_from_subtitle", Severity::Info)]
    );
}

#[test]
fn example_02_cells_between_pipes_and_blank_subtitle() {
    let (h, ls) = header_of(&read("tests/fixtures/real/02_ttg_2623_2025_labelled-fields.txt"));
    assert_eq!(h.number, s("2623/QĐ-TTg"));
    assert_eq!(h.issuer, s("Thủ tướng Chính phủ"));
    assert_eq!(h.place, s("Hà Nội"));
    assert_eq!(h.issued_on, date(2025, 11, 29));
    assert_eq!(h.title, s("BAN HÀNH KẾ HOẠCH TRIỂN KHAI THI HÀNH LUẬT BẢO VỆ DỮ LIỆU CÁ NHÂN"));
    assert_eq!(signer(&h), ("Phạm Minh Chính".into(), s("Thủ tướng"), None));
    assert_eq!(h.legal_bases.len(), 2);
    assert_eq!(h.legal_bases[1].text, "Căn cứ Luật Bảo vệ dữ liệu cá nhân ngày 26 tháng 6 năm 2025;");
    assert_eq!(h.recipients.len(), 16);
    assert_eq!(
        h.recipients[14],
        "VPCP: BTCN, các PCN, Trợ lý, Thư ký TTg, TGĐ Cổng TTĐT, các Vụ, Cục, đơn vị trực thuộc, Công báo"
    );
    assert_eq!(body_line(&h, &ls), "KẾ HOẠCH");
    assert!(h.diagnostics.is_empty(), "{:?}", h.diagnostics);
}

#[test]
fn example_03_tm_and_kt_signer() {
    let (h, _) = header_of(&read("tests/fixtures/real/03_sonla_2954_2025_agency-headings.txt"));
    assert_eq!(h.number, s("2954/QĐ-UBND"));
    assert_eq!(h.issuer, s("Ủy ban nhân dân tỉnh Sơn La"));
    assert_eq!(h.place, s("Sơn La"));
    assert_eq!(h.issued_on, date(2025, 11, 20));
    assert_eq!(signer(&h), ("Nguyễn Thành Công".into(), s("Phó Chủ tịch"), s("KT. Chủ tịch")));
    assert_eq!(h.legal_bases[1].cites, vec!["493/QĐ-TTg"]);
    assert_eq!(h.recipients.first().map(String::as_str), Some("Bộ Công Thương (b/c)"));
    assert_eq!(h.recipients.last().map(String::as_str), Some("Lưu: VT, Biên KT"));
}

#[test]
fn example_04_wrapped_cells() {
    let (h, ls) = header_of(&read("tests/fixtures/real/04_hcm_2820_2025_flattened-pipe-table.txt"));
    assert_eq!(h.number, s("2820/QĐ-UBND"));
    assert_eq!(h.issuer, s("Ủy ban nhân dân Thành phố Hồ Chí Minh"));
    assert_eq!(h.place, s("Thành phố Hồ Chí Minh"));
    assert_eq!(h.issued_on, date(2025, 11, 19));
    assert!(h.title.clone().unwrap().contains("QUYẾT ĐỊNH SỐ 06/QĐ-TTG NGÀY 02 THÁNG 01 NĂM 2025"));
    assert_eq!(signer(&h), ("Nguyễn Lộc Hà".into(), s("Phó Chủ tịch"), s("KT. Chủ tịch")));
    assert_eq!(h.legal_bases.len(), 21);
    assert!(h.legal_bases.iter().any(|b| b.cites == vec!["66.2/2025/NQ-CP"]));
    assert_eq!(h.recipients.len(), 14);
    assert_eq!(body_line(&h, &ls), "KẾ HOẠCH");
}

#[test]
fn example_05_pdf_text() {
    let (h, ls) = header_of(&read("tests/fixtures/real/05_ttg_844_2026_pdf-text-table.txt"));
    assert_eq!(h.number, s("844/QĐ-TTg"));
    assert_eq!(h.kind, s("Quyết định"));
    assert_eq!(h.issuer, s("Thủ tướng Chính phủ"));
    assert_eq!(h.place, s("Hà Nội"));
    assert_eq!(h.issued_on, date(2026, 5, 13));
    assert_eq!(
        h.title,
        s("Ban hành Kế hoạch hành động thực hiện Chỉ thị số 52-CT/TW ngày 03 tháng 10 năm 2025 của Ban Bí thư về thực hiện bảo hiểm y tế toàn dân trong giai đoạn mới")
    );
    assert_eq!(signer(&h), ("Phạm Thị Thanh Trà".into(), s("Phó Thủ tướng"), s("KT. Thủ tướng")));
    assert_eq!(h.legal_bases.len(), 4);
    assert_eq!(h.legal_bases[3].cites, vec!["52-CT/TW"]);
    assert!(h.recipients.is_empty());
    assert_eq!(body_line(&h, &ls), "KẾ HOẠCH HÀNH ĐỘNG");
}

#[test]
fn two_column_pipe_table_header() {
    let (h, ls) = header_of(&read("tests/fixtures/header/pipe_table.txt"));
    assert_eq!(h.number, s("1234/QĐ-UBND"));
    assert_eq!(h.issuer, s("Ủy ban nhân dân tỉnh Quảng Trị"));
    assert_eq!(h.place, s("Quảng Trị"));
    assert_eq!(h.issued_on, date(2024, 3, 5));
    assert_eq!(h.kind, s("Quyết định"));
    assert_eq!(h.title, s("Về việc ban hành Kế hoạch thực hiện Nghị quyết số 26-NQ/TW"));
    assert_eq!(h.legal_bases.len(), 2);
    assert_eq!(h.legal_bases[1].cites, vec!["26-NQ/TW"]);
    assert_eq!(signer(&h), ("Võ Văn Hưng".into(), s("Chủ tịch"), s("TM. Ủy ban nhân dân")));
    assert_eq!(h.recipients, vec!["Như Điều 2", "Lưu: VT"]);
    assert_eq!(body_line(&h, &ls), "KẾ HOẠCH");
}

#[test]
fn header_run_together_on_one_line() {
    let (h, ls) = header_of(&read("tests/fixtures/header/run_together.txt"));
    assert_eq!(h.number, s("773/QĐ-UBND"));
    assert_eq!(h.issuer, s("Ủy ban nhân dân tỉnh Nghệ An"));
    assert_eq!(h.place, s("Nghệ An"));
    assert_eq!(h.issued_on, date(2018, 6, 26));
    assert_eq!(h.kind, s("Quyết định"));
    assert_eq!(h.title, s("Về việc ban hành Kế hoạch hành động phát triển du lịch tỉnh Nghệ An"));
    assert_eq!(h.legal_bases.len(), 2);
    assert_eq!(h.legal_bases[1].cites, vec!["3934/QĐ-UBND"]);
    assert_eq!(signer(&h), ("Lê Ngọc Hoa".into(), s("Phó Chủ tịch"), s("KT. Chủ tịch")));
    assert_eq!(body_line(&h, &ls), "KẾ HOẠCH HÀNH ĐỘNG");
    assert!(h.diagnostics.is_empty(), "a real header number is not replaced: {:?}", h.diagnostics);
}

#[test]
fn plan_issued_directly() {
    let (h, ls) = header_of(&read("tests/fixtures/header/ke_hoach.txt"));
    assert_eq!(h.kind, s("Kế hoạch"));
    assert_eq!(h.number, s("45/KH-UBND"));
    assert_eq!(h.issuer, s("Ủy ban nhân dân huyện Yên Định"));
    assert_eq!(h.place, s("Yên Định"));
    assert_eq!(h.issued_on, date(2022, 4, 12));
    assert_eq!(h.title, s("Triển khai thực hiện Chương trình chuyển đổi số năm 2022"));
    assert_eq!(h.legal_bases.len(), 1);
    assert_eq!(h.legal_bases[0].cites, vec!["112/KH-UBND"]);
    assert_eq!(signer(&h), ("Trịnh Văn Hải".into(), s("Chủ tịch"), s("TM. Ủy ban nhân dân")));
    assert_eq!(h.recipients, vec!["UBND tỉnh (b/c)", "Lưu: VT"]);
    let next = ls.iter().skip(h.body_start).find(|l| !l.text.is_empty()).map(|l| &*l.text);
    assert_eq!(next, Some("I. MỤC ĐÍCH, YÊU CẦU"));
}

#[test]
fn directive_from_a_ministry() {
    let (h, ls) = header_of(&read("tests/fixtures/header/chi_thi.txt"));
    assert_eq!(h.kind, s("Chỉ thị"));
    assert_eq!(h.number, s("07/CT-BYT"));
    assert_eq!(h.issuer, s("Bộ Y tế"));
    assert_eq!(h.issued_on, date(2023, 9, 15));
    assert_eq!(h.title, s("Về tăng cường công tác phòng, chống dịch bệnh mùa mưa bão"));
    assert_eq!(signer(&h), ("Đào Hồng Lan".into(), s("Bộ trưởng"), None));
    let next = ls.iter().skip(h.body_start).find(|l| !l.text.is_empty()).map(|l| &*l.text);
    assert_eq!(next, Some("Thời gian qua, công tác phòng, chống dịch bệnh đã đạt nhiều kết quả."));
}

#[test]
fn missing_number_and_date_are_warned() {
    let (h, _) = header_of("KẾ HOẠCH\n\nKế hoạch số …/KH-UBND ngày… tháng… năm 2021\n\nI. MỤC TIÊU\n");
    assert_eq!(h.number, None);
    let codes: Vec<&str> = h.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"header.number_missing"), "{codes:?}");
    assert!(codes.contains(&"header.date_missing"), "{codes:?}");
    assert!(h.diagnostics.iter().all(|d| d.severity == Severity::Warning));
}

#[test]
fn blank_subtitle_does_not_override_header_number() {
    let text = "ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA\n\nSố: 2999/QĐ-UBND\n\nThanh Hóa, ngày 09 tháng 8 năm 2021\n\nQUYẾT ĐỊNH\n\nVề việc X\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành.\n\nKẾ HOẠCH\n(Ban hành kèm theo Quyết định số …/QĐ-UBND ngày… tháng… năm 2021)\n";
    let (h, _) = header_of(text);
    assert_eq!(h.number, s("2999/QĐ-UBND"));
    assert_eq!(h.issued_on, date(2021, 8, 9));
}

#[test]
fn issuer_names_in_official_case() {
    let cases = [
        ("ỦY BAN NHÂN DÂN TỈNH THANH HÓA", "Ủy ban nhân dân tỉnh Thanh Hóa"),
        ("UBND TỈNH NGHỆ AN", "Ủy ban nhân dân tỉnh Nghệ An"),
        ("BỘ Y TẾ", "Bộ Y tế"),
        ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
        ("CHÍNH PHỦ", "Chính phủ"),
        ("BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "Bộ Kế hoạch và Đầu tư"),
        ("SỞ CÔNG THƯƠNG", "Sở Công Thương"),
        ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Bộ Văn hóa, Thể thao và Du lịch"),
        ("HĐND HUYỆN YÊN ĐỊNH", "Hội đồng nhân dân huyện Yên Định"),
        ("ỦY BAN THƯỜNG VỤ QUỐC HỘI", "Ủy ban Thường vụ Quốc hội"),
    ];
    for (raw, want) in cases {
        assert_eq!(issuer_case(raw), want, "{raw}");
    }
}

type Cite = (&'static str, Option<&'static str>, Option<(i32, u32, u32)>, Option<&'static str>);

#[test]
fn citations_table() {
    let cases: Vec<(&str, Vec<Cite>)> = vec![
        (
            "Nghị quyết số 13/NQ-CP ngày 03/02/2021 của Chính phủ ban hành",
            vec![("13/NQ-CP", Some("Nghị quyết"), Some((2021, 2, 3)), Some("Chính phủ"))],
        ),
        (
            "Nghị quyết số 58- NQ/TW ngày 05/8/2020 của Bộ Chính trị về xây dựng",
            vec![("58-NQ/TW", Some("Nghị quyết"), Some((2020, 8, 5)), Some("Bộ Chính trị"))],
        ),
        (
            "Chương trình hành động số 11-CTr/TU ngày 28/02/2021 của Ban Chấp hành Đảng bộ tỉnh thực hiện",
            vec![(
                "11-CTr/TU",
                Some("Chương trình hành động"),
                Some((2021, 2, 28)),
                Some("Ban Chấp hành Đảng bộ tỉnh"),
            )],
        ),
        (
            "tại Công văn số 3584/SKHĐT-TH ngày 03/6/2021.",
            vec![("3584/SKHĐT-TH", Some("Công văn"), Some((2021, 6, 3)), None)],
        ),
        (
            "Quyết định số 3934/QĐ-UBND ngày 17/10/2017 của UBND tỉnh;",
            vec![("3934/QĐ-UBND", Some("Quyết định"), Some((2017, 10, 17)), Some("UBND tỉnh"))],
        ),
        (
            "Chương trình phối hợp số 1249a/CTPH-UBDT-BTP",
            vec![("1249a/CTPH-UBDT-BTP", Some("Chương trình phối hợp"), None, None)],
        ),
        ("theo Luật số 65/2020/QH14;", vec![("65/2020/QH14", Some("Luật"), None, None)]),
        ("Nghị định số 13/2023/NĐ-CP", vec![("13/2023/NĐ-CP", Some("Nghị định"), None, None)]),
        ("Thông tư 01/2024/TT-BTC", vec![("01/2024/TT-BTC", Some("Thông tư"), None, None)]),
        (
            "Báo cáo số 3618/BC-UBPL15 ngày 17 tháng 12 năm 2024 về tổng hợp",
            vec![("3618/BC-UBPL15", Some("Báo cáo"), Some((2024, 12, 17)), None)],
        ),
        (
            "Chỉ thị số 52-CT/TW ngày 03 tháng 10 năm 2025 của Ban Bí thư về thực hiện",
            vec![("52-CT/TW", Some("Chỉ thị"), Some((2025, 10, 3)), Some("Ban Bí thư"))],
        ),
        (
            "QUYẾT ĐỊNH SỐ 06/QĐ-TTG NGÀY 02 THÁNG 01 NĂM 2025 CỦA THỦ TƯỚNG CHÍNH PHỦ VÀ QUYẾT ĐỊNH SỐ 3103/QĐ-BTC",
            vec![
                ("06/QĐ-TTg", Some("Quyết định"), Some((2025, 1, 2)), Some("THỦ TƯỚNG CHÍNH PHỦ")),
                ("3103/QĐ-BTC", Some("Quyết định"), None, None),
            ],
        ),
        ("thực hiện 58-NQ/TW", vec![("58-NQ/TW", Some("Nghị quyết"), None, None)]),
        (
            "Luật Đất đai số 31/2024/QH15 ngày 18 tháng 01 năm 2024",
            vec![("31/2024/QH15", Some("Luật"), Some((2024, 1, 18)), None)],
        ),
        (
            "Nghị quyết số 66.2/2025/NQ-CP ngày 28 tháng 8 năm 2025",
            vec![("66.2/2025/NQ-CP", Some("Nghị quyết"), Some((2025, 8, 28)), None)],
        ),
        (
            "Kế hoạch hành động số 459-KHHĐ/TU ngày 21 tháng 5 năm 2025 của Thành ủy Thành phố về thực hiện",
            vec![("459-KHHĐ/TU", Some("Kế hoạch hành động"), Some((2025, 5, 21)), Some("Thành ủy Thành phố"))],
        ),
        (
            "Tờ trình số 298/TTr-SCT ngày 23/10/2025",
            vec![("298/TTr-SCT", Some("Tờ trình"), Some((2025, 10, 23)), None)],
        ),
        ("Chỉ thị số 52-\nCT/TW).", vec![("52-CT/TW", Some("Chỉ thị"), None, None)]),
        ("Số: 773 /QĐ-UBND", vec![("773/QĐ-UBND", Some("Quyết định"), None, None)]),
        (
            "của Bộ Kế hoạch và Đầu tư: Quyết định số 12/QĐ-BKHĐT ngày 5/1/2022 của Bộ Kế hoạch và Đầu tư về việc",
            vec![("12/QĐ-BKHĐT", Some("Quyết định"), Some((2022, 1, 5)), Some("Bộ Kế hoạch và Đầu tư"))],
        ),
        ("ngày 03/02/2021, tỷ lệ 1/500, (để b/c), Lưu: VT, (TH/MT)", vec![]),
        ("Quyết định số /QĐ-TTg ngày tháng năm 2025; số …/QĐ-UBND ngày… tháng… năm 2021", vec![]),
        ("trong tháng 10/2021 và Quý IV/2021", vec![]),
    ];
    for (text, want) in cases {
        let got: Vec<Cite> = find_citations(text)
            .into_iter()
            .map(|c| {
                (
                    &*Box::leak(c.number.into_boxed_str()),
                    c.kind.map(|k| &*Box::leak(k.into_boxed_str())),
                    c.issued_on.map(|d| {
                        use chrono::Datelike;
                        (d.year(), d.month(), d.day())
                    }),
                    c.issuer.map(|k| &*Box::leak(k.into_boxed_str())),
                )
            })
            .collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn parse_fills_document_identity() {
    let cases = [
        ("../../examples/qd-2999-ubnd-thanh-hoa-2021.txt", "2999/QĐ-UBND"),
        ("tests/fixtures/real/01_ubtvqh_1339_2024_pipe-table.txt", "1339/NQ-UBTVQH15"),
        ("tests/fixtures/real/02_ttg_2623_2025_labelled-fields.txt", "2623/QĐ-TTg"),
        ("tests/fixtures/real/03_sonla_2954_2025_agency-headings.txt", "2954/QĐ-UBND"),
        ("tests/fixtures/real/04_hcm_2820_2025_flattened-pipe-table.txt", "2820/QĐ-UBND"),
        ("tests/fixtures/real/05_ttg_844_2026_pdf-text-table.txt", "844/QĐ-TTg"),
    ];
    for (file, number) in cases {
        let doc = theodoi_parser::parse_str(&read(file), &Default::default()).expect(file);
        assert_eq!(doc.document.number.as_deref(), Some(number), "{file}");
        assert!(
            !doc.document.references.iter().any(|r| r.number == number),
            "{file}: the document's own number is not one of its references"
        );
    }
}

#[test]
fn legal_bases_without_a_kind_line() {
    let text = "BỘ TÀI CHÍNH\nSố: 15/2024/TT-BTC\nHà Nội, ngày 01/3/2024\n\nCăn cứ Nghị định số 14/2023/NĐ-CP ngày 20/4/2023 của Chính phủ;\n\nĐiều 1. Phạm vi\n";
    let (h, _) = header_of(text);
    assert_eq!(h.number, s("15/2024/TT-BTC"));
    assert_eq!(h.kind, s("Thông tư"));
    assert_eq!(h.issuer, s("Bộ Tài chính"));
    assert_eq!(h.issued_on, date(2024, 3, 1));
    assert_eq!(h.legal_bases.len(), 1);
    assert_eq!(h.legal_bases[0].cites, vec!["14/2023/NĐ-CP"]);
}

/// `references_in` reads only the fields a reference still lacks; it must
/// give what merging every citation gives, with or without an own number.
#[test]
fn lazy_references_match_merged_citations() {
    use theodoi_parser::citation::{references, references_in};
    let files = [
        "../../examples/qd-2999-ubnd-thanh-hoa-2021.txt",
        "tests/fixtures/real/01_ubtvqh_1339_2024_pipe-table.txt",
        "tests/fixtures/real/02_ttg_2623_2025_labelled-fields.txt",
        "tests/fixtures/real/03_sonla_2954_2025_agency-headings.txt",
        "tests/fixtures/real/04_hcm_2820_2025_flattened-pipe-table.txt",
        "tests/fixtures/real/05_ttg_844_2026_pdf-text-table.txt",
    ];
    for f in files {
        let text = normalize(&read(f));
        let all = find_citations(&text);
        let owns = std::iter::once(None).chain(all.iter().map(|c| Some(c.number.clone())));
        for own in owns {
            let want = references(all.iter().filter(|c| Some(&c.number) != own.as_ref()).cloned());
            assert_eq!(references_in(&text, own.as_deref()), want, "{f} without {own:?}");
        }
    }
}
