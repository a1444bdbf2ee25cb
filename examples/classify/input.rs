//! Reading a command line's inputs (files, directories, WARC files, JSON
//! Lines on standard input as they arrive) into documents, on a thread of
//! its own, for the `classify` and `incidents` examples.

use std::borrow::Cow;
use std::io::{self, BufRead, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::JoinHandle;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::process::ExitCode;

use outage_news::warc::Records;
use outage_news::{Article, Classifier};

/// The command-line options of reading and classifying that `classify`
/// and `incidents` share.
#[derive(clap::Args, Debug)]
pub struct Options {
    /// Worker threads for classifying (default, or 0: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Add a dictionary file (the format of data/lexicon/) to the embedded
    /// dictionary; may be given more than once.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,

    /// Read `-` (standard input) as a WARC file, plain or gzipped, instead
    /// of JSON Lines.
    #[arg(long)]
    pub warc: bool,

    /// No progress bar (it shows only when stderr is a terminal and the
    /// input is files or WARC).
    #[arg(long)]
    pub no_progress: bool,
}

/// The classifier with the dictionary files added, and the thread pool
/// (`threads`: `None` or 0, one per core); on error, a message on stderr
/// and exit code 2.
pub fn classifier_and_pool(options: &Options) -> Result<(Classifier, rayon::ThreadPool), ExitCode> {
    let threads = options.threads;
    let mut builder = Classifier::builder();
    for l in &options.lexicon {
        builder = builder.lexicon_file(l);
    }
    let classifier = builder.build().map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.unwrap_or(0)).build().map_err(|e| {
        eprintln!("error: --threads: {e}");
        ExitCode::from(2)
    })?;
    Ok((classifier, pool))
}

/// The documents of a command line's inputs, arriving on `rx`.
pub struct Reading {
    /// Documents, in input order; the reader runs at most two batches ahead.
    pub rx: Receiver<Doc>,
    /// Where errors go, and the counters.
    pub report: Report,
    /// The reading thread.
    pub reader: JoinHandle<()>,
    /// Whether an input is standard input (a live feed: answer what has
    /// arrived rather than wait for a full batch).
    pub live: bool,
}

/// Start reading `paths` (files, directories, WARC files, `-`; `--warc`:
/// `-` is a WARC file) on a thread of its own, with a progress bar on a
/// terminal unless `--no-progress`.
pub fn start(paths: &[String], options: &Options, batch: usize) -> Reading {
    let (warc, no_progress) = (options.warc, options.no_progress);
    let counts = Arc::new(Counts::default());
    let mut report = Report { bar: None, counts };
    let mut inputs = Vec::new();
    for p in paths {
        if p == "-" {
            inputs.push(if warc { Input::StdinWarc } else { Input::Stdin });
        } else {
            collect(Path::new(p), p.clone(), &mut inputs, &report);
        }
    }
    let from_files = inputs.iter().all(|i| matches!(i, Input::File(..) | Input::Warc(..)));
    if from_files && !no_progress && io::stderr().is_terminal() {
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
    let (tx, rx) = mpsc::sync_channel::<Doc>(2 * batch.max(1));
    let reader = {
        let report = report.clone();
        std::thread::spawn(move || read_inputs(inputs, &tx, &report))
    };
    Reading { rx, report, reader, live }
}

const EXTENSIONS: &[&str] = &["txt", "html", "htm", "md"];

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
    pub fn article(&self) -> Article<'_> {
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
pub struct Counts {
    pub bytes: AtomicU64,
    pub skipped: AtomicU64,
    pub errors: AtomicU64,
}

/// Where errors go: stderr, above the progress bar when there is one.
#[derive(Clone)]
pub struct Report {
    pub bar: Option<ProgressBar>,
    pub counts: Arc<Counts>,
}

impl Report {
    pub fn error(&self, msg: &str) {
        self.counts.errors.fetch_add(1, Ordering::Relaxed);
        self.warn(&format!("error: {msg}"));
    }

    pub fn warn(&self, msg: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{msg}")),
            None => eprintln!("{msg}"),
        }
    }
}

/// One input as given on the command line.
pub enum Input {
    File(String, PathBuf),
    Warc(String, PathBuf),
    Stdin,
    StdinWarc,
}

/// Read every input in order and send its documents.
pub fn read_inputs(inputs: Vec<Input>, tx: &SyncSender<Doc>, report: &Report) {
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

/// The pages of a WARC file (the library's `warc::Records`) as documents;
/// damaged parts are reported as errors, named by the file and offset.
/// Returns false when the receiver wants no more.
pub fn read_warc(name: &str, input: impl BufRead, tx: &SyncSender<Doc>, report: &Report) -> bool {
    let mut records = Records::new(input);
    let mut last = 0u64;
    while let Some(item) = records.next() {
        let pos = records.position();
        report.counts.bytes.fetch_add(pos.saturating_sub(last), Ordering::Relaxed);
        last = last.max(pos);
        match item {
            Ok(r) => {
                let id = r.id_in(name);
                let doc = Doc {
                    id,
                    body: Body::Bytes(r.body),
                    published: r.date,
                    url: r.uri,
                    title: None,
                    charset: r.charset,
                };
                if tx.send(doc).is_err() {
                    return false;
                }
            }
            Err(e) => report.error(&format!("{name}: {e}")),
        }
    }
    report.counts.skipped.fetch_add(records.skipped(), Ordering::Relaxed);
    report.counts.bytes.fetch_add(records.position().saturating_sub(last), Ordering::Relaxed);
    true
}

/// Longest JSON line read (longer ones are skipped with an error).
const MAX_LINE: usize = 64 * 1024 * 1024;

/// JSON Lines from stdin, sent as each line arrives.
pub fn read_jsonl(tx: &SyncSender<Doc>, report: &Report) -> bool {
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
pub fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Option<bool>> {
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
pub fn collect(path: &Path, id: String, inputs: &mut Vec<Input>, report: &Report) {
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

pub fn is_warc(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}
