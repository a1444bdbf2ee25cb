//! Group a feed's articles into outage incidents and print them.
//!
//! ```text
//! cargo run --release --example incidents -- [OPTIONS] [PATH ...]
//! cargo run --release --example incidents -- - < feed.jsonl
//! cargo run --release --example classify -- feed/ | cargo run --release --example incidents -- --facts -
//! ```
//!
//! It reads what `classify` reads (files, directories, WARC files, JSON
//! Lines on standard input with `published`), classifies every article and
//! feeds its facts to `outage_news::incidents::Incidents`; with `--facts`
//! it reads the facts JSON Lines `classify` writes instead. One JSON
//! incident per line goes to stdout, ordered by first report (`--pretty`:
//! a readable timeline per incident). By default the outage reports are
//! clustered at the end in the order of their outage days, whatever the
//! input's order; `--stream` writes incidents as they close, in bounded
//! memory, for a live feed. With `--gold FILE` (JSON Lines with
//! `id` and `incident`, the golden cluster or null) it prints pairwise and
//! BCubed scores of the clustering to stderr.

#[path = "classify/input.rs"]
mod input;

use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::Ordering;

use clap::Parser;
use outage_news::incidents::{DEFAULT_HORIZON_DAYS, DEFAULT_WINDOW_DAYS, Incidents, MergedIncident};
use outage_news::{Article, DocumentFacts};

use input::Reading;

/// Group news articles about internet and cloud outages (ko, zh, id, de,
/// en) into incidents: one per outage, merged over its articles in every
/// language, and print them.
///
/// Articles join an incident when they share its provider, their services
/// overlap (or one side names only the provider) and the day they report
/// lies within --window-days of the incident's (the day the text states,
/// else the publication time). Articles that report no outage never join.
/// Output is one JSON incident per line, ordered by first report.
#[derive(Parser, Debug)]
#[command(name = "incidents", version, max_term_width = 100)]
struct Cli {
    /// Files, directories or `-`, as for `classify`: `-` reads JSON Lines
    /// from stdin, one article per line: {"id": ..., "text": ...,
    /// "published": "2025-03-01T09:30:00Z", "url": ..., "title": ...}; with
    /// --facts, one DocumentFacts per line (classify's output).
    #[arg(value_name = "PATH")]
    paths: Vec<String>,

    /// The input lines are facts written by `classify`, not articles.
    #[arg(long)]
    facts: bool,

    /// A readable timeline per incident instead of JSON Lines.
    #[arg(long)]
    pretty: bool,

    /// Days between an article's outage day and an incident's within which
    /// it may join.
    #[arg(long, value_name = "DAYS", default_value_t = DEFAULT_WINDOW_DAYS)]
    window_days: f64,

    /// Days an incident stays open after its newest article (articles may
    /// arrive out of order within it); older incidents are written out.
    #[arg(long, value_name = "DAYS", default_value_t = DEFAULT_HORIZON_DAYS)]
    horizon_days: f64,

    /// Score the clustering against golden clusters: a JSON Lines file with
    /// "id" and "incident" (the golden cluster, or null for an article that
    /// reports no outage) per article. Scores go to stderr.
    #[arg(long, value_name = "FILE")]
    gold: Option<PathBuf>,

    #[command(flatten)]
    input: input::Options,

    /// Stream: add each article as it arrives and write each incident once
    /// it closes (its newest article older than --horizon-days behind the
    /// newest seen), in bounded memory, for a live feed in time order.
    /// Without it, the outage reports are gathered and clustered in the
    /// order of their outage days at the end, whatever the input's order.
    #[arg(long)]
    stream: bool,
}

/// Articles classified together.
const BATCH: usize = 64;

/// Writes incidents in first-report order as they close: a closed incident
/// waits until no open one was first reported before it.
struct Writer<W: Write> {
    out: W,
    pretty: bool,
    waiting: BTreeMap<(String, String), MergedIncident>,
    written: u64,
}

