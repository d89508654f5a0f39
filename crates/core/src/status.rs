//! The status of a task on a day, in the buckets Vietnamese trackers report:
//! hoàn thành đúng hạn, hoàn thành quá hạn, chờ xác nhận, đang thực hiện
//! (sắp đến hạn), quá hạn, and thường xuyên/định kỳ for tasks without a due
//! date.
//!
//! Only facts dated on or before the day asked count, so the same facts give
//! the truth for any day. A completion counts once the monitor confirms the
//! agency's claim; it is judged on time or late by the day the agency said
//! the work was done (the monitor's delay does not make an agency late). A
//! returned claim leaves the task open again.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use theodoi_parser::DeadlineKind;

/// Days before the due date when an open task is flagged "sắp đến hạn".
pub const DEFAULT_DUE_SOON_DAYS: i64 = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Hoàn thành đúng hạn.
    DoneOnTime,
    /// Hoàn thành quá hạn.
    DoneLate,
    /// Chờ xác nhận: claimed done, not yet confirmed.
    AwaitingConfirmation,
    /// Đang thực hiện trong hạn.
    InProgress,
    /// Quá hạn.
    Overdue,
    /// No due date (continuous, recurring, as regulated): judged by reports.
    Ongoing,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 6] = [
        TaskStatus::DoneOnTime,
        TaskStatus::DoneLate,
        TaskStatus::AwaitingConfirmation,
        TaskStatus::InProgress,
        TaskStatus::Overdue,
        TaskStatus::Ongoing,
    ];

    /// The API and command-line name.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::DoneOnTime => "done_on_time",
            TaskStatus::DoneLate => "done_late",
            TaskStatus::AwaitingConfirmation => "awaiting_confirmation",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Overdue => "overdue",
            TaskStatus::Ongoing => "ongoing",
        }
    }

    /// The name people read.
    pub fn label_vi(self) -> &'static str {
        match self {
            TaskStatus::DoneOnTime => "Hoàn thành đúng hạn",
            TaskStatus::DoneLate => "Hoàn thành quá hạn",
            TaskStatus::AwaitingConfirmation => "Chờ xác nhận",
            TaskStatus::InProgress => "Đang thực hiện trong hạn",
            TaskStatus::Overdue => "Quá hạn",
            TaskStatus::Ongoing => "Thường xuyên, định kỳ",
        }
    }

    pub fn parse(s: &str) -> Option<TaskStatus> {
        TaskStatus::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn is_done(self) -> bool {
        matches!(self, TaskStatus::DoneOnTime | TaskStatus::DoneLate)
    }
}

/// The monitor's answer to a claim of completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Confirmed { on: NaiveDate },
    Returned { on: NaiveDate },
}

/// An agency's claim that its part of a task is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    /// The day the claim was submitted.
    pub claimed_on: NaiveDate,
    /// The day the agency says the work was finished (≤ `claimed_on`).
    pub done_on: NaiveDate,
    pub decision: Option<Decision>,
}

/// What a status is computed from: the deadline and each responsible
/// agency's claims. A task led by one agency has one part; a task led by a
/// collective has one part per member, and is done when every part is.
#[derive(Debug, Clone, Copy)]
pub struct TaskFacts<'a> {
    pub kind: DeadlineKind,
    pub due: Option<NaiveDate>,
    /// Claims per responsible agency, in submission order.
    pub parts: &'a [&'a [Claim]],
}

/// A task's standing on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusOnDay {
    pub status: TaskStatus,
    /// Open and due within the warning window.
    pub due_soon: bool,
    /// Days past due for an overdue task.
    pub days_overdue: Option<i64>,
    /// The day the task counts as done, when it is.
    pub done_on: Option<NaiveDate>,
}

/// Where one agency's part stands on `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartState {
    Open,
    Awaiting,
    Done(NaiveDate),
}

fn part_state(claims: &[Claim], as_of: NaiveDate) -> PartState {
    let Some(last) = claims.iter().rfind(|c| c.claimed_on <= as_of) else {
        return PartState::Open;
    };
    match last.decision {
        Some(Decision::Confirmed { on }) if on <= as_of => PartState::Done(last.done_on.min(on)),
        Some(Decision::Returned { on }) if on <= as_of => PartState::Open,
        _ => PartState::Awaiting,
    }
}

