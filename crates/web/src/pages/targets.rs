//! Targets (chỉ tiêu): each indicator with its actual values per year
//! against the 2025/2030 targets, as a chart drawn on the server and a
//! table, and whether it is on track; the monitor enters actual values
//! with their source. Values are entered by target id, because the same
//! indicator name carries one target for 2025 and another for 2030.

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use chrono::Datelike;
use serde::Deserialize;
use theodoi_core::vi::fold;
use theodoi_core::{allowed, Action};
use theodoi_store::{TargetAssessment, TargetView};

use super::dashboard::DayQuery;
use super::target_chart::{indicator_chart, number, parse_number};
use super::{render, Chrome, PageId};
use crate::auth::Viewer;
use crate::error::{PageResult, Problem};
use crate::fmt;
use crate::state::{today, AppState};

pub fn routes() -> Router<AppState> {
    Router::new().route("/chi-tieu", get(list)).route("/chi-tieu/{id}", get(one).post(enter))
}

/// One target of an indicator: the value to reach by a year.
struct Goal {
    id: i64,
    when: String,
    goal: String,
    state: String,
    state_class: &'static str,
}

/// An indicator of a plan with every target it has and the actuals.
struct Indicator {
    plan: String,
    group: String,
    name: String,
    unit: String,
    goals: Vec<Goal>,
    actuals: Vec<(i64, String)>,
    chart: String,
}

fn comparator_text(c: &str) -> &'static str {
    match c {
        ">=" => "≥",
        ">" => ">",
        "<=" => "≤",
        "<" => "<",
        _ => "=",
    }
}

/// When a target is due: its year, or its period.
fn when(t: &TargetView) -> String {
    match (t.year, t.period) {
        (Some(y), _) => format!("năm {y}"),
        (None, Some([a, b])) => format!("giai đoạn {a}–{b}"),
        _ => "hằng năm".into(),
    }
}

/// The year a target is judged at (for the chart's marker).
fn goal_year(t: &TargetView) -> Option<i64> {
    t.year.or(t.period.map(|p| p[1]))
}

/// Whether a target is on track, in words and colour.
fn assessment(a: &TargetAssessment) -> (String, &'static str) {
    match a {
        TargetAssessment::NoData => ("Chưa có số liệu".into(), "st-ongoing"),
        TargetAssessment::Met => ("Đạt".into(), "st-done"),
        TargetAssessment::NotMet => ("Chưa đạt".into(), "st-overdue"),
        TargetAssessment::OnTrack { needed_average } => {
            (format!("Đúng hướng (cần bình quân {}%/năm)", number(*needed_average)), "st-done")
        }
        TargetAssessment::OffTrack { needed_average } => {
            (format!("Khó đạt (cần bình quân {}%/năm)", number(*needed_average)), "st-overdue")
        }
    }
}

fn goal(t: &TargetView) -> Goal {
    let (state, state_class) = assessment(&t.assessment);
    let unit = t.unit.clone().unwrap_or_default();
    Goal {
        id: t.id,
        when: when(t),
        goal: format!("{} {} {}", comparator_text(&t.comparator), number(t.value), unit).trim().to_string(),
        state,
        state_class,
    }
}

/// Targets grouped into indicators (same plan, same folded name), in the
/// plan's order.
fn indicators(targets: &[TargetView]) -> Vec<Indicator> {
    let mut out: Vec<(String, Indicator)> = Vec::new();
    for t in targets {
        let key = format!("{}|{}", t.plan, fold(&t.indicator));
        let at = match out.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                out.push((
                    key,
                    Indicator {
                        plan: t.plan.clone(),
                        group: t.group.map(|g| g.to_string()).unwrap_or_default(),
                        name: t.indicator.clone(),
                        unit: t.unit.clone().unwrap_or_default(),
                        goals: Vec::new(),
                        actuals: Vec::new(),
                        chart: String::new(),
                    },
                ));
                out.len() - 1
            }
        };
        let ind = &mut out[at].1;
        ind.goals.push(goal(t));
        for (year, value) in &t.actuals {
            if !ind.actuals.iter().any(|(y, _)| y == year) {
                ind.actuals.push((*year, number(*value)));
            }
        }
    }
    for (_, ind) in &mut out {
        ind.actuals.sort();
        let members: Vec<&TargetView> =
            targets.iter().filter(|t| t.plan == ind.plan && fold(&t.indicator) == fold(&ind.name)).collect();
        let mut actuals: Vec<(i64, f64)> = members.iter().flat_map(|t| t.actuals.iter().copied()).collect();
        actuals.sort_by_key(|(y, _)| *y);
        actuals.dedup_by_key(|(y, _)| *y);
        let goals: Vec<(i64, f64)> = members.iter().filter_map(|t| goal_year(t).map(|y| (y, t.value))).collect();
        ind.chart = indicator_chart(&ind.name, &ind.unit, &actuals, &goals);
    }
    out.into_iter().map(|(_, i)| i).collect()
}

#[derive(askama::Template)]
#[template(path = "targets.html")]
struct TargetsPage {
    chrome: Chrome,
    as_of: String,
    as_of_iso: String,
    indicators: Vec<Indicator>,
    on_track: usize,
    off_track: usize,
    no_data: usize,
}

