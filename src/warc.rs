//! WARC input (the format of Common Crawl's CC-NEWS), behind the cargo
//! feature `warc` (on by default): plain files, or files gzipped record by
//! record, told apart by their first bytes.
//!
//! [`Records`] reads any [`BufRead`] and yields one [`Record`] per
//! successful (2xx) HTML or text response, its HTTP body still in its own
//! encoding (a `Content-Encoding: gzip` body inflated), with the record's
//! URI, date and the declared charset; [`Record::article`] makes it an
//! [`Article`] for the [`Classifier`](crate::Classifier). Other records
//! (warcinfo, request, metadata, images, redirects, errors) are counted by
//! [`Records::skipped`]. Record headers are parsed by the `warc` crate, gzip
//! members inflated one at a time by `flate2`.
//!
//! A damaged archive does not end the reading: a corrupt gzip member or a
//! truncated or malformed record is yielded as an [`Error`] with its byte
//! offset, and reading goes on at the next gzip member (or the next
//! `WARC/1.` line in a plain file), even on a pipe. Only an I/O error or a
//! truncated plain file ends it.
//!
//! ```
//! use outage_news::warc::Records;
//!
//! let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Gmail is down.</p>";
//! let warc = format!(
//!     "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/a\r\n\
//!      WARC-Date: 2026-11-18T09:00:00Z\r\nContent-Length: {}\r\n\r\n{page}\r\n\r\n",
//!     page.len()
//! );
//! let mut records = Records::new(warc.as_bytes());
//! let record = records.next().expect("one record")?;
//! assert_eq!(record.uri.as_deref(), Some("https://news.example/a"));
//! assert_eq!(record.charset.as_deref(), Some("utf-8"));
//! assert_eq!(record.body, b"<p>Gmail is down.</p>");
//! assert!(records.next().is_none());
//! # Ok::<(), outage_news::warc::Error>(())
//! ```

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, BufRead, Read};

use crate::Article;

/// Largest record body read (larger ones are skipped with an error).
pub const MAX_RECORD: u64 = 64 * 1024 * 1024;
/// Largest record header block.
const MAX_HEADER: usize = 64 * 1024;
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// One page of a WARC file: a successful HTML or text response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Byte offset of the record (of its gzip member in a gzipped file) in
    /// the input.
    pub offset: u64,
    /// The record's `WARC-Target-URI`.
    pub uri: Option<String>,
    /// The record's `WARC-Date` (ISO 8601).
    pub date: Option<String>,
    /// The charset of the HTTP `Content-Type`, when it declares one.
    pub charset: Option<String>,
    /// The HTTP body as sent (inflated when it was sent gzipped), in its own
    /// encoding.
    pub body: Vec<u8>,
}

impl Record {
    /// The page as an article: its body (decoded as
    /// [`Classifier::classify_bytes`](crate::Classifier::classify_bytes)
    /// does, the declared charset first), its URI as id and url, its date
    /// as publication date.
    pub fn article(&self) -> Article<'_> {
        let mut a = Article::from_bytes(&self.body);
        if let Some(u) = &self.uri {
            a = a.id(u.as_str()).url(u.as_str());
        }
        if let Some(d) = &self.date {
            a = a.published(d.as_str());
        }
        if let Some(c) = &self.charset {
            a = a.charset(c);
        }
        a
    }

    /// The id the `classify` example gives the page: its URI, else
    /// `name@offset` (`name` the file's).
    pub fn id_in(&self, name: &str) -> String {
        self.uri.clone().unwrap_or_else(|| format!("{name}@{}", self.offset))
    }
}

/// What went wrong where, in a damaged WARC file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading the input failed; reading ends.
    Io,
    /// Bytes that are no gzip member in a gzipped file (skipped up to the
    /// next member).
    NotGzip,
    /// A corrupt or truncated gzip member (skipped).
    Gzip,
    /// A malformed or truncated WARC record, or a plain file's bytes that
    /// are no record (skipped; a truncated plain file ends the reading).
    Record,
    /// A record (or gzip member) over [`MAX_RECORD`] (skipped).
    TooLarge,
}

/// A damaged part of a WARC file: where, what, and the message the
/// `classify` example prints after the file's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    offset: u64,
    kind: ErrorKind,
    message: String,
}

