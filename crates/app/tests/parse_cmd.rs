//! `theodoi parse` as a user runs it: the real binary on the real seed.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::{Command, Output};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seed() -> PathBuf {
    repo_root().join("examples/qd-2999-ubnd-thanh-hoa-2021.txt")
}

fn theodoi(args: &[&OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_theodoi")).args(args).output().expect("run theodoi")
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("theodoi-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn contract_errors(value: &serde_json::Value) -> Vec<String> {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo_root().join("contract/plan.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the contract is a valid schema");
    validator.iter_errors(value).map(|e| format!("{e} at {}", e.instance_path)).collect()
}

#[test]
fn json_output_validates_against_the_contract() {
    let out = theodoi(&["parse".as_ref(), seed().as_os_str(), "--json".as_ref()]);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "one JSON object per file, on one line");
    let value: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    let errors = contract_errors(&value);
    assert!(errors.is_empty(), "contract violations: {errors:#?}");
    assert_eq!(value["format"], "theodoi.plan/1");
    assert_eq!(value["document"]["number"], "2999/QĐ-UBND");
    let appendix = value["plan"]["tasks"].as_array().unwrap().iter().filter(|t| t["origin"] == "appendix").count();
    assert_eq!(appendix, 50);
}

#[test]
fn every_real_example_validates_against_the_contract() {
    let dir = repo_root().join("crates/parser/tests/fixtures/real");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut args: Vec<&OsStr> = vec!["parse".as_ref(), "--json".as_ref()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    let out = theodoi(&args);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), files.len(), "one line per file");
    for (line, file) in text.lines().zip(&files) {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        let errors = contract_errors(&value);
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
        assert_eq!(value["source"]["name"], file.file_name().unwrap().to_str().unwrap());
    }
}

#[test]
fn summary_is_vietnamese_and_lists_tasks() {
    let out = theodoi(&["parse".as_ref(), seed().as_os_str()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Số, ký hiệu:    2999/QĐ-UBND"), "{text}");
    assert!(text.contains("Nơi, ngày ban hành: Thanh Hóa, 09/08/2021"), "{text}");
    assert!(text.contains("10 nhóm nhiệm vụ"), "{text}");
    assert!(text.lines().any(|l| l.starts_with("2.4 ") && l.ends_with("31/08/2021")), "{text}");
}

#[test]
fn unreadable_file_fails_with_reason_but_others_are_still_read() {
    let dir = scratch_dir("parse-bad");
    let bad = dir.join("legacy.txt");
    std::fs::write(&bad, b"Quy\xd5t \xa7\xfenh s\xe8 12").unwrap();
    let missing = dir.join("missing.txt");
    let seed = seed();
    let args: [&OsStr; 5] =
        ["parse".as_ref(), "--json".as_ref(), bad.as_os_str(), missing.as_os_str(), seed.as_os_str()];
    let out = theodoi(&args);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("legacy.txt") && stderr.contains("UTF-8"), "{stderr}");
    assert!(stderr.contains("missing.txt") && stderr.contains("không mở được tệp"), "{stderr}");
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1, "the seed is still printed");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn empty_file_is_refused() {
    let dir = scratch_dir("parse-empty");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let out = theodoi(&["parse".as_ref(), empty.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("tệp rỗng"));
    std::fs::remove_dir_all(&dir).ok();
}
