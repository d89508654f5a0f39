//! What agencies send: a progress report with evidence files, posted from
//! the task page as a multipart form; and downloading those files again.

use axum::extract::{Multipart, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use sha2::{Digest, Sha256};
use theodoi_core::Action;
use theodoi_store::{NewEvidenceFile, ProgressInput};

use super::dashboard::DayQuery;
use super::tasks::{render_task, ReportDraft};
use super::PageId;
use crate::auth::Viewer;
use crate::error::{PageResult, Problem};
use crate::fmt;
use crate::state::{today, AppState};

pub fn routes() -> Router<AppState> {
    Router::new().route("/nhiem-vu/{id}/bao-cao", post(report)).route("/minh-chung/{id}", get(download))
}

/// Largest evidence file accepted.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Most files one report carries.
pub const MAX_FILES: usize = 10;

/// File types accepted as evidence, by extension, with the type they are
/// served back as: documents, spreadsheets, scans and photos.
const EVIDENCE_TYPES: &[(&str, &str)] = &[
    ("pdf", "application/pdf"),
    ("doc", "application/msword"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("xls", "application/vnd.ms-excel"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("odt", "application/vnd.oasis.opendocument.text"),
    ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ("png", "image/png"),
    ("jpg", "image/jpeg"),
    ("jpeg", "image/jpeg"),
    ("txt", "text/plain; charset=utf-8"),
    ("zip", "application/zip"),
];

/// The report form as received.
#[derive(Default)]
struct ReportForm {
    csrf: String,
    version: Option<i64>,
    percent: Option<i64>,
    note: String,
    difficulties: String,
    evidence: String,
    period: String,
    done: bool,
    done_on: String,
    files: Vec<NewEvidenceFile>,
    /// Why an attached file was refused; reported with the form kept.
    refused: Option<Problem>,
}

async fn read_form(mut multipart: Multipart) -> Result<ReportForm, Problem> {
    let mut form = ReportForm::default();
    let unreadable = |_| Problem::bad_request("Không đọc được biểu mẫu gửi lên; hãy tải lại trang và gửi lại.");
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "files" {
            let file_name = field.file_name().unwrap_or_default().to_string();
            let data = field.bytes().await.map_err(unreadable)?;
            if file_name.is_empty() && data.is_empty() {
                continue;
            }
            match evidence_file(file_name, data.to_vec()) {
                Ok(file) if form.files.len() < MAX_FILES => form.files.push(file),
                Ok(_) => {
                    form.refused = Some(Problem::bad_request(format!("Mỗi báo cáo đính kèm tối đa {MAX_FILES} tệp.")))
                }
                Err(problem) => form.refused = Some(problem),
            }
            continue;
        }
        let value = field.text().await.map_err(unreadable)?;
        match name.as_str() {
            "csrf" => form.csrf = value,
            "version" => form.version = value.trim().parse().ok(),
            "percent" => {
                form.percent = Some(
                    value
                        .trim()
                        .parse()
                        .map_err(|_| Problem::bad_request("Tỷ lệ hoàn thành phải là một số nguyên từ 0 đến 100."))?,
                )
            }
            "note" => form.note = value,
            "difficulties" => form.difficulties = value,
            "evidence" => form.evidence = value,
            "period" => form.period = value,
            "done" => form.done = value == "1" || value == "on",
            "done_on" => form.done_on = value,
            _ => {}
        }
    }
    Ok(form)
}

/// Checks one uploaded file's name, size and type.
fn evidence_file(file_name: String, data: Vec<u8>) -> Result<NewEvidenceFile, Problem> {
    if data.len() > MAX_FILE_BYTES {
        return Err(Problem::bad_request(format!(
            "Tệp \"{file_name}\" lớn hơn 10 MB; hãy nén hoặc chia nhỏ rồi gửi lại."
        )));
    }
    if data.is_empty() {
        return Err(Problem::bad_request(format!("Tệp \"{file_name}\" rỗng; hãy chọn lại tệp.")));
    }
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_lowercase()).unwrap_or_default();
    let Some((_, content_type)) = EVIDENCE_TYPES.iter().find(|(e, _)| *e == ext) else {
        return Err(Problem::bad_request(format!(
            "Không nhận tệp \"{file_name}\": chỉ nhận PDF, Word, Excel, OpenDocument, ảnh PNG/JPG, TXT hoặc ZIP."
        )));
    };
    let clean_name: String = file_name.chars().filter(|c| !c.is_control() && !"/\\\"".contains(*c)).take(200).collect();
    Ok(NewEvidenceFile {
        file_name: clean_name,
        content_type: (*content_type).to_string(),
        sha256: hex::encode(Sha256::digest(&data)),
        data,
    })
}

async fn report(
    State(state): State<AppState>,
    viewer: Viewer,
    PageId(id): PageId,
    multipart: Multipart,
) -> PageResult<Response> {
    let form = read_form(multipart).await?;
    viewer.check_csrf(&form.csrf)?;
    let responsible = state.store.responsible_agencies(id).await?;
    viewer.require(&Action::ReportProgress { responsible })?;
    let draft = form.draft();
    match save(&state, &viewer, id, form).await {
        Ok(()) => Ok(Redirect::to(&format!("/nhiem-vu/{id}?tb=bao-cao")).into_response()),
        // What the agency typed comes back with the reason; only the
        // files must be chosen again (browsers do not refill them).
        Err(problem) if problem.status.is_client_error() => {
            let draft = ReportDraft { error: with_files_note(&problem.message, draft.had_files), ..draft.draft };
            let page = render_task(&state, &viewer, id, &DayQuery::default(), draft).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(problem) => Err(problem.into()),
    }
}

fn with_files_note(message: &str, had_files: bool) -> String {
    if had_files {
        format!("{message} Nội dung đã nhập được giữ lại; hãy chọn lại tệp minh chứng rồi gửi.")
    } else {
        format!("{message} Nội dung đã nhập được giữ lại.")
    }
}

struct Kept {
    draft: ReportDraft,
    had_files: bool,
}

impl ReportForm {
    fn draft(&self) -> Kept {
        Kept {
            draft: ReportDraft {
                error: String::new(),
                percent: self.percent,
                note: self.note.clone(),
                difficulties: self.difficulties.clone(),
                evidence: self.evidence.clone(),
                period: self.period.clone(),
                done: self.done,
                done_on: self.done_on.clone(),
            },
            had_files: !self.files.is_empty() || self.refused.is_some(),
        }
    }
}

async fn save(state: &AppState, viewer: &Viewer, id: i64, form: ReportForm) -> Result<(), Problem> {
    if let Some(problem) = form.refused {
        return Err(problem);
    }
    let user = viewer.user.as_ref().ok_or_else(Problem::unauthorized)?;
    let agency = user.agency.clone().ok_or_else(Problem::forbidden)?;
    let task = state.store.task(id, today()).await?;
    let percent = form.percent.ok_or_else(|| Problem::bad_request("Hãy nhập tỷ lệ hoàn thành (0–100)."))?;
    let text = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let done_on = match text(form.done_on.clone()) {
        Some(d) => Some(fmt::parse_day(&d).ok_or_else(|| Problem::bad_request("Ngày hoàn thành không hợp lệ."))?),
        None => None,
    };
    let input = ProgressInput {
        plan: task.plan.clone(),
        task: task.task.clone(),
        agency,
        percent,
        done: form.done,
        done_on,
        note: text(form.note),
        difficulties: text(form.difficulties),
        evidence: text(form.evidence),
        period: text(form.period),
        on: today(),
        expected_version: form.version,
    };
    state.store.record_progress_with_files(&input, &form.files, &user.username).await?;
    Ok(())
}

async fn download(State(state): State<AppState>, viewer: Viewer, PageId(id): PageId) -> PageResult<Response> {
    viewer.require(&Action::ReadPlans)?;
    let (file, _task, data) = state.store.evidence_file(id).await?;
    let ascii: String =
        file.file_name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '_' }).collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{}", fmt::url(&file.file_name));
    Ok((
        [
            (header::CONTENT_TYPE, file.content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        data,
    )
        .into_response())
}