impl Error {
    fn new(offset: u64, kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { offset, kind, message: message.into() }
    }

    /// Byte offset in the input of the damaged record or gzip member.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// What kind of damage.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "byte offset {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for Error {}

/// The pages of a WARC file, plain or gzipped, in file order, and the
/// damaged parts between them (see the [module](self)).
pub struct Records<R> {
    r: Rewind<R>,
    mode: Mode,
    done: bool,
    resyncing: bool,
    skipped: u64,
    pending: VecDeque<Result<Record, Error>>,
    /// One buffer for every gzip member's inflated bytes.
    member: Vec<u8>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Unknown,
    Gzip,
    Plain,
}

impl<R: BufRead> Records<R> {
    /// Reads `input` (buffered: wrap a file in a `BufReader`, ideally of a
    /// MiB).
    pub fn new(input: R) -> Self {
        Records {
            r: Rewind::new(input),
            mode: Mode::Unknown,
            done: false,
            resyncing: false,
            skipped: 0,
            pending: VecDeque::new(),
            member: Vec::new(),
        }
    }

    /// Bytes of the input read so far.
    pub fn position(&self) -> u64 {
        self.r.pos()
    }

    /// Records read so far that are no page (warcinfo, request, metadata,
    /// images, redirects, errors, ...).
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    /// Whether the input is gzipped (known once the first item is read).
    pub fn is_gzip(&self) -> bool {
        self.mode == Mode::Gzip
    }

    fn fail(&mut self, e: Error) {
        self.pending.push_back(Err(e));
        self.done = true;
    }

    /// Reads the next gzip member, or skips to it.
    fn gz_member(&mut self) {
        let r = &mut self.r;
        match r.fill_buf() {
            Ok([]) => {
                self.done = true;
                return;
            }
            Ok(b) if (b.len() >= 3 && !b.starts_with(&GZIP_MAGIC)) || (b.len() < 3 && !GZIP_MAGIC.starts_with(b)) => {
                if !self.resyncing {
                    let at = r.pos();
                    self.pending.push_back(Err(Error::new(at, ErrorKind::NotGzip, "not a gzip member")));
                    self.resyncing = true;
                }
                if skip_to_magic(&mut self.r).is_err() {
                    self.done = true;
                }
                return;
            }
            Ok(_) => {}
            Err(e) => {
                let at = r.pos();
                self.fail(Error::new(at, ErrorKind::Io, e.to_string()));
                return;
            }
        }
        let start = r.pos();
        r.mark();
        self.member.clear();
        let limit = MAX_RECORD + MAX_HEADER as u64;
        let inflated = flate2::bufread::GzDecoder::new(&mut *r).take(limit).read_to_end(&mut self.member);
        match inflated {
            Ok(_) if self.member.len() as u64 >= limit => {
                self.r.stop_recording();
                let msg = format!("gzip member over {} MiB inflated, skipped", MAX_RECORD >> 20);
                self.pending.push_back(Err(Error::new(start, ErrorKind::TooLarge, msg)));
                self.resyncing = true;
                if skip_to_magic(&mut self.r).is_err() {
                    self.done = true;
                }
            }
            Ok(_) => {
                self.r.stop_recording();
                self.resyncing = false;
                member_records(&self.member, start, &mut self.pending, &mut self.skipped);
            }
            Err(e) => {
                if !self.resyncing {
                    let what = if e.kind() == io::ErrorKind::UnexpectedEof { "truncated" } else { "corrupt" };
                    let msg = format!("{what} gzip member ({e}); resynchronising");
                    self.pending.push_back(Err(Error::new(start, ErrorKind::Gzip, msg)));
                }
                self.resyncing = true;
                // look for the next member from the byte after this one's start
                self.r.rewind(1);
                self.r.stop_recording();
                if skip_to_magic(&mut self.r).is_err() {
                    self.done = true;
                }
            }
        }
    }

