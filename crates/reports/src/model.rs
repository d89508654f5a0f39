//! The document model every official paper is built in once and then
//! written as DOCX or PDF: paragraphs of runs, tables (with or without
//! borders: NĐ 30's letterhead and signature block are borderless two-column
//! tables), bar charts and short centred rules. Sizes are in points and
//! millimetres, the units the decree uses.

/// A4 portrait, in millimetres.
pub const PAGE_WIDTH_MM: f32 = 210.0;
pub const PAGE_HEIGHT_MM: f32 = 297.0;

/// NĐ 30/2020 Appendix I margins: top and bottom 20 mm, left 30 mm, right
/// 15 mm (the lower ends of the allowed ranges, to fit wide tables).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

pub const ND30_MARGINS: Margins = Margins { top: 20.0, bottom: 20.0, left: 30.0, right: 15.0 };

/// Width available for text between the margins.
pub fn text_width_mm(m: &Margins) -> f32 {
    PAGE_WIDTH_MM - m.left - m.right
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
}

impl Run {
    pub fn new(text: impl Into<String>, size: f32) -> Run {
        Run { text: text.into(), size, bold: false, italic: false }
    }

    pub fn bold(mut self) -> Run {
        self.bold = true;
        self
    }

    pub fn italic(mut self) -> Run {
        self.italic = true;
        self
    }
}

/// A paragraph, or (with `rule`) a short centred horizontal line of that
/// many millimetres, the stroke NĐ 30 draws under the issuer and the motto.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub runs: Vec<Run>,
    pub align: Align,
    /// First-line indent in millimetres (body text: 10 mm).
    pub indent_mm: f32,
    pub space_before: f32,
    pub space_after: f32,
    pub rule: Option<f32>,
}

impl Para {
    pub fn new(align: Align, runs: Vec<Run>) -> Para {
        Para { runs, align, indent_mm: 0.0, space_before: 0.0, space_after: 0.0, rule: None }
    }

    /// One run of plain text.
    pub fn text(align: Align, text: impl Into<String>, size: f32) -> Para {
        Para::new(align, vec![Run::new(text, size)])
    }

    /// A short centred line `width_mm` long.
    pub fn rule(width_mm: f32) -> Para {
        Para { rule: Some(width_mm), space_after: 2.0, ..Para::new(Align::Center, Vec::new()) }
    }

    pub fn after(mut self, points: f32) -> Para {
        self.space_after = points;
        self
    }

    pub fn before(mut self, points: f32) -> Para {
        self.space_before = points;
        self
    }

    pub fn indent(mut self, mm: f32) -> Para {
        self.indent_mm = mm;
        self
    }

    /// The paragraph's text, runs joined.
    pub fn plain(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A table cell: one or more paragraphs; `span` columns wide.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub paras: Vec<Para>,
    pub span: usize,
    /// Grey background (header rows, group rows).
    pub shaded: bool,
}

impl Cell {
    pub fn new(paras: Vec<Para>) -> Cell {
        Cell { paras, span: 1, shaded: false }
    }

    /// A cell of one paragraph.
    pub fn text(align: Align, text: impl Into<String>, size: f32) -> Cell {
        Cell::new(vec![Para::text(align, text, size)])
    }

    pub fn span(mut self, columns: usize) -> Cell {
        self.span = columns.max(1);
        self
    }

    pub fn shaded(mut self) -> Cell {
        self.shaded = true;
        self
    }

    pub fn bold(mut self) -> Cell {
        for p in &mut self.paras {
            for r in &mut p.runs {
                r.bold = true;
            }
        }
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column widths in millimetres.
    pub widths: Vec<f32>,
    pub rows: Vec<Vec<Cell>>,
    /// Rows repeated at the top of each page the table runs onto.
    pub header_rows: usize,
    pub borders: bool,
}

/// A horizontal bar chart: one bar per category.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub title: String,
    pub bars: Vec<Bar>,
    pub height_mm: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// RGB colour, e.g. 0x2E7D32.
    pub color: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
    Chart(BarChart),
}

/// A whole paper: its blocks, and whether pages from the second on carry a
/// centred page number at the top (NĐ 30 for documents of several pages).
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub title: String,
    pub margins: Margins,
    pub blocks: Vec<Block>,
    pub page_numbers: bool,
}

impl Doc {
    pub fn new(title: impl Into<String>) -> Doc {
        Doc { title: title.into(), margins: ND30_MARGINS, blocks: Vec::new(), page_numbers: true }
    }

    pub fn push(&mut self, block: impl Into<Block>) {
        self.blocks.push(block.into());
    }
}

impl From<Para> for Block {
    fn from(p: Para) -> Block {
        Block::Para(p)
    }
}

impl From<Table> for Block {
    fn from(t: Table) -> Block {
        Block::Table(t)
    }
}

impl From<BarChart> for Block {
    fn from(c: BarChart) -> Block {
        Block::Chart(c)
    }
}