async fn list(State(state): State<AppState>, viewer: Viewer, Query(q): Query<DayQuery>) -> PageResult<Html<String>> {
    viewer.require(&Action::ReadPlans)?;
    let as_of = q.day();
    let targets = state.store.targets(q.plan(), as_of).await?;
    let count = |f: fn(&TargetAssessment) -> bool| targets.iter().filter(|t| f(&t.assessment)).count();
    render(&TargetsPage {
        chrome: Chrome::with_flash(&viewer, &q.notice),
        as_of: fmt::date(as_of),
        as_of_iso: as_of.to_string(),
        on_track: count(|a| matches!(a, TargetAssessment::Met | TargetAssessment::OnTrack { .. })),
        off_track: count(|a| matches!(a, TargetAssessment::NotMet | TargetAssessment::OffTrack { .. })),
        no_data: count(|a| matches!(a, TargetAssessment::NoData)),
        indicators: indicators(&targets),
    })
}

struct ValueLine {
    year: i64,
    value: String,
    source: String,
    entered_by: String,
    entered_on: String,
}

#[derive(askama::Template)]
#[template(path = "target.html")]
struct TargetPage {
    chrome: Chrome,
    id: i64,
    plan: String,
    indicator: String,
    unit: String,
    goal: String,
    when: String,
    /// The value the target starts from, when the plan or the office gave
    /// one (empty otherwise).
    baseline: String,
    state: String,
    state_class: &'static str,
    chart: String,
    values: Vec<ValueLine>,
    can_enter: bool,
    error: String,
    form_year: String,
    form_value: String,
    form_source: String,
}

/// What the value form holds, kept when it is refused.
#[derive(Debug, Default, Deserialize)]
struct ValueForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    source: String,
}

async fn one(
    State(state): State<AppState>,
    viewer: Viewer,
    PageId(id): PageId,
    Query(q): Query<DayQuery>,
) -> PageResult<Html<String>> {
    viewer.require(&Action::ReadPlans)?;
    let form = ValueForm { year: (today().year() - 1).to_string(), ..ValueForm::default() };
    target_page(&state, Chrome::with_flash(&viewer, &q.notice), &viewer, id, &form, String::new()).await
}

async fn target_page(
    state: &AppState,
    chrome: Chrome,
    viewer: &Viewer,
    id: i64,
    form: &ValueForm,
    error: String,
) -> PageResult<Html<String>> {
    let targets = state.store.targets(None, today()).await?;
    let t = targets.iter().find(|t| t.id == id).ok_or_else(|| Problem::not_found(format!("chỉ tiêu số {id}")))?;
    let values = state.store.target_values(id).await?;
    let g = goal(t);
    let unit = t.unit.clone().unwrap_or_default();
    let goals: Vec<(i64, f64)> = goal_year(t).map(|y| (y, t.value)).into_iter().collect();
    let actuals: Vec<(i64, f64)> = values.iter().map(|v| (v.year, v.value)).collect();
    render(&TargetPage {
        chrome,
        id,
        plan: t.plan.clone(),
        indicator: t.indicator.clone(),
        chart: indicator_chart(&t.indicator, &unit, &actuals, &goals),
        unit,
        goal: g.goal,
        when: g.when,
        baseline: t.baseline.map(number).unwrap_or_default(),
        state: g.state,
        state_class: g.state_class,
        values: values
            .iter()
            .map(|v| ValueLine {
                year: v.year,
                value: number(v.value),
                source: v.source.clone().unwrap_or_default(),
                entered_by: v.entered_by.clone(),
                entered_on: v.entered_at.get(..10).and_then(fmt::parse_day).map(fmt::date).unwrap_or_default(),
            })
            .collect(),
        can_enter: allowed(viewer.actor(), &Action::EnterTargetValues),
        error,
        form_year: form.year.clone(),
        form_value: form.value.clone(),
        form_source: form.source.clone(),
    })
}

/// Checks the form: a year, a number and a source.
fn read_value(form: &ValueForm) -> Result<(i64, f64, String), String> {
    let year: i64 = form.year.trim().parse().map_err(|_| "Năm phải là một số, ví dụ 2022.".to_string())?;
    if !theodoi_store::VALUE_YEARS.contains(&year) {
        return Err("Năm phải nằm trong khoảng 2000–2100.".into());
    }
    let value = parse_number(&form.value)
        .ok_or_else(|| format!("Giá trị \"{}\" không phải là số; hãy viết như 5.200 hoặc 6,3.", form.value.trim()))?;
    let source = form.source.trim();
    if source.is_empty() {
        return Err("Hãy ghi nguồn số liệu (ví dụ: Niên giám thống kê 2022, Báo cáo số 12/BC-SKHĐT).".into());
    }
    Ok((year, value, source.to_string()))
}

async fn enter(
    State(state): State<AppState>,
    viewer: Viewer,
    PageId(id): PageId,
    Form(form): Form<ValueForm>,
) -> PageResult<Response> {
    viewer.require(&Action::EnterTargetValues)?;
    viewer.check_csrf(&form.csrf)?;
    match read_value(&form) {
        Ok((year, value, source)) => {
            state.store.set_target_value_by_id(id, year, value, Some(&source), &viewer.name()).await?;
            Ok(Redirect::to(&format!("/chi-tieu/{id}?tb=chi-tieu")).into_response())
        }
        Err(message) => {
            let page = target_page(&state, Chrome::new(&viewer), &viewer, id, &form, message).await?;
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}
