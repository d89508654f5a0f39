//! `theodoi-parser` reads the text of a Vietnamese action plan (kế hoạch hành
//! động) and returns a [`Document`]: header, legal bases, references, groups,
//! tasks with their agencies and deadlines, targets, and diagnostics for
//! whatever it could not place.
//!
//! It is pure: `&[u8]` in, `Document` out, no IO and no global state. It
//! never panics and only rejects bytes that are not readable text; anything
//! it cannot understand stays in the output as text with a diagnostic.

pub mod agency;
mod assemble;
pub mod body;
pub mod citation;
pub mod deadline;
pub mod error;
pub mod fold;
pub mod header;
pub mod model;
pub mod normalize;
pub mod raw;
pub mod table;
pub mod target;
pub mod text;

pub use error::{LegacyEncoding, ParseError};
pub use model::*;

/// Default size limit: a plan is tens of kilobytes; 20 MB is generous.
pub const DEFAULT_MAX_BYTES: usize = 20 * 1024 * 1024;

/// How to parse.
#[derive(Debug, Clone)]
pub struct Options {
    /// File name to record in `source.name`.
    pub name: Option<String>,
    /// Larger inputs are refused with [`ParseError::TooLarge`].
    pub max_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { name: None, max_bytes: DEFAULT_MAX_BYTES }
    }
}

/// Parses a document from its bytes (UTF-8 with or without BOM, or UTF-16
/// with BOM).
pub fn parse(bytes: &[u8], options: &Options) -> Result<Document, ParseError> {
    if bytes.len() > options.max_bytes {
        return Err(ParseError::TooLarge { size: bytes.len(), limit: options.max_bytes });
    }
    let (decoded, encoding) = normalize::decode_borrowed(bytes)?;
    if decoded.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let source = Source {
        name: options.name.clone(),
        sha256: sha256_hex(bytes),
        bytes: bytes.len() as u64,
        encoding: encoding.to_string(),
    };
    let text = normalize::normalize(&decoded);
    Ok(assemble::assemble(&text, source))
}

/// Parses a document already held as a string.
pub fn parse_str(text: &str, options: &Options) -> Result<Document, ParseError> {
    parse(text.as_bytes(), options)
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write;
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}
