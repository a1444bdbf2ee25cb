//! Python binding of `outage-news` (the `outage_news` Python package).
//!
//! Classifies news articles about internet and cloud outages (Korean,
//! Chinese, Indonesian, German, English) into structured facts, exactly
//! the JSON of the library's `DocumentFacts` as Python dicts, and groups
//! them into incidents. Classifying releases the GIL; batches run on every
//! core (rayon). WARC files (CC-NEWS) are read by the library's
//! `outage_news::warc` (`read_warc`).
//!
//! The Python-facing documentation lives in the docstrings below and in
//! `outage_news.pyi`.

#![deny(missing_docs)]

use outage::incidents::{DEFAULT_HORIZON_DAYS, DEFAULT_WINDOW_DAYS, Incidents as Tracker, MergedIncident};
use outage::{Article, DocumentFacts, Error};
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::types::{PyBytes, PyDict, PyList};
use pythonize::depythonize;

mod topy;
use topy::Keys;

/// The library's error as a Python exception: a malformed lexicon is a
/// `ValueError` naming the file and line, an unreadable one an `OSError`.
fn to_py_err(e: Error) -> PyErr {
    match e {
        Error::Lexicon { .. } => PyValueError::new_err(e.to_string()),
        Error::Io { .. } => PyOSError::new_err(e.to_string()),
        _ => PyRuntimeError::new_err(e.to_string()),
    }
}

/// Runs `f` on a rayon pool of `threads` threads (`None` or 0: the global
/// pool, every core or `RAYON_NUM_THREADS`).
fn on_threads<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    match threads {
        None | Some(0) => Ok(f()),
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| PyRuntimeError::new_err(format!("cannot start {n} threads: {e}")))?;
            Ok(pool.install(f))
        }
    }
}

/// Checks that an optional per-document list has one entry per document.
fn check_len<T>(name: &str, list: &Option<Vec<T>>, n: usize) -> PyResult<()> {
    match list {
        Some(l) if l.len() != n => {
            Err(PyValueError::new_err(format!("{name} has {} entries for {n} documents", l.len())))
        }
        _ => Ok(()),
    }
}

/// The per-document extras of a batch call.
struct Extras {
    ids: Option<Vec<Option<String>>>,
    published: Option<Vec<Option<String>>>,
    urls: Option<Vec<Option<String>>>,
    titles: Option<Vec<Option<String>>>,
    charsets: Option<Vec<Option<String>>>,
}

impl Extras {
    fn new(
        ids: Option<Vec<Option<String>>>,
        published: Option<Vec<Option<String>>>,
        urls: Option<Vec<Option<String>>>,
        titles: Option<Vec<Option<String>>>,
    ) -> Self {
        Extras { ids, published, urls, titles, charsets: None }
    }

    fn check(&self, n: usize) -> PyResult<()> {
        check_len("ids", &self.ids, n)?;
        check_len("published", &self.published, n)?;
        check_len("urls", &self.urls, n)?;
        check_len("titles", &self.titles, n)?;
        check_len("charsets", &self.charsets, n)
    }

    /// Document `i` with its extras.
    fn article<'a>(&'a self, i: usize, a: Article<'a>) -> Article<'a> {
        let get = |l: &'a Option<Vec<Option<String>>>| l.as_ref().and_then(|l| l[i].as_deref());
        let a = match get(&self.charsets) {
            Some(c) => a.charset(c),
            None => a,
        };
        with_meta(a, get(&self.ids), get(&self.published), get(&self.urls), get(&self.titles))
    }
}

/// An article with what the caller knows besides its text.
fn with_meta<'a>(
    mut a: Article<'a>,
    id: Option<&'a str>,
    published: Option<&'a str>,
    url: Option<&'a str>,
    title: Option<&'a str>,
) -> Article<'a> {
    if let Some(v) = id {
        a = a.id(v);
    }
    if let Some(v) = published {
        a = a.published(v);
    }
    if let Some(v) = url {
        a = a.url(v);
    }
    if let Some(v) = title {
        a = a.title(v);
    }
    a
}

