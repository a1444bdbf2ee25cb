//! The Rust side of `benches/batch_throughput.py`: times
//! `Classifier::classify_batch` over the given files repeated `--repeat`
//! times, on a pool of `--threads` threads, and prints one JSON line per
//! run (`{"threads", "documents", "bytes", "seconds"}`).
//!
//! ```text
//! cargo run --release -p outage-news-python --example batch_throughput -- --threads 2 --runs 5 --repeat 50 data/samples/*
//! ```

use std::time::Instant;

fn main() {
    let mut threads = 0usize;
    let mut runs = 5usize;
    let mut repeat = 1usize;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().and_then(|v| v.parse().ok()).expect("a number after the option");
        match a.as_str() {
            "--threads" => threads = value(),
            "--runs" => runs = value(),
            "--repeat" => repeat = value(),
            _ => files.push(a),
        }
    }
    let texts: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).expect("a UTF-8 file")).collect();
    let docs: Vec<&str> = (0..repeat).flat_map(|_| texts.iter().map(String::as_str)).collect();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let classifier = outage::Classifier::new().expect("classifier");
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
    for _ in 0..runs {
        let start = Instant::now();
        let facts = pool.install(|| classifier.classify_batch(&docs));
        let seconds = start.elapsed().as_secs_f64();
        assert_eq!(facts.len(), docs.len());
        println!(
            "{{\"threads\": {}, \"documents\": {}, \"bytes\": {bytes}, \"seconds\": {seconds:.6}}}",
            pool.current_num_threads(),
            docs.len()
        );
    }
}
