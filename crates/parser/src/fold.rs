//! Folding Vietnamese text into a comparison key: no diacritics, đ→d,
//! lowercase, single spaces. "Sở Kế hoạch" and "so ke hoach" share a key,
//! and so do old and new tone placements ("Uỷ"/"Ủy").

use unicode_normalization::char::decompose_canonical;

/// The folded key of `s`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        last_space = false;
        push_folded(c, &mut out);
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        'đ' | 'Đ' => out.push('d'),
        _ => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                for l in d.to_lowercase() {
                    out.push(l);
                }
            }
        }),
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_diacritics_and_d() {
        assert_eq!(fold("Sở Kế hoạch và Đầu tư"), "so ke hoach va dau tu");
        assert_eq!(fold("Uỷ ban"), fold("Ủy ban"));
        assert_eq!(fold("  Thanh   Hoá "), "thanh hoa");
    }
}