/// Incidents as a Python list of dicts.
fn incidents_list<'py>(py: Python<'py>, incidents: &[MergedIncident]) -> PyResult<Bound<'py, PyList>> {
    let keys = Keys::new(py);
    let items = incidents.iter().map(|i| keys.to_py(i)).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// Facts dicts (as `classify` returns them) back into `DocumentFacts`.
fn facts_from(facts: &Bound<'_, PyAny>) -> PyResult<Vec<DocumentFacts>> {
    let mut out = Vec::new();
    for (i, f) in facts.try_iter()?.enumerate() {
        let f = f?;
        out.push(depythonize::<DocumentFacts>(&f).map_err(|e| PyValueError::new_err(format!("facts[{i}]: {e}")))?);
    }
    Ok(out)
}

/// Reads news articles about internet and cloud outages (ko, zh, id, de,
/// en) and returns their facts as dicts: exactly the JSON of the Rust
/// library's `DocumentFacts`.
///
/// Build it once and reuse it: construction loads the Korean and Chinese
/// dictionaries and compiles the automata (a few tenths of a second). It is
/// immutable and safe to share between threads.
///
/// Args:
///     lexicons: extra dictionary files (TOML, the format of the crate's
///         `data/lexicon/README.md`) on top of the embedded ones.
///     max_document_bytes: largest document read (default 32 MiB); larger
///         ones get empty facts with an `error` field.
///
/// Raises:
///     ValueError: a lexicon file is malformed (the message names the file
///         and line).
///     OSError: a lexicon file cannot be read.
#[pyclass(frozen, module = "outage_news", name = "Classifier")]
struct PyClassifier {
    inner: outage::Classifier,
}

#[pymethods]
impl PyClassifier {
    #[new]
    #[pyo3(signature = (lexicons=None, max_document_bytes=None))]
    fn new(
        py: Python<'_>,
        lexicons: Option<Vec<std::path::PathBuf>>,
        max_document_bytes: Option<usize>,
    ) -> PyResult<Self> {
        let mut builder = outage::Classifier::builder();
        for path in lexicons.unwrap_or_default() {
            builder = builder.lexicon_file(path);
        }
        if let Some(n) = max_document_bytes {
            builder = builder.max_document_bytes(n);
        }
        let inner = py.detach(|| builder.build()).map_err(to_py_err)?;
        Ok(PyClassifier { inner })
    }

