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

mod warc;

use std::borrow::Cow;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::time::Instant;

use clap::{Parser, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use outage_news::{Article, Classifier, DocumentFacts, Fact};

const EXTENSIONS: &[&str] = &["txt", "html", "htm", "md"];

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

    /// Worker threads for classifying (default, or 0: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,

    /// Add a dictionary file (the format of data/lexicon/) to the embedded
    /// dictionary; may be given more than once.
    #[arg(long, value_name = "FILE")]
    lexicon: Vec<PathBuf>,

    /// Read `-` (standard input) as a WARC file, plain or gzipped, instead
    /// of JSON Lines.
    #[arg(long)]
    warc: bool,

    /// Most documents classified together: a batch is what has arrived, up
    /// to N, so a lone line on a live feed is answered at once.
    #[arg(long, value_name = "N", default_value_t = 64)]
    batch: usize,

    /// No progress bar (it shows only when stderr is a terminal and the
    /// input is files or WARC).
    #[arg(long)]
    no_progress: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One JSON DocumentFacts per line.
    Jsonl,
    /// A readable summary per document.
    Pretty,
}

/// A document read, owning its input.
pub struct Doc {
    pub id: String,
    pub body: Body,
    pub published: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub charset: Option<String>,
}

/// A document's content.
pub enum Body {
    Text(String),
    Bytes(Vec<u8>),
}

impl Doc {
    fn article(&self) -> Article<'_> {
        let mut a = match &self.body {
            Body::Text(t) => Article::from_text(t),
            Body::Bytes(b) => Article::from_bytes(b),
        };
        a = a.id(self.id.as_str());
        if let Some(p) = &self.published {
            a = a.published(p.as_str());
        }
        if let Some(u) = &self.url {
            a = a.url(u.as_str());
        }
        if let Some(t) = &self.title {
            a = a.title(t.as_str());
        }
        if let Some(c) = &self.charset {
            a = a.charset(c);
        }
        a
    }
}

/// Counters shared by the reading thread and the writer.
#[derive(Default)]
struct Counts {
    bytes: AtomicU64,
    skipped: AtomicU64,
    errors: AtomicU64,
}

/// Where errors go: stderr, above the progress bar when there is one.
#[derive(Clone)]
struct Report {
    bar: Option<ProgressBar>,
    counts: Arc<Counts>,
}

impl Report {
    fn error(&self, msg: &str) {
        self.counts.errors.fetch_add(1, Ordering::Relaxed);
        self.warn(&format!("error: {msg}"));
    }

    fn warn(&self, msg: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{msg}")),
            None => eprintln!("{msg}"),
        }
    }
}