    /// Reads the next record of a plain file.
    fn plain_record(&mut self) {
        let r = &mut self.r;
        let at = r.pos();
        let mut header = Vec::with_capacity(4096);
        // the header block: lines up to an empty one (blank lines before it skipped)
        loop {
            let mut line = Vec::new();
            let n = match r.by_ref().take(MAX_HEADER as u64).read_until(b'\n', &mut line) {
                Ok(n) => n,
                Err(e) => return self.fail(Error::new(at, ErrorKind::Io, e.to_string())),
            };
            if n == 0 {
                if header.is_empty() {
                    self.done = true;
                    return;
                }
                return self.fail(Error::new(at, ErrorKind::Record, "truncated WARC record header"));
            }
            if header.is_empty() && (line == b"\r\n" || line == b"\n") {
                continue;
            }
            if header.is_empty() && !line.starts_with(b"WARC/") {
                if !self.resyncing {
                    let e = Error::new(at, ErrorKind::Record, "no WARC record here; resynchronising");
                    self.pending.push_back(Err(e));
                    self.resyncing = true;
                }
                continue;
            }
            header.extend_from_slice(&line);
            if line == b"\r\n" || line == b"\n" || header.len() > MAX_HEADER {
                break;
            }
        }
        let Ok((_, (_version, fields, length))) = ::warc::parser::headers(&header) else {
            self.pending.push_back(Err(Error::new(at, ErrorKind::Record, "malformed WARC record header")));
            self.resyncing = true;
            return;
        };
        let field = |key: &str| field(&fields, key);
        let kind = field("WARC-Type").unwrap_or_default();
        let response = kind.eq_ignore_ascii_case("response");
        let wanted = response && length as u64 <= MAX_RECORD;
        let mut body = Vec::new();
        let read = if wanted {
            r.by_ref().take(length as u64).read_to_end(&mut body)
        } else {
            io::copy(&mut r.by_ref().take(length as u64), &mut io::sink()).map(|n| n as usize)
        };
        let read = match read {
            Ok(n) => n,
            Err(e) => return self.fail(Error::new(at, ErrorKind::Io, e.to_string())),
        };
        if read < length {
            let msg = format!("truncated WARC record ({read} of {length} bytes)");
            return self.fail(Error::new(at, ErrorKind::Record, msg));
        }
        // the two line ends closing the record
        let mut end = [0u8; 4];
        let mut got = 0;
        while got < 4 {
            match r.read(&mut end[got..]) {
                Ok(0) | Err(_) => break,
                Ok(n) => got += n,
            }
        }
        if &end[..got] != b"\r\n\r\n" {
            let msg = "WARC record not closed by an empty line; resynchronising";
            self.pending.push_back(Err(Error::new(at, ErrorKind::Record, msg)));
            self.resyncing = true;
            return;
        }
        self.resyncing = false;
        if response && !wanted {
            let msg = format!("record over {} MiB, skipped", MAX_RECORD >> 20);
            self.pending.push_back(Err(Error::new(at, ErrorKind::TooLarge, msg)));
            return;
        }
        match wanted.then(|| page(at, field("WARC-Target-URI"), field("WARC-Date"), &body)).flatten() {
            Some(record) => self.pending.push_back(Ok(record)),
            None => self.skipped += 1,
        }
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Record, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            match self.mode {
                Mode::Unknown => match self.r.fill_buf() {
                    Ok(b) => self.mode = if b.starts_with(&GZIP_MAGIC[..2]) { Mode::Gzip } else { Mode::Plain },
                    Err(e) => self.fail(Error::new(0, ErrorKind::Io, e.to_string())),
                },
                Mode::Gzip => self.gz_member(),
                Mode::Plain => self.plain_record(),
            }
        }
    }
}

/// A header field's value, trimmed.
fn field(fields: &[(&str, &[u8])], key: &str) -> Option<String> {
    fields.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| String::from_utf8_lossy(v).trim().to_string())
}

