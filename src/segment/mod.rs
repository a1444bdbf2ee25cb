//! Stage 3, segment: split cleaned text into sentences, and sentences into
//! words with the language's own segmenter (one file per segmenter).
//!
//! Tokens are byte ranges of the cleaned text. They are used to keep
//! dictionary matches on word boundaries, so a segmenter only needs to say
//! where words start and end.
//!
//! The dictionary (the `lexicon` module) uses this module: [`Words`] and the
//! Latin morphology ([`inflection_ok`], [`prefix_ok`]) for its word
//! boundaries. This module does not use the dictionary: the names the
//! segmenters must keep whole come in as plain data ([`Segmenters::new`]).

use std::ops::Range;

use crate::error::Result;
use crate::language::Lang;

#[cfg(feature = "chinese")]
mod chinese;
#[cfg(feature = "korean")]
mod korean;
pub(crate) mod latin;

pub(crate) use latin::{inflection_ok, prefix_ok};

/// A sentence longer than this many bytes is cut into pieces at spaces, so
/// lindera and jieba never see unbounded input.
pub(crate) const MAX_SENTENCE_BYTES: usize = 1200;

/// The words of one sentence, as byte ranges of the cleaned text.
#[derive(Debug, Default)]
pub(crate) struct Words {
    pub spans: Vec<Range<usize>>,
    /// Where a derivational suffix starts (Korean 장애|인): a dictionary
    /// name may not end there, the suffix makes another word of it.
    pub suffixes: Vec<usize>,
    /// The stretches being segmented (a buffer kept between sentences).
    stretches: Vec<Range<usize>>,
}

impl Words {
    pub fn clear(&mut self) {
        self.spans.clear();
        self.suffixes.clear();
    }
}

/// The segmenters of every language compiled in, built once.
pub(crate) struct Segmenters {
    #[cfg(feature = "korean")]
    korean: korean::Korean,
    #[cfg(feature = "chinese")]
    chinese: chinese::Chinese,
}

impl Segmenters {
    /// Build the segmenters, with the dictionary's names as user words so
    /// they are never split. `names(lang)` lists every dictionary name tried
    /// in `lang`, each with whether it is an unambiguous service or provider
    /// name (the dictionary's `LexiconSource::names_for`): Chinese takes them
    /// all, Korean the unambiguous ones only.
    ///
    /// `alongside` runs on this thread while jieba and lindera load their
    /// dictionaries on two others (construction's three slow parts, each
    /// 120-180 ms on the 2-core test machine), and its result is returned.
    #[cfg_attr(not(any(feature = "chinese", feature = "korean")), allow(unused_variables))]
    pub fn new<'a, N, T: Send>(
        names: impl Fn(Lang) -> N + Sync,
        alongside: impl FnOnce() -> T + Send,
    ) -> Result<(Self, T)>
    where
        N: Iterator<Item = (&'a str, bool)>,
    {
        std::thread::scope(|scope| {
            #[cfg(feature = "chinese")]
            let chinese = scope.spawn(|| chinese::Chinese::new(names(Lang::Zh).map(|n| n.0)));
            #[cfg(not(feature = "chinese"))]
            let _ = scope;
            #[cfg(feature = "korean")]
            let korean = scope.spawn(|| korean::Korean::new(names(Lang::Ko).filter(|n| n.1).map(|n| n.0)));
            let other = alongside();
            Ok((
                Self {
                    #[cfg(feature = "korean")]
                    korean: korean.join().map_err(|_| crate::Error::Segmenter {
                        language: "ko",
                        message: "lindera failed to load".to_string(),
                    })??,
                    #[cfg(feature = "chinese")]
                    chinese: chinese.join().map_err(|_| crate::Error::Segmenter {
                        language: "zh",
                        message: "jieba failed to load".to_string(),
                    })?,
                },
                other,
            ))
        })
    }

    /// Whether facts can be extracted in `lang` with this build's features.
    pub fn supports(&self, lang: Lang) -> bool {
        match lang {
            Lang::Ko => cfg!(feature = "korean"),
            Lang::Zh => cfg!(feature = "chinese"),
            _ => true,
        }
    }

    /// The words of `sentence` (at `base` in the cleaned text) around `spans`
    /// (sentence-relative) only, appended to `out`: each span's stretch is
    /// segmented on its own, for the words whole-sentence segmentation gives
    /// there at less cost. Latin script: the whitespace-delimited stretch
    /// (whitespace always breaks words, UAX #29). Korean: the eojeol with one
    /// more on each side (tested against whole sentences). Chinese: jieba's
    /// own block (it cuts blocks between punctuation independently).
    pub fn words_around(
        &self,
        lang: Lang,
        sentence: &str,
        base: usize,
        spans: impl Iterator<Item = Range<usize>>,
        out: &mut Words,
    ) {
        // lindera weighs a word against its neighbours: Korean stretches keep
        // one eojeol of context on each side; jieba cuts its blocks one by one
        let (context, joins): (usize, fn(char) -> bool) = match lang {
            Lang::Ko => (1, not_space),
            Lang::Zh => (0, jieba_block),
            _ => (0, not_space),
        };
        let mut found = std::mem::take(&mut out.stretches);
        stretches(sentence, spans, context, joins, &mut found);
        for r in &found {
            self.words(lang, &sentence[r.clone()], base + r.start, out);
        }
        out.stretches = found;
    }

    /// Append the word ranges of `sentence` (which sits at `base` in the
    /// cleaned text) to `out`.
    pub fn words(&self, lang: Lang, sentence: &str, base: usize, out: &mut Words) {
        match lang {
            #[cfg(feature = "korean")]
            Lang::Ko => self.korean.words(sentence, base, out),
            #[cfg(feature = "chinese")]
            Lang::Zh => self.chinese.words(sentence, base, &mut out.spans),
            _ => latin::words(sentence, base, &mut out.spans),
        }
    }
}

