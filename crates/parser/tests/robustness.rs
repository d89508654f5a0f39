//! Whatever the input, the parser returns a document or a typed error and
//! never panics; documents keep the invariants the rest of theodoi relies on.

use proptest::prelude::*;
use theodoi_parser::{Document, Options, ParseError};

fn check(doc: &Document) {
    assert_eq!(doc.format, theodoi_parser::FORMAT);
    assert_eq!(doc.source.sha256.len(), 64);
    if let Some(plan) = &doc.plan {
        for t in &plan.tasks {
            if let (Some(s), Some(d)) = (t.deadline.start, t.deadline.due) {
                assert!(s <= d, "task {} starts after it is due", t.id);
            }
            assert!(t.lead.iter().chain(&t.coordinating).all(|n| !n.trim().is_empty()));
        }
    }
    for d in &doc.diagnostics {
        assert!(d.line.is_none_or(|l| l >= 1));
    }
}

/// Text shaped like the genre, so the generator reaches the readers' code
/// paths instead of stopping at the first line.
fn plan_like_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Số: 12/QĐ-UBND".to_string()),
        Just("Hà Nội, ngày 09 tháng 8 năm 2021".to_string()),
        Just("II. NHIỆM VỤ".to_string()),
        Just("a) Nhiệm vụ chung: Phấn đấu đến năm 2025 đạt 81%".to_string()),
        Just("- Sở Y tế chủ trì, phối hợp với các đơn vị liên quan:".to_string()),
        Just("| TT | Nội dung | Chủ trì | Phối hợp | Thời gian |".to_string()),
        Just("|".to_string()),
        Just("Trước tháng 9/2021".to_string()),
        Just("Quý IV/".to_string()),
        Just("Sở: Xây dựng, Tài chính và".to_string()),
        Just("PHỤ LỤC".to_string()),
        Just("Số TT\n\nNội dung\n\nĐơn vị chủ trì\n\nĐơn vị phối hợp\n\nSản phẩm\n\nThời gian".to_string()),
        "[0-9]{1,3}".prop_map(|s| s),
        "\\PC{0,40}",
        "[\\t |*#+\\-.,:;()/0-9a-zA-ZđĐàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ ]{0,60}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        match theodoi_parser::parse(&bytes, &Options::default()) {
            Ok(doc) => check(&doc),
            Err(ParseError::Empty | ParseError::TooLarge { .. } | ParseError::InvalidEncoding { .. }) => {}
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        match theodoi_parser::parse_str(&text, &Options::default()) {
            Ok(doc) => check(&doc),
            Err(e) => prop_assert!(matches!(e, ParseError::Empty), "valid UTF-8 can only be refused as empty: {e}"),
        }
    }

    #[test]
    fn plan_shaped_text_never_panics(lines in proptest::collection::vec(plan_like_line(), 0..80)) {
        let text = lines.join("\n\n");
        if let Ok(doc) = theodoi_parser::parse_str(&text, &Options::default()) {
            check(&doc);
        }
    }
}

#[test]
fn size_limit_is_enforced() {
    let options = Options { max_bytes: 10, ..Options::default() };
    let err = theodoi_parser::parse(b"01234567890", &options).unwrap_err();
    assert_eq!(err, ParseError::TooLarge { size: 11, limit: 10 });
    assert!(err.to_string().contains("quá lớn"));
}

#[test]
fn empty_and_blank_inputs_are_refused() {
    for input in [&b""[..], b"   \n\t\n", b"\xef\xbb\xbf"] {
        assert_eq!(theodoi_parser::parse(input, &Options::default()).unwrap_err(), ParseError::Empty);
    }
}

#[test]
fn invalid_utf8_names_the_offset() {
    let err = theodoi_parser::parse(b"Quy\xd5t", &Options::default()).unwrap_err();
    assert!(matches!(err, ParseError::InvalidEncoding { offset: 3, .. }), "{err:?}");
    assert!(err.to_string().contains("byte 3"));
}
