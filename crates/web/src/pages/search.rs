//! Search (tìm kiếm) across documents, tasks and agencies, without
//! caring for diacritics: "so ke hoach" finds "Sở Kế hoạch và Đầu tư".
//! Results link to the plan, the task, and the agency's task list.

use axum::extract::{Query, State};
use axum::response::Html;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use theodoi_core::Action;
use theodoi_store::{query_words, AgencyHit, PlanHit, TaskFilter};

use super::rows::{rows, TaskRow};
use super::{render, Chrome};
use crate::auth::Viewer;
use crate::error::PageResult;
use crate::fmt;
use crate::state::{today, AppState};

pub fn routes() -> Router<AppState> {
    Router::new().route("/tim-kiem", get(search))
}

/// Results shown per kind; the task list behind the link has them all.
const SHOWN: usize = 30;

#[derive(Debug, Default, Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
}

struct AgencyLine {
    name: String,
    alias: String,
    collective: bool,
    link: String,
}

impl From<AgencyHit> for AgencyLine {
    fn from(a: AgencyHit) -> AgencyLine {
        AgencyLine {
            link: format!("/nhiem-vu?agency={}", fmt::url(&a.name)),
            name: a.name,
            alias: a.alias.unwrap_or_default(),
            collective: a.collective,
        }
    }
}

#[derive(askama::Template)]
#[template(path = "search.html")]
struct SearchPage {
    chrome: Chrome,
    q: String,
    searched: bool,
    plans: Vec<PlanHit>,
    agencies: Vec<AgencyLine>,
    tasks: Vec<TaskRow>,
    task_total: usize,
    all_tasks: String,
    as_of_iso: String,
}

async fn search(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<SearchQuery>,
) -> PageResult<Html<String>> {
    viewer.require(&Action::ReadPlans)?;
    let q = query.q.trim().to_string();
    let searched = !query_words(&q).is_empty();
    let as_of = today();
    let (plans, agencies, tasks) = if searched {
        let mut filter = TaskFilter::as_of(as_of);
        filter.q = Some(q.clone());
        filter.limit = Some(SHOWN);
        (
            state.store.search_plans(&q, SHOWN).await?,
            state.store.search_agencies(&q, SHOWN).await?,
            Some(state.store.tasks(&filter).await?),
        )
    } else {
        (Vec::new(), Vec::new(), None)
    };
    render(&SearchPage {
        chrome: Chrome::new(&viewer),
        all_tasks: format!("/nhiem-vu?q={}", fmt::url(&q)),
        q,
        searched,
        plans,
        agencies: agencies.into_iter().map(AgencyLine::from).collect(),
        task_total: tasks.as_ref().map_or(0, |t| t.total),
        tasks: tasks.map(|t| rows(&t.items)).unwrap_or_default(),
        as_of_iso: as_of.to_string(),
    })
}
