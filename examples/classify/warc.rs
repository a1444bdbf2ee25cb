//! WARC input (the format of Common Crawl's CC-NEWS): plain files, or files
//! gzipped record by record. Record headers are parsed by the `warc` crate,
//! gzip members are inflated one at a time by `flate2`. A corrupt member or a
//! truncated record is reported with its byte offset, and reading goes on at
//! the next gzip member (or the next `WARC/1.` line in a plain file).

use std::io::{self, BufRead, Read};

use crate::input::Doc;

/// Largest record body read (larger ones are skipped with an error).
const MAX_RECORD: u64 = 64 * 1024 * 1024;
/// Largest record header block.
const MAX_HEADER: usize = 64 * 1024;
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// What reading a WARC file hands out.
pub enum Event {
    /// A response record with an HTML or text page.
    Doc(Doc),
    /// A record that is no page (warcinfo, request, metadata, an image, a
    /// redirect, ...).
    Skipped,
    /// An error, already located (`file: byte offset N: ...`).
    Error(String),
}

/// A reader that counts the bytes consumed, records them from a mark on
/// (bounded), and can be rewound to any recorded byte: the resynchronisation
/// after a corrupt gzip member starts at the byte after the member's start,
/// even on a pipe.
pub struct Rewind<R> {
    inner: R,
    pos: u64,
    recording: Option<Vec<u8>>,
    pushback: Vec<u8>,
    pushback_at: usize,
}

/// How many bytes after a mark are kept for rewinding.
const MAX_RECORDING: usize = 256 * 1024 * 1024;

impl<R: BufRead> Rewind<R> {
    pub fn new(inner: R) -> Self {
        Self { inner, pos: 0, recording: None, pushback: Vec::new(), pushback_at: 0 }
    }