    /// Classify one article: text (plain, HTML or markdown, with or without
    /// front matter). Never fails: text without an outage gives
    /// `is_outage == False` and `incident is None`.
    ///
    /// `published` (ISO 8601 date or date-time), `url` and `title` fill
    /// `meta` where the text's own metadata has none. Offsets in the facts
    /// are UTF-8 byte offsets into `text`.
    #[pyo3(signature = (text, id=None, published=None, url=None, title=None))]
    fn classify<'py>(
        &self,
        py: Python<'py>,
        text: String,
        id: Option<String>,
        published: Option<String>,
        url: Option<String>,
        title: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let facts = py.detach(|| {
            let a = Article::from_text(&text);
            self.inner.classify(with_meta(a, id.as_deref(), published.as_deref(), url.as_deref(), title.as_deref()))
        });
        Keys::new(py).to_py(&facts)
    }

    /// Classify an article given as bytes in any common encoding (UTF-8
    /// with or without BOM, UTF-16 with BOM, EUC-KR, GB18030/GBK, Big5,
    /// Shift_JIS, Windows-1252, ...), detected and decoded first;
    /// `meta.encoding` names it and the offsets index the decoded text.
    /// `charset` is a declared charset (an HTTP `Content-Type`'s), used when
    /// the bytes decode in it without error.
    #[pyo3(signature = (data, id=None, published=None, url=None, title=None, charset=None))]
    #[allow(clippy::too_many_arguments)]
    fn classify_bytes<'py>(
        &self,
        py: Python<'py>,
        data: &[u8],
        id: Option<String>,
        published: Option<String>,
        url: Option<String>,
        title: Option<String>,
        charset: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let facts = py.detach(|| {
            let mut a = Article::from_bytes(data);
            if let Some(c) = &charset {
                a = a.charset(c);
            }
            self.inner.classify(with_meta(a, id.as_deref(), published.as_deref(), url.as_deref(), title.as_deref()))
        });
        Keys::new(py).to_py(&facts)
    }

    /// Classify many texts on every core with the GIL released; the
    /// results keep the input order. `ids`, `published`, `urls` and
    /// `titles`, when given, have one entry (or None) per text. `threads`
    /// limits the threads used (default: every core, or
    /// `RAYON_NUM_THREADS`). A document that trips a bug gets empty facts
    /// with an `error`, and the others keep theirs.
    #[pyo3(signature = (texts, ids=None, published=None, urls=None, titles=None, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn classify_batch<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<String>,
        ids: Option<Vec<Option<String>>>,
        published: Option<Vec<Option<String>>>,
        urls: Option<Vec<Option<String>>>,
        titles: Option<Vec<Option<String>>>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let extras = Extras::new(ids, published, urls, titles);
        extras.check(texts.len())?;
        let articles: Vec<Article<'_>> =
            texts.iter().enumerate().map(|(i, t)| extras.article(i, Article::from_text(t))).collect();
        self.dicts(py, &articles, threads)
    }

    /// `classify_batch`, returning each document's facts as a JSON string
    /// (serde's, compact) instead of a dict: cheaper when the facts are
    /// stored rather than inspected.
    #[pyo3(signature = (texts, ids=None, published=None, urls=None, titles=None, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn classify_batch_json(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        ids: Option<Vec<Option<String>>>,
        published: Option<Vec<Option<String>>>,
        urls: Option<Vec<Option<String>>>,
        titles: Option<Vec<Option<String>>>,
        threads: Option<usize>,
    ) -> PyResult<Vec<String>> {
        let extras = Extras::new(ids, published, urls, titles);
        extras.check(texts.len())?;
        let articles: Vec<Article<'_>> =
            texts.iter().enumerate().map(|(i, t)| extras.article(i, Article::from_text(t))).collect();
        self.jsons(py, &articles, threads)
    }

    /// `classify_bytes` for many documents on every core with the GIL
    /// released; the results keep the input order. The optional lists
    /// (`charsets`: declared charsets, as `classify_bytes`'s `charset`)
    /// have one entry (or None) per document.
    #[pyo3(signature = (datas, ids=None, published=None, urls=None, titles=None, charsets=None, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn classify_batch_bytes<'py>(
        &self,
        py: Python<'py>,
        datas: Vec<PyBackedBytes>,
        ids: Option<Vec<Option<String>>>,
        published: Option<Vec<Option<String>>>,
        urls: Option<Vec<Option<String>>>,
        titles: Option<Vec<Option<String>>>,
        charsets: Option<Vec<Option<String>>>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let extras = Extras { charsets, ..Extras::new(ids, published, urls, titles) };
        extras.check(datas.len())?;
        let articles: Vec<Article<'_>> =
            datas.iter().enumerate().map(|(i, b)| extras.article(i, Article::from_bytes(b))).collect();
        self.dicts(py, &articles, threads)
    }

    /// `classify_batch_bytes`, returning each document's facts as a JSON
    /// string (serde's, compact), as `classify_batch_json`.
    #[pyo3(signature = (datas, ids=None, published=None, urls=None, titles=None, charsets=None, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn classify_batch_bytes_json(
        &self,
        py: Python<'_>,
        datas: Vec<PyBackedBytes>,
        ids: Option<Vec<Option<String>>>,
        published: Option<Vec<Option<String>>>,
        urls: Option<Vec<Option<String>>>,
        titles: Option<Vec<Option<String>>>,
        charsets: Option<Vec<Option<String>>>,
        threads: Option<usize>,
    ) -> PyResult<Vec<String>> {
        let extras = Extras { charsets, ..Extras::new(ids, published, urls, titles) };
        extras.check(datas.len())?;
        let articles: Vec<Article<'_>> =
            datas.iter().enumerate().map(|(i, b)| extras.article(i, Article::from_bytes(b))).collect();
        self.jsons(py, &articles, threads)
    }

    fn __repr__(&self) -> String {
        "outage_news.Classifier()".to_string()
    }
}

