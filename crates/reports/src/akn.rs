//! The plan's decision as Akoma Ntoso 3.0 XML, so other legal-information
//! systems can read it: preface (docAuthority, docNumber, docDate, docType,
//! docTitle), preamble with the legal bases as citations, the articles,
//! conclusions with the recipients and the signature, and the plan itself
//! as an attachment (groups with their general task, tasks with lead and
//! coordinating agencies, product and deadline).
//!
//! The parsed [`Document`] gives everything but the articles, which the
//! model does not keep: they are read from the stored text ("Điều 1.",
//! "Điều 2." … up to "Nơi nhận").

use std::fmt::Write as _;

use theodoi_parser::{Document, Task};

use crate::xml::escape;

const NS: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// The Akoma Ntoso document for `doc`, whose text is `source`.
pub fn write(doc: &Document, source: &str) -> String {
    let info = &doc.document;
    let number = info.number.clone().unwrap_or_default();
    let date = info.issued_on.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    let work = format!("/akn/vn/act/decision/{date}/{}", uri_part(&number));
    let mut x = String::with_capacity(64 * 1024);
    let _ = write!(
        x,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="{NS}"><act name="decision"><meta><identification source="#theodoi"><FRBRWork><FRBRthis value="{work}/!main"/><FRBRuri value="{work}"/><FRBRdate date="{date}" name="issued"/><FRBRauthor href="#issuer"/><FRBRcountry value="vn"/><FRBRnumber value="{n}"/></FRBRWork><FRBRExpression><FRBRthis value="{work}/vie@/!main"/><FRBRuri value="{work}/vie@"/><FRBRdate date="{date}" name="issued"/><FRBRauthor href="#issuer"/><FRBRlanguage language="vie"/></FRBRExpression><FRBRManifestation><FRBRthis value="{work}/vie@/!main.xml"/><FRBRuri value="{work}/vie@.akn"/><FRBRdate date="{date}" name="issued"/><FRBRauthor href="#theodoi"/></FRBRManifestation></identification><references source="#theodoi"><TLCOrganization eId="issuer" href="/ontology/organization/vn/issuer" showAs="{issuer}"/><TLCOrganization eId="theodoi" href="/ontology/organization/theodoi" showAs="theodoi"/></references></meta>"##,
        n = escape(&number),
        issuer = escape(info.issuer.as_deref().unwrap_or("")),
    );
    preface(&mut x, doc);
    preamble(&mut x, doc);
    body(&mut x, source);
    conclusions(&mut x, doc);
    attachment(&mut x, doc);
    x.push_str("</act></akomaNtoso>\n");
    x
}

/// "2999/QĐ-UBND" as a URI segment: "2999-qd-ubnd".
fn uri_part(number: &str) -> String {
    theodoi_core::vi::fold(number).chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect()
}

fn preface(x: &mut String, doc: &Document) {
    let info = &doc.document;
    x.push_str("<preface>");
    if let Some(issuer) = &info.issuer {
        let _ = write!(x, "<p><docAuthority refersTo=\"#issuer\">{}</docAuthority></p>", escape(issuer));
    }
    if let Some(number) = &info.number {
        let _ = write!(x, "<p>Số: <docNumber>{}</docNumber></p>", escape(number));
    }
    if let Some(day) = info.issued_on {
        let place = info.place.as_deref().unwrap_or("");
        let _ = write!(
            x,
            "<p><docDate date=\"{}\">{}</docDate></p>",
            day.format("%Y-%m-%d"),
            escape(&crate::nd30::place_and_date(place, day))
        );
    }
    if let Some(kind) = &info.kind {
        let _ = write!(x, "<p><docType>{}</docType></p>", escape(kind));
    }
    if let Some(title) = &info.title {
        let _ = write!(x, "<p><docTitle>{}</docTitle></p>", escape(title));
    }
    x.push_str("</preface>");
}

fn preamble(x: &mut String, doc: &Document) {
    let bases = &doc.document.legal_bases;
    if bases.is_empty() {
        return;
    }
    x.push_str("<preamble><citations>");
    for (i, b) in bases.iter().enumerate() {
        let _ = write!(x, "<citation eId=\"cit_{}\"><p>{}</p></citation>", i + 1, escape(&b.text));
    }
    x.push_str("</citations></preamble>");
}