    /// Bytes consumed so far (the offset of the next byte).
    pub fn pos(&self) -> u64 {
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

/// Read every record of a WARC file, plain or gzipped (told by its first
/// bytes), and hand out one event per record or error.
pub fn read(name: &str, input: impl BufRead, emit: &mut dyn FnMut(Event, u64) -> bool) {
    let mut r = Rewind::new(input);
    let gz = match r.fill_buf() {
        Ok(b) => b.starts_with(&GZIP_MAGIC[..2]),
        Err(e) => {
            emit(Event::Error(format!("{name}: {e}")), 0);
            return;
        }
    };
    if gz { read_gz(name, &mut r, emit) } else { read_plain(name, &mut r, 0, emit) }
}

fn read_gz<R: BufRead>(name: &str, r: &mut Rewind<R>, emit: &mut dyn FnMut(Event, u64) -> bool) {
    let mut resyncing = false;
    // one buffer for every member's inflated bytes
    let mut member = Vec::with_capacity(1 << 20);
    loop {
        match r.fill_buf() {
            Ok([]) => return,
            Ok(b) if (b.len() >= 3 && !b.starts_with(&GZIP_MAGIC)) || (b.len() < 3 && !GZIP_MAGIC.starts_with(b)) => {
                if !resyncing {
                    let at = r.pos();
                    if !emit(Event::Error(format!("{name}: byte offset {at}: not a gzip member")), r.pos()) {
                        return;
                    }
                    resyncing = true;
                }
                if skip_to_magic(r).is_err() {
                    return;
                }
                continue;
            }
            Ok(_) => {}
            Err(e) => {
                emit(Event::Error(format!("{name}: byte offset {}: {e}", r.pos())), r.pos());
                return;
            }
        }
        let start = r.pos();
        r.mark();
        member.clear();
        let inflated =
            flate2::bufread::GzDecoder::new(&mut *r).take(MAX_RECORD + MAX_HEADER as u64).read_to_end(&mut member);
        match inflated {
            Ok(_) if member.len() as u64 >= MAX_RECORD + MAX_HEADER as u64 => {
                r.stop_recording();
                let msg =
                    format!("{name}: byte offset {start}: gzip member over {} MiB inflated, skipped", MAX_RECORD >> 20);
                if !emit(Event::Error(msg), r.pos()) {
                    return;
                }
                resyncing = true;
                if skip_to_magic(r).is_err() {
                    return;
                }
            }
            Ok(_) => {
                r.stop_recording();
                resyncing = false;
                if !member_records(name, &member, start, r.pos(), emit) {
                    return;
                }
            }
            Err(e) => {
                if !resyncing {
                    let what = if e.kind() == io::ErrorKind::UnexpectedEof { "truncated" } else { "corrupt" };
                    let msg = format!("{name}: byte offset {start}: {what} gzip member ({e}); resynchronising");
                    if !emit(Event::Error(msg), r.pos()) {
                        return;
                    }
                }
                resyncing = true;
                // look for the next member from the byte after this one's start
                r.rewind(1);
                r.stop_recording();
                if skip_to_magic(r).is_err() {
                    return;
                }
            }
        }
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

/// The records of one inflated gzip member (normally one), parsed in place.
fn member_records(
    name: &str,
    mut rest: &[u8],
    at: u64,
    progress: u64,
    emit: &mut dyn FnMut(Event, u64) -> bool,
) -> bool {
    while !rest.iter().all(|b| matches!(b, b'\r' | b'\n')) {
        let (after, (_version, fields, body)) = match warc::parser::record(rest) {
            Ok(parsed) => parsed,
            Err(e) => {
                let what = if e.is_incomplete() { "truncated" } else { "malformed" };
                return emit(Event::Error(format!("{name}: byte offset {at}: {what} WARC record")), progress);
            }
        };
        rest = after;
        let field = |key: &str| {
            fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| String::from_utf8_lossy(v).trim().to_string())
        };
        let event = match field("WARC-Type") {
            Some(kind) if kind.eq_ignore_ascii_case("response") => {
                response(field("WARC-Target-URI"), field("WARC-Date"), body, || format!("{name}@{at}"))
            }
            _ => Event::Skipped,
        };
        if !emit(event, progress) {
            return false;
        }
    }
    true
}

fn read_plain<R: BufRead>(name: &str, r: &mut Rewind<R>, base: u64, emit: &mut dyn FnMut(Event, u64) -> bool) {
    read_plain_at(name, r, base, emit);
}

/// Read records from a plain WARC stream; offsets in errors are `base` plus
/// the offset in `r`. Returns false when the receiver wants no more.
fn read_plain_at(name: &str, r: &mut impl BufRead, base: u64, emit: &mut dyn FnMut(Event, u64) -> bool) -> bool {
    let mut offset = 0u64;
    let mut header = Vec::with_capacity(4096);
    let mut resyncing = false;
    loop {
        let record_start = offset;
        let at = base + record_start;
        let progress = at;
        header.clear();
        // the header block: lines up to an empty one (blank lines before it skipped)
        let mut ok = true;
        loop {
            let mut line = Vec::new();
            let n = match r.by_ref().take(MAX_HEADER as u64).read_until(b'\n', &mut line) {
                Ok(n) => n,
                Err(e) => return emit(Event::Error(format!("{name}: byte offset {at}: {e}")), progress),
            };
            offset += n as u64;
            if n == 0 {
                if header.is_empty() {
                    return true;
                }
                ok = false;
                break;
            }
            if header.is_empty() && (line == b"\r\n" || line == b"\n") {
                continue;
            }
            if header.is_empty() && !line.starts_with(b"WARC/") {
                if !resyncing {
                    let msg = format!("{name}: byte offset {at}: no WARC record here; resynchronising");
                    if !emit(Event::Error(msg), progress) {
                        return false;
                    }
                    resyncing = true;
                }
                continue;
            }
            header.extend_from_slice(&line);
            if line == b"\r\n" || line == b"\n" || header.len() > MAX_HEADER {
                break;
            }
        }
        if !ok {
            return emit(Event::Error(format!("{name}: byte offset {at}: truncated WARC record header")), progress);
        }
        let parsed = warc::parser::headers(&header);
        let Ok((_, (_version, fields, length))) = parsed else {
            if !emit(Event::Error(format!("{name}: byte offset {at}: malformed WARC record header")), progress) {
                return false;
            }
            resyncing = true;
            continue;
        };
        let field = |key: &str| {
            fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| String::from_utf8_lossy(v).trim().to_string())
        };
        let kind = field("WARC-Type").unwrap_or_default();
        let uri = field("WARC-Target-URI");
        let date = field("WARC-Date");
        let wanted = kind.eq_ignore_ascii_case("response") && length as u64 <= MAX_RECORD;
        let mut body = Vec::new();
        let read = if wanted {
            r.by_ref().take(length as u64).read_to_end(&mut body)
        } else {
            io::copy(&mut r.by_ref().take(length as u64), &mut io::sink()).map(|n| n as usize)
        };
        let read = match read {
            Ok(n) => n,
            Err(e) => return emit(Event::Error(format!("{name}: byte offset {at}: {e}")), progress),
        };
        offset += read as u64;
        if read < length {
            return emit(
                Event::Error(format!("{name}: byte offset {at}: truncated WARC record ({read} of {length} bytes)")),
                progress,
            );
        }
        // the two line ends closing the record
        let mut end = [0u8; 4];
        let mut got = 0;
        while got < 4 {
            match r.read(&mut end[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(_) => break,
            }
        }
        offset += got as u64;
        if &end[..got] != b"\r\n\r\n" {
            let msg = format!("{name}: byte offset {at}: WARC record not closed by an empty line; resynchronising");
            if !emit(Event::Error(msg), progress) {
                return false;
            }
            resyncing = true;
            continue;
        }
        resyncing = false;
        if kind.eq_ignore_ascii_case("response") && length as u64 > MAX_RECORD {
            let msg = format!("{name}: byte offset {at}: record over {} MiB, skipped", MAX_RECORD >> 20);
            if !emit(Event::Error(msg), progress) {
                return false;
            }
            continue;
        }
        let event = if wanted { response(uri, date, &body, || format!("{name}@{at}")) } else { Event::Skipped };
        if !emit(event, progress) {
            return false;
        }
    }
}

/// A response record's HTTP message: one document when it is a successful
/// HTML or text page. Its id is the record's URI, else `fallback_id()`
/// (the file and the record's offset).
fn response(uri: Option<String>, date: Option<String>, body: &[u8], fallback_id: impl FnOnce() -> String) -> Event {
    let split = find(body, b"\r\n\r\n").map(|i| (i, i + 4)).or_else(|| find(body, b"\n\n").map(|i| (i, i + 2)));
    let Some((head_end, payload_start)) = split.filter(|_| body.starts_with(b"HTTP/")) else {
        return Event::Skipped;
    };
    let head = String::from_utf8_lossy(&body[..head_end]);
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|s| s.parse::<u16>().ok());
    if !status.is_some_and(|s| (200..300).contains(&s)) {
        return Event::Skipped;
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
        return Event::Skipped;
    }
    let charset = ct.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
    });
    let mut payload = body[payload_start..].to_vec();
    if matches!(encoding.as_deref(), Some("gzip" | "x-gzip")) {
        let mut plain = Vec::new();
        if flate2::read::GzDecoder::new(&payload[..]).take(MAX_RECORD).read_to_end(&mut plain).is_err() {
            return Event::Skipped;
        }
        payload = plain;
    }
    Event::Doc(Doc {
        id: uri.clone().unwrap_or_else(fallback_id),
        body: crate::input::Body::Bytes(payload),
        published: date,
        url: uri,
        title: None,
        charset,
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
