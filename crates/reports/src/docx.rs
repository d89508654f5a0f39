//! Writes a [`Doc`] as a Word document (WordprocessingML in a zip), by hand:
//! the parts NĐ 30 needs are few (page size and margins, Times New Roman
//! with the `hAnsi` face set so accented letters do not fall back to
//! another font, a first page without a number, a centred PAGE field on the
//! others, tables, one DrawingML chart per chart block), and writing them
//! ourselves keeps every attribute under our control.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::ZipWriter;

use crate::error::Result;
use crate::model::{text_width_mm, Align, BarChart, Block, Cell, Doc, Para, Run, Table, PAGE_HEIGHT_MM, PAGE_WIDTH_MM};
use crate::xml::escape;

/// The face NĐ 30 prescribes.
pub const FONT: &str = "Times New Roman";

/// Cell padding left and right, in twips (1.9 mm).
const CELL_MARGIN: i64 = 108;

fn twips(mm: f32) -> i64 {
    (mm * 1440.0 / 25.4).round() as i64
}

/// The DOCX file's bytes.
pub fn write(doc: &Doc) -> Result<Vec<u8>> {
    let mut body = String::with_capacity(64 * 1024);
    let mut charts = Vec::new();
    let width = twips(text_width_mm(&doc.margins));
    for block in &doc.blocks {
        match block {
            Block::Para(p) => para(&mut body, p, width),
            Block::Table(t) => table(&mut body, t, width),
            Block::Chart(c) => {
                charts.push(chart_part(c));
                chart_ref(&mut body, c, charts.len(), width);
            }
        }
    }
    let document = document_xml(doc, &body);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, data: &str| -> Result<()> {
        zip.start_file(name, options)?;
        zip.write_all(data.as_bytes())?;
        Ok(())
    };
    put("[Content_Types].xml", &content_types(charts.len()))?;
    put("_rels/.rels", ROOT_RELS)?;
    put("docProps/core.xml", &core_props(&doc.title))?;
    put("word/document.xml", &document)?;
    put("word/styles.xml", &styles())?;
    put("word/settings.xml", SETTINGS)?;
    put("word/_rels/document.xml.rels", &document_rels(charts.len()))?;
    put("word/header1.xml", &page_number_header())?;
    put("word/header2.xml", EMPTY_HEADER)?;
    for (i, chart) in charts.iter().enumerate() {
        put(&format!("word/charts/chart{}.xml", i + 1), chart)?;
    }
    Ok(zip.finish()?.into_inner())
}

fn document_xml(doc: &Doc, body: &str) -> String {
    let m = &doc.margins;
    let (header_refs, title_pg) = if doc.page_numbers {
        (
            r#"<w:headerReference w:type="default" r:id="rIdHeader1"/><w:headerReference w:type="first" r:id="rIdHeader2"/>"#,
            "<w:titlePg/>",
        )
    } else {
        ("", "")
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><w:body>{body}<w:sectPr>{header_refs}<w:pgSz w:w="{pw}" w:h="{ph}"/><w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="567" w:footer="567" w:gutter="0"/>{title_pg}</w:sectPr></w:body></w:document>"#,
        W = NS_W,
        R = NS_R,
        pw = twips(PAGE_WIDTH_MM),
        ph = twips(PAGE_HEIGHT_MM),
        top = twips(m.top),
        right = twips(m.right),
        bottom = twips(m.bottom),
        left = twips(m.left),
    )
}

