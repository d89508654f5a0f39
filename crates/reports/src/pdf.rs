//! Writes a [`Doc`] as PDF with Liberation Serif (metrically Times New
//! Roman, with every Vietnamese letter) read at run time and embedded as a
//! subset. The layout is deliberately simple and predictable: paragraphs
//! wrap at spaces and justify by spreading words; table rows never split
//! across pages and header rows repeat; charts are drawn as vector bars.
//! Page numbers stand centred at the top from page 2, as NĐ 30 asks.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use flate2::write::ZlibEncoder;
use flate2::Compression;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::error::{ReportError, Result};
use crate::model::{Align, BarChart, Block, Cell, Doc, Para, Run, Table, PAGE_HEIGHT_MM, PAGE_WIDTH_MM};

/// Where Debian's fonts-liberation2 puts the faces.
pub const DEFAULT_FONT_DIR: &str = "/usr/share/fonts/truetype/liberation2";

const FACE_FILES: [&str; 4] = [
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
];

/// The four faces of Liberation Serif, as bytes.
pub struct Fonts {
    data: Vec<Vec<u8>>,
}

impl Fonts {
    /// Reads the faces from `dir`; a missing one is a clear error naming the
    /// package to install.
    pub fn load(dir: &Path) -> Result<Fonts> {
        let mut data = Vec::with_capacity(FACE_FILES.len());
        for file in FACE_FILES {
            let path = dir.join(file);
            let bytes = std::fs::read(&path)
                .map_err(|_| ReportError::FontMissing { file: file.to_string(), dir: PathBuf::from(dir) })?;
            ttf_parser::Face::parse(&bytes, 0).map_err(|_| ReportError::FontInvalid(path.display().to_string()))?;
            data.push(bytes);
        }
        Ok(Fonts { data })
    }
}

fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

const LINE_FACTOR: f32 = 1.2;
const CELL_PAD: f32 = 3.0;

/// One face in use: its parsed tables and the glyphs drawn with it.
struct Face<'a> {
    face: ttf_parser::Face<'a>,
    data: &'a [u8],
    units: f32,
    used: BTreeMap<u16, char>,
}

impl Face<'_> {
    fn glyph(&mut self, c: char) -> u16 {
        let id = self.face.glyph_index(c).or_else(|| self.face.glyph_index('?')).map_or(0, |g| g.0);
        self.used.entry(id).or_insert(c);
        id
    }

    fn advance(&self, glyph: u16) -> f32 {
        f32::from(self.face.glyph_hor_advance(ttf_parser::GlyphId(glyph)).unwrap_or(0)) / self.units
    }
}

/// What is drawn on a page, in points from the top-left corner.
enum Op {
    Glyphs {
        face: usize,
        size: f32,
        x: f32,
        y: f32,
        glyphs: Vec<u16>,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        rgb: u32,
    },
    Stroke {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
    },
    /// A short rule under the issuer, the motto or the title.
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
    },
}

/// Table borders and chart axes, in points.
const LINE_WIDTH: f32 = 0.5;

/// The rules under the issuer, the motto and the title, in points: drawn
/// at the hairline width of the borders they all but vanish on screen and
/// in a low-resolution print, where NĐ 30 wants a clear stroke.
const RULE_WIDTH: f32 = 0.75;

/// A word (or the glyphs of one run within a word) ready to place.
struct Piece {
    face: usize,
    size: f32,
    glyphs: Vec<u16>,
    width: f32,
    /// Width of the space before it, 0 when it continues a word.
    space: f32,
}

struct Line {
    pieces: Vec<Piece>,
    height: f32,
    ascent: f32,
    /// Ended by a forced break or the paragraph's end (not justified).
    last: bool,
}

struct Layout<'a> {
    faces: Vec<Face<'a>>,
    pages: Vec<Vec<Op>>,
    y: f32,
    left: f32,
    width: f32,
    top: f32,
    bottom: f32,
}

/// The PDF file's bytes.
pub fn write(doc: &Doc, fonts: &Fonts) -> Result<Vec<u8>> {
    let mut faces = Vec::new();
    for data in &fonts.data {
        let face = ttf_parser::Face::parse(data, 0).map_err(|_| ReportError::FontInvalid("Liberation Serif".into()))?;
        let units = f32::from(face.units_per_em());
        faces.push(Face { face, data, units, used: BTreeMap::new() });
    }
    let m = doc.margins;
    let mut layout = Layout {
        faces,
        pages: vec![Vec::new()],
        y: mm(m.top),
        left: mm(m.left),
        width: mm(PAGE_WIDTH_MM - m.left - m.right),
        top: mm(m.top),
        bottom: mm(PAGE_HEIGHT_MM - m.bottom),
    };
    for block in &doc.blocks {
        match block {
            Block::Para(p) => layout.flow_para(p),
            Block::Table(t) => layout.table(t),
            Block::Chart(c) => layout.chart(c),
        }
    }
    if doc.page_numbers {
        layout.page_numbers();
    }
    Ok(layout.finish(&doc.title))
}

