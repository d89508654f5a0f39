//! The readable Vietnamese summary `theodoi parse` prints without `--json`:
//! what the document is, how many groups, tasks and targets were found, a
//! table of tasks with lead agency and due date, and every diagnostic with
//! its line, so a clerk can check the reading against the paper.

use std::io::{self, Write};

use crate::output::{cut, date_vi};
use theodoi_parser::{Deadline, DeadlineKind, Diagnostic, Document, Severity, Task};

/// Widest a cell may be in the task table before it is cut with "…".
const TITLE_WIDTH: usize = 60;
const LEAD_WIDTH: usize = 40;

pub fn write(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    write_header(out, doc)?;
    write_counts(out, doc)?;
    if let Some(plan) = &doc.plan {
        write_tasks(out, &plan.tasks)?;
    }
    write_diagnostics(out, &doc.diagnostics)?;
    writeln!(out)
}

fn write_header(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let d = &doc.document;
    let name = doc.source.name.as_deref().unwrap_or("(không tên)");
    writeln!(out, "══ {name} ══")?;
    writeln!(out, "Loại văn bản:   {}", or_dash(d.kind.as_deref()))?;
    writeln!(out, "Số, ký hiệu:    {}", or_dash(d.number.as_deref()))?;
    writeln!(out, "Cơ quan ban hành: {}", or_dash(d.issuer.as_deref()))?;
    writeln!(out, "Nơi, ngày ban hành: {}, {}", or_dash(d.place.as_deref()), date_vi(d.issued_on))?;
    writeln!(out, "Trích yếu:      {}", or_dash(d.title.as_deref()))?;
    if let Some(s) = &d.signer {
        let role = [s.capacity.as_deref(), s.position.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" – ");
        writeln!(out, "Người ký:       {} ({})", s.name, if role.is_empty() { "-" } else { &role })?;
    } else {
        writeln!(out, "Người ký:       -")?;
    }
    for basis in &d.legal_bases {
        if !basis.cites.is_empty() {
            writeln!(out, "Căn cứ:         {}", basis.cites.join(", "))?;
        }
    }
    Ok(())
}

fn write_counts(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let refs = doc.document.references.len();
    match &doc.plan {
        Some(plan) => {
            let appendix = plan.tasks.iter().filter(|t| t.origin == theodoi_parser::Origin::Appendix).count();
            writeln!(
                out,
                "Kế hoạch: {} nhóm nhiệm vụ, {} nhiệm vụ ({} từ phụ lục, {} từ nội dung), {} chỉ tiêu, {} văn bản được dẫn chiếu",
                plan.groups.len(),
                plan.tasks.len(),
                appendix,
                plan.tasks.len() - appendix,
                plan.targets.len(),
                refs
            )
        }
        None => writeln!(out, "Không tìm thấy kế hoạch trong văn bản; {refs} văn bản được dẫn chiếu"),
    }
}

fn write_tasks(out: &mut impl Write, tasks: &[Task]) -> io::Result<()> {
    if tasks.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{:<6} {:<TITLE_WIDTH$} {:<LEAD_WIDTH$} Hạn", "STT", "Nội dung", "Chủ trì")?;
    for task in tasks {
        let lead = if task.lead.is_empty() { "(chưa rõ)".to_string() } else { task.lead.join("; ") };
        writeln!(
            out,
            "{:<6} {:<TITLE_WIDTH$} {:<LEAD_WIDTH$} {}",
            task.id,
            cut(&task.title, TITLE_WIDTH),
            cut(&lead, LEAD_WIDTH),
            due_text(&task.deadline)
        )?;
    }
    Ok(())
}

/// The due date as a person reads it: a date, or what kind of deadline it
/// is when there is none.
pub fn due_text(d: &Deadline) -> String {
    match (d.due, d.kind) {
        (Some(due), _) => date_vi(Some(due)),
        (None, DeadlineKind::Recurring) => "định kỳ".into(),
        (None, DeadlineKind::Continuous) => "thường xuyên".into(),
        (None, DeadlineKind::AsRegulated) => "theo quy định".into(),
        (None, _) => "chưa rõ".into(),
    }
}

fn write_diagnostics(out: &mut impl Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    if diagnostics.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Cần xem lại ({}):", diagnostics.len())?;
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
            Severity::Info => "ghi chú",
        };
        let line = d.line.map(|l| format!("dòng {l}")).unwrap_or_else(|| "-".into());
        writeln!(out, "  [{level}] {line}: {} ({})", d.message, d.code)?;
    }
    Ok(())
}

fn or_dash(s: Option<&str>) -> &str {
    s.filter(|s| !s.is_empty()).unwrap_or("-")
}