impl<W: Write> Writer<W> {
    fn take(&mut self, tracker: &mut Incidents, all: bool) -> io::Result<()> {
        for inc in tracker.take_closed() {
            self.waiting.insert((inc.first_reported.clone(), inc.id.clone()), inc);
        }
        let open_first = if all { None } else { tracker.snapshot().first().map(|i| i.first_reported.clone()) };
        while let Some(entry) = self.waiting.first_entry() {
            if open_first.as_ref().is_some_and(|f| &entry.key().0 >= f) {
                break;
            }
            let inc = entry.remove();
            self.write(&inc)?;
        }
        self.out.flush()
    }

    fn write(&mut self, inc: &MergedIncident) -> io::Result<()> {
        self.written += 1;
        if self.pretty {
            write_pretty(&mut self.out, inc)
        } else {
            writeln!(self.out, "{}", serde_json::to_string(inc).map_err(io::Error::other)?)
        }
    }
}

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    if cli.paths.is_empty() {
        cli.paths.push("-".to_string());
    }
    let horizon = if cli.stream { cli.horizon_days } else { f64::MAX };
    let mut tracker = Incidents::new().window_days(cli.window_days).horizon_days(horizon);
    let stdout = io::stdout();
    let mut writer =
        Writer { out: io::BufWriter::new(stdout.lock()), pretty: cli.pretty, waiting: BTreeMap::new(), written: 0 };
    // article id -> the incident it joined (for --gold)
    let mut joined: HashMap<String, String> = HashMap::new();
    let mut errors = 0u64;
    let mut articles = 0u64;

    // without --stream: the outage reports, clustered at the end
    let mut gathered: Vec<DocumentFacts> = Vec::new();
    let stream = cli.stream;
    let mut add = |tracker: &mut Incidents, facts: &DocumentFacts, published: Option<&str>| {
        articles += 1;
        if !stream {
            if facts.is_outage {
                let mut f = facts.clone();
                if f.meta.published.is_none() {
                    f.meta.published = published.map(str::to_string);
                }
                gathered.push(f);
            }
            return;
        }
        if let Some(id) = tracker.add(facts, published)
            && let Some(a) = &facts.id
        {
            joined.insert(a.clone(), id);
        }
    };

    if cli.facts {
        for p in &cli.paths {
            let reader: Box<dyn BufRead> = if p == "-" {
                Box::new(io::stdin().lock())
            } else {
                match std::fs::File::open(p) {
                    Ok(f) => Box::new(io::BufReader::new(f)),
                    Err(e) => {
                        eprintln!("error: {p}: {e}");
                        errors += 1;
                        continue;
                    }
                }
            };
            for (n, line) in reader.lines().enumerate() {
                let line = match line {
                    Ok(l) => l,
                    Err(e) => {
                        eprintln!("error: {p} line {}: {e}", n + 1);
                        errors += 1;
                        break;
                    }
                };
                if line.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str::<DocumentFacts>(&line) {
                    Ok(f) => add(&mut tracker, &f, None),
                    Err(e) => {
                        eprintln!("error: {p} line {}: {e}", n + 1);
                        errors += 1;
                    }
                }
                if writer.take(&mut tracker, false).is_err() {
                    return ExitCode::from(1);
                }
            }
        }
    } else {
        let (classifier, pool) = match input::classifier_and_pool(&cli.input) {
            Ok(both) => both,
            Err(code) => return code,
        };
        let Reading { rx, report, reader, live } = input::start(&cli.paths, &cli.input, BATCH);
        let mut pending = Vec::with_capacity(BATCH);
        while let Ok(first) = rx.recv() {
            pending.push(first);
            while pending.len() < BATCH {
                let next = if live { rx.try_recv().ok() } else { rx.recv().ok() };
                match next {
                    Some(d) => pending.push(d),
                    None => break,
                }
            }
            let batch: Vec<Article<'_>> = pending.iter().map(input::Doc::article).collect();
            let results = pool.install(|| classifier.classify_batch(&batch));
            drop(batch);
            for (facts, doc) in results.iter().zip(&pending) {
                add(&mut tracker, facts, doc.published.as_deref());
            }
            pending.clear();
            if writer.take(&mut tracker, false).is_err() {
                return ExitCode::from(1);
            }
            if let Some(bar) = &report.bar {
                bar.set_position(report.counts.bytes.load(Ordering::Relaxed));
            }
        }
        drop(rx);
        let _ = reader.join();
        if let Some(bar) = &report.bar {
            bar.finish_and_clear();
        }
        errors += report.counts.errors.load(Ordering::Relaxed);
    }
    if !stream {
        tracker.add_all(&gathered);
        for inc in tracker.snapshot() {
            for a in &inc.articles {
                joined.insert(a.id.clone(), inc.id.clone());
            }
        }
    }
    // the rest, open or not, in first-report order
    let rest = std::mem::replace(&mut tracker, Incidents::new()).finish();
    for inc in rest {
        writer.waiting.insert((inc.first_reported.clone(), inc.id.clone()), inc);
    }
    if writer.take(&mut tracker, true).is_err() {
        return ExitCode::from(1);
    }
    eprintln!("incidents: {articles} articles, {} incidents, {errors} errors", writer.written);
    if let Some(gold) = &cli.gold {
        match score(gold, &joined) {
            Ok(s) => eprintln!("{s}"),
            Err(e) => {
                eprintln!("error: {}: {e}", gold.display());
                errors += 1;
            }
        }
    }
    if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Pairwise and BCubed scores against a golden file.
