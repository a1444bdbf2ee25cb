//! Stage 1, clean: turn a raw article (plain text, HTML, markdown, YAML front
//! matter, page boilerplate) into plain text, keeping a map from every byte of
//! the cleaned text back to the original input.

use std::ops::Range;

use crate::facts::Meta;

/// Cleaned text plus everything later stages need about the document.
#[derive(Debug, Clone)]
pub(crate) struct Cleaned {
    /// Plain text: one line per paragraph, heading or table cell.
    pub text: String,
    /// Maps `text` offsets back to the input.
    pub map: OffsetMap,
    /// Front matter fields.
    pub meta: Meta,
    /// The headline's line in `text`, if the document has one.
    pub title: Option<Range<usize>>,
    /// Whether `meta.published` is only a date read from the text's first
    /// lines (no metadata gave one).
    pub published_guessed: bool,
}

/// A piece of cleaned text and the input bytes it came from.
#[derive(Debug, Clone, Copy)]
struct Piece {
    out: usize,
    out_len: usize,
    orig: usize,
    orig_len: usize,
    /// Copied byte for byte: offsets inside map linearly.
    verbatim: bool,
}

/// Map from cleaned-text byte offsets to input byte offsets.
#[derive(Debug, Clone, Default)]
pub(crate) struct OffsetMap {
    pieces: Vec<Piece>,
}

impl OffsetMap {
    fn piece_at(&self, out: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.out + p.out_len <= out);
        self.pieces.get(i).filter(|p| p.out <= out)
    }

    /// Input range of the cleaned range `start..end` (`start < end`). Both ends
    /// land on input char boundaries because pieces are whole chars.
    pub fn to_input(&self, start: usize, end: usize) -> Option<Range<usize>> {
        if start >= end {
            return None;
        }
        let first = self.piece_at(start)?;
        let last = self.piece_at(end - 1)?;
        let s = if first.verbatim { first.orig + (start - first.out) } else { first.orig };
        let e = if last.verbatim { last.orig + (end - last.out) } else { last.orig + last.orig_len };
        (s < e).then_some(s..e)
    }
}

/// Builds cleaned text and its map together.
#[derive(Default)]
struct Builder {
    text: String,
    map: OffsetMap,
}

impl Builder {
    fn with_capacity(n: usize) -> Self {
        Self { text: String::with_capacity(n), map: OffsetMap { pieces: Vec::with_capacity(n / 64 + 4) } }
    }

    /// Copy `s`, which sits at `orig` in the input.
    fn copy(&mut self, orig: usize, s: &str) {
        if s.is_empty() {
            return;
        }
        let out = self.text.len();
        if let Some(last) = self.map.pieces.last_mut()
            && last.verbatim
            && last.out + last.out_len == out
            && last.orig + last.orig_len == orig
        {
            last.out_len += s.len();
            last.orig_len += s.len();
        } else {
            self.map.pieces.push(Piece { out, out_len: s.len(), orig, orig_len: s.len(), verbatim: true });
        }
        self.text.push_str(s);
    }

    /// Write `s` in place of the input bytes `orig`.
    fn substitute(&mut self, orig: Range<usize>, s: &str) {
        if s.is_empty() {
            return;
        }
        let out = self.text.len();
        self.map.pieces.push(Piece { out, out_len: s.len(), orig: orig.start, orig_len: orig.len(), verbatim: false });
        self.text.push_str(s);
    }

    /// A single space or newline separating words, collapsing repeats.
    fn separator(&mut self, orig: usize, newline: bool) {
        match self.text.as_bytes().last() {
            None => {}
            Some(b'\n') => {}
            Some(b' ') if newline => {
                // upgrade the space to a newline: same length, same place
                let len = self.text.len();
                self.text.replace_range(len - 1.., "\n");
            }
            Some(b' ') => {}
            Some(_) => self.substitute(orig..orig, if newline { "\n" } else { " " }),
        }
    }

    /// Copy `range` of an earlier cleaned text, with its mapping.
    fn copy_from(&mut self, text: &str, map: &OffsetMap, range: Range<usize>) {
        let i = map.pieces.partition_point(|p| p.out + p.out_len <= range.start);
        for p in &map.pieces[i..] {
            if p.out >= range.end {
                break;
            }
            let s = p.out.max(range.start);
            let e = (p.out + p.out_len).min(range.end);
            let out = self.text.len();
            if p.verbatim {
                let orig = p.orig + (s - p.out);
                self.copy(orig, &text[s..e]);
            } else {
                self.map.pieces.push(Piece {
                    out,
                    out_len: e - s,
                    orig: p.orig,
                    orig_len: p.orig_len,
                    verbatim: false,
                });
                self.text.push_str(&text[s..e]);
            }
        }
    }
}

