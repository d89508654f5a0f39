//! The words of a reminder: a Vietnamese subject and plain-text body that
//! a focal point can act on without opening anything else — each task with
//! its plan, number, title, deadline, how late or how near, and a link to
//! its page.

use std::fmt::Write;

use theodoi_core::vi::date_vi;
use theodoi_store::{Digest, TaskView};

/// Subject and body of the e-mail for one digest.
pub fn compose(digest: &Digest, base_url: &str, due_within_days: i64, repeat_days: i64) -> (String, String) {
    let day = date_vi(Some(digest.as_of));
    let mut counts = Vec::new();
    if digest.overdue_total > 0 {
        counts.push(format!("{} nhiệm vụ quá hạn", digest.overdue_total));
    }
    if digest.due_soon_total > 0 {
        counts.push(format!("{} nhiệm vụ sắp đến hạn", digest.due_soon_total));
    }
    let subject = format!("[theodoi] Nhắc việc ngày {day} — {}: {}", digest.agency, counts.join(", "));

    let base = base_url.trim_end_matches('/');
    let mut body = String::new();
    let _ = writeln!(body, "Kính gửi: {} (tài khoản {}),", digest.agency, digest.recipient.username);
    let _ = writeln!(body);
    paragraph(
        &mut body,
        &format!(
            "Hệ thống theo dõi thực hiện kế hoạch hành động xin nhắc các nhiệm vụ của cơ quan \
             cần được quan tâm, tính đến ngày {day}."
        ),
    );
    if !digest.overdue.is_empty() {
        let _ = writeln!(body);
        let _ = writeln!(body, "I. NHIỆM VỤ QUÁ HẠN ({})", digest.overdue_total);
        for (i, t) in digest.overdue.iter().enumerate() {
            let late = t.days_overdue.map_or_else(String::new, |d| format!(" — quá hạn {d} ngày"));
            task_entry(&mut body, i + 1, t, &late, base);
        }
        rest(&mut body, digest, digest.overdue_total - digest.overdue.len(), "quá hạn", "overdue", base);
    }
    if !digest.due_soon.is_empty() {
        let _ = writeln!(body);
        let _ =
            writeln!(body, "II. NHIỆM VỤ SẮP ĐẾN HẠN, TRONG {due_within_days} NGÀY TỚI ({})", digest.due_soon.len());
        for (i, t) in digest.due_soon.iter().enumerate() {
            let left = match t.deadline.due.map(|due| (due - digest.as_of).num_days()) {
                Some(0) => " — hạn chót là hôm nay".to_string(),
                Some(d) => format!(" — còn {d} ngày"),
                None => String::new(),
            };
            task_entry(&mut body, i + 1, t, &left, base);
        }
        rest(&mut body, digest, digest.due_soon_total - digest.due_soon.len(), "sắp đến hạn", "in_progress", base);
    }
    let _ = writeln!(body);
    paragraph(
        &mut body,
        &format!(
            "Đề nghị cơ quan khẩn trương thực hiện và báo cáo tiến độ, kết quả (kèm minh chứng) \
             trên hệ thống: {base}/"
        ),
    );
    let _ = writeln!(body);
    paragraph(
        &mut body,
        &format!(
            "Thư này do hệ thống theodoi gửi tự động, mỗi ngày nhiều nhất một thư cho mỗi cơ quan; \
             một nhiệm vụ chưa hoàn thành được nhắc lại sau {repeat_days} ngày. Xin không trả lời thư này."
        ),
    );
    (subject, body)
}

/// Characters per line: short lines read well in any mail program and keep
/// every line far under SMTP's limit, so the text travels as it is.
const WIDTH: usize = 76;

/// Splits `text` at spaces into lines of at most `width` characters (a
/// longer word stands alone); lines after the first are indented by
/// `hang` spaces, under the entry they continue.
fn wrap(text: &str, width: usize, hang: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let lead = &text[..text.len() - text.trim_start().len()];
    let mut line = lead.to_string();
    for word in text.split_whitespace() {
        let indent = if lines.is_empty() { 0 } else { hang };
        if !line.trim().is_empty() && indent + line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.trim().is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    let pad = " ".repeat(hang);
    lines.iter().enumerate().map(|(i, l)| if i == 0 { l.clone() } else { format!("{pad}{l}") }).collect()
}

/// The tasks of a state left out of a long digest: how many, and where to
/// see them all (they come first in the next days' digests).
fn rest(body: &mut String, digest: &Digest, left: usize, label: &str, status: &str, base: &str) {
    if left == 0 {
        return;
    }
    paragraph(
        body,
        &format!(
            "... và {left} nhiệm vụ {label} khác (sẽ được nêu trong các thư tiếp theo); xem đầy đủ: \
             {base}/nhiem-vu?as_of={}&agency={}&status={status}",
            digest.as_of.format("%Y-%m-%d"),
            url_component(&digest.agency)
        ),
    );
}

/// Percent-encodes everything but unreserved characters (RFC 3986), for
/// a value in a link's query.
fn url_component(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn paragraph(body: &mut String, text: &str) {
    for line in wrap(text, WIDTH, 0) {
        let _ = writeln!(body, "{line}");
    }
}

fn task_entry(body: &mut String, n: usize, t: &TaskView, note: &str, base: &str) {
    let mut put = |text: String| {
        for line in wrap(&text, WIDTH, 3) {
            let _ = writeln!(body, "{line}");
        }
    };
    put(format!("{n}. Kế hoạch {}, nhiệm vụ {}: {}", t.plan, t.task, t.title));
    put(format!("   Thời hạn: {} ({}){note}", date_vi(t.deadline.due), t.deadline.text));
    for (label, names) in [("Chủ trì", &t.lead), ("Phối hợp", &t.coordinating)] {
        if !names.is_empty() {
            put(format!("   {label}: {}", names.join("; ")));
        }
    }
    put(format!("   Xem và báo cáo: {base}/nhiem-vu/{}", t.id));
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces_and_indents_what_follows() {
        let lines = wrap("1. Kế hoạch 2999/QĐ-UBND, nhiệm vụ 2.4: Xây dựng đề án phát triển kinh tế số", 30, 3);
        assert!(lines.iter().all(|l| l.chars().count() <= 30), "{lines:?}");
        assert!(lines[1..].iter().all(|l| l.starts_with("   ")));
        let joined: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
        assert_eq!(joined.join(" "), "1. Kế hoạch 2999/QĐ-UBND, nhiệm vụ 2.4: Xây dựng đề án phát triển kinh tế số");
    }
}
