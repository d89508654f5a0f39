//! Lines and paragraphs of the normalised text, with markdown emphasis and
//! publisher artefacts removed but line numbers kept, so every diagnostic can
//! point at the line a person sees in their file.

use crate::raw::{Line, Para};

/// Splits normalised text into cleaned lines, numbered from 1.
pub fn lines(text: &str) -> Vec<Line> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| Line { no: i + 1, text: l.replace("**", "").trim().to_string() })
        .collect()
}

/// Joins wrapped lines into paragraphs; a blank line ends one.
pub fn paragraphs(lines: &[Line]) -> Vec<Para> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].text.is_empty() {
            i += 1;
            continue;
        }
        let start = i;
        let mut text = String::new();
        while i < lines.len() && !lines[i].text.is_empty() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&lines[i].text);
            i += 1;
        }
        out.push(Para { line: lines[start].no, start, end: i, text });
    }
    out
}