/// Clean `input`.
pub(crate) fn clean(input: &str) -> Cleaned {
    let mut meta = Meta::default();
    let (body_start, fm_title) = front_matter(input, &mut meta);
    page_meta(&input[body_start..], &mut meta);
    let mut b = Builder::with_capacity(input.len().min(1 << 20));
    if let Some(t) = &fm_title {
        b.copy(t.start, &input[t.clone()]);
        b.separator(t.end, true);
    }
    let mut links = Vec::new();
    Scanner { s: input, b: &mut b, links: &mut links }.run(body_start);
    links.sort_by_key(|r| r.start);
    let (text, map) = filter_lines(&b.text, &b.map, &links);
    // the first line is the headline, unless the whole text is one line
    let title = text.find('\n').map_or(0..0, |e| 0..e);

    let title = if fm_title.is_some() || (title.len() < 400 && !title.is_empty()) { Some(title) } else { None };
    if meta.title.is_none() {
        meta.title = title.clone().and_then(|r| map.to_input(r.start, r.end)).map(|r| input[r].trim().to_string());
    }
    let published_guessed = meta.published.is_none();
    if published_guessed {
        let head = &text[..crate::normalize::floor_boundary(&text, DATELINE_BYTES)];
        meta.published = dateline(head);
    }
    Cleaned { text, map, meta, title, published_guessed }
}

/// How far into the text a dateline is looked for.
const DATELINE_BYTES: usize = 400;

/// The first ISO 8601 date (`2023-02-08`, or a month `2023-07`) of an
/// article's head: its dateline ("date 2023-02-08", "台北 2023-02-08
/// 17:33"), the article's own date where no metadata gives one.
fn dateline(head: &str) -> Option<String> {
    let b = head.as_bytes();
    let digits = |at: usize, n: usize| b.get(at..at + n).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    (0..b.len()).find_map(|i| {
        let starts = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if !starts || !digits(i, 4) || !matches!(&b[i..i + 2], b"19" | b"20") || b.get(i + 4) != Some(&b'-') {
            return None;
        }
        if !digits(i + 5, 2) || !(1..=12).contains(&head[i + 5..i + 7].parse::<u8>().ok()?) {
            return None;
        }
        let day = b.get(i + 7) == Some(&b'-') && digits(i + 8, 2);
        let end = if day { i + 10 } else { i + 7 };
        if b.get(end).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        if day && !(1..=31).contains(&head[i + 8..i + 10].parse::<u8>().ok()?) {
            return None;
        }
        Some(head[i..end].to_string())
    })
}

/// How far into a page its metadata is looked for.
const PAGE_META_BYTES: usize = 256 * 1024;

