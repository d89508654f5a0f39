//! Reminder digests and their records on the seed plan, on SQLite and
//! PostgreSQL: who gets a digest and what it lists on 2021-09-01, that a
//! day's digest is recorded once, that claims and retries are bounded, and
//! that a task is listed again only after the pause or on a change of
//! state.

// Only `each_backend` of the shared support is used here.
#[allow(dead_code)]
mod support;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use theodoi_core::{TaskStatus, UserRole};
use theodoi_parser::Options;
use theodoi_store::{
    NewUser, ReminderRules, ReminderState, ReminderStatus, Store, TaskFilter, UserChange, MAX_ATTEMPTS,
};

use support::{d, each_backend};

const ACTOR: &str = "tester";

async fn seed(store: &Store) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/qd-2999-ubnd-thanh-hoa-2021.txt");
    let bytes = std::fs::read(path).unwrap();
    let doc = theodoi_parser::parse(&bytes, &Options::default()).unwrap();
    store.import(&doc, &String::from_utf8_lossy(&bytes), ACTOR).await.unwrap();
}

async fn user(store: &Store, username: &str, role: UserRole, agency: Option<&str>, email: Option<&str>) -> i64 {
    let new = NewUser {
        username: username.into(),
        role,
        agency: agency.map(str::to_string),
        password_hash: "not-a-real-hash".into(),
        email: email.map(str::to_string),
        display_name: None,
    };
    store.create_user(&new, ACTOR).await.unwrap().id
}

/// The agencies that lead the overdue tasks of the day, by task id.
async fn overdue_leads(store: &Store, day: NaiveDate) -> Vec<(i64, Vec<String>)> {
    let filter = TaskFilter { status: Some(TaskStatus::Overdue), ..TaskFilter::as_of(day) };
    store.tasks(&filter).await.unwrap().items.into_iter().map(|t| (t.id, t.lead)).collect()
}

