//! Who may do what. Every permission in theodoi is decided here, in one
//! function, so the web pages, the API and the command line cannot drift
//! apart, and one test can walk every action for every role.

use serde::{Deserialize, Serialize};

/// A user's role, as the provinces' trackers name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserRole {
    /// Quản trị: manages users, agencies and imports.
    Admin,
    /// Văn phòng theo dõi: confirms or returns claims, urges, publishes.
    Monitor,
    /// Lãnh đạo: reads everything.
    Leader,
    /// Cơ quan: reports on its own tasks.
    Agency,
    /// Anyone not signed in: published results only.
    Public,
}

impl UserRole {
    pub const ALL: [UserRole; 5] =
        [UserRole::Admin, UserRole::Monitor, UserRole::Leader, UserRole::Agency, UserRole::Public];

    pub fn as_str(self) -> &'static str {
        match self {
            UserRole::Admin => "admin",
            UserRole::Monitor => "monitor",
            UserRole::Leader => "leader",
            UserRole::Agency => "agency",
            UserRole::Public => "public",
        }
    }

    pub fn parse(s: &str) -> Option<UserRole> {
        UserRole::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            UserRole::Admin => "Quản trị hệ thống",
            UserRole::Monitor => "Văn phòng theo dõi",
            UserRole::Leader => "Lãnh đạo",
            UserRole::Agency => "Cơ quan, đơn vị",
            UserRole::Public => "Công khai",
        }
    }
}

/// Who is asking: a role and, for an agency account, the agency (its id in
/// the registry) it speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub role: UserRole,
    pub agency_id: Option<i64>,
}

impl Actor {
    pub const PUBLIC: Actor = Actor { role: UserRole::Public, agency_id: None };
}

/// Everything a person can ask theodoi to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Read published quarterly results.
    ReadPublished,
    /// Read plans, tasks, summaries, targets and documents.
    ReadPlans,
    /// Report progress on a task; `responsible` lists the agencies that
    /// lead it (directly or through a collective they belong to).
    ReportProgress { responsible: Vec<i64> },
    /// Confirm or return a claimed completion.
    Decide,
    /// Urge an agency about a task.
    Urge,
    /// Enter actual values of targets.
    EnterTargetValues,
    /// Add a target to a plan by hand, for one the reader missed or one
    /// set later than the plan (the office keeps the plan's figures).
    DefineTargets,
    /// Upload, review and import documents.
    Import,
    /// Publish a quarter's results.
    Publish,
    /// Manage agencies (merge aliases, collective membership).
    ManageAgencies,
    /// Manage users and tokens; read the audit log.
    ManageUsers,
    /// Change one's own password.
    ChangeOwnPassword,
    /// See one's own account (who the session or token speaks for).
    ReadOwnAccount,
    /// Read the audit log: the office checks who did what, as admins do.
    ReadAudit,
}

/// Whether `actor` may do `action`.
pub fn allowed(actor: Actor, action: &Action) -> bool {
    use UserRole::*;
    match action {
        Action::ReadPublished => true,
        Action::ReadPlans | Action::ChangeOwnPassword | Action::ReadOwnAccount => actor.role != Public,
        Action::ReportProgress { responsible } => {
            actor.role == Agency && actor.agency_id.is_some_and(|id| responsible.contains(&id))
        }
        Action::Decide | Action::Urge | Action::Publish | Action::EnterTargetValues | Action::DefineTargets => {
            matches!(actor.role, Monitor | Admin)
        }
        Action::Import | Action::ManageAgencies => matches!(actor.role, Monitor | Admin),
        Action::ReadAudit => matches!(actor.role, Monitor | Admin),
        Action::ManageUsers => actor.role == Admin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: UserRole, agency: Option<i64>) -> Actor {
        Actor { role, agency_id: agency }
    }

    #[test]
    fn an_agency_reports_only_on_tasks_it_leads() {
        let own = Action::ReportProgress { responsible: vec![7, 9] };
        assert!(allowed(actor(UserRole::Agency, Some(7)), &own));
        assert!(!allowed(actor(UserRole::Agency, Some(8)), &own));
        assert!(!allowed(actor(UserRole::Agency, None), &own));
        for role in [UserRole::Admin, UserRole::Monitor, UserRole::Leader, UserRole::Public] {
            assert!(!allowed(actor(role, Some(7)), &own), "{role:?} must not report for an agency");
        }
    }

    #[test]
    fn only_admins_manage_users_and_only_the_office_decides() {
        for role in UserRole::ALL {
            let a = actor(role, None);
            assert_eq!(allowed(a, &Action::ManageUsers), role == UserRole::Admin);
            assert_eq!(allowed(a, &Action::Decide), matches!(role, UserRole::Admin | UserRole::Monitor));
            assert_eq!(allowed(a, &Action::ReadPlans), role != UserRole::Public);
            assert!(allowed(a, &Action::ReadPublished));
            assert_eq!(allowed(a, &Action::ReadAudit), matches!(role, UserRole::Admin | UserRole::Monitor));
            assert_eq!(allowed(a, &Action::ReadOwnAccount), role != UserRole::Public);
            assert_eq!(allowed(a, &Action::DefineTargets), matches!(role, UserRole::Admin | UserRole::Monitor));
            assert_eq!(allowed(a, &Action::EnterTargetValues), matches!(role, UserRole::Admin | UserRole::Monitor));
        }
    }
}
