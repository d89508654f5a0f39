//! Any bytes either parse into a document that serialises to the contract's
//! JSON or give a typed error; the parser must never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = theodoi_parser::parse(data, &theodoi_parser::Options::default()) {
        let json = serde_json_free_check(&doc);
        assert!(json);
    }
});

/// Cheap invariants that hold for every document.
fn serde_json_free_check(doc: &theodoi_parser::Document) -> bool {
    doc.format == theodoi_parser::FORMAT
        && doc.source.sha256.len() == 64
        && doc.plan.as_ref().is_none_or(|p| {
            p.tasks.iter().all(|t| match (t.deadline.start, t.deadline.due) {
                (Some(s), Some(d)) => s <= d,
                _ => true,
            })
        })
}