#[tokio::test]
async fn digests_list_each_agencys_overdue_tasks_once_a_day() {
    each_backend(|store| async move {
        seed(&store).await;
        let day = d(2021, 9, 1);
        let overdue = overdue_leads(&store, day).await;
        assert_eq!(overdue.len(), 6, "the seed has six overdue tasks on 01/09/2021");
        // A focal point for every agency leading an overdue task, and
        // accounts that must hear nothing.
        let leads: BTreeSet<String> = overdue.iter().flat_map(|(_, l)| l.clone()).collect();
        for (i, agency) in leads.iter().enumerate() {
            user(&store, &format!("dau-moi-{i}"), UserRole::Agency, Some(agency), Some(&format!("dm{i}@so.gov.vn")))
                .await;
        }
        let first = leads.iter().next().unwrap().clone();
        user(&store, "khong-thu", UserRole::Agency, Some(&first), None).await;
        let off = user(&store, "da-khoa", UserRole::Agency, Some(&first), Some("khoa@so.gov.vn")).await;
        store.update_user(off, &UserChange { disabled: Some(true), ..Default::default() }, ACTOR).await.unwrap();
        user(&store, "van-phong", UserRole::Monitor, None, Some("vp@ubnd.gov.vn")).await;

        let rules = ReminderRules::default();
        let digests = store.reminder_digests(day, rules).await.unwrap();
        let recipients: BTreeSet<&str> = digests.iter().map(|g| g.recipient.email.as_str()).collect();
        assert_eq!(recipients.len(), leads.len(), "one digest per focal point: {recipients:?}");
        assert!(!recipients.contains("khoa@so.gov.vn") && !recipients.contains("vp@ubnd.gov.vn"));
        for (task, lead) in &overdue {
            for agency in lead {
                let digest = digests.iter().find(|g| &g.agency == agency).expect("a digest for each lead agency");
                assert!(digest.overdue.iter().any(|t| t.id == *task), "{agency} hears of task {task}");
            }
        }
        for g in &digests {
            // Exactly the agency's overdue tasks, as the listing has them.
            let filter = TaskFilter {
                agency: Some(g.agency.clone()),
                status: Some(TaskStatus::Overdue),
                ..TaskFilter::as_of(day)
            };
            let listed: BTreeSet<i64> = store.tasks(&filter).await.unwrap().items.iter().map(|t| t.id).collect();
            assert_eq!(g.overdue.iter().map(|t| t.id).collect::<BTreeSet<_>>(), listed, "{}", g.agency);
            assert!(g.overdue.iter().all(|t| t.days_overdue.unwrap() > 0));
            assert!(g.due_soon.iter().all(|t| t.status == TaskStatus::InProgress && t.due_soon));
        }

        // Recorded once: a second recording and a second look find nothing.
        let mut ids = Vec::new();
        for g in &digests {
            ids.push(store.queue_reminder(g, "tiêu đề", "nội dung", ACTOR).await.unwrap().expect("recorded"));
            assert_eq!(store.queue_reminder(g, "tiêu đề", "nội dung", ACTOR).await.unwrap(), None);
        }
        assert!(store.reminder_digests(day, rules).await.unwrap().is_empty());
        let audit = store.audit_log(Some("reminder"), Some(ids[0]), 10).await.unwrap();
        assert_eq!(audit[0].action, "reminder.queue");

        // Claims: one sender at a time; sent is final.
        let waiting = store.reminders_to_send(day, true).await.unwrap();
        assert_eq!(waiting.len(), ids.len());
        assert!(store.claim_reminder(ids[0]).await.unwrap());
        assert!(!store.claim_reminder(ids[0]).await.unwrap(), "claimed already");
        store.reminder_sent(ids[0], ACTOR).await.unwrap();
        assert!(!store.claim_reminder(ids[0]).await.unwrap(), "sent already");

        // A failure keeps its error, waits out its pause, and stops after
        // the last try.
        assert!(store.claim_reminder(ids[1]).await.unwrap());
        store.reminder_failed(ids[1], "451 thử lại sau", ACTOR).await.unwrap();
        let pending: Vec<i64> = store.reminders_to_send(day, true).await.unwrap().iter().map(|r| r.id).collect();
        assert!(!pending.contains(&ids[1]), "waits out its pause");
        let all: Vec<i64> = store.reminders_to_send(day, false).await.unwrap().iter().map(|r| r.id).collect();
        assert!(all.contains(&ids[1]) && !all.contains(&ids[0]));
        for _ in 1..MAX_ATTEMPTS {
            assert!(store.claim_reminder(ids[1]).await.unwrap());
            store.reminder_failed(ids[1], "554 từ chối", ACTOR).await.unwrap();
        }
        assert!(!store.claim_reminder(ids[1]).await.unwrap(), "no tries left");
        let records = store.reminders_on(day).await.unwrap();
        let failed = records.iter().find(|r| r.id == ids[1]).unwrap();
        assert_eq!((failed.status, failed.attempts), (ReminderStatus::Failed, MAX_ATTEMPTS));
        assert_eq!(failed.last_error.as_deref(), Some("554 từ chối"));
        assert!(failed.given_up());
        let sent = records.iter().find(|r| r.id == ids[0]).unwrap();
        assert_eq!((sent.status, sent.attempts), (ReminderStatus::Sent, 1));
        assert!(sent.sent_at.is_some());
        assert_eq!(sent.items.iter().filter(|(_, s)| *s == ReminderState::Overdue).count(), digests[0].overdue.len());
        let audit = store.audit_log(Some("reminder"), Some(ids[0]), 10).await.unwrap();
        assert_eq!(audit[0].action, "reminder.sent");

        // The next day: what was sent is not repeated; what failed is.
        let next = store.reminder_digests(d(2021, 9, 2), rules).await.unwrap();
        let again = |email: &str| next.iter().find(|g| g.recipient.email == email).map(|g| g.overdue.len());
        assert_eq!(again(&digests[0].recipient.email), None, "sent yesterday, nothing new");
        assert_eq!(
            again(&digests[1].recipient.email),
            Some(digests[1].overdue.len()),
            "failed yesterday, listed again"
        );
        // After the pause, the still-overdue tasks are listed again.
        let later = store.reminder_digests(d(2021, 9, 8), rules).await.unwrap();
        let back = later.iter().find(|g| g.recipient.email == digests[0].recipient.email).expect("listed again");
        assert!(back.overdue.len() >= digests[0].overdue.len());
    })
    .await;
}

