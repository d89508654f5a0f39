//! Escaping text for XML we write by hand.

/// `s` with the five XML specials escaped, and control characters (which
/// XML 1.0 forbids) dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_specials_and_drops_controls() {
        assert_eq!(super::escape("Sở KH&ĐT <1> \"a\" 'b'\u{1}"), "Sở KH&amp;ĐT &lt;1&gt; &quot;a&quot; &apos;b&apos;");
    }
}
