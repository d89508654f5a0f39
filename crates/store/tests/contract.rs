//! Every store method, walked on SQLite always and on PostgreSQL (the server
//! at 127.0.0.1:5432, or THEODOI_TEST_POSTGRES_URL) in a fresh database that
//! is dropped afterwards. Under CI=true a missing PostgreSQL fails the run.

// `support::report` is not used here: the walk writes its own notes.
#[allow(dead_code)]
mod support;

use chrono::NaiveDate;
use theodoi_core::TaskStatus;
use theodoi_store::{
    Decision, ImportOutcome, ProgressInput, Store, StoreError, TargetAssessment, TargetValueInput, TaskFilter,
};

use support::{d, doc, each_backend, plan_task};

fn progress(task: &str, agency: &str, percent: i64, done: bool, on: NaiveDate) -> ProgressInput {
    ProgressInput {
        plan: "12/QĐ-UBND".into(),
        task: task.into(),
        agency: agency.into(),
        percent,
        done,
        done_on: None,
        note: Some("Đã trình dự thảo".into()),
        difficulties: None,
        evidence: Some("Tờ trình số 45/TTr-SKHĐT".into()),
        period: None,
        on,
        expected_version: None,
    }
}

async fn status_of(store: &Store, code: &str, as_of: NaiveDate) -> TaskStatus {
    let page = store.tasks(&TaskFilter { plan: Some("12/QĐ-UBND".into()), ..TaskFilter::as_of(as_of) }).await.unwrap();
    page.items.iter().find(|t| t.task == code).unwrap().status
}

#[tokio::test]
async fn import_is_idempotent_and_amendments_are_versions() {
    each_backend(|store| async move {
        let first = store.import(&doc("a"), "văn bản a", "tester").await.unwrap();
        assert!(matches!(first, ImportOutcome::Created { tasks: 3, targets: 1, version: 1, .. }), "{first:?}");
        let again = store.import(&doc("a"), "văn bản a", "tester").await.unwrap();
        assert_eq!(again, ImportOutcome::Unchanged { plan: "12/QĐ-UBND".into(), version: 1 });

        store.record_progress(&progress("1.1", "Sở Tài chính", 40, false, d(2021, 8, 20)), "tester").await.unwrap();
        let mut amended = doc("b");
        let plan = amended.plan.as_mut().unwrap();
        plan.tasks.retain(|t| t.id != "1.2");
        plan.tasks[1].title = "Nội dung đã sửa".into();
        plan.tasks.push(plan_task("2.1", "Nhiệm vụ mới", "Sở Y tế", "Quý IV/2021", Some(d(2021, 12, 31))));
        let outcome = store.import(&amended, "văn bản b", "tester").await.unwrap();
        assert_eq!(
            outcome,
            ImportOutcome::Amended {
                plan: "12/QĐ-UBND".into(),
                version: 2,
                added: vec!["2.1".into()],
                removed: vec!["1.2".into()],
                changed: vec!["1.3".into()],
            }
        );
        let page = store.tasks(&TaskFilter::as_of(d(2021, 9, 1))).await.unwrap();
        assert_eq!(page.total, 3, "only the current version is listed");
        let kept = page.items.iter().find(|t| t.task == "1.1").unwrap();
        assert_eq!(kept.percent, Some(40), "the report stays with the unchanged task");
    })
    .await;
}

#[tokio::test]
async fn a_document_without_tasks_changes_nothing() {
    each_backend(|store| async move {
        store.import(&doc("a"), "a", "tester").await.unwrap();
        let before = store.table_counts().await.unwrap();
        let mut empty = doc("z");
        empty.plan.as_mut().unwrap().tasks.clear();
        assert!(matches!(store.import(&empty, "z", "tester").await, Err(StoreError::NotAPlan)));
        empty.plan = None;
        assert!(matches!(store.import(&empty, "z", "tester").await, Err(StoreError::NotAPlan)));
        assert_eq!(store.table_counts().await.unwrap(), before);
    })
    .await;
}