impl Layout<'_> {
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.top;
    }

    fn op(&mut self, op: Op) {
        self.pages.last_mut().expect("a page").push(op);
    }

    /// Breaks a paragraph into lines `width` wide.
    fn lines(&mut self, p: &Para, width: f32) -> Vec<Line> {
        let mut lines = Vec::new();
        let mut line: Vec<Piece> = Vec::new();
        let mut used = mm(p.indent_mm);
        let mut first_line = true;
        let size_of = |runs: &[Run]| runs.iter().map(|r| r.size).fold(0.0, f32::max);
        let default_size = size_of(&p.runs).max(11.0);
        let close = |line: Vec<Piece>, last: bool, lines: &mut Vec<Line>| {
            let size = line.iter().map(|w| w.size).fold(0.0, f32::max);
            let size = if size == 0.0 { default_size } else { size };
            lines.push(Line { pieces: line, height: size * LINE_FACTOR, ascent: size * 0.9, last });
        };
        let mut pending_space = 0.0;
        for run in &p.runs {
            let face = usize::from(run.bold) + 2 * usize::from(run.italic);
            let space_glyph = self.faces[face].glyph(' ');
            let space = self.faces[face].advance(space_glyph) * run.size;
            for (n, segment) in run.text.split('\n').enumerate() {
                if n > 0 {
                    close(std::mem::take(&mut line), true, &mut lines);
                    used = 0.0;
                    first_line = false;
                    pending_space = 0.0;
                }
                let mut chars = segment.chars().peekable();
                if segment.starts_with(' ') {
                    pending_space = space;
                }
                while chars.peek().is_some() {
                    let word: String = chars.by_ref().take_while(|c| *c != ' ').collect();
                    if word.is_empty() {
                        // Runs of spaces are kept: "Số:        /BC-UBND"
                        // leaves the clerk room for the number.
                        pending_space += space;
                        continue;
                    }
                    let glyphs: Vec<u16> = word.chars().map(|c| self.faces[face].glyph(c)).collect();
                    let w: f32 = glyphs.iter().map(|g| self.faces[face].advance(*g)).sum::<f32>() * run.size;
                    let gap = if line.is_empty() { 0.0 } else { pending_space };
                    if !line.is_empty() && used + gap + w > width {
                        close(std::mem::take(&mut line), false, &mut lines);
                        used = 0.0;
                        first_line = false;
                        line.push(Piece { face, size: run.size, glyphs, width: w, space: 0.0 });
                        used += w;
                    } else {
                        line.push(Piece { face, size: run.size, glyphs, width: w, space: gap });
                        used += gap + w;
                    }
                    pending_space = if segment.ends_with(' ') || chars.peek().is_some() { space } else { 0.0 };
                }
            }
        }
        let _ = first_line;
        close(line, true, &mut lines);
        lines
    }

    /// Draws lines from `top` at `x`, `width` wide; returns the height used.
    fn draw_lines(&mut self, lines: &[Line], p: &Para, x: f32, top: f32, width: f32) -> f32 {
        let mut y = top;
        for (i, line) in lines.iter().enumerate() {
            self.draw_line(line, p, x, y, width, i == 0);
            y += line.height;
        }
        y - top
    }

    fn draw_line(&mut self, line: &Line, p: &Para, x: f32, y: f32, width: f32, first: bool) {
        let indent = if first { mm(p.indent_mm) } else { 0.0 };
        let natural: f32 = line.pieces.iter().map(|w| w.width + w.space).sum();
        let room = width - indent - natural;
        let gaps = line.pieces.iter().filter(|w| w.space > 0.0).count();
        let (mut cx, stretch) = match p.align {
            Align::Left => (x + indent, 0.0),
            Align::Center => (x + room / 2.0, 0.0),
            Align::Right => (x + room, 0.0),
            Align::Justify if !line.last && gaps > 0 => (x + indent, room / gaps as f32),
            Align::Justify => (x + indent, 0.0),
        };
        let baseline = y + line.ascent;
        for piece in &line.pieces {
            if piece.space > 0.0 {
                cx += piece.space + stretch;
            }
            let op =
                Op::Glyphs { face: piece.face, size: piece.size, x: cx, y: baseline, glyphs: piece.glyphs.clone() };
            self.op(op);
            cx += piece.width;
        }
    }

    /// A paragraph in the page's flow, breaking to a new page between lines.
    fn flow_para(&mut self, p: &Para) {
        self.y += p.space_before;
        if let Some(rule) = p.rule {
            self.rule(self.left, self.width, rule);
            self.y += 4.0 + p.space_after;
            return;
        }
        let lines = self.lines(p, self.width - mm(p.indent_mm) * 0.0);
        for (i, line) in lines.iter().enumerate() {
            if self.y + line.height > self.bottom {
                self.new_page();
            }
            let (left, width) = (self.left, self.width);
            self.draw_line(line, p, left, self.y, width, i == 0);
            self.y += line.height;
        }
        self.y += p.space_after;
    }

    fn rule(&mut self, x: f32, width: f32, length_mm: f32) {
        let len = mm(length_mm).min(width);
        let x1 = x + (width - len) / 2.0;
        let y = self.y + 2.0;
        self.op(Op::Rule { x1, x2: x1 + len, y });
    }

    /// The height of a cell's content, laid out `width` wide.
    fn cell_lines(&mut self, cell: &Cell, width: f32) -> Vec<(Vec<Line>, Para)> {
        cell.paras
            .iter()
            .map(|p| (if p.rule.is_some() { Vec::new() } else { self.lines(p, width) }, p.clone()))
            .collect()
    }

    fn cell_height(content: &[(Vec<Line>, Para)]) -> f32 {
        content
            .iter()
            .map(|(lines, p)| {
                let h: f32 = lines.iter().map(|l| l.height).sum();
                h + p.space_before + p.space_after + if p.rule.is_some() { 4.0 } else { 0.0 }
            })
            .sum()
    }

    fn table(&mut self, t: &Table) {
        let widths: Vec<f32> = t.widths.iter().map(|w| mm(*w)).collect();
        let total: f32 = widths.iter().sum();
        let x0 = self.left + ((self.width - total) / 2.0).max(0.0);
        let pad = if t.borders { CELL_PAD } else { 0.0 };
        let mut laid = Vec::with_capacity(t.rows.len());
        for row in &t.rows {
            let mut cells = Vec::new();
            let mut column = 0;
            for c in row {
                let w: f32 = widths.iter().skip(column).take(c.span).sum();
                let content = self.cell_lines(c, w - 2.0 * pad);
                cells.push((column, w, content, c.shaded));
                column += c.span;
            }
            let h = cells.iter().map(|c| Self::cell_height(&c.2)).fold(0.0, f32::max) + 2.0 * pad;
            laid.push((cells, h));
        }
        let header_height: f32 = laid.iter().take(t.header_rows).map(|r| r.1).sum();
        for i in 0..laid.len() {
            let h = laid[i].1;
            if self.y + h > self.bottom && self.y > self.top + header_height + 1.0 {
                self.new_page();
                if i >= t.header_rows {
                    for header in &laid[..t.header_rows] {
                        self.draw_row(header, &widths, x0, t.borders, pad);
                    }
                }
            }
            self.draw_row(&laid[i], &widths, x0, t.borders, pad);
        }
        self.y += 6.0;
    }

    #[allow(clippy::type_complexity)]
    fn draw_row(
        &mut self,
        (cells, h): &(Vec<(usize, f32, Vec<(Vec<Line>, Para)>, bool)>, f32),
        widths: &[f32],
        x0: f32,
        borders: bool,
        pad: f32,
    ) {
        let top = self.y;
        for (column, w, content, shaded) in cells {
            let x = x0 + widths.iter().take(*column).sum::<f32>();
            if *shaded {
                self.op(Op::Fill { x, y: top, w: *w, h: *h, rgb: 0xE7E6E6 });
            }
            if borders {
                self.op(Op::Stroke { x, y: top, w: *w, h: *h });
            }
            let mut y = top + pad;
            for (lines, p) in content {
                y += p.space_before;
                if let Some(rule) = p.rule {
                    let saved = self.y;
                    self.y = y;
                    self.rule(x + pad, w - 2.0 * pad, rule);
                    self.y = saved;
                    y += 4.0;
                } else {
                    y += self.draw_lines(lines, p, x + pad, y, w - 2.0 * pad);
                }
                y += p.space_after;
            }
        }
        self.y = top + h;
    }

    /// Horizontal bars with their labels and values, as on the dashboard.
    fn chart(&mut self, c: &BarChart) {
        let height = mm(c.height_mm);
        if self.y + height > self.bottom {
            self.new_page();
        }
        let title = Para::new(Align::Center, vec![Run::new(&c.title, 12.0).bold()]);
        let lines = self.lines(&title, self.width);
        let (left, width) = (self.left, self.width);
        let used = self.draw_lines(&lines, &title, left, self.y, width);
        let top = self.y + used + 4.0;
        let label_width = mm(55.0);
        let bar_room = self.width - label_width - mm(15.0);
        let max = c.bars.iter().map(|b| b.value).fold(1.0, f64::max) as f32;
        let row = ((height - used - 8.0) / c.bars.len().max(1) as f32).min(22.0);
        for (i, bar) in c.bars.iter().enumerate() {
            let y = top + row * i as f32;
            let label = Para::text(Align::Right, &bar.label, 10.0);
            let lines = self.lines(&label, label_width - 6.0);
            self.draw_lines(&lines, &label, self.left, y + row * 0.2, label_width - 6.0);
            let w = bar_room * bar.value as f32 / max;
            let x = self.left + label_width;
            if w > 0.0 {
                self.op(Op::Fill { x, y: y + row * 0.15, w, h: row * 0.7, rgb: bar.color });
            }
            let value = Para::text(Align::Left, format!("{}", bar.value), 10.0);
            let lines = self.lines(&value, mm(15.0));
            self.draw_lines(&lines, &value, x + w + 3.0, y + row * 0.2, mm(15.0));
        }
        let axis_x = self.left + label_width;
        self.op(Op::Line { x1: axis_x, y1: top, x2: axis_x, y2: top + row * c.bars.len() as f32 });
        self.y = top + row * c.bars.len() as f32 + 8.0;
    }

    /// "2", "3", … centred in the top margin of every page after the first.
    fn page_numbers(&mut self) {
        for i in 1..self.pages.len() {
            let p = Para::text(Align::Center, (i + 1).to_string(), 13.0);
            let lines = self.lines(&p, self.width);
            let last = self.pages.len() - 1;
            self.pages.swap(i, last);
            let (left, width) = (self.left, self.width);
            self.draw_lines(&lines, &p, left, mm(8.0), width);
            self.pages.swap(i, last);
        }
    }

    fn finish(self, title: &str) -> Vec<u8> {
        let mut pdf = Pdf::new();
        let mut next = 1;
        let mut alloc = || {
            next += 1;
            Ref::new(next - 1)
        };
        let catalog = alloc();
        let tree = alloc();
        let info = alloc();
        // Subset each face used; glyph ids are remapped into the subset.
        let mut font_refs = Vec::new();
        let mut remaps = Vec::new();
        for (i, face) in self.faces.iter().enumerate() {
            if face.used.is_empty() {
                font_refs.push(None);
                remaps.push(subsetter::GlyphRemapper::new());
                continue;
            }
            let mut remapper = subsetter::GlyphRemapper::new();
            for gid in face.used.keys() {
                remapper.remap(*gid);
            }
            let type0 = alloc();
            write_font(&mut pdf, face, &remapper, i, type0, &mut alloc);
            font_refs.push(Some(type0));
            remaps.push(remapper);
        }
        let page_refs: Vec<(Ref, Ref)> = self.pages.iter().map(|_| (alloc(), alloc())).collect();
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree).kids(page_refs.iter().map(|p| p.0)).count(page_refs.len() as i32);
        pdf.document_info(info).title(TextStr(title)).producer(TextStr("theodoi"));
        let height = mm(PAGE_HEIGHT_MM);
        for (ops, (page_id, content_id)) in self.pages.iter().zip(&page_refs) {
            let mut page = pdf.page(*page_id);
            page.media_box(Rect::new(0.0, 0.0, mm(PAGE_WIDTH_MM), height));
            page.parent(tree);
            page.contents(*content_id);
            let mut resources = page.resources();
            let mut fonts = resources.fonts();
            for (i, r) in font_refs.iter().enumerate() {
                if let Some(r) = r {
                    fonts.pair(Name(format!("F{i}").as_bytes()), *r);
                }
            }
            fonts.finish();
            resources.finish();
            page.finish();
            let content = page_content(ops, &remaps, height);
            pdf.stream(*content_id, &deflate(&content)).filter(Filter::FlateDecode);
        }
        pdf.finish()
    }
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = ZlibEncoder::new(Vec::new(), Compression::fast());
    // Writing to a Vec cannot fail.
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

