//! Classify news articles and print their outage facts.
//!
//! ```text
//! cargo run --release --example classify -- [--pretty] [--lexicon FILE]... [PATH ...]
//! ```
//!
//! A PATH is a file (its id is the path as given), a directory (its .txt,
//! .html and .md files, recursively, sorted), or `-` for JSON Lines
//! `{"id": ..., "text": ...}` on stdin. Without a PATH the shipped samples in
//! `data/samples/` are classified. One JSON `DocumentFacts` per line goes to
//! stdout, in input order; `--pretty` prints a readable summary instead.
//! Documents that cannot be read are named on stderr and skipped; the exit
//! code is then 1.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use outage_news::{Classifier, DocumentFacts, Fact};

const EXTENSIONS: &[&str] = &["txt", "html", "htm", "md"];

fn main() -> ExitCode {
    let mut pretty = false;
    let mut lexicons = Vec::new();
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pretty" => pretty = true,
            "--lexicon" => match args.next() {
                Some(p) => lexicons.push(PathBuf::from(p)),
                None => return usage("--lexicon needs a file"),
            },
            "-h" | "--help" => {
                println!(
                    "usage: classify [--pretty] [--lexicon FILE]... [PATH ...]  (PATH: file, directory or - for JSONL on stdin)"
                );
                return ExitCode::SUCCESS;
            }
            _ if a.starts_with("--") => return usage(&format!("unknown option {a}")),
            _ => paths.push(a),
        }
    }
    if paths.is_empty() {
        paths.push(concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples").to_string());
    }

    let mut builder = Classifier::builder();
    for l in &lexicons {
        builder = builder.lexicon_file(l);
    }
    let classifier = match builder.build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };

    let mut failed = false;
    let mut sources: Vec<Source> = Vec::new();
    for p in &paths {
        if p == "-" {
            read_jsonl(&mut sources, &mut failed);
        } else {
            collect(Path::new(p), p.clone(), &mut sources, &mut failed);
        }
    }

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // read and classify in chunks: output starts early, memory stays bounded
    for chunk in sources.chunks(16) {
        let mut docs: Vec<(String, Vec<u8>)> = Vec::with_capacity(chunk.len());
        for source in chunk {
            match source {
                Source::Text(id, text) => docs.push((id.clone(), text.clone().into_bytes())),
                Source::File(id, path) => match std::fs::read(path) {
                    Ok(bytes) => docs.push((id.clone(), bytes)),
                    Err(e) => {
                        eprintln!("error: {}: {e}", path.display());
                        failed = true;
                    }
                },
            }
        }
        for facts in classifier.classify_batch_bytes_with_ids(&docs) {
            let written = if pretty {
                write_pretty(&mut out, &facts)
            } else {
                serde_json::to_string(&facts).map_err(std::io::Error::other).and_then(|s| writeln!(out, "{s}"))
            };
            if written.is_err() {
                return ExitCode::from(1); // stdout closed
            }
        }
    }
    let _ = out.flush();
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("error: {msg}\nusage: classify [--pretty] [--lexicon FILE]... [PATH ...]");
    ExitCode::from(2)
}

/// A document to classify: a file read when its turn comes, or a JSONL text.
enum Source {
    File(String, PathBuf),
    Text(String, String),
}

/// A file, or a directory's article files recursively in sorted order.
fn collect(path: &Path, id: String, docs: &mut Vec<Source>, failed: &mut bool) {
    if path.is_dir() {
        let entries = match std::fs::read_dir(path) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                *failed = true;
                return;
            }
        };
        let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        children.sort();
        for c in children {
            let is_article = c.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e));
            if c.is_dir() || is_article {
                let id = c.display().to_string();
                collect(&c, id, docs, failed);
            }
        }
        return;
    }
    if path.exists() {
        docs.push(Source::File(id, path.to_path_buf()));
    } else {
        eprintln!("error: {}: no such file or directory", path.display());
        *failed = true;
    }
}

fn read_jsonl(docs: &mut Vec<Source>, failed: &mut bool) {
    #[derive(serde::Deserialize)]
    struct Line {
        id: Option<serde_json::Value>,
        text: String,
    }
    let stdin = std::io::stdin();
    for (n, line) in stdin.lock().lines().enumerate() {
        let n = n + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: stdin line {n}: {e}");
                *failed = true;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Line>(&line) {
            Ok(l) => {
                let id = match l.id {
                    Some(serde_json::Value::String(s)) => s,
                    Some(v) => v.to_string(),
                    None => format!("stdin:{n}"),
                };
                docs.push(Source::Text(id, l.text));
            }
            Err(e) => {
                eprintln!("error: stdin line {n}: {e}");
                *failed = true;
            }
        }
    }
}

fn ids(facts: &[Fact]) -> String {
    facts.iter().map(|f| f.id.as_str()).collect::<Vec<_>>().join(", ")
}

fn write_pretty(out: &mut impl Write, f: &DocumentFacts) -> std::io::Result<()> {
    writeln!(out, "== {}", f.id.as_deref().unwrap_or("-"))?;
    if let Some(e) = &f.error {
        writeln!(out, "   error:    {e}")?;
    }
    if let Some(t) = &f.meta.title {
        writeln!(out, "   title:    {t}")?;
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
            writeln!(out, "   scale:       users {:?}, reports {:?}", i.scale.users, i.scale.reports)?;
        }
    }
    for (n, r) in f.related_incidents.iter().enumerate() {
        writeln!(out, "   earlier #{}: {} | {}", n + 1, ids(&r.services), ids(&r.symptoms))?;
    }
    writeln!(out)
}