/// The records of one inflated gzip member (normally one), parsed in place.
fn member_records(mut rest: &[u8], at: u64, out: &mut VecDeque<Result<Record, Error>>, skipped: &mut u64) {
    while !rest.iter().all(|b| matches!(b, b'\r' | b'\n')) {
        let (after, (_version, fields, body)) = match ::warc::parser::record(rest) {
            Ok(parsed) => parsed,
            Err(e) => {
                let what = if e.is_incomplete() { "truncated" } else { "malformed" };
                out.push_back(Err(Error::new(at, ErrorKind::Record, format!("{what} WARC record"))));
                return;
            }
        };
        rest = after;
        let field = |key: &str| field(&fields, key);
        let record = match field("WARC-Type") {
            Some(kind) if kind.eq_ignore_ascii_case("response") => {
                page(at, field("WARC-Target-URI"), field("WARC-Date"), body)
            }
            _ => None,
        };
        match record {
            Some(r) => out.push_back(Ok(r)),
            None => *skipped += 1,
        }
    }
}

/// A response record's HTTP message: a record when it is a successful
/// HTML or text page.
fn page(offset: u64, uri: Option<String>, date: Option<String>, body: &[u8]) -> Option<Record> {
    let split = find(body, b"\r\n\r\n").map(|i| (i, i + 4)).or_else(|| find(body, b"\n\n").map(|i| (i, i + 2)));
    let (head_end, payload_start) = split.filter(|_| body.starts_with(b"HTTP/"))?;
    let head = String::from_utf8_lossy(&body[..head_end]);
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|s| s.parse::<u16>().ok());
    if !status.is_some_and(|s| (200..300).contains(&s)) {
        return None;
    }
    let mut content_type = None;
    let mut encoding = None;
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            if k.trim().eq_ignore_ascii_case("content-type") {
                content_type = Some(v.trim().to_ascii_lowercase());
            } else if k.trim().eq_ignore_ascii_case("content-encoding") {
                encoding = Some(v.trim().to_ascii_lowercase());
            }
        }
    }
    let ct = content_type.as_deref().unwrap_or("");
    let textual = ct.is_empty() || ct.contains("html") || ct.starts_with("text/plain");
    if !textual {
        return None;
    }
    let charset = ct.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
    });
    let mut payload = body[payload_start..].to_vec();
    if matches!(encoding.as_deref(), Some("gzip" | "x-gzip")) {
        let mut plain = Vec::new();
        if flate2::read::GzDecoder::new(&payload[..]).take(MAX_RECORD).read_to_end(&mut plain).is_err() {
            return None;
        }
        payload = plain;
    }
    Some(Record { offset, uri, date, charset, body: payload })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A reader that counts the bytes consumed, records them from a mark on
/// (bounded), and can be rewound to any recorded byte: the resynchronisation
/// after a corrupt gzip member starts at the byte after the member's start,
/// even on a pipe.
struct Rewind<R> {
    inner: R,
    pos: u64,
    recording: Option<Vec<u8>>,
    pushback: Vec<u8>,
    pushback_at: usize,
}

/// How many bytes after a mark are kept for rewinding.
const MAX_RECORDING: usize = 256 * 1024 * 1024;

impl<R: BufRead> Rewind<R> {
    fn new(inner: R) -> Self {
        Self { inner, pos: 0, recording: None, pushback: Vec::new(), pushback_at: 0 }
    }

    /// Bytes consumed so far (the offset of the next byte).
    fn pos(&self) -> u64 {
        self.pos
    }

    fn mark(&mut self) {
        let mut v = self.recording.take().unwrap_or_default();
        v.clear();
        self.recording = Some(v);
    }

    /// Give back the recorded bytes from `from` (relative to the mark) on.
    fn rewind(&mut self, from: usize) {
        let Some(rec) = self.recording.take() else { return };
        if from >= rec.len() {
            self.recording = Some(rec);
            return;
        }
        let mut back = rec[from..].to_vec();
        back.extend_from_slice(&self.pushback[self.pushback_at..]);
        self.pos -= (rec.len() - from) as u64;
        self.pushback = back;
        self.pushback_at = 0;
        self.recording = Some(rec);
    }

    fn stop_recording(&mut self) {
        if let Some(r) = &mut self.recording {
            r.clear();
        }
    }
}