/// An HTML page's own metadata, where front matter left a field empty:
/// `og:title`, else `<title>`; the publication date from
/// `article:published_time` (or a like `<meta>`), else JSON-LD
/// `datePublished`, else the first `<time datetime>`, as ISO 8601; `og:url`,
/// else `<link rel="canonical">`; `og:site_name`.
fn page_meta(input: &str, meta: &mut Meta) {
    let head = &input[..crate::normalize::floor_boundary(input, PAGE_META_BYTES)];
    if !head.contains('<') {
        return;
    }
    let (mut og_title, mut title, mut published, mut ld_date, mut time) = (None, None, None, None, None);
    let (mut og_url, mut canonical, mut site) = (None, None, None);
    let b = head.as_bytes();
    let mut i = 0;
    while let Some(p) = head[i..].find('<').map(|p| i + p) {
        let name_end = b[p + 1..].iter().position(|c| !c.is_ascii_alphanumeric()).map_or(b.len(), |e| p + 1 + e);
        let name = head[p + 1..name_end].to_ascii_lowercase();
        let Some(end) = tag_end(head, name_end) else { break };
        let tag = &head[name_end..end];
        i = end;
        match name.as_str() {
            "meta" => {
                let key = attr(tag, "property").or_else(|| attr(tag, "name")).or_else(|| attr(tag, "itemprop"));
                let (Some(key), Some(value)) = (key, attr(tag, "content")) else { continue };
                let value = Some(value);
                match key.to_ascii_lowercase().as_str() {
                    "og:title" => og_title = og_title.or(value),
                    "og:url" => og_url = og_url.or(value),
                    "og:site_name" => site = site.or(value),
                    "article:published_time"
                    | "datepublished"
                    | "pubdate"
                    | "publishdate"
                    | "date"
                    | "dc.date.issued"
                    | "og:published_time" => published = published.or(value.and_then(|v| iso_date(&v))),
                    _ => {}
                }
            }
            "link" if attr(tag, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                canonical = canonical.or(attr(tag, "href"));
            }
            "time" if time.is_none() => time = attr(tag, "datetime").and_then(|v| iso_date(&v)),
            "title" if title.is_none() => {
                let close = find_ascii_ci(&head[end..], "</title").map_or(head.len(), |c| end + c);
                let t = decode_entities(&head[end..close]);
                title = Some(t.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty());
                i = close;
            }
            "script" => {
                let close = find_ascii_ci(&head[end..], "</script").map_or(head.len(), |c| end + c);
                if ld_date.is_none() && attr(tag, "type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
                {
                    ld_date = json_ld_date(&head[end..close]);
                }
                i = close;
            }
            _ => {}
        }
    }
    let clean = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    if meta.title.is_none() {
        meta.title = clean(og_title).or(title);
    }
    if meta.published.is_none() {
        meta.published = published.or(ld_date).or(time);
    }
    if meta.url.is_none() {
        meta.url = clean(og_url).or(clean(canonical));
    }
    if meta.source.is_none() {
        meta.source = clean(site);
    }
}

/// The `>` closing a tag whose attributes start at `from` (quotes
/// respected), and one past it.
fn tag_end(s: &str, from: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut quote = None;
    for (k, &c) in b.iter().enumerate().skip(from).take(4096) {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'>') => return Some(k + 1),
            (None, b'<') => return Some(k),
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` in a tag's attribute text, entities decoded.
fn attr(tag: &str, name: &str) -> Option<String> {
    let b = tag.as_bytes();
    let mut from = 0;
    while let Some(p) = find_ascii_ci(&tag[from..], name).map(|p| from + p) {
        from = p + name.len();
        let before_ok = p == 0 || b[p - 1].is_ascii_whitespace() || b[p - 1] == b'/';
        let rest = tag[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=').filter(|_| before_ok) else { continue };
        let rest = rest.trim_start();
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest.split(|c: char| c.is_ascii_whitespace() || c == '>').next().unwrap_or(""),
        };
        return Some(decode_entities(value));
    }
    None
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        match entity(rest) {
            Some((len, ch)) => {
                out.push(ch);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `datePublished` in JSON-LD text (read as text: broken JSON still gives it).
fn json_ld_date(json: &str) -> Option<String> {
    let at = json.find("\"datePublished\"")?;
    let rest = json[at + 15..].trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
    iso_date(&rest[..rest.find('"')?])
}

/// A date from page metadata as ISO 8601: as written when it is ISO 8601
/// already, else its date (`2025/03/01 09:30` -> `2025-03-01`).
fn iso_date(v: &str) -> Option<String> {
    let v = v.trim();
    if crate::dates::is_iso8601(v) {
        return Some(v.to_string());
    }
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let sep = |i: usize| matches!(b.get(i), Some(b'-' | b'/' | b'.'));
    if digits(0..4) && sep(4) && digits(5..7) && sep(7) && digits(8..10) && !b.get(10).is_some_and(u8::is_ascii_digit) {
        let date = format!("{}-{}-{}", &v[0..4], &v[5..7], &v[8..10]);
        return crate::dates::is_iso8601(&date).then_some(date);
    }
    None
}

/// Parse YAML-style front matter; returns where the body starts and the title's range.
fn front_matter(input: &str, meta: &mut Meta) -> (usize, Option<Range<usize>>) {
    let start = input.strip_prefix('\u{feff}').map_or(0, |_| 3);
    let rest = &input[start..];
    let Some(after) = rest.strip_prefix("---").filter(|r| r.starts_with('\n') || r.starts_with("\r\n")) else {
        return (0, None);
    };
    let mut pos = input.len() - after.len();
    let mut title = None;
    // Bounded: front matter longer than this is not front matter.
    let limit = (pos + 64 * 1024).min(input.len());
    while pos < limit {
        let line_end = input[pos..].find('\n').map_or(input.len(), |i| pos + i);
        let line = input[pos..line_end].trim_end_matches('\r');
        let next = (line_end + 1).min(input.len());
        if pos > 0 && (line == "---" || line == "...") {
            return (next, title);
        }
        if let Some((key, _)) = line.split_once(':')
            && !key.starts_with([' ', '\t', '-'])
        {
            let v_off = pos + key.len() + 1;
            let v = &input[v_off..pos + line.len()];
            let trimmed = v.trim().trim_matches(|c| c == '"' || c == '\'');
            if !trimmed.is_empty() && trimmed != ">" && trimmed != "|" {
                let t_start = v_off + v.find(trimmed).unwrap_or(0);
                let owned = Some(trimmed.to_string());
                match key.trim() {
                    "title" => {
                        meta.title = owned;
                        title = Some(t_start..t_start + trimmed.len());
                    }
                    "date" | "published" => meta.published = owned,
                    "source" | "publisher" => meta.source = owned,
                    "url" | "link" | "canonical_url" => meta.url = owned,
                    _ => {}
                }
            }
        }
        if line_end >= input.len() {
            break;
        }
        pos = next;
    }
    *meta = Meta::default();
    (0, None)
}

/// Block-level HTML elements: each starts a new line.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "tbody",
    "thead",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "hr",
    "title",
    "figcaption",
    "figure",
    "pre",
    "dd",
    "dt",
    "nav",
    "aside",
    "main",
    "body",
    "html",
    "head",
    "caption",
];
/// Elements whose content is never article text.
const SKIP_TAGS: &[&str] = &["script", "style", "noscript", "template", "svg", "iframe"];

struct Scanner<'a> {
    s: &'a str,
    b: &'a mut Builder,
    /// Output ranges that came from link texts (to spot link lists).
    links: &'a mut Vec<Range<usize>>,
}

impl Scanner<'_> {
    fn run(&mut self, from: usize) {
        let s = self.s;
        let bytes = s.as_bytes();
        let mut i = from;
        let mut run_start = i; // start of pending verbatim run
        let mut line_start = true;
        // ends of markdown links being read: (']' position, end of "(url)", output start)
        let mut link_ends: Vec<(usize, usize, usize)> = Vec::new();
        // output offset where the text of an open <a> starts
        let mut anchor_start: Option<usize> = None;
        macro_rules! flush {
            () => {
                if run_start < i {
                    self.b.copy(run_start, &s[run_start..i]);
                }
            };
        }
        while i < bytes.len() {
            // plain text up to the next byte that may need handling
            if !line_start {
                let limit = link_ends.last().map_or(bytes.len(), |l| l.0.max(i));
                'plain: while i < limit {
                    // sixteen bytes at a time while none of them needs a look,
                    // else the next sixteen byte by byte
                    if run_start < i
                        && i + 16 <= limit
                        && i + 18 <= bytes.len()
                        && plain_chunk(bytes[i..i + 18].try_into().expect("18 bytes"))
                    {
                        i += 16;
                        continue;
                    }
                    let stop = limit.min(i + 16);
                    while i < stop {
                        match bytes[i] {
                            x if PLAIN[x as usize] => i += 1,
                            // as in the match below: a single space after copied
                            // text, and an h or w that starts no URL, stay plain
                            b' ' if single_space(bytes, i, run_start) => i += 1,
                            b'h' | b'w' | b'H' | b'W' if !is_url_start(bytes, i) => i += 1,
                            _ => break 'plain,
                        }
                    }
                }
                if i >= bytes.len() {
                    break;
                }
            }
            let c = bytes[i];
            // markdown line markers
            if line_start {
                let skip = line_marker(&bytes[i..]);
                if skip > 0 {
                    flush!();
                    i += skip;
                    run_start = i;
                    continue;
                }
                if c != b' ' && c != b'\t' {
                    line_start = false;
                }
            }
            if let Some(&(close, end, out_start)) = link_ends.last()
                && i == close
            {
                flush!();
                self.links.push(out_start..self.b.text.len());
                link_ends.pop();
                i = end;
                run_start = i;
                continue;
            }
            match c {
                b'\n' | b'\r' => {
                    flush!();
                    self.b.separator(i, true);
                    i += 1;
                    run_start = i;
                    line_start = true;
                    link_ends.clear();
                }
                b' ' if single_space(bytes, i, run_start) => i += 1,
                b' ' | b'\t' | 0x0b | 0x0c => {
                    flush!();
                    self.b.separator(i, false);
                    i += 1;
                    run_start = i;
                }
                b'<' => {
                    if let Some(tag) = html_tag(s, i) {
                        flush!();
                        self.b.separator(i, tag.newline);
                        match tag.anchor {
                            Some(true) => anchor_start = Some(self.b.text.len()),
                            Some(false) => {
                                if let Some(a) = anchor_start.take() {
                                    self.links.push(a..self.b.text.len());
                                }
                            }
                            None => {}
                        }
                        i = tag.end;
                        run_start = i;
                    } else {
                        i += 1;
                    }
                }
                b'&' => {
                    if let Some((end, ch)) = entity(&s[i..]) {
                        flush!();
                        if ch.is_whitespace() {
                            self.b.separator(i, false);
                        } else {
                            let mut buf = [0u8; 4];
                            self.b.substitute(i..i + end, ch.encode_utf8(&mut buf));
                        }
                        i += end;
                        run_start = i;
                    } else {
                        i += 1;
                    }
                }
                b'!' if bytes.get(i + 1) == Some(&b'[') => {
                    // an image: its alt text is not article text
                    if let Some((_, end)) = md_link(bytes, i + 1) {
                        flush!();

                        i = end;
                        run_start = i;
                    } else {
                        i += 1;
                    }
                }
                b'[' => {
                    if let Some((close, end)) = md_link(bytes, i) {
                        flush!();
                        link_ends.push((close, end, self.b.text.len()));
                        i += 1;
                        run_start = i;
                    } else {
                        i += 1;
                    }
                }
                b'*' | b'_' | b'`' if matches!(bytes.get(i + 1), Some(&d) if d == c) || c == b'`' => {
                    flush!();
                    while i < bytes.len() && bytes[i] == c {
                        i += 1;
                    }
                    run_start = i;
                }
                b'h' | b'w' | b'H' | b'W' if is_url_start(bytes, i) => {
                    flush!();
                    i = url_end(bytes, i);
                    self.b.separator(i, false);
                    run_start = i;
                }
                // Unicode spaces (NBSP, U+2000.., ideographic) only start with
                // these lead bytes: Hangul and Han never need decoding here
                0xc2 | 0xe1 | 0xe2 | 0xe3 => {
                    // full-width and ideographic spaces act as separators
                    let ch = s[i..].chars().next().unwrap_or(' ');
                    let n = ch.len_utf8();
                    if ch.is_whitespace() {
                        flush!();
                        if ch == '\u{2028}' || ch == '\u{2029}' || ch == '\u{85}' {
                            self.b.separator(i, true);
                        } else {
                            self.b.separator(i, false);
                        }
                        i += n;
                        run_start = i;
                    } else {
                        i += n;
                    }
                }
                _ if c >= 0xc0 => i += utf8_len(c),
                _ => i += 1,
            }
        }
        flush!();
    }
}

/// Whether the space at `i` is a single one after copied text (the verbatim
/// run began at `run_start`): it stays in the run.
fn single_space(bytes: &[u8], i: usize, run_start: usize) -> bool {
    run_start < i && !matches!(bytes.get(i + 1), Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c))
}

/// Whether the first 16 of these 18 bytes all stay in a verbatim run that
/// started before them, as the plain-text loop of [`Scanner::run`] would
/// find: branch-free, so text with many spaces and h's does not mispredict.
/// An h or w is let through only when it cannot start a URL (that needs
/// "htt" or "www"); any doubt leaves the chunk to the byte loop.
fn plain_chunk(w: &[u8; 18]) -> bool {
    let ws = |x: u8| x == b' ' || (b'\t'..=b'\r').contains(&x);
    let mut ok = true;
    for k in 0..16 {
        let (x, y, z) = (w[k], w[k + 1] | 0x20, w[k + 2] | 0x20);
        let lower = x | 0x20;
        // PLAIN, as comparisons the compiler can vectorise
        let plain = !(ws(x)
            || matches!(x, b'<' | b'&' | b'!' | b'[' | b'*' | b'_' | b'`' | 0xc2)
            || (0xe1..=0xe3).contains(&x)
            || lower == b'h'
            || lower == b'w');
        let single_space = x == b' ' && !ws(w[k + 1]);
        let no_url = (lower == b'h' && !(y == b't' && z == b't')) || (lower == b'w' && !(y == b'w' && z == b'w'));
        ok &= plain | single_space | no_url;
    }
    ok
}

