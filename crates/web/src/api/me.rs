//! `GET /me`: who the session or token speaks for, and what it may do, so
//! a program can show only the actions that will succeed.

use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use theodoi_core::{allowed, Action};
use theodoi_store::User;

use crate::auth::Viewer;
use crate::error::{ApiResult, Problem};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/me", get(me))
}

/// The account and its permissions, each decided by `theodoi_core::allowed`.
#[derive(Debug, Serialize)]
pub struct Me {
    pub user: User,
    pub permissions: Permissions,
}

/// What the account may do. Reporting depends on the task, so it is
/// answered for "a task this agency leads".
#[derive(Debug, Serialize)]
pub struct Permissions {
    pub read_plans: bool,
    pub report_own_tasks: bool,
    pub decide: bool,
    pub urge: bool,
    pub enter_target_values: bool,
    pub define_targets: bool,
    pub import: bool,
    pub publish: bool,
    pub manage_agencies: bool,
    pub manage_users: bool,
    pub read_audit: bool,
}

async fn me(viewer: Viewer) -> ApiResult<Json<Me>> {
    viewer.require(&Action::ReadOwnAccount)?;
    let user = viewer.user.clone().ok_or_else(Problem::unauthorized)?;
    let actor = viewer.actor();
    let own = Action::ReportProgress { responsible: actor.agency_id.into_iter().collect() };
    let permissions = Permissions {
        read_plans: allowed(actor, &Action::ReadPlans),
        report_own_tasks: allowed(actor, &own),
        decide: allowed(actor, &Action::Decide),
        urge: allowed(actor, &Action::Urge),
        enter_target_values: allowed(actor, &Action::EnterTargetValues),
        define_targets: allowed(actor, &Action::DefineTargets),
        import: allowed(actor, &Action::Import),
        publish: allowed(actor, &Action::Publish),
        manage_agencies: allowed(actor, &Action::ManageAgencies),
        manage_users: allowed(actor, &Action::ManageUsers),
        read_audit: allowed(actor, &Action::ReadAudit),
    };
    Ok(Json(Me { user, permissions }))
}