/// The stretches of `sentence` that cover `spans`, merged and in order: a
/// stretch is a maximal run of chars that `joins`, plus `context` more runs
/// on each side; in `found` (cleared first).
fn stretches(
    sentence: &str,
    spans: impl Iterator<Item = Range<usize>>,
    context: usize,
    joins: fn(char) -> bool,
    found: &mut Vec<Range<usize>>,
) {
    let before = |at: usize| sentence[..at].chars().next_back();
    let after = |at: usize| sentence[at..].chars().next();
    found.clear();
    for r in spans {
        if found.last().is_some_and(|l| l.start <= r.start && r.end <= l.end) {
            continue;
        }
        let (mut s, mut e) = (r.start.min(sentence.len()), r.end.min(sentence.len()));
        for k in 0..=context {
            if k > 0 {
                while let Some(c) = before(s).filter(|&c| !joins(c)) {
                    s -= c.len_utf8();
                }
                while let Some(c) = after(e).filter(|&c| !joins(c)) {
                    e += c.len_utf8();
                }
            }
            while let Some(c) = before(s).filter(|&c| joins(c)) {
                s -= c.len_utf8();
            }
            while let Some(c) = after(e).filter(|&c| joins(c)) {
                e += c.len_utf8();
            }
        }
        found.push(s..e);
    }
    found.sort_by_key(|r| r.start);
    // merge overlapping and touching stretches in place
    let mut kept = 0usize;
    for i in 0..found.len() {
        let r = found[i].clone();
        match kept.checked_sub(1).map(|k| &mut found[k]) {
            Some(l) if r.start <= l.end => l.end = l.end.max(r.end),
            _ => {
                found[kept] = r;
                kept += 1;
            }
        }
    }
    found.truncate(kept);
}

/// Not whitespace: words never span whitespace (UAX #29, ko-dic).
pub(crate) fn not_space(c: char) -> bool {
    !c.is_ascii_whitespace()
}

/// A char of the blocks jieba segments one by one (its own block pattern:
/// Han, ASCII letters and digits, `+#&._%-`); every other char separates them.
pub(crate) fn jieba_block(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}'
        | 'a'..='z'
        | 'A'..='Z'
        | '0'..='9'
        | '+'
        | '#'
        | '&'
        | '.'
        | '_'
        | '%'
        | '-')
}

/// Typographic closing quotes and brackets that may follow a sentence's
/// full stop (German closes with “ and «, French and Swiss with »).
const CLOSERS: &[&str] = &["”", "“", "’", "»", "«", "」", "』", "）"];

/// Split cleaned text into sentences: at line ends, at `。！？!?`, at `.`
/// followed by a space (not after abbreviations), and at most
/// [`MAX_SENTENCE_BYTES`] long.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / 80 + 1);
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        // 16 bytes at a time where no sentence can end (vector compares);
        // 。！？ start with 0xE3 or 0xEF, other non-ASCII bytes end nothing
        if let Some(w) = b.get(i..i + 16) {
            let may_end = |x: u8| (x == b'\n') | (x == b'!') | (x == b'?') | (x == b'.') | (x == 0xe3) | (x == 0xef);
            let mask = w.iter().enumerate().fold(0u32, |m, (k, &x)| m | (u32::from(may_end(x)) << k));
            if mask == 0 {
                i += 16;
                continue;
            }
            // straight to the first byte that may end a sentence
            i += mask.trailing_zeros() as usize;
        }
        let c = b[i];
        let mut cut = None;
        if c == b'\n' {
            cut = Some((i, i + 1));
        } else if c == b'!' || c == b'?' || c == b'.' {
            let mut j = i + 1;
            // past closing quotes and brackets, ASCII or typographic ("down.”
            // The", "eingeknickt.“ Mit", "fertig.» Dann")
            loop {
                if j < b.len() && matches!(b[j], b'"' | b'\'' | b')' | b'!' | b'?') {
                    j += 1;
                } else if let Some(q) = CLOSERS.iter().find(|q| text[j..].starts_with(**q)) {
                    j += q.len();
                } else {
                    break;
                }
            }
            let next_space = j >= b.len() || b[j] == b' ' || b[j] == b'\n';
            if next_space && (c != b'.' || !abbreviation(&text[start..i], b.get(j + 1).copied())) {
                cut = Some((j, j));
            }
        } else if c == 0xe3 || c == 0xef {
            // a lead byte: i is on a char boundary
            let ch = text[i..].chars().next().unwrap_or(' ');
            if matches!(ch, '。' | '！' | '？') {
                let mut j = i + ch.len_utf8();
                for q in text[j..].chars() {
                    if matches!(q, '”' | '」' | '』' | '）' | '"' | '’') {
                        j += q.len_utf8();
                    } else {
                        break;
                    }
                }
                cut = Some((j, j));
            }
            i += ch.len_utf8() - 1;
        }
        if let Some((end, next)) = cut {
            push_sentence(text, start..end, &mut out);
            start = next;
            i = next.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_sentence(text, start..text.len(), &mut out);
    out
}