/// Bytes the scanner copies without a look: everything but whitespace,
/// markup starts (`<`, `&`, `!`, `[`, `*`, `_`, `` ` ``), URL starts (`h`, `w`)
/// and the lead bytes of Unicode spaces.
static PLAIN: [bool; 256] = {
    let mut t = [true; 256];
    let special = b"\n\r \t\x0b\x0c<&![*_`hwHW\xc2\xe1\xe2\xe3";
    let mut k = 0;
    while k < special.len() {
        t[special[k] as usize] = false;
        k += 1;
    }
    t
};

/// Length of the UTF-8 sequence a lead byte starts.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xf0.. => 4,
        0xe0.. => 3,
        _ => 2,
    }
}

/// Markdown markers at a line start (`# `, `> `, `- `, `* `, `+ `, `1. `):
/// bytes to skip.
fn line_marker(b: &[u8]) -> usize {
    let mut i = 0;
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') && i < 4 {
        i += 1;
    }
    let m = i;
    while i < b.len() && (b[i] == b'#' || b[i] == b'>') {
        i += 1;
    }
    if i == m && i < b.len() && matches!(b[i], b'-' | b'*' | b'+') && b.get(i + 1) == Some(&b' ') {
        i += 1;
    }
    if i > m && (i == b.len() || b[i] == b' ' || b[i] == b'\t' || b[i] == b'\n' || b[i] == b'\r') {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        return i;
    }
    0
}

