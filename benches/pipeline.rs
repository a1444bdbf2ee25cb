//! Throughput of outage-news, stage by stage and end to end, per language,
//! each beside the bare tokenizer on the same text; the firehose mix; the
//! batch method on one thread and on every core; construction.
//!
//! `cargo bench` runs everything; `cargo bench -- ko/` one language.
//! Results and ratios: BENCHMARKS.md.

use std::borrow::Cow;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use lindera::dictionary::{DictionaryKind, load_embedded_dictionary};
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;
use outage_news::{Classifier, stages};
use unicode_segmentation::UnicodeSegmentation;

const LANGS: [&str; 5] = ["ko", "zh", "id", "de", "en"];

/// Article files of a directory whose names start with `prefix`.
fn read_dir(dir: &str, prefix: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "txt" || e == "html" || e == "md")
                && p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .collect();
    paths.sort();
    paths.into_iter().map(|p| std::fs::read_to_string(p).expect("UTF-8 article")).collect()
}

/// The articles of a language: the shipped samples and the gold set.
fn corpus(lang: &str) -> Vec<String> {
    let prefix = format!("{lang}-");
    let mut v = read_dir("data/samples", &prefix);
    v.extend(read_dir("tests/gold", &prefix));
    v
}

fn bytes(texts: &[String]) -> u64 {
    texts.iter().map(|t| t.len() as u64).sum()
}

/// Long measurements with many samples: other tenants of a shared machine
/// slow it down in bursts, and the report takes medians.
fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(8)).sample_size(40)
}

fn construction(c: &mut Criterion) {
    let mut g = c.benchmark_group("construction");
    g.sample_size(10);
    g.bench_function("Classifier::new", |b| b.iter(|| Classifier::new().expect("builds")));
    g.finish();
}

fn per_language(c: &mut Criterion) {
    let classifier = Classifier::new().expect("builds");
    let lindera = Segmenter::new(Mode::Normal, load_embedded_dictionary(DictionaryKind::KoDic).expect("ko-dic"), None);
    let jieba = jieba_rs::Jieba::new();
    for lang in LANGS {
        let texts = corpus(lang);
        let prepared: Vec<_> = texts.iter().map(|t| stages::prepare(&classifier, t)).collect();
        let mut g = c.benchmark_group(lang);
        g.throughput(Throughput::Bytes(bytes(&texts)));
        // the bare tokenizer on the same articles, line by line
        g.bench_function("tokenizer", |b| {
            b.iter(|| {
                let mut n = 0usize;
                for t in &texts {
                    for line in t.lines() {
                        n += match lang {
                            "ko" => lindera.segment(Cow::Borrowed(line)).map_or(0, |v| v.len()),
                            "zh" => jieba.cut(line, true).len(),
                            _ => line.unicode_words().count(),
                        };
                    }
                }
                n
            })
        });
        if !matches!(lang, "ko" | "zh") {
            // Two more readings of "`unicode_words` alone", reported beside
            // the one above, which the acceptance ratio uses. Since
            // unicode-segmentation 1.13, `unicode_words` takes an ASCII-only
            // shortcut on a string without a non-ASCII char: most English
            // and Indonesian lines, few German ones.
            // - each whole article: a single curly quote or dash sends the
            //   whole article down the UAX #29 path;
            g.bench_function("tokenizer_whole_article", |b| {
                b.iter(|| texts.iter().map(|t| t.unicode_words().count()).sum::<usize>())
            });
            // - line by line, always the UAX #29 path: the word boundaries
            //   with the alphanumeric filter `unicode_words` applies to them
            //   (as it did on every string before 1.13).
            g.bench_function("tokenizer_uax29", |b| {
                b.iter(|| {
                    let mut n = 0usize;
                    for t in &texts {
                        for line in t.lines() {
                            n += line.split_word_bounds().filter(|w| w.chars().any(char::is_alphanumeric)).count();
                        }
                    }
                    n
                })
            });
        }
        g.bench_function("end_to_end", |b| {
            b.iter(|| texts.iter().map(|t| classifier.classify(t).is_outage as usize).sum::<usize>())
        });
        g.bench_function("1_clean", |b| b.iter(|| texts.iter().map(|t| stages::clean(t)).sum::<usize>()));
        g.bench_function("2_detect", |b| {
            b.iter(|| prepared.iter().filter(|p| stages::detect(&classifier, p).is_some()).count())
        });
        g.bench_function("3_segment", |b| {
            b.iter(|| prepared.iter().map(|p| stages::segment(&classifier, p)).sum::<usize>())
        });
        g.bench_function("4_dictionary_pass", |b| {
            b.iter(|| prepared.iter().map(|p| stages::dictionary_pass(&classifier, p)).sum::<usize>())
        });
        g.bench_function("4_match", |b| {
            b.iter(|| prepared.iter().map(|p| stages::matching(&classifier, p)).sum::<usize>())
        });
        g.bench_function("5_extract", |b| {
            b.iter(|| prepared.iter().zip(&texts).map(|(p, t)| stages::extract(&classifier, p, t)).sum::<f64>())
        });
        g.finish();
    }
}

/// Nine articles in ten not about outages, against outage reports alone.
fn firehose(c: &mut Criterion) {
    let classifier = Classifier::new().expect("builds");
    let mut outages = Vec::new();
    for lang in LANGS {
        for t in corpus(lang) {
            if classifier.classify(&t).is_outage {
                outages.push(t);
            }
        }
    }
    let other = read_dir("benches/data/firehose", "");
    let mut mix = Vec::new();
    let mut k = 0;
    for o in &outages {
        mix.push(o.clone());
        for _ in 0..9 {
            mix.push(other[k % other.len()].clone());
            k += 1;
        }
    }
    let mut g = c.benchmark_group("firehose");
    g.throughput(Throughput::Bytes(bytes(&mix)));
    g.bench_function("mix_9_in_10_not_outage", |b| {
        b.iter(|| mix.iter().filter(|t| classifier.classify(t).is_outage).count())
    });
    g.throughput(Throughput::Bytes(bytes(&outages)));
    g.bench_function("outage_reports_only", |b| {
        b.iter(|| outages.iter().filter(|t| classifier.classify(t).is_outage).count())
    });
    g.finish();
}

/// The batch method on one thread and on every core.
fn batch(c: &mut Criterion) {
    let classifier = Classifier::new().expect("builds");
    let mut texts = Vec::new();
    for lang in LANGS {
        texts.extend(corpus(lang));
    }
    texts.extend(read_dir("benches/data/firehose", ""));
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Bytes(bytes(&texts)));
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let all = rayon::ThreadPoolBuilder::new().num_threads(cores).build().expect("pool");
    for (name, pool) in [("1_thread", &one), ("all_cores", &all)] {
        g.bench_with_input(BenchmarkId::new("classify_batch", name), &texts, |b, texts| {
            b.iter(|| pool.install(|| classifier.classify_batch(texts).len()))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = construction, per_language, firehose, batch
}
criterion_main!(benches);