/// Whether the `.` ending `before` is an abbreviation (a.m., U.S., z.B., Dr.).
fn abbreviation(before: &str, next: Option<u8>) -> bool {
    if next.is_some_and(|n| n.is_ascii_lowercase() || n.is_ascii_digit()) {
        return true;
    }
    let word = before.rsplit([' ', '(']).next().unwrap_or("");
    let len = word.chars().count();
    (len <= 4 && word.contains('.'))
        || (len == 1 && word.chars().all(|c| c.is_ascii_uppercase()))
        || matches!(
            word,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "Prof"
                | "Inc"
                | "Corp"
                | "Ltd"
                | "Co"
                | "vs"
                | "etc"
                | "ca"
                | "bzw"
                | "Nr"
                | "Jan"
                | "Feb"
                | "Mar"
                | "Apr"
                | "Jun"
                | "Jul"
                | "Aug"
                | "Sep"
                | "Sept"
                | "Oct"
                | "Nov"
                | "Dec"
                | "St"
                | "No"
                | "Tel"
                | "dll"
                | "dsb"
                | "Okt"
                | "Dez"
        )
}

fn push_sentence(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let trimmed = s.trim_start();
    let mut start = r.start + (s.len() - trimmed.len());
    let end = start + trimmed.trim_end().len();
    while end - start > MAX_SENTENCE_BYTES {
        let mut cut = start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[start..cut];
        let at = window.rfind([' ', ',', '，', '、']).filter(|&p| p > MAX_SENTENCE_BYTES / 2);
        let cut = at.map_or(cut, |p| start + p + window[p..].chars().next().map_or(1, char::len_utf8));
        out.push(start..cut);
        start = cut;
    }
    if end > start {
        out.push(start..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn a_sentence_ends_past_typographic_closing_quotes() {
        assert_eq!(
            split("„Das System ist eingeknickt.“ Mit solchen Problemen rechnete man. “It is down.” The firm said."),
            vec![
                "„Das System ist eingeknickt.“",
                "Mit solchen Problemen rechnete man.",
                "“It is down.”",
                "The firm said."
            ]
        );
    }

    #[test]
    fn splits_sentences() {
        assert_eq!(
            split(
                "Outlook was down at 9 a.m. ET on Monday. Users complained! 微软宕机。用户无法登录\n장애가 발생했다. 복구됐다."
            ),
            [
                "Outlook was down at 9 a.m. ET on Monday.",
                "Users complained!",
                "微软宕机。",
                "用户无法登录",
                "장애가 발생했다.",
                "복구됐다."
            ]
        );
        // umlauts no longer stop the 16-byte skip; full-width marks still cut
        assert_eq!(
            split("Größere Störungen überall in Österreich。Danach äußerte sich Microsoft！Später？Ende"),
            ["Größere Störungen überall in Österreich。", "Danach äußerte sich Microsoft！", "Später？", "Ende"]
        );
    }

    /// The words around a span are those of the whole sentence there.
    #[test]
    fn words_around_match_whole_sentence() {
        use unicode_segmentation::UnicodeSegmentation;
        let s = "Microsoft’s Outlook (and Teams) went down at 9:30 a.m. — users couldn't log-in; e-mail failed.";
        let whole: Vec<_> = s.unicode_word_indices().map(|(i, w)| 100 + i..100 + i + w.len()).collect();
        for (start, end) in [(0, 9), (12, 19), (25, 30), (45, 49), (65, 72), (82, 88), (88, 94)] {
            let mut around = Vec::new();
            let mut found = Vec::new();
            stretches(s, std::iter::once(start..end), 0, not_space, &mut found);
            for r in found {
                latin::words(&s[r.clone()], 100 + r.start, &mut around);
            }
            assert!(!around.is_empty());
            for w in &around {
                assert!(whole.contains(w), "{:?} {:?}", w, &s[w.start - 100..w.end - 100]);
            }
            // every word of the sentence overlapping the span is there
            for w in whole.iter().filter(|w| w.start - 100 < end && start < w.end - 100) {
                assert!(around.contains(w));
            }
        }
    }

    #[test]
    fn long_sentences_are_cut() {
        let t = "word ".repeat(1000);
        for r in sentences(&t) {
            assert!(r.len() <= MAX_SENTENCE_BYTES);
        }
        let t = "长".repeat(2000);
        let total: usize = sentences(&t).iter().map(|r| r.len()).sum();
        assert_eq!(total, t.len());
    }
}