/// What [`html_tag`] found.
struct Tag {
    end: usize,
    newline: bool,
    /// `Some(true)` for `<a ...>`, `Some(false)` for `</a>`.
    anchor: Option<bool>,
}

/// `<...>` at `i`: where it ends, whether it breaks the line, whether it opens
/// or closes a link.
fn html_tag(s: &str, i: usize) -> Option<Tag> {
    let b = s.as_bytes();
    let next = *b.get(i + 1)?;
    if s[i..].starts_with("<!--") {
        let end = s[i + 4..].find("-->").map_or(s.len(), |e| i + 4 + e + 3);
        return Some(Tag { end, newline: false, anchor: None });
    }
    if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?') {
        return None;
    }
    let name_start = if next == b'/' { i + 2 } else { i + 1 };
    let mut j = name_start;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
        j += 1;
    }
    let name = s[name_start..j].to_ascii_lowercase();
    // find the closing '>' outside quotes, bounded
    let mut quote = 0u8;
    let limit = (j + 8192).min(b.len());
    let mut k = j;
    while k < limit {
        match b[k] {
            q @ (b'"' | b'\'') if quote == 0 => quote = q,
            q if q == quote => quote = 0,
            b'>' if quote == 0 => break,
            b'\n' if quote == 0 && k > j + 2048 => return None,
            _ => {}
        }
        k += 1;
    }
    if k >= limit {
        return None;
    }
    let mut end = k + 1;
    if next != b'/' && SKIP_TAGS.contains(&name.as_str()) && !s[i..end].ends_with("/>") {
        let close = format!("</{name}");
        end = find_ascii_ci(&s[end..], &close).map_or(s.len(), |p| {
            let after = end + p;
            s[after..].find('>').map_or(s.len(), |q| after + q + 1)
        });
        return Some(Tag { end, newline: true, anchor: None });
    }
    let anchor = (name == "a").then_some(next != b'/');
    Some(Tag { end, newline: BLOCK_TAGS.contains(&name.as_str()), anchor })
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes().windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

/// An HTML entity at the start of `s`: its length and the char.
fn entity(s: &str) -> Option<(usize, char)> {
    let end = s.as_bytes().iter().take(12).position(|&c| c == b';')?;
    let name = &s[1..end];
    let ch = if let Some(num) = name.strip_prefix('#') {
        let v = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        char::from_u32(v).filter(|c| *c != '\0')?
    } else {
        match name {
            "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "middot" => '·',
            "hellip" => '…',
            "ndash" => '–',
            "mdash" => '—',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            "laquo" => '«',
            "raquo" => '»',
            "copy" => '©',
            "reg" => '®',
            "trade" => '™',
            "bull" => '•',
            "auml" => 'ä',
            "ouml" => 'ö',
            "uuml" => 'ü',
            "Auml" => 'Ä',
            "Ouml" => 'Ö',
            "Uuml" => 'Ü',
            "szlig" => 'ß',
            "eacute" => 'é',
            "euro" => '€',
            _ => return None,
        }
    };
    Some((end + 1, ch))
}

