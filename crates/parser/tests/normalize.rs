//! Decoding, normalisation, line cleaning and paragraph joining.

use theodoi_parser::normalize::{decode, normalize};
use theodoi_parser::text::{clean_line, lines, paragraphs};
use theodoi_parser::{LegacyEncoding, ParseError};

fn utf16(s: &str, le: bool) -> Vec<u8> {
    let mut out = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for u in s.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn decodes_utf8_with_and_without_bom() {
    let d = decode("Quyết định".as_bytes()).unwrap();
    assert_eq!((d.text.as_str(), d.encoding), ("Quyết định", "utf-8"));
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend("Số: 1".as_bytes());
    let d = decode(&bom).unwrap();
    assert_eq!((d.text.as_str(), d.encoding), ("Số: 1", "utf-8-bom"));
}

#[test]
fn decodes_utf16_with_bom() {
    let d = decode(&utf16("Thanh Hóa, ngày 09", true)).unwrap();
    assert_eq!((d.text.as_str(), d.encoding), ("Thanh Hóa, ngày 09", "utf-16le"));
    let d = decode(&utf16("Ủy ban 𝟙", false)).unwrap();
    assert_eq!((d.text.as_str(), d.encoding), ("Ủy ban 𝟙", "utf-16be"));
}

#[test]
fn utf16_lone_surrogate_reports_its_offset() {
    let mut b = utf16("ab", true);
    b.extend([0x00, 0xD8, 0x41, 0x00]);
    assert_eq!(decode(&b), Err(ParseError::InvalidEncoding { offset: 6, legacy: None }));
}

#[test]
fn invalid_utf8_reports_offset() {
    let mut b = b"Ke hoach ".to_vec();
    b.push(0xFF);
    assert_eq!(decode(&b), Err(ParseError::InvalidEncoding { offset: 9, legacy: None }));
    let mut b = vec![0xEF, 0xBB, 0xBF];
    b.extend(b"ab\xC3");
    assert!(matches!(decode(&b), Err(ParseError::InvalidEncoding { offset: 5, .. })));
}

#[test]
fn guesses_legacy_encodings() {
    // TCVN3: "Quán triệt Kế hoạch" = "Qu\xb8n tri\xd6t K\xd5 ho\xb9ch".
    let tcvn3 = b"Qu\xb8n tri\xd6t K\xd5 ho\xb9ch c\xb8c s\xad";
    // VNI: "Quyết định các" = "Quye\xe1t \xf1\xf6" … tones after the vowel.
    let vni = b"Xin cha\xf8o ca\xf9c ba\xefn, ke\xe1 hoa\xefch";
    // Windows-1258: base letter then a combining tone byte.
    let cp1258 = b"Xin cha\xcco ca\xecc ba\xf2n, k\xea\xecho";
    let guess = |b: &[u8]| match decode(b) {
        Err(ParseError::InvalidEncoding { legacy, .. }) => legacy,
        other => panic!("{other:?}"),
    };
    assert_eq!(guess(tcvn3), Some(LegacyEncoding::Tcvn3));
    assert_eq!(guess(vni), Some(LegacyEncoding::Vni));
    assert_eq!(guess(cp1258), Some(LegacyEncoding::Windows1258));
    assert_eq!(guess(b"plain \xff\xfe"), None);
}

#[test]
fn normalizes_to_nfc_and_plain_spaces() {
    let nfd = "Quye\u{302}\u{301}t đi\u{323}nh";
    assert_eq!(normalize(nfd), "Quyết định");
    assert_eq!(normalize("a\u{00A0}b\u{2009}c\u{200B}d\u{FEFF}e"), "a b cde");
    assert_eq!(normalize("x\r\ny\rz"), "x\ny\nz");
    assert_eq!(normalize("2021 – 2025"), "2021 – 2025");
}

#[test]
fn moves_tones_to_one_placement() {
    let changed = [
        ("hoà", "hòa"),
        ("Hoá", "Hóa"),
        ("Uỷ", "Ủy"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("tuỳ", "tùy"),
        ("huỷ", "hủy"),
        ("luỹ", "lũy"),
        ("HOÀ", "HÒA"),
        ("loè", "lòe"),
        ("hoạ sĩ", "họa sĩ"),
        ("UỶ BAN", "ỦY BAN"),
        ("(hoà)", "(hòa)"),
    ];
    for (old, new) in changed {
        assert_eq!(normalize(old), new, "{old}");
    }
    let kept = ["hoàng", "toán", "khuyến", "quý", "quỳ", "ngoài", "xoáy", "khuỷu", "hòa", "Ủy", "thuở", "Quà"];
    for w in kept {
        assert_eq!(normalize(w), w, "{w}");
    }
}

#[test]
fn cleans_markdown_from_lines() {
    let cases = [
        ("**QUYẾT ĐỊNH**", "QUYẾT ĐỊNH"),
        (
            "*Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025; *",
            "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
        ),
        ("*- Các sản phẩm trái cây**:", "- Các sản phẩm trái cây:"),
        ("**Điều 2. **Quyết", "Điều 2. Quyết"),
        ("biến và nông sản khác**: *Tổng sản phẩm", "biến và nông sản khác: Tổng sản phẩm"),
        ("## KẾ HOẠCH", "KẾ HOẠCH"),
        ("** **", ""),
        ("* *", ""),
        ("|", "|"),
        ("Chỉ tiêu (*)   ", "Chỉ tiêu (*)"),
        ("a \\| b", "a | b"),
        ("---------------", ""),
        ("phục vụ ****công tác", "phục vụ công tác"),
    ];
    for (raw, want) in cases {
        assert_eq!(clean_line(raw), want, "{raw}");
    }
}

#[test]
fn blanks_publisher_artefacts_but_keeps_numbering() {
    let text = "Hệ thống pháp luật\nCÔNG BÁO/Số 286/Ngày 27-05-2026 \n89 \nQUYẾT ĐỊNH\nKý bởi: CÔNG BÁO\nCơ quan: VĂN PHÒNG CHÍNH PHỦ\nNgày ký: 2026-05-27\nTải văn bản";
    let ls = lines(text);
    let texts: Vec<&str> = ls.iter().map(|l| &*l.text).collect();
    assert_eq!(texts, vec!["", "", "", "QUYẾT ĐỊNH", "", "", "", ""]);
    assert_eq!(ls.last().map(|l| l.no), Some(8));
}

fn para_texts(text: &str) -> Vec<String> {
    paragraphs(&lines(text)).into_iter().map(|p| p.text).collect()
}

#[test]
fn joins_wrapped_lines_into_paragraphs() {
    // Seed layout: one paragraph per line.
    assert_eq!(para_texts("Điều 1. A.\n\nĐiều 2. B."), vec!["Điều 1. A.", "Điều 2. B."]);
    // Wrapped HTML text with blank lines between paragraphs.
    assert_eq!(
        para_texts("*Căn cứ Luật Tổ chức chính\nquyền địa phương ngày 16 tháng 6 năm 2025; *\n\n*Căn cứ Quyết định số\n493/QĐ-TTg*"),
        vec!["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", "Căn cứ Quyết định số 493/QĐ-TTg"]
    );
    // PDF text: no blank lines, items start new paragraphs.
    assert_eq!(
        para_texts("Căn cứ Luật A, Luật sửa đổi, bổ \nsung một số điều;\nCăn cứ Chỉ thị số 52-\nCT/TW;\nQUYẾT ĐỊNH: \nĐiều 1. Ban hành kèm theo \nQuyết định này."),
        vec![
            "Căn cứ Luật A, Luật sửa đổi, bổ sung một số điều;",
            "Căn cứ Chỉ thị số 52- CT/TW;",
            "QUYẾT ĐỊNH:",
            "Điều 1. Ban hành kèm theo Quyết định này."
        ]
    );
    assert_eq!(
        para_texts("II. NHIỆM VỤ\n1. Tăng cường công tác\nlãnh đạo\n1.2. Tiểu mục\na) Điểm a\nđ) Điểm đ\n- Gạch đầu dòng\ntiếp theo\n+ Dấu cộng\n• Chấm tròn"),
        vec![
            "II. NHIỆM VỤ",
            "1. Tăng cường công tác lãnh đạo",
            "1.2. Tiểu mục",
            "a) Điểm a",
            "đ) Điểm đ",
            "- Gạch đầu dòng tiếp theo",
            "+ Dấu cộng",
            "• Chấm tròn"
        ]
    );
    // A "|" line separates cells; a date line starting with digits continues.
    assert_eq!(
        para_texts("ỦY BAN NHÂN\nDÂN\n|\n*Hà Nội, ngày\n29 tháng 11 năm 2025*\n|"),
        vec!["ỦY BAN NHÂN DÂN", "Hà Nội, ngày 29 tháng 11 năm 2025"]
    );
    // Heading then mixed-case text: two paragraphs.
    assert_eq!(
        para_texts("KẾ HOẠCH HÀNH ĐỘNG\nThực hiện Chỉ thị số 52-CT/TW"),
        vec!["KẾ HOẠCH HÀNH ĐỘNG", "Thực hiện Chỉ thị số 52-CT/TW"]
    );
    let ps = paragraphs(&lines("\n\na\nb\n\nc"));
    assert_eq!((ps[0].line, ps[0].start, ps[0].end), (3, 2, 4));
    assert_eq!((ps[1].line, ps[1].start, ps[1].end), (6, 5, 6));
}

#[test]
fn real_examples_paragraphs() {
    let read = |rel: &str| std::fs::read_to_string(format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let t = normalize(&read("tests/fixtures/real/02_ttg_2623_2025_labelled-fields.txt"));
    let ps = para_texts(&t);
    assert!(ps.contains(&"Điều 3. Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương và các cơ quan, tổ chức có liên quan chịu trách nhiệm thi hành Quyết định này.".to_string()));
    assert!(ps.contains(&"I. MỤC ĐÍCH, YÊU CẦU".to_string()));
    let t = normalize(&read("tests/fixtures/real/05_ttg_844_2026_pdf-text-table.txt"));
    let ps = para_texts(&t);
    assert!(ps.contains(&"Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.".to_string()));
    assert!(ps.iter().all(|p| !p.contains("CÔNG BÁO/Số")));
}

mod never_panics {
    use proptest::prelude::*;
    use theodoi_parser::citation::find_citations;
    use theodoi_parser::header::parse_header;
    use theodoi_parser::normalize::{decode, normalize};
    use theodoi_parser::text::{lines, paragraphs};

    /// Pieces of real headers, shuffled, so the readers meet broken layouts.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("Số: 773 /QĐ-UBND".to_string()),
            Just("| ỦY BAN NHÂN DÂN | CỘNG HÒA |".to_string()),
            Just("TM. ỦY BAN NHÂN DÂN".to_string()),
            Just("KT. CHỦ TỊCH PHÓ CHỦ TỊCH".to_string()),
            Just("Nơi nhận: - A; -".to_string()),
            Just("QUYẾT ĐỊNH".to_string()),
            Just("Căn cứ Nghị quyết số 58- NQ/TW ngày 05/8/2020 của".to_string()),
            Just("Hà Nội, ngày 0 6 tháng 1 3 năm 2025".to_string()),
            Just("HIỆU LỰC VĂN BẢN".to_string()),
            Just("• Ngày ban hành: 31/02/2021".to_string()),
            Just("hoà Uỷ quý *x* **y** \\| #".to_string()),
            "\\PC{0,12}",
        ]
    }

    proptest! {
        #[test]
        fn readers_never_panic(parts in proptest::collection::vec(piece(), 0..24), seps in proptest::collection::vec(prop_oneof![Just("\n"), Just(" "), Just("\r\n"), Just("\n\n"), Just("|")], 24)) {
            let mut text = String::new();
            for (p, s) in parts.iter().zip(seps.iter()) {
                text.push_str(p);
                text.push_str(s);
            }
            let n = normalize(&text);
            let ls = lines(&n);
            let ps = paragraphs(&ls);
            prop_assert!(ps.iter().all(|p| p.start < p.end && p.end <= ls.len()));
            let h = parse_header(&ls);
            prop_assert!(h.body_start <= ls.len());
            let _ = find_citations(&n);
        }

        #[test]
        fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = decode(&bytes);
        }
    }
}
