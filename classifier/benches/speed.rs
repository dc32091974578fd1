//! Speed and size of the classifier, with whatlang and lingua measured in the same run.
//! `cargo bench -p classifier` (prints the model's heap size before the timings).
//!
//! Targets (issue 4): ≥ 20,000 classifications/s of 200-character messages on one core,
//! ≥ 200,000 language detections/s, model load < 20 ms, loaded model < 30 MB.

use std::hint::black_box;

use classifier::eval::baselines;
use classifier::lang::analyse;
use classifier::route::features::extract;
use classifier::text::normalize;
use classifier::{Model, classify_with, detect_language_with};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

include!("common/messages.rs");

fn bench(c: &mut Criterion) {
    let model = Model::shipped();
    eprintln!(
        "loaded model: {:.2} MB on the heap ({} bytes on disk)",
        model.heap_bytes() as f64 / 1e6,
        Model::shipped_bytes().len()
    );

    let mut g = c.benchmark_group("model");
    g.bench_function("load (decode + index)", |b| b.iter(|| Model::decode(black_box(Model::shipped_bytes()))));
    g.finish();

    let mut g = c.benchmark_group("classify");
    g.throughput(Throughput::Elements(MESSAGES.len() as u64));
    g.bench_function("classify 200-char messages", |b| {
        b.iter(|| {
            for m in MESSAGES {
                black_box(classify_with(model, black_box(m)));
            }
        })
    });
    g.finish();

    // Where the time goes, stage by stage (same messages).
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Elements(MESSAGES.len() as u64));
    let norms: Vec<_> = MESSAGES.iter().map(|m| normalize(m)).collect();
    let analyses: Vec<_> = norms.iter().map(|n| analyse(&model.lang, n)).collect();
    let feats: Vec<_> = norms.iter().zip(&analyses).map(|(n, a)| extract(n, &a.words, a.guess.lang)).collect();
    g.bench_function("normalize", |b| {
        b.iter(|| {
            for m in MESSAGES {
                black_box(normalize(black_box(m)));
            }
        })
    });
    g.bench_function("language analysis", |b| {
        b.iter(|| {
            for n in &norms {
                black_box(analyse(&model.lang, black_box(n)));
            }
        })
    });
    g.bench_function("features", |b| {
        b.iter(|| {
            for (n, a) in norms.iter().zip(&analyses) {
                black_box(extract(black_box(n), &a.words, a.guess.lang));
            }
        })
    });
    g.bench_function("router scores", |b| {
        b.iter(|| {
            for f in &feats {
                black_box(model.router.score(black_box(f)));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("language detection");
    g.throughput(Throughput::Elements(MESSAGES.len() as u64));
    g.bench_function("kairyluu", |b| {
        b.iter(|| {
            for m in MESSAGES {
                black_box(detect_language_with(model, black_box(m)));
            }
        })
    });
    g.bench_function("kairyluu, 40-char messages", |b| {
        b.iter(|| {
            for m in SHORT {
                black_box(detect_language_with(model, black_box(m)));
            }
        })
    });
    g.bench_function("whatlang", |b| {
        b.iter(|| {
            for m in MESSAGES {
                black_box(whatlang::detect(black_box(m)));
            }
        })
    });
    let lingua = baselines::lingua_detector();
    lingua.detect_language_of(MESSAGES[0]); // loads its models outside the timing
    g.bench_function("lingua (6 languages)", |b| {
        b.iter(|| {
            for m in MESSAGES {
                black_box(lingua.detect_language_of(black_box(*m)));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
