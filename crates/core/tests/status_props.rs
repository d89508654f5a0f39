//! Properties of the status rules that must hold for any facts and any day.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use theodoi_core::{status_on, Claim, Decision, TaskFacts, TaskStatus};
use theodoi_parser::DeadlineKind;

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 1, 1).unwrap() + Duration::days(offset)
}

fn claim() -> impl Strategy<Value = Claim> {
    (0i64..800, 0i64..30, prop::option::of((any::<bool>(), 0i64..60))).prop_map(|(claimed, early, decision)| {
        let claimed_on = day(claimed);
        Claim {
            claimed_on,
            done_on: claimed_on - Duration::days(early),
            decision: decision.map(|(ok, after)| {
                let on = claimed_on + Duration::days(after);
                if ok {
                    Decision::Confirmed { on }
                } else {
                    Decision::Returned { on }
                }
            }),
        }
    })
}

proptest! {
    #[test]
    fn status_agrees_with_the_facts(
        due in prop::option::of(0i64..800),
        claims in prop::collection::vec(claim(), 0..4),
        as_of in 0i64..900,
    ) {
        let mut claims = claims;
        claims.sort_by_key(|c| c.claimed_on);
        let parts: [&[Claim]; 1] = [&claims];
        let due = due.map(day);
        let kind = if due.is_some() { DeadlineKind::Before } else { DeadlineKind::Continuous };
        let facts = TaskFacts { kind, due, parts: &parts };
        let as_of = day(as_of);
        let s = status_on(&facts, as_of, 7);

        let last = claims.iter().rfind(|c| c.claimed_on <= as_of);
        let confirmed = last.is_some_and(|c| matches!(c.decision, Some(Decision::Confirmed { on }) if on <= as_of));
        prop_assert_eq!(s.status.is_done(), confirmed, "done exactly when the last claim is confirmed by then");
        if s.status == TaskStatus::Overdue {
            prop_assert!(due.is_some_and(|d| d < as_of));
            prop_assert_eq!(s.days_overdue, due.map(|d| (as_of - d).num_days()));
        }
        if due.is_none() {
            prop_assert!(s.status != TaskStatus::Overdue && s.status != TaskStatus::InProgress);
        }
        if s.status == TaskStatus::InProgress {
            prop_assert!(due.is_some_and(|d| d >= as_of));
        }
        if s.status.is_done() && claims.iter().all(|c| c.claimed_on <= as_of) {
            // Once done, every later day says done too, unless a new claim comes.
            let later = status_on(&facts, as_of + Duration::days(100), 7);
            prop_assert_eq!(later.status, s.status);
        }
    }
}
