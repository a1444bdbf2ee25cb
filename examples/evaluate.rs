//! Measure the classifier against hand-labelled articles.
//!
//! ```text
//! cargo run --release --example evaluate -- [--json] [--texts DIR] [--lexicon FILE]... GOLD_DIR
//! ```
//!
//! GOLD_DIR holds `<id>.json` labels (format: `outage_news::eval::GoldLabel`)
//! and their articles `<id>.txt` (or `.html`/`.md`); `--texts DIR` looks for
//! the articles in DIR instead. Prints precision, recall and F1 per fact kind,
//! accuracies, earlier-incident leaks, a per-language table and every error;
//! `--json` prints the same figures as one JSON object; `--lexicon FILE` adds
//! a dictionary file of your own (the format of `data/lexicon/`) to the
//! shipped one, so new vocabulary is measured without a rebuild.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use outage_news::Classifier;
use outage_news::eval::{Evaluation, GoldLabel};

fn main() -> ExitCode {
    let mut json = false;
    let mut texts: Option<PathBuf> = None;
    let mut gold: Option<PathBuf> = None;
    let mut lexicons: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = true,
            "--texts" => texts = args.next().map(PathBuf::from),
            "--lexicon" => lexicons.extend(args.next().map(PathBuf::from)),
            _ if a.starts_with("--") => {
                eprintln!("unknown option {a}\nusage: evaluate [--json] [--texts DIR] [--lexicon FILE]... GOLD_DIR");
                return ExitCode::from(2);
            }
            _ => gold = Some(PathBuf::from(a)),
        }
    }
    let Some(gold) = gold else {
        eprintln!("usage: evaluate [--json] [--texts DIR] [--lexicon FILE]... GOLD_DIR");
        return ExitCode::from(2);
    };
    let builder = lexicons.iter().fold(Classifier::builder(), |b, p| b.lexicon_file(p));
    let classifier = match builder.build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match run(&classifier, &gold, texts.as_deref().unwrap_or(&gold)) {
        Ok((eval, failed)) => {
            let report = eval.report();
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            // a closed pipe (| head) is not an error worth a panic
            let _ = if json {
                serde_json::to_string(&report).map_err(std::io::Error::other).and_then(|s| writeln!(out, "{s}"))
            } else {
                write!(out, "{report}")
            };

            if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Err(e) => {
            eprintln!("error: {}: {e}", gold.display());
            ExitCode::from(2)
        }
    }
}

fn run(classifier: &Classifier, gold: &Path, texts: &Path) -> std::io::Result<(Evaluation, bool)> {
    let mut labels: Vec<PathBuf> = std::fs::read_dir(gold)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    labels.sort();
    let mut eval = Evaluation::default();
    let mut failed = false;
    for path in labels {
        let label: GoldLabel = match std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
        {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                failed = true;
                continue;
            }
        };
        let stem = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        let text = ["txt", "html", "md"]
            .iter()
            .map(|ext| texts.join(format!("{stem}.{ext}")))
            .find(|p| p.exists())
            .and_then(|p| std::fs::read(p).ok())
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        match text {
            Some(t) => eval.add(&label, &classifier.classify_with_id(stem, &t)),
            None => {
                eprintln!("error: no article for {}", path.display());
                failed = true;
            }
        }
    }
    Ok((eval, failed))
}
