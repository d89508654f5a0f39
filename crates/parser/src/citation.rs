//! References to other documents: "Nghị quyết số 13/NQ-CP ngày 03/02/2021
//! của Chính phủ", "58-NQ/TW", "Công văn số 3584/SKHĐT-TH".

use chrono::NaiveDate;

use crate::model::Reference;

/// One citation as found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    /// Without spaces: "58-NQ/TW".
    pub number: String,
    pub kind: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub issuer: Option<String>,
}

/// Every citation in `text`, in order, repeats included.
pub fn find_citations(text: &str) -> Vec<Citation> {
    let _ = text;
    Vec::new()
}

/// Citations merged into one reference per number, in order of first
/// appearance, each field taken from the first citation that gives it.
pub fn references(citations: impl IntoIterator<Item = Citation>) -> Vec<Reference> {
    let mut out: Vec<Reference> = Vec::new();
    for c in citations {
        if let Some(r) = out.iter_mut().find(|r| r.number == c.number) {
            r.kind = r.kind.take().or(c.kind);
            r.issued_on = r.issued_on.or(c.issued_on);
            r.issuer = r.issuer.take().or(c.issuer);
        } else {
            out.push(Reference { number: c.number, kind: c.kind, issued_on: c.issued_on, issuer: c.issuer });
        }
    }
    out
}
