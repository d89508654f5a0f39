//! The document's header and closing blocks: issuing body, number, place and
//! date, kind, title (trích yếu), legal bases, signer, recipients (Nơi nhận)
//! and the publisher's validity block.

use chrono::NaiveDate;

use crate::model::{Diagnostic, LegalBasis, Signer, Validity};
use crate::raw::Line;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    pub kind: Option<String>,
    pub number: Option<String>,
    pub issuer: Option<String>,
    pub place: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub title: Option<String>,
    pub signer: Option<Signer>,
    pub legal_bases: Vec<LegalBasis>,
    pub recipients: Vec<String>,
    pub validity: Option<Validity>,
    /// Index into the lines where the document's body (after the header and
    /// legal bases) begins.
    pub body_start: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the header, signature, recipients and validity block.
pub fn parse_header(lines: &[Line]) -> Header {
    let _ = lines;
    Header::default()
}
