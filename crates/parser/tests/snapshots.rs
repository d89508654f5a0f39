//! The whole output for the seed and for each real example, held as
//! snapshots: any change in what the parser reads shows up in review.
//! After an intended change, accept with `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test`) and read the diff.

use theodoi_parser::Options;

fn parsed(name: &str, bytes: &[u8]) -> theodoi_parser::Document {
    theodoi_parser::parse(bytes, &Options { name: Some(name.into()), ..Options::default() }).expect("parses")
}

#[test]
fn seed() {
    let doc =
        parsed("qd-2999-ubnd-thanh-hoa-2021.txt", include_bytes!("../../../examples/qd-2999-ubnd-thanh-hoa-2021.txt"));
    insta::assert_json_snapshot!("seed", doc);
}

macro_rules! real_example {
    ($test:ident, $file:literal) => {
        #[test]
        fn $test() {
            let doc = parsed($file, include_bytes!(concat!("fixtures/real/", $file)));
            insta::assert_json_snapshot!(stringify!($test), doc);
        }
    };
}

real_example!(pipe_table_1339, "01_ubtvqh_1339_2024_pipe-table.txt");
real_example!(labelled_fields_2623, "02_ttg_2623_2025_labelled-fields.txt");
real_example!(agency_headings_2954, "03_sonla_2954_2025_agency-headings.txt");
real_example!(flattened_pipe_table_2820, "04_hcm_2820_2025_flattened-pipe-table.txt");
real_example!(pdf_text_844, "05_ttg_844_2026_pdf-text-table.txt");