/// A markdown link `[text](url)` opening at `i` on one line: the offset of
/// `]` and the end of `(url)`.
fn md_link(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let mut depth = 0;
    let mut j = i;
    let limit = (i + 2048).min(b.len());
    while j < limit {
        match b[j] {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            b'\n' => return None,
            _ => {}
        }
        j += 1;
    }
    if j >= limit || b.get(j + 1) != Some(&b'(') {
        return None;
    }
    let close = j;
    let mut k = j + 2;
    let limit = (k + 4096).min(b.len());
    while k < limit && b[k] != b')' {
        if b[k] == b'\n' {
            return None;
        }
        k += 1;
    }
    (k < limit).then_some((close, k + 1))
}

fn is_url_start(b: &[u8], i: usize) -> bool {
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'/' || b[i - 1] == b'.') {
        return false;
    }
    let rest = &b[i..];
    let starts = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    starts(b"https://") || starts(b"http://") || (starts(b"www.") && !site_name(b, i))
}

/// Whether "www." at `i` starts a site's bare name in running text ("die
/// Website www.einmalzahlung200.de war nicht erreichbar"): no path after the
/// host. It names a service and stays in the text; a link with a path goes.
fn site_name(b: &[u8], i: usize) -> bool {
    let end = url_end(b, i);
    let host = b[i..end].strip_suffix(b".").unwrap_or(&b[i..end]);
    !host.contains(&b'/') && !host.contains(&b'?') && host.iter().filter(|&&c| c == b'.').count() >= 2
}

fn url_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() || c >= 0x80 || matches!(c, b'<' | b'>' | b'"' | b')' | b']' | b'\'') {
            break;
        }
        i += 1;
    }
    i
}

/// Page furniture: lines made of these (and little else) are dropped.
const BOILERPLATE: &[&str] = &[
    // zh
    "扫码",
    "扫一扫",
    "二维码",
    "关注我们",
    "关注该公众号",
    "公众号",
    "点赞",
    "在看",
    "分享",
    "阅读原文",
    "转发",
    "收藏",
    "留言",
    "小程序",
    "阅读推荐",
    "往期推荐",
    "推荐阅读",
    "点个",
    "轻触",
    "向上滑动",
    "继续滑动",
    "预览时",
    "版权",
    "免责声明",
    "原文链接",
    // ko
    "공유하기",
    "공유",
    "구독",
    "무단전재",
    "재배포",
    "기자 이메일",
    "저작권",
    "좋아요",
    "댓글",
    "관련기사",
    "카카오톡 공유",
    "페이스북 공유",
    "url 복사",
    // id
    "bagikan",
    "baca juga",
    "ikuti kami",
    "google news",
    "simak juga",
    "artikel terkait",
    "hak cipta",
    // de
    "teilen",
    "abonnieren",
    "newsletter",
    "mehr zum thema",
    "folge @",
    "folgen sie",
    "lesen sie auch",
    "weiterlesen",
    "alle rechte vorbehalten",
    // en
    "share this",
    "share on",
    "subscribe",
    "follow us",
    "sign up",
    "read more",
    "read also",
    "related:",
    "related articles",
    "all rights reserved",
    "copyright",
    "click here",
    "advertisement",
    "qr code",
    "qr-code",
    "©",
];

/// The marker lists as case-insensitive automata, built once.
struct Markers {
    boilerplate: aho_corasick::AhoCorasick,
    related: aho_corasick::AhoCorasick,
}

static MARKERS: std::sync::LazyLock<Markers> = std::sync::LazyLock::new(|| {
    let build = |words: &[&str]| {
        aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(words).expect("small automaton")
    };
    Markers { boilerplate: build(BOILERPLATE), related: build(RELATED) }
});

/// Headings of link blocks: the headline-like lines after them are not the article.
const RELATED: &[&str] = &[
    "related",
    "read also",
    "read more",
    "see also",
    "also read",
    "more on this",
    "recommended",
    "baca juga",
    "lihat juga",
    "artikel terkait",
    "berita terkait",
    "simak juga",
    "mehr zum thema",
    "lesen sie auch",
    "das könnte sie auch interessieren",
    "weitere artikel",
    "관련기사",
    "관련 기사",
    "함께 보면 좋은",
    "추천 기사",
    "相关阅读",
    "相关文章",
    "阅读推荐",
    "推荐阅读",
    "往期推荐",
    "延伸阅读",
    "相关新闻",
];

/// Whether a line ends like a sentence (not like a headline).
fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '\'', '”', '’', ')', '」']).ends_with(['.', '!', '?', '。', '！', '？', ':', '：'])
}

/// Whether a line is only an advertisement's label ("| Anzeige", "Advertisement", "광고").
fn ad_label(line: &str) -> bool {
    const LABELS: &[&str] =
        &["anzeige", "werbung", "advertisement", "sponsored", "iklan", "광고", "广告", "推广", "廣告"];
    let word = line.trim_matches(|c: char| !c.is_alphanumeric());
    word.len() <= 16 && LABELS.iter().any(|l| word.eq_ignore_ascii_case(l))
}