/// The status of a task on `as_of`, warning `due_soon_days` ahead.
pub fn status_on(facts: &TaskFacts<'_>, as_of: NaiveDate, due_soon_days: i64) -> StatusOnDay {
    let states: Vec<PartState> = facts.parts.iter().map(|claims| part_state(claims, as_of)).collect();
    let all_done = !states.is_empty() && states.iter().all(|s| matches!(s, PartState::Done(_)));
    if all_done {
        let done_on = states.iter().filter_map(|s| if let PartState::Done(d) = s { Some(*d) } else { None }).max();
        let late = matches!((done_on, facts.due), (Some(done), Some(due)) if done > due);
        let status = if late { TaskStatus::DoneLate } else { TaskStatus::DoneOnTime };
        return StatusOnDay { status, due_soon: false, days_overdue: None, done_on };
    }
    let awaiting = !states.is_empty() && states.iter().all(|s| !matches!(s, PartState::Open));
    let open = |status| StatusOnDay { status, due_soon: false, days_overdue: None, done_on: None };
    match facts.due {
        None => open(if awaiting { TaskStatus::AwaitingConfirmation } else { TaskStatus::Ongoing }),
        Some(due) if as_of > due && !awaiting => {
            StatusOnDay { days_overdue: Some((as_of - due).num_days()), ..open(TaskStatus::Overdue) }
        }
        Some(_) if awaiting => open(TaskStatus::AwaitingConfirmation),
        Some(due) => {
            StatusOnDay { due_soon: (due - as_of).num_days() <= due_soon_days, ..open(TaskStatus::InProgress) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn facts<'a>(due: Option<NaiveDate>, parts: &'a [&'a [Claim]]) -> TaskFacts<'a> {
        let kind = if due.is_some() { DeadlineKind::Before } else { DeadlineKind::Continuous };
        TaskFacts { kind, due, parts }
    }

    #[test]
    fn open_task_before_and_after_its_due_date() {
        let f = facts(Some(d(2021, 8, 31)), &[&[]]);
        let s = status_on(&f, d(2021, 8, 1), 7);
        assert_eq!((s.status, s.due_soon), (TaskStatus::InProgress, false));
        let s = status_on(&f, d(2021, 8, 25), 7);
        assert_eq!((s.status, s.due_soon), (TaskStatus::InProgress, true));
        let s = status_on(&f, d(2021, 8, 31), 7);
        assert_eq!(s.status, TaskStatus::InProgress, "the due day itself is still in time");
        let s = status_on(&f, d(2021, 9, 10), 7);
        assert_eq!((s.status, s.days_overdue), (TaskStatus::Overdue, Some(10)));
    }

    #[test]
    fn claim_confirm_and_return() {
        let claimed = Claim { claimed_on: d(2021, 8, 20), done_on: d(2021, 8, 20), decision: None };
        let parts: [&[Claim]; 1] = [&[claimed]];
        let f = facts(Some(d(2021, 8, 31)), &parts);
        assert_eq!(status_on(&f, d(2021, 9, 5), 7).status, TaskStatus::AwaitingConfirmation);
        assert_eq!(status_on(&f, d(2021, 8, 19), 7).status, TaskStatus::InProgress, "before the claim");

        let confirmed = Claim { decision: Some(Decision::Confirmed { on: d(2021, 9, 3) }), ..claimed };
        let parts: [&[Claim]; 1] = [&[confirmed]];
        let f = facts(Some(d(2021, 8, 31)), &parts);
        let s = status_on(&f, d(2021, 9, 5), 7);
        assert_eq!((s.status, s.done_on), (TaskStatus::DoneOnTime, Some(d(2021, 8, 20))));
        assert_eq!(status_on(&f, d(2021, 9, 1), 7).status, TaskStatus::AwaitingConfirmation, "not yet confirmed");

        let returned = Claim { decision: Some(Decision::Returned { on: d(2021, 8, 25) }), ..claimed };
        let parts: [&[Claim]; 1] = [&[returned]];
        let f = facts(Some(d(2021, 8, 31)), &parts);
        assert_eq!(status_on(&f, d(2021, 8, 26), 7).status, TaskStatus::InProgress);
        assert_eq!(status_on(&f, d(2021, 9, 2), 7).status, TaskStatus::Overdue);
    }

    #[test]
    fn late_completion() {
        let late = Claim {
            claimed_on: d(2021, 9, 10),
            done_on: d(2021, 9, 10),
            decision: Some(Decision::Confirmed { on: d(2021, 9, 12) }),
        };
        let parts: [&[Claim]; 1] = [&[late]];
        let s = status_on(&facts(Some(d(2021, 8, 31)), &parts), d(2021, 10, 1), 7);
        assert_eq!(s.status, TaskStatus::DoneLate);
    }

    #[test]
    fn collective_task_is_done_when_every_member_is() {
        let done = Claim {
            claimed_on: d(2021, 8, 1),
            done_on: d(2021, 8, 1),
            decision: Some(Decision::Confirmed { on: d(2021, 8, 2) }),
        };
        let parts: [&[Claim]; 2] = [&[done], &[]];
        let f = facts(Some(d(2021, 8, 31)), &parts);
        assert_eq!(status_on(&f, d(2021, 8, 10), 7).status, TaskStatus::InProgress);
        let parts: [&[Claim]; 2] = [&[done], &[done]];
        let f = facts(Some(d(2021, 8, 31)), &parts);
        assert_eq!(status_on(&f, d(2021, 8, 10), 7).status, TaskStatus::DoneOnTime);
    }

    #[test]
    fn tasks_without_due_date_are_ongoing() {
        let f = facts(None, &[&[]]);
        assert_eq!(status_on(&f, d(2030, 1, 1), 7).status, TaskStatus::Ongoing);
    }
}