fn score(path: &std::path::Path, joined: &HashMap<String, String>) -> io::Result<outage_news::eval::ClusterScores> {
    #[derive(serde::Deserialize)]
    struct Gold {
        id: String,
        incident: Option<String>,
    }
    let text = std::fs::read_to_string(path)?;
    let mut gold = Vec::new();
    let mut got = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let g: Gold = serde_json::from_str(line).map_err(|e| io::Error::other(format!("line {}: {e}", n + 1)))?;
        got.push(joined.get(&g.id).cloned());
        gold.push(g.incident);
    }
    Ok(outage_news::eval::cluster_scores(&got, &gold))
}

/// A readable incident: its services, what happened, and the timeline.
fn write_pretty(out: &mut impl Write, inc: &MergedIncident) -> io::Result<()> {
    let list = |v: &[outage_news::incidents::Support]| {
        v.iter().map(|s| format!("{} ({})", s.id, s.articles)).collect::<Vec<_>>().join(", ")
    };
    writeln!(out, "{}  outage {}  reported {} .. {}", inc.id, inc.outage_date, inc.first_reported, inc.last_reported)?;
    writeln!(out, "  languages: {}   articles: {}", inc.languages.join(" "), inc.articles.len())?;
    writeln!(out, "  providers: {}", inc.providers.join(", "))?;
    writeln!(out, "  services:  {}", list(&inc.services))?;
    if !inc.unlisted_services.is_empty() {
        writeln!(out, "  unlisted:  {}", list(&inc.unlisted_services))?;
    }
    writeln!(out, "  symptoms:  {}", list(&inc.symptoms))?;
    writeln!(out, "  causes:    {}", list(&inc.causes))?;
    writeln!(out, "  regions:   {}", list(&inc.regions))?;
    let duration = inc.duration_minutes.map_or_else(|| "-".to_string(), |m| format!("{m} min"));
    writeln!(out, "  status:    {}   longest stated duration: {duration}", inc.status.as_deref().unwrap_or("-"))?;
    for t in &inc.timeline {
        writeln!(out, "    {}  {:<13} {}", t.time, t.status, t.article)?;
    }
    for r in &inc.recalls {
        writeln!(
            out,
            "  recalls:   {} ({}, in {})",
            r.services.join(", "),
            r.incident.as_deref().unwrap_or("not seen"),
            r.article
        )?;
    }
    writeln!(out)
}