fn rgb(c: u32) -> (f32, f32, f32) {
    (((c >> 16) & 0xff) as f32 / 255.0, ((c >> 8) & 0xff) as f32 / 255.0, (c & 0xff) as f32 / 255.0)
}

fn page_content(ops: &[Op], remaps: &[subsetter::GlyphRemapper], height: f32) -> Vec<u8> {
    let mut c = Content::new();
    c.set_line_width(LINE_WIDTH);
    for op in ops {
        match op {
            Op::Fill { x, y, w, h, rgb: color } => {
                let (r, g, b) = rgb(*color);
                c.set_fill_rgb(r, g, b);
                c.rect(*x, height - y - h, *w, *h).fill_nonzero();
                c.set_fill_gray(0.0);
            }
            Op::Stroke { x, y, w, h } => {
                c.rect(*x, height - y - h, *w, *h).stroke();
            }
            Op::Line { x1, y1, x2, y2 } => {
                c.move_to(*x1, height - y1).line_to(*x2, height - y2).stroke();
            }
            Op::Rule { x1, x2, y } => {
                c.save_state();
                c.set_line_width(RULE_WIDTH).set_stroke_gray(0.0);
                c.move_to(*x1, height - y).line_to(*x2, height - y).stroke();
                c.restore_state();
            }
            Op::Glyphs { face, size, x, y, glyphs } => {
                let bytes: Vec<u8> =
                    glyphs.iter().flat_map(|g| remaps[*face].get(*g).unwrap_or(0).to_be_bytes()).collect();
                c.begin_text();
                c.set_font(Name(format!("F{face}").as_bytes()), *size);
                c.set_text_matrix([1.0, 0.0, 0.0, 1.0, *x, height - y]);
                c.show(Str(&bytes));
                c.end_text();
            }
        }
    }
    c.finish().to_vec()
}

