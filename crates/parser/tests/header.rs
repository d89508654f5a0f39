use theodoi_parser::header::{parse_header, Header};
use theodoi_parser::normalize::normalize;
use theodoi_parser::text::lines;

fn header_of(text: &str) -> Header {
    parse_header(&lines(&normalize(text)))
}

#[test]
fn dump_all() {
    for f in [
        "tests/fixtures/header/seed.txt",
        "tests/fixtures/real/01_ubtvqh_1339_2024_pipe-table.txt",
        "tests/fixtures/real/02_ttg_2623_2025_labelled-fields.txt",
        "tests/fixtures/real/03_sonla_2954_2025_agency-headings.txt",
        "tests/fixtures/real/04_hcm_2820_2025_flattened-pipe-table.txt",
        "tests/fixtures/real/05_ttg_844_2026_pdf-text-table.txt",
    ] {
        let t = std::fs::read_to_string(f).unwrap();
        let h = header_of(&t);
        let ls = lines(&normalize(&t));
        eprintln!("== {f}\n{:#?}\nbody_start line: {:?}", h, ls.get(h.body_start));
    }
}
