//! The seed decision as Akoma Ntoso: well-formed XML in the AKN 3.0
//! namespace with its preface, citations, articles, signature and the plan
//! with every task as an attachment.

use quick_xml::events::Event;
use quick_xml::XmlVersion;

fn seed() -> (theodoi_parser::Document, String) {
    let path =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/qd-2999-ubnd-thanh-hoa-2021.txt");
    let text = std::fs::read_to_string(path).unwrap();
    (theodoi_parser::parse_str(&text, &Default::default()).unwrap(), text)
}

#[test]
fn the_seed_decision_as_akoma_ntoso() {
    let (doc, text) = seed();
    let xml = theodoi_reports::akn::write(&doc, &text);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut path: Vec<String> = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut tasks = Vec::new();
    let mut root_ns = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if name == "akomaNtoso" {
                    root_ns = e
                        .try_get_attribute("xmlns")
                        .unwrap()
                        .map(|a| a.normalized_value(XmlVersion::Implicit1_0).unwrap().into_owned());
                }
                if name == "hcontainer" {
                    let kind = e
                        .try_get_attribute("name")
                        .unwrap()
                        .unwrap()
                        .normalized_value(XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned();
                    if kind == "task" {
                        tasks.push(String::new());
                    }
                }
                path.push(name);
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Text(t) => {
                let text = t.xml_content(XmlVersion::Implicit1_0).into_owned();
                let here = path.join("/");
                if here.ends_with("hcontainer/num") && path.iter().filter(|p| *p == "hcontainer").count() == 2 {
                    if let Some(last) = tasks.last_mut() {
                        *last = text.clone();
                    }
                }
                seen.push((here, text));
            }
            _ => {}
        }
    }
    assert_eq!(root_ns.as_deref(), Some("http://docs.oasis-open.org/legaldocml/ns/akn/3.0"));
    let find =
        |suffix: &str| seen.iter().filter(|(p, _)| p.ends_with(suffix)).map(|(_, t)| t.as_str()).collect::<Vec<_>>();
    assert_eq!(find("preface/p/docNumber"), ["2999/QĐ-UBND"]);
    assert_eq!(find("preface/p/docDate"), ["Thanh Hóa, ngày 09 tháng 08 năm 2021"]);
    assert_eq!(find("preface/p/docAuthority").len(), 1);
    assert_eq!(find("citations/citation/p").len(), doc.document.legal_bases.len());
    assert!(find("citations/citation/p").iter().any(|c| c.contains("13/NQ-CP")));
    assert!(find("body/article/num").len() >= 2, "Điều 1 and Điều 2: {:?}", find("body/article/num"));
    assert!(!find("conclusions/p/signature/person").is_empty(), "the signer");
    let plan = doc.plan.as_ref().unwrap();
    assert_eq!(tasks.len(), plan.tasks.len(), "every task in the attachment");
    let appendix = plan.tasks.iter().filter(|t| t.origin == theodoi_parser::Origin::Appendix).count();
    assert_eq!(appendix, 50);
    for t in &plan.tasks {
        assert!(tasks.contains(&t.id), "task {} missing", t.id);
    }
}