/// A subset of one face as a Type0/CIDFontType2 font with Identity-H
/// encoding and a ToUnicode map, so text can be searched and copied.
fn write_font(
    pdf: &mut Pdf,
    face: &Face<'_>,
    remapper: &subsetter::GlyphRemapper,
    index: usize,
    type0: Ref,
    alloc: &mut impl FnMut() -> Ref,
) {
    let (cid, descriptor, cmap_ref, file) = (alloc(), alloc(), alloc(), alloc());
    let postscript = face
        .face
        .names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .and_then(|n| n.to_string())
        .unwrap_or_else(|| "LiberationSerif".into());
    let tag: String = (0..6).map(|i| char::from(b'A' + ((index * 7 + i * 3) % 26) as u8)).collect();
    let base = format!("{tag}+{postscript}");
    let subset = subsetter::subset(face.data, 0, remapper).unwrap_or_else(|_| face.data.to_vec());
    let scale = 1000.0 / face.units;

    pdf.type0_font(type0)
        .base_font(Name(base.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap_ref);

    let mut widths = vec![0.0f32; usize::from(remapper.num_gids())];
    for old in face.used.keys() {
        if let Some(new) = remapper.get(*old) {
            widths[usize::from(new)] = face.advance(*old) * 1000.0;
        }
    }
    let system = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
    let mut font = pdf.cid_font(cid);
    font.subtype(CidFontType::Type2)
        .base_font(Name(base.as_bytes()))
        .system_info(system)
        .font_descriptor(descriptor)
        .default_width(0.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    font.widths().consecutive(0, widths);
    font.finish();

    let b = face.face.global_bounding_box();
    let mut flags = FontFlags::SERIF | FontFlags::NON_SYMBOLIC;
    if face.face.is_italic() {
        flags |= FontFlags::ITALIC;
    }
    pdf.font_descriptor(descriptor)
        .name(Name(base.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(
            f32::from(b.x_min) * scale,
            f32::from(b.y_min) * scale,
            f32::from(b.x_max) * scale,
            f32::from(b.y_max) * scale,
        ))
        .italic_angle(face.face.italic_angle())
        .ascent(f32::from(face.face.ascender()) * scale)
        .descent(f32::from(face.face.descender()) * scale)
        .cap_height(f32::from(face.face.capital_height().unwrap_or(662)) * scale)
        .stem_v(if index % 2 == 1 { 140.0 } else { 80.0 })
        .font_file2(file);

    let mut cmap = pdf_writer::types::UnicodeCmap::new(Name(b"Custom"), system);
    for (old, c) in &face.used {
        if let Some(new) = remapper.get(*old) {
            cmap.pair(new, *c);
        }
    }
    pdf.cmap(cmap_ref, &cmap.finish());
    let length = subset.len() as i32;
    pdf.stream(file, &deflate(&subset)).filter(Filter::FlateDecode).pair(Name(b"Length1"), length);
}
