//! Classify news articles and print their outage facts.
//!
//! ```text
//! cargo run --release --example classify -- [OPTIONS] [PATH ...]
//! cargo run --release --example classify -- --help
//! ```
//!
//! A PATH is a file (its id is the path as given), a directory (its .txt,
//! .html, .htm, .md, .warc and .warc.gz files, recursively, sorted), a WARC
//! file (`.warc`, `.warc.gz`: one document per HTML or text response
//! record), or `-` for JSON Lines on standard input, read as they arrive
//! (`--warc`: a WARC file on standard input). Without a PATH the shipped
//! samples in `data/samples/` are classified. One JSON `DocumentFacts` per
//! line goes to stdout, in input order, each batch as soon as it is done.
//! Errors name the input (file and line, or file and byte offset), the input
//! is skipped, the rest still goes out, and the exit code is then 1.

mod input;

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::sync::mpsc::Receiver;
use std::time::Instant;

use clap::{Parser, ValueEnum};
use input::{Doc, Reading, Report};
use outage_news::{Article, Classifier, DocumentFacts, Fact};

/// Classify news articles about internet and cloud outages (ko, zh, id, de,
/// en) and print their outage facts.
///
/// Output is one JSON DocumentFacts per line on stdout, in input order. A
/// summary line (documents, outages, skipped records, errors, MB/s) goes to
/// stderr at the end. Errors name the file and line or byte offset; the rest
/// of the input is still read, and the exit code is then 1 (2: bad options or
/// dictionary file).
#[derive(Parser, Debug)]
#[command(name = "classify", version, max_term_width = 100)]
struct Cli {
    /// Files, directories or `-`. A file is one article (plain text, HTML
    /// or markdown, any common encoding; its id is the path). A directory
    /// is its .txt, .html, .htm, .md, .warc and .warc.gz files, recursively,
    /// sorted. A `.warc` or `.warc.gz` file is a web archive (CC-NEWS):
    /// each HTML or text response record is one article, its id the
    /// record's WARC-Target-URI. `-` reads JSON Lines from stdin as they
    /// arrive, one object per line: {"id": ..., "text": ..., "published":
    /// "2025-03-01", "url": ..., "title": ...} (only "text" is required).
    /// Without a PATH, the shipped samples (data/samples) are classified.
    #[arg(value_name = "PATH")]
    paths: Vec<String>,

    /// Output format: `jsonl`, one JSON DocumentFacts per line; `pretty`, a
    /// readable summary per document.
    #[arg(long, value_enum, default_value_t = Format::Jsonl, value_name = "FORMAT")]
    format: Format,

    /// Short for `--format pretty`.
    #[arg(long)]
    pretty: bool,

    /// Write only the documents that report an outage (`is_outage`).
    #[arg(long)]
    only_outages: bool,

    #[command(flatten)]
    input: input::Options,

