//! Parser throughput on the seed document (Decision 2999/QĐ-UBND).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const SEED: &[u8] = include_bytes!("../../../examples/qd-2999-ubnd-thanh-hoa-2021.txt");

fn parse_seed(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(SEED.len() as u64));
    let options = theodoi_parser::Options::default();
    group.bench_function("seed", |b| b.iter(|| theodoi_parser::parse(std::hint::black_box(SEED), &options)));
    group.finish();
}

criterion_group!(benches, parse_seed);
criterion_main!(benches);