/// The articles: from each "Điều N." line to the next, ending at the
/// recipients block.
fn articles(source: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in source.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with("Nơi nhận") {
            break;
        }
        let head = line.strip_prefix("Điều ").and_then(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            (!digits.is_empty() && rest[digits.len()..].starts_with('.')).then_some(digits)
        });
        match head {
            Some(num) => {
                let text = line[format!("Điều {num}.").len()..].trim().to_string();
                out.push((num, if text.is_empty() { Vec::new() } else { vec![text] }));
            }
            None => {
                if let Some(last) = out.last_mut() {
                    last.1.push(line.to_string());
                }
            }
        }
    }
    out
}

fn body(x: &mut String, source: &str) {
    x.push_str("<body>");
    let articles = articles(source);
    if articles.is_empty() {
        x.push_str("<article eId=\"art_1\"><num>Điều 1.</num><content><p/></content></article>");
    }
    for (num, paras) in articles {
        let _ = write!(x, "<article eId=\"art_{num}\"><num>Điều {num}.</num><content>");
        for p in paras {
            let _ = write!(x, "<p>{}</p>", escape(&p));
        }
        x.push_str("</content></article>");
    }
    x.push_str("</body>");
}

fn conclusions(x: &mut String, doc: &Document) {
    let info = &doc.document;
    x.push_str("<conclusions>");
    if !info.recipients.is_empty() {
        x.push_str("<blockContainer eId=\"recipients\"><p>Nơi nhận:</p>");
        for r in &info.recipients {
            let _ = write!(x, "<p>{}</p>", escape(r));
        }
        x.push_str("</blockContainer>");
    }
    if let Some(s) = &info.signer {
        x.push_str("<p><signature>");
        if let Some(capacity) = &s.capacity {
            let _ = write!(x, "<role refersTo=\"#capacity\">{}</role>", escape(capacity));
        }
        if let Some(position) = &s.position {
            let _ = write!(x, "<role refersTo=\"#position\">{}</role>", escape(position));
        }
        let _ = write!(x, "<person refersTo=\"#signer\">{}</person></signature></p>", escape(&s.name));
    }
    x.push_str("</conclusions>");
}

fn attachment(x: &mut String, doc: &Document) {
    let Some(plan) = &doc.plan else {
        return;
    };
    let title = plan.title.as_deref().unwrap_or("Kế hoạch");
    let _ = write!(
        x,
        "<attachments><attachment eId=\"att_1\"><doc name=\"plan\"><preface><p><docTitle>{}</docTitle></p></preface><mainBody>",
        escape(title)
    );
    for g in &plan.groups {
        let _ = write!(
            x,
            "<hcontainer name=\"group\" eId=\"grp_{n}\"><num>{n}</num><heading>{}</heading>",
            escape(&g.title),
            n = g.number
        );
        if let Some(general) = &g.general_task {
            let _ = write!(x, "<content><p>{}</p></content>", escape(general));
        }
        for t in plan.tasks.iter().filter(|t| t.group == Some(g.number)) {
            task(x, t);
        }
        x.push_str("</hcontainer>");
    }
    let loose: Vec<&Task> = plan.tasks.iter().filter(|t| t.group.is_none()).collect();
    if !loose.is_empty() {
        x.push_str("<hcontainer name=\"ungrouped\" eId=\"grp_none\">");
        for t in loose {
            task(x, t);
        }
        x.push_str("</hcontainer>");
    }
    x.push_str("</mainBody></doc></attachment></attachments>");
}

fn task(x: &mut String, t: &Task) {
    let id = uri_part(&t.id);
    let _ = write!(x, "<hcontainer name=\"task\" eId=\"task_{id}\"><num>{}</num><content>", escape(&t.id));
    let _ = write!(x, "<p class=\"title\">{}</p>", escape(&t.title));
    for (class, names) in [("lead", &t.lead), ("coordinating", &t.coordinating)] {
        for name in names {
            let _ = write!(x, "<p class=\"{class}\">{}</p>", escape(name));
        }
    }
    if let Some(product) = &t.product {
        let _ = write!(x, "<p class=\"product\">{}</p>", escape(product));
    }
    let due = t.deadline.due.map(|d| format!(" date=\"{}\"", d.format("%Y-%m-%d"))).unwrap_or_default();
    match t.deadline.due {
        Some(_) => {
            let _ =
                write!(x, "<p class=\"deadline\"><date{due} refersTo=\"#due\">{}</date></p>", escape(&t.deadline.text));
        }
        None => {
            let _ = write!(x, "<p class=\"deadline\">{}</p>", escape(&t.deadline.text));
        }
    }
    x.push_str("</content></hcontainer>");
}