#[tokio::test]
async fn status_follows_reports_claims_and_decisions() {
    each_backend(|store| async move {
        store.import(&doc("a"), "a", "tester").await.unwrap();
        assert_eq!(status_of(&store, "1.1", d(2021, 8, 1)).await, TaskStatus::InProgress);
        assert_eq!(status_of(&store, "1.1", d(2021, 9, 2)).await, TaskStatus::Overdue);
        assert_eq!(status_of(&store, "1.3", d(2021, 9, 2)).await, TaskStatus::Ongoing);

        store.record_progress(&progress("1.1", "Sở Tài chính", 100, true, d(2021, 8, 25)), "sotc").await.unwrap();
        assert_eq!(status_of(&store, "1.1", d(2021, 8, 26)).await, TaskStatus::AwaitingConfirmation);
        store.decide("12/QĐ-UBND", "1.1", None, &Decision::Confirmed, d(2021, 9, 3), "monitor").await.unwrap();
        assert_eq!(status_of(&store, "1.1", d(2021, 9, 4)).await, TaskStatus::DoneOnTime);
        assert_eq!(status_of(&store, "1.1", d(2021, 9, 2)).await, TaskStatus::AwaitingConfirmation, "history is kept");

        store.record_progress(&progress("1.2", "Sở Y tế", 100, true, d(2021, 11, 5)), "soyte").await.unwrap();
        let reason = Decision::Returned { reason: "Thiếu văn bản ban hành".into() };
        store.decide("12/QĐ-UBND", "1.2", None, &reason, d(2021, 11, 6), "monitor").await.unwrap();
        assert_eq!(
            status_of(&store, "1.2", d(2021, 11, 7)).await,
            TaskStatus::Overdue,
            "a returned claim is open again"
        );
        store.record_progress(&progress("1.2", "Sở Y tế", 100, true, d(2021, 11, 20)), "soyte").await.unwrap();
        store.decide("12/QĐ-UBND", "1.2", None, &Decision::Confirmed, d(2021, 11, 21), "monitor").await.unwrap();
        assert_eq!(status_of(&store, "1.2", d(2021, 12, 1)).await, TaskStatus::DoneLate);

        let log = store.audit_log(Some("task"), None, 100).await.unwrap();
        let actions: Vec<&str> = log.iter().rev().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            ["task.progress", "task.confirm", "task.progress", "task.return", "task.progress", "task.confirm"]
        );
        assert!(log.iter().all(|e| e.after.is_some()));
    })
    .await;
}

#[tokio::test]
async fn bad_reports_are_refused_and_change_nothing() {
    each_backend(|store| async move {
        store.import(&doc("a"), "a", "tester").await.unwrap();
        let before = store.table_counts().await.unwrap();
        let cases = [
            progress("1.1", "Sở Tài chính", 140, false, d(2021, 8, 1)),
            progress("1.1", "Sở Tài chính", 50, true, d(2021, 8, 1)),
            progress("9.9", "Sở Tài chính", 50, false, d(2021, 8, 1)),
            progress("1.1", "Sở Không Có", 50, false, d(2021, 8, 1)),
            progress("1.1", "Sở Y tế", 50, false, d(2021, 8, 1)),
        ];
        for input in &cases {
            let err = store.record_progress(input, "tester").await.unwrap_err();
            assert!(matches!(err, StoreError::Invalid(_) | StoreError::NotFound(_)), "{err:?}");
        }
        let err = store.decide("12/QĐ-UBND", "1.1", None, &Decision::Confirmed, d(2021, 9, 1), "m").await.unwrap_err();
        assert!(err.to_string().contains("không có đề nghị"), "{err}");
        assert_eq!(store.table_counts().await.unwrap(), before);
    })
    .await;
}

#[tokio::test]
async fn a_stale_writer_gets_a_conflict() {
    each_backend(|store| async move {
        store.import(&doc("a"), "a", "tester").await.unwrap();
        let seen = store.tasks(&TaskFilter::as_of(d(2021, 8, 1))).await.unwrap().items[0].version;
        let mut first = progress("1.1", "Sở Tài chính", 30, false, d(2021, 8, 1));
        first.expected_version = Some(seen);
        store.record_progress(&first, "a").await.unwrap();
        let mut second = progress("1.1", "Sở Tài chính", 60, false, d(2021, 8, 1));
        second.expected_version = Some(seen);
        let err = store.record_progress(&second, "b").await.unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
        let task = store.tasks(&TaskFilter::as_of(d(2021, 8, 2))).await.unwrap().items[0].clone();
        assert_eq!((task.percent, task.version), (Some(30), seen + 1), "the winner's report stands, nothing else");
    })
    .await;
}