#[tokio::test]
async fn a_task_coming_due_is_listed_once_then_again_when_overdue() {
    each_backend(|store| async move {
        seed(&store).await;
        // The first day with tasks due soon, and one agency leading one.
        let mut day = d(2021, 8, 20);
        let task = loop {
            let filter = TaskFilter { status: Some(TaskStatus::InProgress), ..TaskFilter::as_of(day) };
            let soon = store.tasks(&filter).await.unwrap().items.into_iter().find(|t| t.due_soon && !t.lead.is_empty());
            if let Some(t) = soon {
                break t;
            }
            day = day.succ_opt().unwrap();
        };
        let agency = task.lead[0].clone();
        user(&store, "dau-moi", UserRole::Agency, Some(&agency), Some("dau-moi@so.gov.vn")).await;
        let rules = ReminderRules::default();
        let digest = store.reminder_digests(day, rules).await.unwrap().pop().expect("a digest");
        assert!(digest.due_soon.iter().any(|t| t.id == task.id));
        let id = store.queue_reminder(&digest, "s", "b", ACTOR).await.unwrap().unwrap();
        assert!(store.claim_reminder(id).await.unwrap());
        store.reminder_sent(id, ACTOR).await.unwrap();

        let tomorrow = day.succ_opt().unwrap();
        let next = store.reminder_digests(tomorrow, rules).await.unwrap();
        assert!(next.iter().all(|g| g.due_soon.iter().all(|t| t.id != task.id)), "not repeated while due soon");

        let due = task.deadline.due.unwrap();
        let late = due.succ_opt().unwrap();
        let overdue = store.reminder_digests(late, rules).await.unwrap();
        let g = overdue.iter().find(|g| g.agency == agency).expect("a digest once overdue");
        assert!(g.overdue.iter().any(|t| t.id == task.id && t.days_overdue == Some(1)));
    })
    .await;
}

#[tokio::test]
async fn a_long_digest_lists_the_first_tasks_and_the_rest_come_next() {
    each_backend(|store| async move {
        seed(&store).await;
        let day = d(2021, 9, 1);
        let agency = "Sở Kế hoạch và Đầu tư";
        user(&store, "skhdt", UserRole::Agency, Some(agency), Some("skhdt@thanhhoa.gov.vn")).await;
        let rules = ReminderRules { max_listed: 2, ..ReminderRules::default() };
        let digest = store.reminder_digests(day, rules).await.unwrap().pop().expect("a digest");
        let total = digest.overdue_total;
        assert!(total > 2, "the seed gives this agency more overdue tasks than the cap: {total}");
        assert_eq!(digest.overdue.len(), 2);
        let id = store.queue_reminder(&digest, "s", "b", ACTOR).await.unwrap().unwrap();
        assert!(store.claim_reminder(id).await.unwrap());
        store.reminder_sent(id, ACTOR).await.unwrap();
        // The next day the ones left out come first; none listed twice.
        let next = store.reminder_digests(d(2021, 9, 2), rules).await.unwrap().pop().expect("the rest");
        assert_eq!(next.overdue_total, total - 2);
        assert!(next.overdue.iter().all(|t| digest.overdue.iter().all(|s| s.id != t.id)));
    })
    .await;
}
