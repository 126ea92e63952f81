//! How long one full recompute takes: projections, scores, softmax and context.
//! Run with `cargo bench --bench engine`.

use criterion::{Criterion, criterion_group, criterion_main};
use qkv_tutor::engine::{Attention, AttentionInput, Matrix};
use qkv_tutor::scenario::Scenario;
use std::hint::black_box;

fn largest_input() -> AttentionInput {
    #[allow(clippy::cast_precision_loss, reason = "small indices")]
    let fill = |r: usize, c: usize| ((r * 31 + c * 17) % 13) as f64 - 6.0;
    AttentionInput {
        x: Matrix::from_fn(16, 64, fill),
        w_q: Matrix::from_fn(64, 64, fill),
        w_k: Matrix::from_fn(64, 64, |r, c| fill(c, r)),
        w_v: Matrix::from_fn(64, 64, fill),
        scale: true,
        causal: true,
    }
}

fn recompute(c: &mut Criterion) {
    let lesson = Scenario::lesson().input;
    c.bench_function("attention lesson T=2 D=4", |b| {
        b.iter(|| Attention::compute(black_box(lesson.clone())));
    });
    let largest = largest_input();
    c.bench_function("attention T=16 D=64 d_k=d_v=64", |b| {
        b.iter(|| Attention::compute(black_box(largest.clone())));
    });
}

criterion_group!(benches, recompute);
criterion_main!(benches);