impl PyClassifier {
    /// Facts of `articles` as JSON strings, classified and serialised on
    /// `threads` threads with the GIL released, in input order.
    fn jsons(&self, py: Python<'_>, articles: &[Article<'_>], threads: Option<usize>) -> PyResult<Vec<String>> {
        py.detach(|| {
            on_threads(threads, || {
                use rayon::prelude::*;
                let facts = self.inner.classify_batch(articles);
                facts.par_iter().map(|f| serde_json::to_string(f).expect("facts serialise")).collect()
            })
        })
    }

    /// Facts dicts of `articles`, classified on `threads` threads with the
    /// GIL released, in input order.
    ///
    /// Converting facts to Python objects needs the GIL, so it runs on the
    /// calling thread while the pool classifies: the workers take the
    /// articles in input order, one at a time, and each result becomes a
    /// dict as soon as it and those before it are ready, instead of all of
    /// them after the last one. The dicts are built by `topy` (interned
    /// keys), with Python's cyclic garbage collector paused meanwhile.
    fn dicts<'py>(
        &self,
        py: Python<'py>,
        articles: &[Article<'_>],
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        use std::sync::{Condvar, Mutex, OnceLock};

        let pool = match threads {
            None | Some(0) => None,
            Some(n) => Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| PyRuntimeError::new_err(format!("cannot start {n} threads: {e}")))?,
            ),
        };
        let workers = pool.as_ref().map_or_else(rayon::current_num_threads, |p| p.current_num_threads());
        let slots: Vec<OnceLock<DocumentFacts>> = articles.iter().map(|_| OnceLock::new()).collect();
        let (next, stop) = (AtomicUsize::new(0), AtomicBool::new(false));
        let (lock, ready) = (Mutex::new(()), Condvar::new());
        let inner = &self.inner;
        let out = PyList::empty(py);
        let keys = Keys::new(py);
        std::thread::scope(|scope| -> PyResult<()> {
            let (slots, next, stop, lock, ready) = (&slots, &next, &stop, &lock, &ready);
            scope.spawn(move || {
                let work = || {
                    rayon::scope(|s| {
                        for _ in 0..workers.min(articles.len()) {
                            s.spawn(|_| {
                                loop {
                                    let i = next.fetch_add(1, Ordering::Relaxed);
                                    if i >= articles.len() || stop.load(Ordering::Relaxed) {
                                        break;
                                    }
                                    // a batch of one: the library's guard against a
                                    // panicking document, run on this worker
                                    let facts = inner.classify_batch(std::slice::from_ref(&articles[i]));
                                    let _ = slots[i].set(facts.into_iter().next().expect("one result"));
                                    drop(lock.lock());
                                    ready.notify_all();
                                }
                            });
                        }
                    })
                };
                match &pool {
                    Some(p) => p.install(work),
                    None => work(),
                }
            });
            let converted = (|| {
                let _pause = topy::GcPause::new(py)?;
                for slot in slots {
                    if slot.get().is_none() {
                        py.detach(|| {
                            let mut guard = lock.lock().unwrap_or_else(|e| e.into_inner());
                            while slot.get().is_none() {
                                guard = ready.wait(guard).unwrap_or_else(|e| e.into_inner());
                            }
                        });
                    }
                    out.append(keys.to_py(slot.get().expect("ready"))?)?;
                }
                Ok(())
            })();
            stop.store(true, Ordering::Relaxed);
            converted
        })?;
        Ok(out)
    }
}

/// Groups articles' facts into outage incidents, across languages and
/// days: one merged incident per outage (the Rust `incidents::Incidents`).
///
/// Add each article's facts (the dicts `Classifier.classify` returns) with
/// its publication time, in any order within the horizon; articles that
/// report no outage never start or join an incident.
///
/// Args:
///     window_days: days between an article's outage day and an
///         incident's within which it may join (default 3).
///     horizon_days: days an incident stays open after its newest article
///         (default 14); older ones are handed out by `take_closed`.
#[pyclass(module = "outage_news", name = "Incidents")]
struct PyIncidents {
    inner: Tracker,
    window_days: f64,
    horizon_days: f64,
}

