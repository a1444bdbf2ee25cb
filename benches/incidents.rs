//! Streaming facts through the incident tracker: time per fact and the
//! number of open incidents as the stream grows (both should stay flat:
//! the tracker's state is bounded by its horizon).
//!
//! The facts are the real ones of the project's own outage articles
//! (`tests/gold`, `data/samples`), classified once, then replayed with new
//! ids and a clock advancing one minute per article, so a stream of 100,000
//! covers about 70 days. `cargo bench --bench incidents`; results in
//! BENCHMARKS.md.

use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use outage_news::incidents::Incidents;
use outage_news::{Classifier, DocumentFacts};

/// The outage facts of the project's own articles.
fn seed_facts() -> Vec<DocumentFacts> {
    let classifier = Classifier::new().expect("classifier");
    let mut out = Vec::new();
    for dir in ["tests/gold", "data/samples"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .expect("articles")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md" || e == "html"))
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).expect("UTF-8");
            let f = classifier.classify(&text);
            if f.is_outage {
                out.push(f);
            }
        }
    }
    out
}

/// A stream of `n` facts: the seed facts in turn, one minute apart.
fn stream(seed: &[DocumentFacts], n: usize) -> Vec<(DocumentFacts, String)> {
    (0..n)
        .map(|i| {
            let mut f = seed[i % seed.len()].clone();
            f.id = Some(format!("a{i}"));
            let minutes = i as u64;
            let day = 1 + minutes / 1440;
            let (month, day) = (1 + (day - 1) / 28, 1 + (day - 1) % 28);
            let published = format!("2026-{month:02}-{day:02}T{:02}:{:02}:00Z", minutes / 60 % 24, minutes % 60);
            if let Some(inc) = f.incident.as_mut() {
                inc.date = None;
            }
            (f, published)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let seed = seed_facts();
    let mut group = c.benchmark_group("incidents");
    group.sample_size(10);
    for n in [25_000usize, 100_000] {
        let facts = stream(&seed, n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("stream", n), &facts, |b, facts| {
            b.iter(|| {
                let mut t = Incidents::new();
                let mut closed = 0;
                for (i, (f, p)) in facts.iter().enumerate() {
                    t.add(f, Some(p));
                    if i % 1000 == 999 {
                        closed += t.take_closed().len();
                    }
                }
                (closed, t.snapshot().len())
            })
        });
        // the open incidents at the end: flat, whatever the length
        let mut t = Incidents::new();
        let mut peak = 0;
        for (i, (f, p)) in facts.iter().enumerate() {
            t.add(f, Some(p));
            if i % 1000 == 999 {
                t.take_closed();
                peak = peak.max(t.snapshot().len());
            }
        }
        eprintln!("incidents/stream/{n}: at most {peak} open incidents");
    }
    // the steady state: 10,000 more facts into a tracker that has already
    // taken 15,000 or 90,000 (its state cloned for each sample)
    let facts = stream(&seed, 100_000);
    for before in [15_000usize, 90_000] {
        let mut warm = Incidents::new();
        for (i, (f, p)) in facts[..before].iter().enumerate() {
            warm.add(f, Some(p));
            if i % 1000 == 999 {
                warm.take_closed();
            }
        }
        let next = &facts[before..before + 10_000];
        group.throughput(Throughput::Elements(next.len() as u64));
        group.bench_with_input(BenchmarkId::new("next_10000_after", before), &next, |b, next| {
            b.iter_batched(
                || warm.clone(),
                |mut t| {
                    for (i, (f, p)) in next.iter().enumerate() {
                        t.add(f, Some(p));
                        if i % 1000 == 999 {
                            t.take_closed();
                        }
                    }
                    t
                },
                criterion::BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