#[tokio::test]
async fn concurrent_writers_lose_nothing() {
    each_backend(|store| async move {
        store.import(&doc("a"), "a", "tester").await.unwrap();
        let writers = (0..8).map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let input = progress("1.1", "Sở Tài chính", 10 + i, false, d(2021, 8, 1));
                store.record_progress(&input, &format!("writer {i}")).await
            })
        });
        let results: Vec<_> = futures_join(writers).await;
        let won = results.iter().filter(|r| r.is_ok()).count();
        assert!(won >= 1);
        assert!(results.iter().all(|r| matches!(r, Ok(_) | Err(StoreError::Conflict(_)))), "{results:?}");
        let counts = store.table_counts().await.unwrap();
        let reports = counts.iter().find(|(t, _)| t == "reports").unwrap().1;
        assert_eq!(reports as usize, won, "every accepted report is stored, and only those");
    })
    .await;
}

async fn futures_join<T>(handles: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test]
async fn filters_find_tasks_by_agency_role_status_and_folded_text() {
    each_backend(|store| async move {
        store.import(&doc("a"), "a", "tester").await.unwrap();
        let as_of = d(2021, 9, 2);
        let by = |agency: &str, role| TaskFilter { agency: Some(agency.into()), role, ..TaskFilter::as_of(as_of) };
        assert_eq!(store.tasks(&by("so tai chinh", None)).await.unwrap().total, 2, "lead of 1.1, coordinating 1.2");
        assert_eq!(store.tasks(&by("Sở Tài chính", Some(theodoi_store::Role::Lead))).await.unwrap().total, 1);
        let overdue = TaskFilter { status: Some(TaskStatus::Overdue), ..TaskFilter::as_of(as_of) };
        let page = store.tasks(&overdue).await.unwrap();
        assert_eq!(page.items.iter().map(|t| t.task.as_str()).collect::<Vec<_>>(), ["1.1"]);
        assert_eq!(page.items[0].days_overdue, Some(2));
        let q = TaskFilter { q: Some("quy hoach tinh".into()), ..TaskFilter::as_of(as_of) };
        assert_eq!(store.tasks(&q).await.unwrap().items[0].task, "1.1");
        let paged = TaskFilter { limit: Some(1), offset: 1, ..TaskFilter::as_of(as_of) };
        let page = store.tasks(&paged).await.unwrap();
        assert_eq!((page.total, page.items.len(), page.items[0].task.as_str()), (3, 1, "1.2"));
        assert!(matches!(store.tasks(&by("Sở Không Có", None)).await, Err(StoreError::NotFound(_))));
    })
    .await;
}

#[tokio::test]
async fn agencies_merge_and_sort_in_vietnamese_order() {
    each_backend(|store| async move {
        store.import(&doc("a"), "a", "tester").await.unwrap();
        let names: Vec<String> = store.agencies().await.unwrap().into_iter().map(|a| a.name).collect();
        assert_eq!(names, ["Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Y tế", "UBND cấp huyện"]);
        store.merge_agency("Sở TC", "Sở Tài chính", "admin").await.unwrap();
        let page = store
            .tasks(&TaskFilter { agency: Some("Sở TC".into()), ..TaskFilter::as_of(d(2021, 9, 1)) })
            .await
            .unwrap();
        assert_eq!(page.total, 2, "the alias finds the canonical agency's tasks");
        let tc = store.agencies().await.unwrap().into_iter().find(|a| a.name == "Sở Tài chính").unwrap();
        assert_eq!(tc.aliases, ["Sở TC"]);
    })
    .await;
}