    /// Most documents classified together: a batch is what has arrived, up
    /// to N, so a lone line on a live feed is answered at once.
    #[arg(long, value_name = "N", default_value_t = 64)]
    batch: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One JSON DocumentFacts per line.
    Jsonl,
    /// A readable summary per document.
    Pretty,
}

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    if cli.pretty {
        cli.format = Format::Pretty;
    }
    let batch = cli.batch.max(1);
    let (classifier, pool) = match input::classifier_and_pool(&cli.input) {
        Ok(both) => both,
        Err(code) => return code,
    };
    if cli.paths.is_empty() {
        cli.paths.push(concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples").to_string());
    }

    let Reading { rx, report, reader, live } = input::start(&cli.paths, &cli.input, batch);
    let counts = report.counts.clone();
    let started = Instant::now();
    let (docs, outages, closed) = write_results(
        &classifier,
        &pool,
        &rx,
        Output { batch, format: cli.format, only_outages: cli.only_outages, live },
        &report,
    );
    drop(rx);
    let _ = reader.join();
    if let Some(bar) = &report.bar {
        bar.finish_and_clear();
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    let bytes = counts.bytes.load(Ordering::Relaxed);
    let errors = counts.errors.load(Ordering::Relaxed);
    eprintln!(
        "classify: {docs} documents, {outages} outages, {} skipped records, {errors} errors, {:.1} MB in {secs:.1} s ({:.1} MB/s)",
        counts.skipped.load(Ordering::Relaxed),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
    );
    if errors > 0 || closed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// How results are made and written.
#[derive(Clone, Copy)]
struct Output {
    /// Most documents classified together.
    batch: usize,
    format: Format,
    only_outages: bool,
    /// Standard input: classify what has arrived rather than wait for a
    /// full batch.
    live: bool,
}

/// Classify what arrives, batch by batch, and write each batch's results
/// in order as soon as it is done. Returns documents, outages, and whether
/// stdout was closed.
fn write_results(
    classifier: &Classifier,
    pool: &rayon::ThreadPool,
    rx: &Receiver<Doc>,
    how: Output,
    report: &Report,
) -> (u64, u64, bool) {
    let Output { batch, format, only_outages, live } = how;
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let (mut docs, mut outages) = (0u64, 0u64);
    let mut pending: Vec<Doc> = Vec::with_capacity(batch);
    // blocks for the first document, then takes whatever else has arrived
    // (a live feed); from files, waits for a full batch (no core idles on
    // a batch of one while the reader inflates the next record)
    while let Ok(first) = rx.recv() {
        pending.push(first);
        while pending.len() < batch {
            let next = if live { rx.try_recv().map_err(|_| ()) } else { rx.recv().map_err(|_| ()) };
            match next {
                Ok(d) => pending.push(d),
                Err(()) => break,
            }
        }
        let articles: Vec<Article<'_>> = pending.iter().map(Doc::article).collect();
        let results = pool.install(|| classifier.classify_batch(&articles));
        drop(articles);
        pending.clear();
        for facts in &results {
            docs += 1;
            outages += u64::from(facts.is_outage);
            if only_outages && !facts.is_outage {
                continue;
            }
            let written = match format {
                Format::Pretty => write_pretty(&mut out, facts),
                Format::Jsonl => match serde_json::to_string(facts) {
                    Ok(s) => writeln!(out, "{s}"),
                    Err(e) => Err(io::Error::other(e)),
                },
            };
            if written.is_err() {
                return (docs, outages, true); // stdout closed
            }
        }
        if out.flush().is_err() {
            return (docs, outages, true);
        }
        if let Some(bar) = &report.bar {
            bar.set_position(report.counts.bytes.load(Ordering::Relaxed));
            bar.set_message(format!("{docs} documents, {outages} outages"));
        }
    }
    (docs, outages, false)
}

fn ids(facts: &[Fact]) -> String {
    facts.iter().map(|f| f.id.as_str()).collect::<Vec<_>>().join(", ")
}

fn number(n: Option<u64>) -> String {
    n.map_or_else(|| "-".to_string(), |n| n.to_string())
}

fn write_pretty(out: &mut impl Write, f: &DocumentFacts) -> io::Result<()> {
    writeln!(out, "== {}", f.id.as_deref().unwrap_or("-"))?;
    if let Some(e) = &f.error {
        writeln!(out, "   error:    {e}")?;
    }
    if let Some(t) = &f.meta.title {
        writeln!(out, "   title:    {t}")?;
    }
    if let Some(p) = &f.meta.published {
        writeln!(out, "   published: {p}")?;
    }
    if let Some(u) = &f.meta.url {
        writeln!(out, "   url:      {u}")?;
    }
    writeln!(
        out,
        "   language: {} ({:.2})   outage: {} (score {:.2})",
        f.language.code.as_deref().unwrap_or("?"),
        f.language.confidence,
        f.is_outage,
        f.outage_score
    )?;
    if let Some(i) = &f.incident {
        writeln!(out, "   providers:   {}", i.providers.join(", "))?;
        writeln!(out, "   services:    {}", ids(&i.services))?;
        if !i.unlisted_services.is_empty() {
            let names: Vec<&str> = i.unlisted_services.iter().map(|u| u.name.as_str()).collect();
            writeln!(out, "   unlisted:    {}", names.join(", "))?;
        }
        writeln!(out, "   symptoms:    {}", ids(&i.symptoms))?;
        writeln!(out, "   causes:      {}", ids(&i.causes))?;
        writeln!(out, "   mitigations: {}", ids(&i.mitigations))?;
        writeln!(out, "   status:      {}", i.status.as_ref().map_or("-", |s| s.id.as_str()))?;
        writeln!(out, "   regions:     {}", ids(&i.regions))?;
        if let Some(d) = i.duration_minutes {
            writeln!(out, "   duration:    {d} min")?;
        }
        for t in &i.times {
            writeln!(out, "   time:        {} {} ({})", t.local, t.utc_offset.as_deref().unwrap_or(""), t.text)?;
        }
        if i.scale.users.is_some() || i.scale.reports.is_some() {
            writeln!(out, "   scale:       users {}, reports {}", number(i.scale.users), number(i.scale.reports))?;
        }
    }
    for (n, r) in f.related_incidents.iter().enumerate() {
        writeln!(out, "   earlier #{}: {} | {}", n + 1, ids(&r.services), ids(&r.symptoms))?;
    }
    writeln!(out)
}