fn para(out: &mut String, p: &Para, container: i64) {
    out.push_str("<w:p><w:pPr>");
    if let Some(rule) = p.rule {
        let side = ((container - twips(rule)) / 2).max(0);
        let _ = write!(
            out,
            r#"<w:pBdr><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr><w:spacing w:before="0" w:after="{}" w:line="160" w:lineRule="exact"/><w:ind w:left="{side}" w:right="{side}"/>"#,
            (p.space_after * 20.0) as i64
        );
    } else {
        let _ = write!(
            out,
            r#"<w:spacing w:before="{}" w:after="{}" w:line="264" w:lineRule="auto"/>"#,
            (p.space_before * 20.0) as i64,
            (p.space_after * 20.0) as i64
        );
        if p.indent_mm > 0.0 {
            let _ = write!(out, r#"<w:ind w:firstLine="{}"/>"#, twips(p.indent_mm));
        }
    }
    let jc = match p.align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        Align::Justify => "both",
    };
    let _ = write!(out, r#"<w:jc w:val="{jc}"/></w:pPr>"#);
    for r in &p.runs {
        run(out, r);
    }
    out.push_str("</w:p>");
}

fn run(out: &mut String, r: &Run) {
    let _ =
        write!(out, r#"<w:r><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>"#);
    if r.bold {
        out.push_str("<w:b/><w:bCs/>");
    }
    if r.italic {
        out.push_str("<w:i/><w:iCs/>");
    }
    let half_points = (r.size * 2.0).round() as i64;
    let _ = write!(out, r#"<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>"#);
    for (i, line) in r.text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        let _ = write!(out, r#"<w:t xml:space="preserve">{}</w:t>"#, escape(line));
    }
    out.push_str("</w:r>");
}

fn table(out: &mut String, t: &Table, container: i64) {
    let widths: Vec<i64> = t.widths.iter().map(|w| twips(*w)).collect();
    let total: i64 = widths.iter().sum();
    let border = if t.borders { "single" } else { "nil" };
    let _ = write!(
        out,
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="{}"/><w:tblLayout w:type="fixed"/><w:tblBorders>"#,
        if total < container { "center" } else { "left" }
    );
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(out, r#"<w:{side} w:val="{border}" w:sz="4" w:space="0" w:color="000000"/>"#);
    }
    let _ = write!(
        out,
        r#"</w:tblBorders><w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#
    );
    for w in &widths {
        let _ = write!(out, r#"<w:gridCol w:w="{w}"/>"#);
    }
    out.push_str("</w:tblGrid>");
    for (i, row) in t.rows.iter().enumerate() {
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if i < t.header_rows {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        let mut column = 0;
        for c in row {
            let width: i64 = widths.iter().skip(column).take(c.span).sum();
            column += c.span;
            cell(out, c, width);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word needs a paragraph between two tables and after the last one.
    out.push_str(r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:p>"#);
}

fn cell(out: &mut String, c: &Cell, width: i64) {
    let _ = write!(out, r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#);
    if c.span > 1 {
        let _ = write!(out, r#"<w:gridSpan w:val="{}"/>"#, c.span);
    }
    if c.shaded {
        out.push_str(r#"<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>"#);
    }
    out.push_str("</w:tcPr>");
    if c.paras.is_empty() {
        out.push_str("<w:p/>");
    }
    for p in &c.paras {
        para(out, p, width - 2 * CELL_MARGIN);
    }
    out.push_str("</w:tc>");
}

/// EMU per millimetre (DrawingML's unit).
const EMU_PER_MM: f32 = 36_000.0;

fn chart_ref(out: &mut String, c: &BarChart, n: usize, container: i64) {
    let cx = (container as f32 / 1440.0 * 25.4 * EMU_PER_MM) as i64;
    let cy = (c.height_mm * EMU_PER_MM) as i64;
    let _ = write!(
        out,
        r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/></w:rPr><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="{}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="rIdChart{n}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#,
        escape(&c.title)
    );
}

/// A clustered bar chart whose data sit in the part itself (string and
/// number literals), so no embedded workbook is needed to show it.
fn chart_part(c: &BarChart) -> String {
    let n = c.bars.len();
    let mut points = String::new();
    let mut cats = String::new();
    let mut vals = String::new();
    for (i, b) in c.bars.iter().enumerate() {
        let _ = write!(
            points,
            r#"<c:dPt><c:idx val="{i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="{:06X}"/></a:solidFill></c:spPr></c:dPt>"#,
            b.color
        );
        let _ = write!(cats, r#"<c:pt idx="{i}"><c:v>{}</c:v></c:pt>"#, escape(&b.label));
        let _ = write!(vals, r#"<c:pt idx="{i}"><c:v>{}</c:v></c:pt>"#, b.value);
    }
    let font = format!(r#"<a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/>"#);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="{NS_R}"><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1200" b="1">{font}</a:defRPr></a:pPr><a:r><a:rPr lang="vi-VN" sz="1200" b="1">{font}</a:rPr><a:t>{title}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>Số nhiệm vụ</c:v></c:tx><c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>{points}<c:dLbls><c:spPr><a:noFill/></c:spPr><c:txPr><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1100">{font}</a:defRPr></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls><c:cat><c:strLit><c:ptCount val="{n}"/>{cats}</c:strLit></c:cat><c:val><c:numLit><c:formatCode>General</c:formatCode><c:ptCount val="{n}"/>{vals}</c:numLit></c:val></c:ser><c:gapWidth val="60"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart><c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:txPr><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1100">{font}</a:defRPr></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr><c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="1001"/><c:crosses val="max"/><c:crossBetween val="between"/><c:majorUnit val="{unit}"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart><c:txPr><a:bodyPr/><a:p><a:pPr><a:defRPr>{font}</a:defRPr></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr></c:chartSpace>"#,
        title = escape(&c.title),
        unit = major_unit(c),
    )
}

/// A gridline step giving about five lines whatever the counts.
fn major_unit(c: &BarChart) -> f64 {
    let max = c.bars.iter().map(|b| b.value).fold(1.0, f64::max);
    (max / 5.0).ceil().max(1.0)
}

const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn content_types(charts: usize) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    );
    for i in 1..=charts {
        let _ = write!(
            s,
            r#"<Override PartName="/word/charts/chart{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>"#
        );
    }
    s.push_str("</Types>");
    s
}

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

fn document_rels(charts: usize) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdHeader2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>"#,
    );
    for i in 1..=charts {
        let _ = write!(
            s,
            r#"<Relationship Id="rIdChart{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart{i}.xml"/>"#
        );
    }
    s.push_str("</Relationships>");
    s
}

fn core_props(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>theodoi</dc:creator><dc:language>vi-VN</dc:language></cp:coreProperties>"#,
        escape(title)
    )
}

/// Times New Roman 14 pt for everything, set for every script slot.
fn styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{NS_W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/></w:style></w:styles>"#
    )
}

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

/// The PAGE field, centred, 13 pt: the header of every page but the first.
fn page_number_header() -> String {
    let rpr =
        format!(r#"<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/><w:sz w:val="26"/></w:rPr>"#);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="{NS_W}"><w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr><w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{rpr}<w:t>2</w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>"#
    )
}

const EMPTY_HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p/></w:hdr>"#;