/// Each link shows the agency's name as the document wrote it: the stored
/// text where it differs from the registry's name, the registry's name
/// where it is the same, and, once that agency is merged into another,
/// still the name the document used.
#[tokio::test]
async fn links_keep_the_name_as_written_through_a_merge() {
    each_backend(|store| async move {
        store.import(&doc("a"), "a", "tester").await.unwrap();
        let written = |store: theodoi_store::Store, code: &'static str| async move {
            let page = store.tasks(&TaskFilter::as_of(d(2021, 9, 1))).await.unwrap();
            let id = page.items.iter().find(|t| t.task == code).unwrap().id;
            let origin = store.task_origin(id).await.unwrap();
            origin.agencies.into_iter().map(|a| (a.agency, a.as_written)).collect::<Vec<_>>()
        };
        let pair = |a: &str, w: &str| (a.to_string(), w.to_string());
        assert_eq!(
            written(store.clone(), "1.1").await,
            [pair("Sở Tài chính", "Sở Tài chính"), pair("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT")]
        );
        assert_eq!(
            written(store.clone(), "1.2").await,
            [pair("Sở Y tế", "Sở Y tế"), pair("Sở Tài chính", "Sở Tài chính")]
        );
        store.merge_agency("Sở Y tế", "Sở Tài chính", "admin").await.unwrap();
        assert_eq!(
            written(store.clone(), "1.2").await,
            [pair("Sở Tài chính", "Sở Y tế"), pair("Sở Tài chính", "Sở Tài chính")],
            "the lead link moved to the canonical agency and kept the name the document used"
        );
    })
    .await;
}

#[tokio::test]
async fn targets_take_actual_values() {
    each_backend(|store| async move {
        store.import(&doc("a"), "a", "tester").await.unwrap();
        let targets = store.targets(Some("12/QĐ-UBND"), d(2023, 1, 1)).await.unwrap();
        assert_eq!(targets.len(), 1);
        assert_eq!(targets[0].assessment, TargetAssessment::NoData);
        for (year, value) in [(2021, 8.0), (2022, 12.0)] {
            let input = TargetValueInput {
                plan: "12/QĐ-UBND".into(),
                indicator: "tang truong".into(),
                year,
                value,
                source: Some("Cục Thống kê".into()),
            };
            store.set_target_value(&input, "monitor").await.unwrap();
        }
        let t = &store.targets(None, d(2023, 1, 1)).await.unwrap()[0];
        assert_eq!(t.actuals, [(2021, 8.0), (2022, 12.0)]);
        let (TargetAssessment::OffTrack { needed_average } | TargetAssessment::OnTrack { needed_average }) =
            t.assessment
        else {
            panic!("a period growth target is judged by the average still needed: {:?}", t.assessment);
        };
        assert!((needed_average - 11.68).abs() < 0.05, "needed {needed_average}");
        let missing = TargetValueInput {
            plan: "12/QĐ-UBND".into(),
            indicator: "không có".into(),
            year: 2021,
            value: 1.0,
            source: None,
        };
        assert!(matches!(store.set_target_value(&missing, "m").await, Err(StoreError::NotFound(_))));
    })
    .await;
}

#[tokio::test]
async fn summary_counts_and_missing_periodic_reports() {
    each_backend(|store| async move {
        store.import(&doc("a"), "a", "tester").await.unwrap();
        let s = store.summary(Some("12/QĐ-UBND"), d(2022, 4, 2)).await.unwrap();
        assert_eq!(s.total, 3);
        assert_eq!((s.by_status["overdue"], s.by_status["ongoing"]), (2, 1));
        assert_eq!(s.most_overdue[0].task, "1.1");
        assert_eq!(s.by_agency[0].overdue, 1);
        let periods: Vec<&str> = s.missing_reports.iter().map(|m| m.period.as_str()).collect();
        assert_eq!(periods, ["2021-Q3", "2021-Q4", "2022-Q1"], "quarterly reports owed since 09/08/2021");
    })
    .await;
}