#[pymethods]
impl PyIncidents {
    #[new]
    #[pyo3(signature = (window_days=DEFAULT_WINDOW_DAYS, horizon_days=DEFAULT_HORIZON_DAYS))]
    fn new(window_days: f64, horizon_days: f64) -> Self {
        PyIncidents {
            inner: Tracker::new().window_days(window_days).horizon_days(horizon_days),
            window_days,
            horizon_days,
        }
    }

    /// Add one article's facts (a dict as `classify` returns it), with its
    /// publication time (ISO 8601; default: the facts' `meta.published`).
    /// Returns the id of the incident it joined or opened, or None when it
    /// reports no outage.
    #[pyo3(signature = (facts, published=None))]
    fn add(&mut self, facts: &Bound<'_, PyAny>, published: Option<String>) -> PyResult<Option<String>> {
        let facts: DocumentFacts = depythonize(facts).map_err(|e| PyValueError::new_err(format!("facts: {e}")))?;
        Ok(self.inner.add(&facts, published.as_deref()))
    }

    /// Add many facts dicts (each with its `meta.published`) in the order of
    /// their outage times, so the incidents do not depend on the input's
    /// order.
    fn add_all(&mut self, facts: &Bound<'_, PyAny>) -> PyResult<()> {
        let facts = facts_from(facts)?;
        self.inner.add_all(&facts);
        Ok(())
    }

    /// The incidents closed since the last call (their newest article fell
    /// behind the horizon), ordered by first report, as dicts.
    fn take_closed<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        incidents_list(py, &self.inner.take_closed())
    }

    /// The incidents open now, ordered by first report, as dicts.
    fn snapshot<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        incidents_list(py, &self.inner.snapshot())
    }

    /// Every incident, open and closed, ordered by first report, as dicts;
    /// the tracker starts over empty.
    fn finish<'py>(&mut self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let fresh = Tracker::new().window_days(self.window_days).horizon_days(self.horizon_days);
        incidents_list(py, &std::mem::replace(&mut self.inner, fresh).finish())
    }

    fn __repr__(&self) -> String {
        format!("outage_news.Incidents(window_days={}, horizon_days={})", self.window_days, self.horizon_days)
    }
}

/// Cluster a batch of facts dicts (each with its `meta.published`) into
/// incidents with the default window, whatever their order; returns the
/// incidents as dicts, ordered by first report.
#[pyfunction]
fn cluster_incidents<'py>(py: Python<'py>, facts: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let facts = facts_from(facts)?;
    let incidents = py.detach(|| Tracker::cluster(&facts));
    incidents_list(py, &incidents)
}

/// What a WARC file is read from: a file, or bytes held by Python.
type WarcInput = Box<dyn std::io::BufRead + Send>;

/// The pages of a WARC file (Common Crawl's CC-NEWS format), plain or
/// gzipped, as `read_warc` returns them: an iterator of dicts, one per
/// successful HTML or text response, in file order::
///
///     {"id": str, "url": str | None, "published": str | None,
///      "charset": str | None, "data": bytes, "offset": int}
///
/// `id` is the record's `WARC-Target-URI`, else `NAME@OFFSET`; `url` the
/// URI, `published` the `WARC-Date`, `charset` the one the HTTP
/// `Content-Type` declares, `data` the HTTP body in its own encoding (for
/// `Classifier.classify_bytes` / `classify_batch_bytes`), `offset` the
/// record's (its gzip member's) byte offset in the file.
///
/// Damaged parts (a corrupt gzip member, a truncated or malformed record)
/// are skipped and reading goes on at the next member or record, as the
/// Rust `classify` example does; their messages (`NAME: byte offset N:
/// ...`) collect in `errors`, or with `strict=True` the first one raises
/// `ValueError`. Records that are no page are counted in `skipped`.
#[pyclass(module = "outage_news", name = "WarcReader")]
struct PyWarcReader {
    records: std::sync::Mutex<outage::warc::Records<WarcInput>>,
    name: String,
    strict: bool,
    errors: Vec<String>,
}

