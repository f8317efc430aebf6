//! Criterion benchmark of the two loop orders of `src/main.rs`, at three sizes:
//!
//!     cargo bench -p ex-benchmark --features bench
//!
//! Add `-- rows` to run only the benchmarks whose name contains "rows", or
//! `-- --save-baseline before` / `-- --baseline before` to compare two versions.
//! Criterion keeps its results and an HTML report in `target/criterion/`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

// The benchmark needs the functions of the exercise's binary. A bench target cannot
// import a binary crate, so it compiles `main.rs` again as a module of its own; its
// `main` is then unused here, which is fine.
#[allow(dead_code)]
#[path = "../src/main.rs"]
mod exercise;

fn traversal(c: &mut Criterion) {
    let mut group = c.benchmark_group("sum");
    // 100 x 100 (80 kB) fits in a core's L2 cache, 1000 x 1000 (8 MB) in a large L3,
    // 3000 x 3000 (72 MB) in no cache at all.
    for n in [100, 1000, 3000] {
        let a = exercise::matrix(n);
        // Report elements per second too, which compares across sizes.
        group.throughput(Throughput::Elements((n * n) as u64));
        group.bench_with_input(BenchmarkId::new("by rows", n), &a, |b, a| {
            b.iter(|| exercise::sum_by_rows(black_box(a.view())))
        });
        group.bench_with_input(BenchmarkId::new("by columns", n), &a, |b, a| {
            b.iter(|| exercise::sum_by_columns(black_box(a.view())))
        });
    }
    group.finish();
}

criterion_group!(benches, traversal);
criterion_main!(benches);