#[tokio::test]
async fn database_status_agrees_with_the_rules_in_rust() {
    each_backend(|store| async move {
        theodoi_store::generate::province(&store, 6, 40, 1, 7, d(2026, 11, 28), "tester").await.unwrap();
        for day in [d(2023, 6, 30), d(2024, 12, 31), d(2026, 1, 1), d(2027, 6, 30), d(2031, 1, 1)] {
            let filter = TaskFilter::as_of(day);
            let fast = store.tasks(&filter).await.unwrap();
            let exact = store.tasks_from_history(&filter).await.unwrap();
            assert_eq!(fast.total, 240);
            let statuses = |p: &theodoi_store::TaskPage| p.items.iter().map(|t| (t.id, t.status)).collect::<Vec<_>>();
            assert_eq!(statuses(&fast), statuses(&exact), "on {day}");
            let summary = store.summary(None, day).await.unwrap();
            for status in TaskStatus::ALL {
                let n = exact.items.iter().filter(|t| t.status == status).count();
                assert_eq!(summary.by_status[status.as_str()], n, "{status:?} on {day}");
                let only = TaskFilter { status: Some(status), ..TaskFilter::as_of(day) };
                assert_eq!(store.tasks(&only).await.unwrap().total, n);
                let agency =
                    TaskFilter { agency: Some("so tai chinh".into()), status: Some(status), ..TaskFilter::as_of(day) };
                let mut fast: Vec<i64> = store.tasks(&agency).await.unwrap().items.iter().map(|t| t.id).collect();
                let mut exact: Vec<i64> =
                    store.tasks_from_history(&agency).await.unwrap().items.iter().map(|t| t.id).collect();
                fast.sort_unstable();
                exact.sort_unstable();
                assert_eq!(fast, exact, "agency list, {status:?} on {day}");
            }
        }
        // Counts kept in step by reports and decisions, not only by loads.
        let day = d(2031, 1, 1);
        let overdue = TaskFilter { status: Some(TaskStatus::Overdue), limit: Some(3), ..TaskFilter::as_of(day) };
        for (i, t) in store.tasks(&overdue).await.unwrap().items.into_iter().enumerate() {
            let mut input = progress(&t.task, &t.lead[0], 100, true, d(2030, 6, 1));
            input.plan = t.plan.clone();
            store.record_progress(&input, "tester").await.unwrap();
            if i > 0 {
                store.decide(&t.plan, &t.task, None, &Decision::Confirmed, d(2030, 6, 2), "monitor").await.unwrap();
            }
        }
        let exact = store.tasks_from_history(&TaskFilter::as_of(day)).await.unwrap();
        let summary = store.summary(None, day).await.unwrap();
        for status in TaskStatus::ALL {
            let n = exact.items.iter().filter(|t| t.status == status).count();
            assert_eq!(summary.by_status[status.as_str()], n, "{status:?} after reports");
        }
        assert_eq!(summary.by_status["awaiting_confirmation"], 1);
    })
    .await;
}

#[tokio::test]
async fn the_citation_graph_links_plans_to_their_parents_and_children() {
    each_backend(|store| async move {
        let mut parent = doc("a");
        parent.document.references = vec![theodoi_parser::Reference {
            number: "13/NQ-CP".into(),
            kind: Some("Nghị quyết".into()),
            issued_on: Some(d(2021, 2, 3)),
            issuer: Some("Chính phủ".into()),
        }];
        parent.document.legal_bases = vec![theodoi_parser::LegalBasis {
            text: "Căn cứ Nghị quyết số 13/NQ-CP".into(),
            cites: vec!["13/NQ-CP".into()],
            line: None,
        }];
        store.import(&parent, "a", "tester").await.unwrap();
        let mut child = doc("child");
        child.document.number = Some("45/KH-SKHĐT".into());
        child.document.references =
            vec![theodoi_parser::Reference { number: "12/QĐ-UBND".into(), kind: None, issued_on: None, issuer: None }];
        store.import(&child, "child", "tester").await.unwrap();

        let graph = store.document_graph("12/QĐ-UBND").await.unwrap();
        assert_eq!(graph.cites.len(), 1);
        assert_eq!(
            (graph.cites[0].number.as_str(), graph.cites[0].is_basis, graph.cites[0].known),
            ("13/NQ-CP", true, false)
        );
        assert_eq!(graph.cites[0].issued_on, Some(d(2021, 2, 3)));
        assert_eq!(graph.cited_by, ["45/KH-SKHĐT"]);
        let child_graph = store.document_graph("45/KH-SKHĐT").await.unwrap();
        assert!(child_graph.cites[0].known);
        assert!(matches!(store.document_graph("1/XX").await, Err(StoreError::NotFound(_))));
    })
    .await;
}