/// One input as given on the command line.
enum Input {
    File(String, PathBuf),
    Warc(String, PathBuf),
    Stdin,
    StdinWarc,
}

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    if cli.pretty {
        cli.format = Format::Pretty;
    }
    let batch = cli.batch.max(1);
    let mut builder = Classifier::builder();
    for l in &cli.lexicon {
        builder = builder.lexicon_file(l);
    }
    let classifier = match builder.build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(cli.threads.unwrap_or(0)).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: --threads: {e}");
            return ExitCode::from(2);
        }
    };
    if cli.paths.is_empty() {
        cli.paths.push(concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples").to_string());
    }

    let counts = Arc::new(Counts::default());
    let mut report = Report { bar: None, counts: counts.clone() };
    let mut inputs = Vec::new();
    for p in &cli.paths {
        if p == "-" {
            inputs.push(if cli.warc { Input::StdinWarc } else { Input::Stdin });
        } else {
            collect(Path::new(p), p.clone(), &mut inputs, &report);
        }
    }
    let from_files = inputs.iter().all(|i| matches!(i, Input::File(..) | Input::Warc(..)));
    if from_files && !cli.no_progress && io::stderr().is_terminal() {
        let total: u64 = inputs
            .iter()
            .map(|i| match i {
                Input::File(_, p) | Input::Warc(_, p) => std::fs::metadata(p).map_or(0, |m| m.len()),
                _ => 0,
            })
            .sum();
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr_with_hz(4));
        bar.set_style(
            ProgressStyle::with_template(
                "{elapsed_precise} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}  {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        report.bar = Some(bar);
    }

    // the reader runs ahead of the classifier by at most two batches:
    // memory stays bounded whatever the input's length
    let live = inputs.iter().any(|i| matches!(i, Input::Stdin | Input::StdinWarc));
    let (tx, rx) = mpsc::sync_channel::<Doc>(2 * batch);
    let reader = {
        let report = report.clone();
        std::thread::spawn(move || read_inputs(inputs, &tx, &report))
    };
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

/// Read every input in order and send its documents.
fn read_inputs(inputs: Vec<Input>, tx: &SyncSender<Doc>, report: &Report) {
    for input in inputs {
        let go_on = match input {
            Input::File(id, path) => match std::fs::read(&path) {
                Ok(bytes) => {
                    report.counts.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                    let doc =
                        Doc { id, body: Body::Bytes(bytes), published: None, url: None, title: None, charset: None };
                    tx.send(doc).is_ok()
                }
                Err(e) => {
                    report.error(&format!("{}: {e}", path.display()));
                    true
                }
            },
            Input::Warc(name, path) => match std::fs::File::open(&path) {
                Ok(f) => read_warc(&name, io::BufReader::with_capacity(1 << 20, f), tx, report),
                Err(e) => {
                    report.error(&format!("{}: {e}", path.display()));
                    true
                }
            },
            Input::StdinWarc => read_warc("stdin", io::BufReader::with_capacity(1 << 20, io::stdin()), tx, report),
            Input::Stdin => read_jsonl(tx, report),
        };
        if !go_on {
            return;
        }
    }
}

fn read_warc(name: &str, input: impl BufRead, tx: &SyncSender<Doc>, report: &Report) -> bool {
    let mut last = 0u64;
    let mut go_on = true;
    warc::read(name, input, &mut |event, pos| {
        report.counts.bytes.fetch_add(pos.saturating_sub(last), Ordering::Relaxed);
        last = last.max(pos);
        match event {
            warc::Event::Doc(d) => go_on = tx.send(d).is_ok(),
            warc::Event::Skipped => {
                report.counts.skipped.fetch_add(1, Ordering::Relaxed);
            }
            warc::Event::Error(e) => report.error(&e),
        }
        go_on
    });
    go_on
}

/// Longest JSON line read (longer ones are skipped with an error).
const MAX_LINE: usize = 64 * 1024 * 1024;

/// JSON Lines from stdin, sent as each line arrives.
fn read_jsonl(tx: &SyncSender<Doc>, report: &Report) -> bool {
    #[derive(serde::Deserialize)]
    struct Line<'a> {
        #[serde(default)]
        id: Option<serde_json::Value>,
        #[serde(borrow)]
        text: Cow<'a, str>,
        #[serde(default)]
        published: Option<String>,
        #[serde(default)]
        url: Option<String>,
        #[serde(default)]
        title: Option<String>,
    }
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut buf = Vec::new();
    let mut n = 0u64;
    loop {
        n += 1;
        buf.clear();
        let too_long = match read_line(&mut input, &mut buf, MAX_LINE) {
            Ok(None) => return true,
            Ok(Some(too_long)) => too_long,
            Err(e) => {
                report.error(&format!("stdin line {n}: {e}"));
                return true;
            }
        };
        report.counts.bytes.fetch_add(buf.len() as u64, Ordering::Relaxed);
        if too_long {
            report.error(&format!("stdin line {n}: longer than {} MiB, skipped", MAX_LINE >> 20));
            continue;
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line = match serde_json::from_slice::<Line<'_>>(&buf) {
            Ok(l) => l,
            Err(e) => {
                report.error(&format!("stdin line {n}: {e}"));
                continue;
            }
        };
        let id = match line.id {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Null) | None => format!("stdin:{n}"),
            Some(v) => v.to_string(),
        };
        let bad_date = line.published.as_deref().filter(|p| Article::from("").published(*p).get_published().is_none());
        if let Some(p) = bad_date {
            report.warn(&format!("warning: stdin line {n}: \"published\" is no ISO 8601 date ({p:?}), ignored"));
        }
        let doc = Doc {
            id,
            body: Body::Text(line.text.into_owned()),
            published: line.published,
            url: line.url,
            title: line.title,
            charset: None,
        };
        if tx.send(doc).is_err() {
            return false;
        }
    }
}

/// Read one line (without its line end) into `buf`, at most `max` bytes of
/// it: `None` at the end of the input, else whether the line was longer
/// (the rest of it is consumed and dropped).
fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Option<bool>> {
    let mut read_any = false;
    let mut too_long = false;
    loop {
        let (done, used) = {
            let chunk = match r.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                return Ok(read_any.then_some(too_long));
            }
            read_any = true;
            let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (&chunk[..i], i + 1),
                None => (chunk, 0),
            };
            if buf.len() + part.len() > max {
                too_long = true;
                buf.clear();
            } else if !too_long {
                buf.extend_from_slice(part);
            }
            if done > 0 { (true, done) } else { (false, part.len()) }
        };
        r.consume(used);
        if done {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(too_long));
        }
    }
}

/// A file, a directory's article and WARC files recursively in sorted
/// order.
fn collect(path: &Path, id: String, inputs: &mut Vec<Input>, report: &Report) {
    if path.is_dir() {
        let entries = match std::fs::read_dir(path) {
            Ok(e) => e,
            Err(e) => {
                report.error(&format!("{}: {e}", path.display()));
                return;
            }
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for c in children {
            let ext = c.extension().and_then(|e| e.to_str());
            if c.is_dir() || ext.is_some_and(|e| EXTENSIONS.contains(&e)) || is_warc(&c) {
                let id = c.display().to_string();
                collect(&c, id, inputs, report);
            }
        }
        return;
    }
    if !path.exists() {
        report.error(&format!("{}: no such file or directory", path.display()));
    } else if is_warc(path) {
        inputs.push(Input::Warc(id, path.to_path_buf()));
    } else {
        inputs.push(Input::File(id, path.to_path_buf()));
    }
}

fn is_warc(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
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