impl<R: BufRead> Read for Rewind<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let buf = self.fill_buf()?;
        let n = buf.len().min(out.len());
        out[..n].copy_from_slice(&buf[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Rewind<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pushback_at < self.pushback.len() {
            return Ok(&self.pushback[self.pushback_at..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        let from_pushback = self.pushback_at < self.pushback.len();
        if let Some(rec) = &mut self.recording {
            if rec.len() + n <= MAX_RECORDING {
                let src = if from_pushback {
                    &self.pushback[self.pushback_at..self.pushback_at + n]
                } else {
                    // the bytes are still in the inner buffer
                    match self.inner.fill_buf() {
                        Ok(b) => &b[..n.min(b.len())],
                        Err(_) => &[][..],
                    }
                };
                rec.extend_from_slice(src);
            } else {
                self.recording = None;
            }
        }
        if from_pushback {
            self.pushback_at += n;
            if self.pushback_at >= self.pushback.len() {
                self.pushback.clear();
                self.pushback_at = 0;
            }
        } else {
            self.inner.consume(n);
        }
        self.pos += n as u64;
    }
}

/// Consume bytes up to the next gzip magic (or the end).
fn skip_to_magic(r: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        // a magic cut by the buffer's end is found on the next fill
        let found = buf.windows(3).position(|w| w == GZIP_MAGIC);
        let n = match found {
            Some(0) => return Ok(()),
            Some(i) => i,
            None => buf.len().saturating_sub(2).max(1),
        };
        r.consume(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(kind: &str, uri: &str, http: &str) -> Vec<u8> {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-11-18T09:00:00Z\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        )
        .into_bytes()
    }

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    fn archive() -> Vec<Vec<u8>> {
        vec![
            record("warcinfo", "", "software: test\r\n"),
            record(
                "response",
                "https://a",
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=EUC-KR\r\n\r\n<p>a</p>",
            ),
            record("request", "https://a", "GET / HTTP/1.1\r\n\r\n"),
            record("response", "https://img", "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG"),
            record("response", "https://moved", "HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n"),
            record("response", "https://b", "HTTP/1.1 200 OK\r\n\r\nplain b"),
        ]
    }

    fn uris(items: &[Result<Record, Error>]) -> Vec<String> {
        items.iter().map(|i| i.as_ref().map_or_else(|e| e.to_string(), |r| r.id_in("f"))).collect()
    }

    #[test]
    fn plain_and_gzipped_alike() {
        let plain: Vec<u8> = archive().concat();
        let gzipped: Vec<u8> = archive().iter().map(|r| gz(r)).collect::<Vec<_>>().concat();
        for (bytes, is_gzip) in [(plain, false), (gzipped, true)] {
            let mut records = Records::new(&bytes[..]);
            let items: Vec<_> = records.by_ref().collect();
            assert_eq!(uris(&items), ["https://a", "https://b"]);
            assert_eq!(records.skipped(), 4);
            assert_eq!(records.position(), bytes.len() as u64);
            assert_eq!(records.is_gzip(), is_gzip);
            let a = items[0].as_ref().unwrap();
            assert_eq!((a.charset.as_deref(), &a.body[..]), (Some("euc-kr"), &b"<p>a</p>"[..]));
            assert_eq!(a.date.as_deref(), Some("2026-11-18T09:00:00Z"));
        }
    }

    #[test]
    fn a_corrupt_member_is_an_error_and_reading_goes_on() {
        let members: Vec<Vec<u8>> = archive().iter().map(|r| gz(r)).collect();
        let at = members[..1].iter().map(Vec::len).sum::<usize>();
        let mut bytes = members.concat();
        for b in &mut bytes[at + 12..at + 30] {
            *b ^= 0x5a;
        }
        let items: Vec<_> = Records::new(&bytes[..]).collect();
        assert_eq!(items.len(), 2, "{:?}", uris(&items));
        let e = items[0].as_ref().unwrap_err();
        assert_eq!((e.offset(), e.kind()), (at as u64, ErrorKind::Gzip));
        assert!(e.to_string().starts_with(&format!("byte offset {at}: corrupt gzip member")), "{e}");
        assert_eq!(items[1].as_ref().unwrap().uri.as_deref(), Some("https://b"));
    }

    #[test]
    fn empty_and_garbage() {
        assert!(Records::new(&b""[..]).next().is_none());
        let items: Vec<_> = Records::new(&b"garbage\nmore garbage\n"[..]).collect();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].as_ref().unwrap_err().kind(), ErrorKind::Record);
    }
}