/// Whether a line is what is left of an image link or a file path
/// (":strip_icc():format(jpeg)/media/…/photo.jpeg)", "https://…/a.png"):
/// one long run without spaces, with slashes, naming an image or a URL.
fn path_remnant(line: &str) -> bool {
    const IMAGES: &[&str] = &[".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg"];
    line.len() >= 20
        && !line.contains(char::is_whitespace)
        && line.matches('/').count() >= 2
        && (line.contains("://") || IMAGES.iter().any(|e| line.to_ascii_lowercase().contains(e)))
}

/// Drop empty lines, link-only lines, short boilerplate lines, and the
/// headline lists under "Related articles" headings.
fn filter_lines(text: &str, map: &OffsetMap, links: &[Range<usize>]) -> (String, OffsetMap) {
    let mut out = Builder::with_capacity(text.len());
    let mut pos = 0;
    let mut link_i = 0;
    // inside a "Related articles" block: headline-like lines are dropped
    let mut in_related = false;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim();
        let l_start = pos + (text[pos..end].len() - text[pos..end].trim_start().len());
        let l_end = l_start + line.len();
        let mut keep = line.chars().filter(|c| c.is_alphanumeric()).take(2).count() >= 2;
        if keep {
            // a line that is only link text is a link list entry
            while link_i < links.len() && links[link_i].end <= l_start {
                link_i += 1;
            }
            let mut covered = 0;
            let mut j = link_i;
            while j < links.len() && links[j].start < l_end {
                covered += links[j].end.min(l_end) - links[j].start.max(l_start);
                j += 1;
            }
            if covered > 0 && covered * 10 >= line.bytes().filter(|b| *b != b' ').count() * 8 {
                keep = false;
            }
        }
        if keep && (ad_label(line) || path_remnant(line)) {
            keep = false;
        }
        let chars = if line.len() > 480 { 121 } else { line.chars().count() };
        if keep && chars <= 120 {
            if chars <= 40 && MARKERS.related.is_match(line) {
                in_related = true;
                keep = false;
            } else if in_related && !ends_sentence(line) {
                keep = false;
            // short lines with page furniture, or longer ones that start with it
            // or introduce a list with it ("Artikel teilen: WhatsApp | X")
            } else if MARKERS
                .boilerplate
                .find_overlapping_iter(line)
                .any(|m| chars <= 40 || m.start() == 0 || line[m.end()..].trim_start().starts_with([':', '：']))
            {
                keep = false;
            } else {
                in_related = false;
            }
        } else {
            in_related = false;
        }
        if keep {
            out.copy_from(text, map, l_start..l_end);
            out.separator(l_end, true);
        }
        pos = end + 1;
    }
    if out.text.ends_with('\n') {
        out.text.pop();
        if let Some(p) = out.map.pieces.last()
            && !p.verbatim
            && p.out + p.out_len > out.text.len()
        {
            out.map.pieces.pop();
        }
    }
    (out.text, out.map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str) -> Cleaned {
        let c = clean(input);
        // every word maps back onto the same word
        for (i, w) in c.text.split(['\n', ' ']).enumerate() {
            let _ = i;
            if w.is_empty() {
                continue;
            }
            let s = w.as_ptr() as usize - c.text.as_ptr() as usize;
            let r = c.map.to_input(s, s + w.len()).expect("mapped");
            assert!(input.is_char_boundary(r.start) && input.is_char_boundary(r.end));
        }
        c
    }

    #[test]
    fn page_metadata() {
        let page = r#"<!doctype html><html><head>
<meta charset="utf-8"><title>Gmail down &amp; out - Example News</title>
<meta property="og:title" content="Gmail down &amp; out">
<meta property="og:site_name" content='Example News'>
<meta property="article:published_time" content="2025-03-01T09:30:00+09:00">
<link rel="canonical" href="https://news.example/gmail">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-01-01"}</script>
</head><body><h1>Gmail down</h1><p>Users <time datetime="2023-05-05">today</time> could not log in.</p></body></html>"#;
        let c = check(page);
        assert_eq!(c.meta.title.as_deref(), Some("Gmail down & out"));
        assert_eq!(c.meta.source.as_deref(), Some("Example News"));
        assert_eq!(c.meta.published.as_deref(), Some("2025-03-01T09:30:00+09:00"));
        assert_eq!(c.meta.url.as_deref(), Some("https://news.example/gmail"));
        assert!(!c.published_guessed);
        // the page text is cleaned as without the metadata
        assert_eq!(c.text, clean(&page.replace("<head>", "<head><x>")).text);
        // each source of the date in its turn, <title> without og:title
        let ld = r#"<title>T</title><script type="application/ld+json">{"datePublished": "2024/02/03 10:00"}</script><time datetime="2023-05-05">x</time><p>x</p>"#;
        let c = clean(ld);
        assert_eq!((c.meta.title.as_deref(), c.meta.published.as_deref()), (Some("T"), Some("2024-02-03")));
        assert_eq!(
            clean("<p>x</p><time datetime='2023-05-05T08:00Z'>x</time>").meta.published.as_deref(),
            Some("2023-05-05T08:00Z")
        );
        assert_eq!(
            clean(r#"<meta property="og:url" content="https://a.example/x"><p>x</p>"#).meta.url.as_deref(),
            Some("https://a.example/x")
        );
        // front matter keeps its fields; no date is made of nonsense
        let fm = "---\ntitle: Mine\ndate: 2022-01-01\n---\n<title>Theirs</title><meta property=\"article:published_time\" content=\"2025-01-01\"><p>x</p>";
        let c = clean(fm);
        assert_eq!((c.meta.title.as_deref(), c.meta.published.as_deref()), (Some("Mine"), Some("2022-01-01")));
        assert_eq!(clean("<time datetime=\"yesterday\">x</time> <meta content=x").meta.published, None);
        for broken in [
            "a < b <title",
            "<title>open",
            "<meta property=og:title content=",
            "<script type=application/ld+json>{\"datePublished\":",
        ] {
            let _ = clean(broken);
        }
    }

    #[test]
    fn front_matter_html_markdown() {
        let input = "---\ntitle: \"Outlook down\"\ndate: 2025-03-01\nurl: https://x.example/a\n---\n<p>Outlook&nbsp;was <b>down</b> today.</p>\n![img](https://i.example/x.png)\n[Read more](https://x.example/b)\nSee https://status.example/x for details.\n";
        let c = check(input);
        assert_eq!(c.meta.title.as_deref(), Some("Outlook down"));
        assert_eq!(c.meta.published.as_deref(), Some("2025-03-01"));
        // a dateline stands in where no metadata gives the date
        assert_eq!(clean(" date 2023-02-08 Cable cut\n\nText.").meta.published.as_deref(), Some("2023-02-08"));
        assert_eq!(clean("台北 2023-07 記者\n\n內文").meta.published.as_deref(), Some("2023-07"));
        assert_eq!(clean("Order 12023-02-08 or 2023-13-01\n\nx").meta.published, None);
        assert_eq!(c.text, "Outlook down\nOutlook was down today.\nSee for details.");
        let at = c.text.find("down today").unwrap();
        let r = c.map.to_input(at, at + 4).unwrap();
        assert_eq!(&input[r], "down");
        let t = c.map.to_input(0, 12).unwrap();
        assert_eq!(&input[t], "Outlook down");
    }

    #[test]
    fn link_lists_dropped_links_in_sentences_kept() {
        let c = check(
            "<p>Outlook is <a href=\"/x\">down</a> again.</p><ul><li><a href=\"/y\">Teams down last week</a></li></ul>\n[Azure outage](https://z)\n",
        );
        assert_eq!(c.text, "Outlook is down again.");
    }

    #[test]
    fn entities_map_to_their_source() {
        let input = "AT&amp;T network";
        let c = check(input);
        assert_eq!(c.text, "AT&T network");
        let r = c.map.to_input(0, 4).unwrap();
        assert_eq!(&input[r], "AT&amp;T");
    }

    #[test]
    fn scripts_and_boilerplate_dropped() {
        let c = check("<script>var a = '<p>';</script><h1>Title</h1>\n扫码关注我们\n正文内容在这里。\n分享\n");
        assert_eq!(c.text, "Title\n正文内容在这里。");
    }

    /// A chunk the 16-byte check lets through is one the byte loop would
    /// have copied byte by byte (in a run that began before it).
    #[test]
    fn a_sites_bare_name_stays_a_link_goes() {
        let c = check("Die Website www.beispiel-portal.de war nicht erreichbar. Mehr: www.example.com/x");
        assert!(c.text.contains("www.beispiel-portal.de"), "{}", c.text);
        assert!(!c.text.contains("example.com"), "{}", c.text);
    }

    #[test]
    fn ad_labels_and_image_paths_are_no_headline() {
        let c =
            check("| Anzeige\n:strip_icc():format(jpeg)/media/1/original/0_photo-2026.jpeg)\nBank-App gestört\nText.");
        assert_eq!(c.text, "Bank-App gestört\nText.");
        // a headline with the word in it stays
        let c = check("Polizei erstattet Anzeige nach Angriff\nText.");
        assert!(c.text.starts_with("Polizei"));
    }

    #[test]
    fn plain_chunks_agree_with_the_byte_loop() {
        let texts = [
            "Die Störung bei Outlook dauerte zwei Stunden, sagte ein Sprecher.  Danach: www.example.com/x",
            "See https://status.example.com or http://x.y for updates; which hosts? WWW.EXAMPLE.COM, Http://A",
            "Tabs\there, two  spaces, a\u{a0}no-break, „Zitat“ and ‚x‘ — dashes – and ＯＵＴＬＯＯＫ 微软宕机",
            "the <b>bold</b> & [link](u) *em* _em_ `code` !x\r\nline\x0bvt\x0cff htt wwW. wwx hth",
        ];
        for t in texts {
            let b = t.as_bytes();
            for i in 1..b.len().saturating_sub(17) {
                if !plain_chunk(b[i..i + 18].try_into().unwrap()) {
                    continue;
                }
                for k in i..i + 16 {
                    let byte_loop = PLAIN[b[k] as usize]
                        || (b[k] == b' ' && single_space(b, k, 0))
                        || (matches!(b[k], b'h' | b'w' | b'H' | b'W') && !is_url_start(b, k));
                    assert!(byte_loop, "{t:?} at {k}");
                }
            }
        }
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for s in ["<", "&", "&#xffffffff;", "[", "![", "---\n", "<script>", "<!--", "[a](", "\u{feff}---\nx: y"] {
            check(s);
        }
    }
}