#[pymethods]
impl PyWarcReader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let records = self.records.get_mut().unwrap_or_else(|e| e.into_inner());
        loop {
            let item = py.detach(|| records.next());
            match item {
                None => return Ok(None),
                Some(Err(e)) => {
                    let msg = format!("{}: {e}", self.name);
                    if self.strict {
                        return Err(PyValueError::new_err(msg));
                    }
                    self.errors.push(msg);
                }
                Some(Ok(r)) => {
                    let d = PyDict::new(py);
                    d.set_item(intern!(py, "id"), r.id_in(&self.name))?;
                    d.set_item(intern!(py, "url"), &r.uri)?;
                    d.set_item(intern!(py, "published"), &r.date)?;
                    d.set_item(intern!(py, "charset"), &r.charset)?;
                    d.set_item(intern!(py, "data"), PyBytes::new(py, &r.body))?;
                    d.set_item(intern!(py, "offset"), r.offset)?;
                    return Ok(Some(d));
                }
            }
        }
    }

    /// The messages of the damaged parts met so far (`NAME: byte offset N:
    /// ...`).
    #[getter]
    fn errors(&self) -> Vec<String> {
        self.errors.clone()
    }

    /// How many records so far were no page (warcinfo, request, metadata,
    /// images, redirects, errors).
    #[getter]
    fn skipped(&self) -> u64 {
        self.records.lock().unwrap_or_else(|e| e.into_inner()).skipped()
    }

    /// Bytes of the file read so far.
    #[getter]
    fn position(&self) -> u64 {
        self.records.lock().unwrap_or_else(|e| e.into_inner()).position()
    }

    fn __repr__(&self) -> String {
        format!("outage_news.WarcReader({:?})", self.name)
    }
}

/// Read a WARC file (Common Crawl's CC-NEWS format), plain or gzipped (told
/// by its first bytes): `source` is the file's bytes, or a path. Returns a
/// `WarcReader`, an iterator of one dict per HTML or text page (`id`,
/// `url`, `published`, `charset`, `data`, `offset`), whose `errors` lists
/// the damaged parts skipped. `name` names the file in ids of pages
/// without a URI and in error messages (default: the path, or `warc`).
///
/// Raises:
///     OSError: the file cannot be opened.
///     ValueError: with `strict=True`, at the first damaged part.
#[pyfunction]
#[pyo3(signature = (source, name=None, strict=false))]
fn read_warc(source: &Bound<'_, PyAny>, name: Option<String>, strict: bool) -> PyResult<PyWarcReader> {
    let (input, default_name): (WarcInput, String) = if let Ok(bytes) = source.extract::<PyBackedBytes>() {
        (Box::new(std::io::Cursor::new(bytes)), "warc".to_string())
    } else {
        let path: std::path::PathBuf = source.extract().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err("read_warc takes bytes or a path (str or os.PathLike)")
        })?;
        let file = std::fs::File::open(&path).map_err(|e| PyOSError::new_err(format!("{}: {e}", path.display())))?;
        (Box::new(std::io::BufReader::with_capacity(1 << 20, file)), path.display().to_string())
    };
    Ok(PyWarcReader {
        records: std::sync::Mutex::new(outage::warc::Records::new(input)),
        name: name.unwrap_or(default_name),
        strict,
        errors: Vec::new(),
    })
}

/// A value of every serde shape as the dict converter makes it and as
/// serde_json's text (for the tests: the two must agree).
#[pyfunction]
fn _serde_shapes(py: Python<'_>) -> PyResult<(Bound<'_, PyAny>, String)> {
    topy::shapes::both(py)
}

/// Classify news articles about internet and cloud outages (Korean,
/// Chinese, Indonesian, German, English) into structured facts, and group
/// them into incidents.
#[pymodule]
fn outage_news(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyClassifier>()?;
    m.add_class::<PyIncidents>()?;
    m.add_class::<PyWarcReader>()?;
    m.add_function(wrap_pyfunction!(cluster_incidents, m)?)?;
    m.add_function(wrap_pyfunction!(read_warc, m)?)?;
    m.add_function(wrap_pyfunction!(_serde_shapes, m)?)?;
    m.add("DEFAULT_MAX_DOCUMENT_BYTES", outage::DEFAULT_MAX_DOCUMENT_BYTES)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
