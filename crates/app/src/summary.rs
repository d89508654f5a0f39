//! The readable summary `theodoi parse` prints without `--json`.

use std::io::{self, Write};

use theodoi_parser::Document;

pub fn write(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    writeln!(out, "{}", doc.source.name.as_deref().unwrap_or("(không tên)"))
}
