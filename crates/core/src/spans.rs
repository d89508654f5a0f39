//! A task's history as stretches of days: when it was waiting for the
//! monitor and when it was done. Between two recorded facts (a claim, a
//! confirmation, a return) a task's part states do not change, so the
//! status `status_on` gives is one of a few values on each stretch, and the
//! open days in between are judged by the due date alone.
//!
//! The store keeps these spans so that "where did every task stand on
//! 30/09" is one indexed query instead of judging each task's history.

use chrono::NaiveDate;

use crate::status::{status_on, TaskFacts, TaskStatus};

/// What a task was during a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanState {
    /// Claimed done by every responsible agency, not yet confirmed.
    Awaiting,
    /// Confirmed done; `late` when it was finished after its due date.
    Done { late: bool },
}

impl SpanState {
    /// The status a task has on every day of the span.
    pub fn status(self) -> TaskStatus {
        match self {
            SpanState::Awaiting => TaskStatus::AwaitingConfirmation,
            SpanState::Done { late: false } => TaskStatus::DoneOnTime,
            SpanState::Done { late: true } => TaskStatus::DoneLate,
        }
    }

    fn of(status: TaskStatus) -> Option<SpanState> {
        match status {
            TaskStatus::AwaitingConfirmation => Some(SpanState::Awaiting),
            TaskStatus::DoneOnTime => Some(SpanState::Done { late: false }),
            TaskStatus::DoneLate => Some(SpanState::Done { late: true }),
            _ => None,
        }
    }
}

/// Days `since` (inclusive) to `until` (exclusive; `None`: still so) on
/// which a task was in `state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    pub state: SpanState,
}

impl Span {
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.since <= day && self.until.is_none_or(|until| day < until)
    }
}

/// The spans of a task, in order. On any day no span covers, the task is
/// open: overdue, in progress or ongoing by its due date alone.
pub fn spans(facts: &TaskFacts<'_>) -> Vec<Span> {
    let mut days: Vec<NaiveDate> = facts
        .parts
        .iter()
        .flat_map(|claims| claims.iter())
        .flat_map(|c| {
            let decided = c.decision.map(|d| match d {
                crate::status::Decision::Confirmed { on } | crate::status::Decision::Returned { on } => on,
            });
            std::iter::once(c.claimed_on).chain(decided)
        })
        .collect();
    days.sort_unstable();
    days.dedup();
    let mut out: Vec<Span> = Vec::new();
    let mut current: Option<(NaiveDate, SpanState)> = None;
    for day in days {
        let state = SpanState::of(status_on(facts, day, 0).status);
        match (current, state) {
            (Some((_, was)), Some(now)) if was == now => {}
            (previous, now) => {
                if let Some((since, state)) = previous {
                    out.push(Span { since, until: Some(day), state });
                }
                current = now.map(|s| (day, s));
            }
        }
    }
    if let Some((since, state)) = current {
        out.push(Span { since, until: None, state });
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use theodoi_parser::DeadlineKind;

    use super::*;
    use crate::status::{Claim, Decision};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn claim_return_claim_confirm() {
        let first = Claim { claimed_on: d(2021, 8, 20), done_on: d(2021, 8, 20), decision: None };
        let returned = Claim { decision: Some(Decision::Returned { on: d(2021, 8, 25) }), ..first };
        let again = Claim {
            claimed_on: d(2021, 9, 10),
            done_on: d(2021, 9, 5),
            decision: Some(Decision::Confirmed { on: d(2021, 9, 12) }),
        };
        let claims = [returned, again];
        let parts: [&[Claim]; 1] = [&claims];
        let facts = TaskFacts { kind: DeadlineKind::Before, due: Some(d(2021, 8, 31)), parts: &parts };
        assert_eq!(
            spans(&facts),
            vec![
                Span { since: d(2021, 8, 20), until: Some(d(2021, 8, 25)), state: SpanState::Awaiting },
                Span { since: d(2021, 9, 10), until: Some(d(2021, 9, 12)), state: SpanState::Awaiting },
                Span { since: d(2021, 9, 12), until: None, state: SpanState::Done { late: true } },
            ]
        );
    }

    #[test]
    fn no_claims_no_spans() {
        let parts: [&[Claim]; 1] = [&[]];
        let facts = TaskFacts { kind: DeadlineKind::Before, due: Some(d(2021, 8, 31)), parts: &parts };
        assert!(spans(&facts).is_empty());
    }

    fn day() -> impl Strategy<Value = NaiveDate> {
        (0i64..120).prop_map(|n| d(2021, 6, 1) + chrono::Duration::days(n))
    }

    fn claim() -> impl Strategy<Value = Claim> {
        (day(), 0i64..10, prop::option::of((any::<bool>(), 0i64..20))).prop_map(|(claimed_on, back, decision)| Claim {
            claimed_on,
            done_on: claimed_on - chrono::Duration::days(back),
            decision: decision.map(|(confirm, after)| {
                let on = claimed_on + chrono::Duration::days(after);
                if confirm {
                    Decision::Confirmed { on }
                } else {
                    Decision::Returned { on }
                }
            }),
        })
    }

    proptest! {
        /// On every day, the span covering it (or none) gives the status
        /// `status_on` gives, the open statuses judged by the due date.
        #[test]
        fn spans_agree_with_status_on(
            parts in prop::collection::vec(prop::collection::vec(claim(), 0..4), 1..4),
            due in prop::option::of(day()),
            probe in prop::collection::vec(day(), 1..20),
        ) {
            let mut parts = parts;
            for claims in &mut parts {
                claims.sort_by_key(|c| c.claimed_on);
            }
            let refs: Vec<&[Claim]> = parts.iter().map(Vec::as_slice).collect();
            let kind = if due.is_some() { DeadlineKind::Before } else { DeadlineKind::Continuous };
            let facts = TaskFacts { kind, due, parts: &refs };
            let spans = spans(&facts);
            for w in spans.windows(2) {
                prop_assert!(w[0].until.is_some_and(|u| u <= w[1].since));
            }
            for day in probe {
                let truth = status_on(&facts, day, 0).status;
                let covering: Vec<&Span> = spans.iter().filter(|s| s.covers(day)).collect();
                prop_assert!(covering.len() <= 1);
                let from_spans = match covering.first() {
                    Some(s) => s.state.status(),
                    None => match due {
                        None => TaskStatus::Ongoing,
                        Some(due) if day > due => TaskStatus::Overdue,
                        Some(_) => TaskStatus::InProgress,
                    },
                };
                prop_assert_eq!(truth, from_spans, "day {}", day);
            }
        }
    }
}
