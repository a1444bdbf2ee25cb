//! Stage 2, detect the language: script runs settle Korean (Hangul) and
//! Chinese (Han without kana) without a model; Latin-script text goes to
//! `lingua`, restricted to English, German and Indonesian, over a bounded
//! sample of the cleaned text; a stop-word check turns other Latin-script
//! languages into "unknown".

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use crate::normalize::{Script, script};
use crate::word_shape::one_word;
#[cfg(test)]
use crate::word_shape::{one_word_char, trim_ascii_punctuation};

/// A language this crate extracts facts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Korean.
    Ko,
    /// Chinese (simplified or traditional).
    Zh,
    /// Indonesian.
    Id,
    /// German.
    De,
    /// English.
    En,
}

impl Lang {
    /// Every supported language.
    pub const ALL: [Lang; 5] = [Lang::Ko, Lang::Zh, Lang::Id, Lang::De, Lang::En];

    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::Zh => "zh",
            Lang::Id => "id",
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Parse an ISO 639-1 code.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// Whether words are separated by spaces (Latin script).
    pub(crate) fn is_latin(self) -> bool {
        matches!(self, Lang::Id | Lang::De | Lang::En)
    }
}

/// How many bytes of cleaned text the script count reads.
const SCRIPT_SAMPLE_BYTES: usize = 8192;

/// How many bytes of cleaned text lingua sees at most.
const SAMPLE_BYTES: usize = 2048;

/// How many bytes of Latin-script words the function-word count reads:
/// about 150 words, enough for a clear vote. Counting over the whole lingua
/// sample moved confidences by a few hundredths and no decision in the
/// shipped articles, for twice the work (the largest share of detection).
const TALLY_BYTES: usize = 1024;

/// Frequent function words: a Latin-script text with too few of them is in
/// another language.
const STOPWORDS: [(Lang, &[&str]); 3] = [
    (
        Lang::En,
        &[
            "the", "a", "an", "and", "of", "to", "in", "is", "was", "were", "on", "for", "that", "with", "by", "it",
            "as", "at", "from", "has", "have", "are", "be", "this", "not", "but", "or", "its", "their", "said",
        ],
    ),
    (
        Lang::De,
        &[
            "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "mit", "von", "zu", "den", "im", "auf", "für",
            "sich", "des", "dem", "auch", "es", "bei", "wie", "nach", "wird", "sind", "war", "hat", "aber", "noch",
        ],
    ),
    (
        Lang::Id,
        &[
            "yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "tidak", "pada", "ke", "dalam", "akan",
            "juga", "karena", "ada", "oleh", "mereka", "telah", "sudah", "bisa", "dapat", "atau", "seperti", "saat",
        ],
    ),
];

/// Language detector, built once.
pub(crate) struct Detector {
    lingua: LanguageDetector,
}

impl Detector {
    pub fn new() -> Self {
        let lingua =
            LanguageDetectorBuilder::from_languages(&[Language::English, Language::German, Language::Indonesian])
                .build();
        Self { lingua }
    }

    /// Detect the language of cleaned text: the language (if supported) and a confidence.
    pub fn detect(&self, text: &str) -> (Option<Lang>, f64) {
        // scripts, over a bounded prefix (the headline and lead decide)
        let mut end = text.len().min(SCRIPT_SAMPLE_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let mut latin = 0usize;
        let sample = &text[..end];
        let b = sample.as_bytes();
        // ASCII letters and the two-byte Latin letters U+00C0..U+01FF (lead
        // bytes 0xC3-0xC7, all of them `script`'s Latin) counted without
        // decoding, 32 bytes at a time in branch-free scans the compiler
        // vectorises; only a chunk with another lead byte is read char by char
        let two_byte_latin = |x: u8| x.wrapping_sub(0xc3) <= 4;
        let latin_letter = |x: u8| u8::from(x.is_ascii_alphabetic() | two_byte_latin(x));
        let other_lead = |x: u8| x >= 0xc0 && !two_byte_latin(x);
        // the script of the char starting at `at`: [hangul, han, kana, latin, other]
        let mut counts = [0usize; 5];
        let mut count_other = |at: usize| {
            let Some(c) = sample.get(at..).and_then(|r| r.chars().next()) else { return };
            match script(c) {
                Script::Hangul => counts[0] += 1,
                Script::Han => counts[1] += 1,
                Script::Kana => counts[2] += 1,
                Script::Latin => counts[3] += 1,
                Script::Other => counts[4] += 1,
                Script::None => {}
            }
        };
        let mut chunks = b.chunks_exact(32);
        let mut at = 0;
        for chunk in &mut chunks {
            let chunk: &[u8; 32] = chunk.try_into().expect("32 bytes");
            // at most 32: byte lanes
            latin += usize::from(chunk.iter().map(|&x| latin_letter(x)).sum::<u8>());
            if chunk.iter().fold(false, |a, &x| a | other_lead(x)) {
                for (j, &x) in chunk.iter().enumerate() {
                    if other_lead(x) {
                        count_other(at + j);
                    }
                }
            }
            at += 32;
        }
        for (j, &x) in chunks.remainder().iter().enumerate() {
            latin += usize::from(latin_letter(x));
            if other_lead(x) {
                count_other(at + j);
            }
        }
        let [hangul, han, kana, more_latin, other] = counts;
        latin += more_latin;
        // a Latin word of ~5 letters weighs about as much as two CJK syllables
        let latin_w = latin as f64 / 2.5;
        let cjk = (hangul + han + kana) as f64;
        let total = cjk + latin_w + other as f64;
        if total < 1.0 {
            return (None, 0.0);
        }
        if hangul as f64 >= 0.3 * (han + kana) as f64 && hangul as f64 >= 0.15 * total && hangul >= 2 {
            return (Some(Lang::Ko), confidence(hangul as f64, total));
        }
        if han as f64 >= 0.15 * total && han >= 2 {
            if kana as f64 >= 0.1 * han as f64 {
                return (None, 0.0); // Japanese
            }
            return (Some(Lang::Zh), confidence((han + hangul) as f64, total));
        }
        if latin_w < 0.5 * total || latin < 3 {
            return (None, 0.0);
        }
        self.detect_latin(text)
    }

    /// English, German, Indonesian or another Latin-script language. Function
    /// words settle clear cases; lingua decides the close ones, and function
    /// words overrule it when they clearly disagree (an English sentence full
    /// of German brand names).
    fn detect_latin(&self, text: &str) -> (Option<Lang>, f64) {
        // function-word counts: en, de, id, foreign
        let mut tally = [0usize; 4];
        let mut n = 0;
        let mut count = |bits: Option<u8>| {
            n += 1;
            if let Some(bits) = bits {
                for (i, t) in tally.iter_mut().enumerate() {
                    *t += usize::from(bits & (1 << i) != 0);
                }
            }
        };
        sample_tokens(text, TALLY_BYTES, |token| {
            let Some((token, wide)) = token else { return };
            let unicode_words = unicode_segmentation::UnicodeSegmentation::unicode_words;
            if !wide {
                // ASCII: trimmed, checked and looked up in one go
                match ascii_word(token.as_bytes()) {
                    AsciiWord::None => {}
                    AsciiWord::Word(key) => count(key.and_then(lookup)),
                    AsciiWord::Split => unicode_words(token).for_each(|w| count(function_word(w))),
                }
                return;
            }
            // a token of Latin letters and digits is one word; others are
            // split by the Unicode rules (whitespace always breaks words, so
            // token by token is the same as the whole sample)
            match one_word(token) {
                Some("") => {} // punctuation alone
                Some(word) => count(function_word(word)),
                None => unicode_words(token).for_each(|w| count(function_word(w))),
            }
        });
        if n == 0 {
            return (None, 0.0);
        }
        // slot i of the tally is STOPWORDS[i]'s language
        let mut counts = [0, 1, 2].map(|i| (STOPWORDS[i].0, tally[i]));

        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        let (best, best_hits) = counts[0];
        let second = counts[1].1;
        // French, Spanish, Italian, Portuguese or Dutch function words outnumber ours
        let foreign = tally[3];

        if foreign >= 2 && foreign > best_hits {
            return (None, 0.0);
        }
        let share = |h: usize| h as f64 / n.max(1) as f64;
        if n >= MIN_WORDS_FOR_STOPWORDS && share(best_hits) < MIN_STOPWORD_SHARE {
            return (None, 0.0);
        }
        // a clear majority: no model needed
        if best_hits >= 3 && best_hits >= 3 * second.max(1) {
            let margin = (best_hits - second) as f64 / best_hits as f64;
            return (Some(best), round2(0.5 + 0.5 * margin.min(1.0) * (share(best_hits) / 0.25).min(1.0)));
        }
        let values = self.lingua.compute_language_confidence_values(latin_sample(text));
        let Some(&(picked, conf)) = values.first() else {
            return (None, 0.0);
        };
        let picked = lang_of(picked);
        let picked_hits = counts.iter().find(|c| c.0 == picked).map_or(0, |c| c.1);
        if best != picked && best_hits >= picked_hits + 2 {
            let conf_best = values.iter().find(|v| lang_of(v.0) == best).map_or(0.5, |v| v.1);
            return (Some(best), round2(conf_best));
        }
        (Some(picked), round2(conf))
    }
}

/// A word of at most 8 bytes as one integer (its bytes, zero-padded).
///
/// Built in registers from at most three overlapping loads: bytes copied
/// into a stack buffer and read back as one word stall the load (no
/// store-to-load forwarding from several small stores into a wide load).
fn key(w: &[u8]) -> u64 {
    let n = w.len();
    debug_assert!(n <= 8);
    let u32_at = |i: usize| u64::from(u32::from_le_bytes(w[i..i + 4].try_into().expect("4 bytes")));
    match n {
        0 => 0,
        1..=3 => u64::from(w[0]) | u64::from(w[n / 2]) << (8 * (n / 2)) | u64::from(w[n - 1]) << (8 * (n - 1)),
        // two overlapping halves: the shared bytes are equal, so OR is exact
        _ => u32_at(0) | u32_at(n - 4) << (8 * (n - 4)),
    }
}

/// Slots of the function-word hash table (a power of two, under half full).
const TABLE_BITS: u32 = 9;

/// Every function word (as [`key`]) and the languages it belongs to (bit i:
/// the language of `STOPWORDS[i]`; bit 3: another Latin-script language), as
/// an open-addressing hash table; key 0 = empty slot.
static FUNCTION_WORDS: std::sync::LazyLock<Vec<(u64, u8)>> = std::sync::LazyLock::new(|| {
    let mut t = vec![(0u64, 0u8); 1 << TABLE_BITS];
    let mut add = |w: &str, bit: u8| {
        let k = key(w.as_bytes());
        let mut i = slot(k);
        while t[i].0 != 0 && t[i].0 != k {
            i = (i + 1) & ((1 << TABLE_BITS) - 1);
        }
        t[i] = (k, t[i].1 | bit);
    };
    for (i, (_, words)) in STOPWORDS.iter().enumerate() {
        for w in *words {
            add(w, 1 << i);
        }
    }
    for w in FOREIGN_STOPWORDS {
        add(w, 1 << 3);
    }
    t
});

fn slot(k: u64) -> usize {
    (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - TABLE_BITS)) as usize
}

/// The languages `w` is a function word of, if any (case-insensitive).
fn function_word(w: &str) -> Option<u8> {
    // no function word is longer than 8 bytes
    if w.len() > 8 {
        return None;
    }
    let mut buf = [0u8; 8];
    let lower: &[u8] = if w.is_ascii() {
        for (d, s) in buf.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        &buf[..w.len()]
    } else {
        let mut len = 0;
        for c in w.chars().flat_map(char::to_lowercase) {
            if len + c.len_utf8() > 8 {
                return None;
            }
            len += c.encode_utf8(&mut buf[len..]).len();
        }
        &buf[..len]
    };
    lookup(key(lower))
}

/// The languages of the function word with key `k` (see [`key`]), if any.
fn lookup(k: u64) -> Option<u8> {
    let table = &*FUNCTION_WORDS;
    let mut i = slot(k);
    loop {
        match table[i] {
            (0, _) => return None,
            (e, bits) if e == k => return Some(bits),
            _ => i = (i + 1) & ((1 << TABLE_BITS) - 1),
        }
    }
}

/// An ASCII token read for the function-word count.
#[derive(Debug, PartialEq)]
enum AsciiWord {
    /// Punctuation alone: no word.
    None,
    /// One word (ASCII letters and digits once the punctuation around it is
    /// trimmed): its lowercase [`key`] if it is short enough to be a
    /// function word.
    Word(Option<u64>),
    /// Punctuation inside ("e-mail", "U.S."): split by the Unicode rules.
    Split,
}

/// What [`trim_ascii_punctuation`](crate::word_shape::trim_ascii_punctuation),
/// [`one_word_char`](crate::word_shape::one_word_char) and [`function_word`]
/// make of an ASCII token, in one pass over its bytes.
fn ascii_word(b: &[u8]) -> AsciiWord {
    // ASCII punctuation around a word is not part of it (`_` joins words)
    let inner = |x: &u8| x.is_ascii_alphanumeric() || *x == b'_';
    let Some(start) = b.iter().position(inner) else { return AsciiWord::None };
    let end = b.iter().rposition(inner).map_or(start, |e| e + 1);
    let core = &b[start..end];
    if !core.iter().all(u8::is_ascii_alphanumeric) {
        return AsciiWord::Split;
    }
    if core.len() > 8 {
        return AsciiWord::Word(None);
    }
    // letters and digits: setting bit 5 lowercases the letters and leaves the digits
    let k = key(core) | (0x2020_2020_2020_2020 & (u64::MAX >> (64 - 8 * core.len())));
    AsciiWord::Word(Some(k))
}

/// Function words of other Latin-script languages (fr, es, it, pt, nl) that
/// are not words of ours.
const FOREIGN_STOPWORDS: &[&str] = &[
    "le", "la", "les", "est", "et", "pour", "une", "dans", "sur", "avec", "pas", "qui", "depuis", "el", "los", "las",
    "y", "que", "por", "una", "del", "con", "il", "che", "della", "sono", "gli", "è", "não", "uma", "os", "com", "em",
    "het", "een", "van", "zijn", "niet", "voor", "ook",
];

/// Share of function words below which a text is not in that language.
const MIN_STOPWORD_SHARE: f64 = 0.06;
/// Below this many words (a headline) the function-word check says nothing.
const MIN_WORDS_FOR_STOPWORDS: usize = 20;

fn lang_of(l: Language) -> Lang {
    match l {
        Language::English => Lang::En,
        Language::German => Lang::De,
        _ => Lang::Id,
    }
}

fn confidence(part: f64, total: f64) -> f64 {
    round2((0.5 + 0.5 * part / total).min(1.0))
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Calls `f` with each whitespace-separated token of a language sample (and
/// whether it has non-ASCII chars): the first `limit` bytes of Latin-script
/// words (CJK, digits and symbols tell nothing about English, German or
/// Indonesian), and with `None` after each line (the lingua sample keeps
/// line breaks).
fn sample_tokens(text: &str, limit: usize, mut f: impl FnMut(Option<(&str, bool)>)) {
    let b = text.as_bytes();
    let mut len = 0;
    // the token being read: start, whether it has non-ASCII chars
    let mut start = 0;
    let mut wide = false;
    let mut i = 0;
    loop {
        // printable ASCII inside a token, without the general case below
        i = token_end(b, i);
        // what ends here: nothing, a token (whitespace), or a line
        let (ws, newline, step) = match b.get(i) {
            None => (true, i > 0 && b[i - 1] != b'\n', 0),
            Some(b'\n') => (true, true, 1),
            Some(b' ' | b'\t' | b'\r' | 0x0b | 0x0c) => (true, false, 1),
            Some(&x) if x < 0x80 => (false, false, 1),
            Some(_) => {
                let c = text[i..].chars().next().unwrap_or(' ');
                wide |= !c.is_whitespace();
                (c.is_whitespace(), false, c.len_utf8())
            }
        };
        if ws {
            let w = &text[start..i];
            // no word is longer than this; a 2 MB "word" is noise, not language
            let latin = !w.is_empty()
                && w.len() <= MAX_WORD_BYTES
                && if wide {
                    w.chars().any(|c| script(c) == Script::Latin) && w.chars().all(|c| script(c) != Script::Han)
                } else {
                    w.bytes().any(|x| x.is_ascii_alphabetic())
                };
            if latin {
                f(Some((w, wide)));
                len += w.len() + 1;
                if len >= limit {
                    return;
                }
            }
            if newline {
                f(None);
                len += 1;
            }
            start = i + step;
            wide = false;
        }
        if i >= b.len() {
            return;
        }
        i += step;
    }
}

/// The first byte from `i` on that is not printable ASCII (whitespace, a
/// control char or part of a non-ASCII char), or `b.len()`: eight bytes at a
/// time, each word of them tested for a byte under 0x21 or over 0x7f with
/// the borrow of one subtraction (the lowest flagged byte is always exact).
fn token_end(b: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let flagged = (x.wrapping_sub(0x21 * ONES) & !x | x) & (0x80 * ONES);
        if flagged != 0 {
            return i + (flagged.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while b.get(i).is_some_and(|x| x.wrapping_sub(0x21) < 0x5f) {
        i += 1;
    }
    i
}

/// The sample as one string, for lingua.
fn latin_sample(text: &str) -> String {
    let mut out = String::with_capacity(SAMPLE_BYTES + 64);
    sample_tokens(text, SAMPLE_BYTES, |t| match t {
        Some((w, _)) => {
            out.push_str(w);
            out.push(' ');
        }
        None => out.push('\n'),
    });
    out
}

/// Longer whitespace-separated tokens are left out of the language sample.
const MAX_WORD_BYTES: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;

    /// A key is the word's bytes, zero-padded, for every length.
    #[test]
    fn keys_are_the_padded_bytes() {
        let bytes = *b"\x01Ab\xffz9\x80_";
        for n in 0..=8 {
            for start in 0..=8 - n {
                let w = &bytes[start..start + n];
                let mut padded = [0u8; 8];
                padded[..n].copy_from_slice(w);
                assert_eq!(key(w), u64::from_le_bytes(padded), "{w:?}");
            }
        }
    }

    /// The eight-bytes-at-a-time scan stops where the byte loop does.
    #[test]
    fn token_end_agrees_with_the_byte_loop() {
        let texts = [
            "",
            "a",
            "abcdefgh",
            "abcdefghi j",
            "Hallo Welt\n",
            "für\u{a0}alle",
            "x\x7f\x00y",
            "0123456789!~ ",
            "ab\tcd",
        ];
        for t in texts {
            let b = t.as_bytes();
            for start in 0..=b.len() {
                let mut want = start;
                while want < b.len() && (0x21..0x80).contains(&b[want]) {
                    want += 1;
                }
                assert_eq!(token_end(b, start), want, "{t:?} from {start}");
            }
        }
    }

    /// The ASCII fast path reads a token as the general one does.
    #[test]
    fn ascii_words_agree_with_the_general_path() {
        for token in
            ["The", "(said,)", "...", "e-mail", "U.S.", "_x", "x_", "AbCdEfGh", "abcdefghi", "2024", "dan,", "\"Die"]
        {
            let core = trim_ascii_punctuation(token);
            let want = if core.is_empty() {
                AsciiWord::None
            } else if core.chars().all(one_word_char) {
                AsciiWord::Word((core.len() <= 8).then(|| key(core.to_ascii_lowercase().as_bytes())))
            } else {
                AsciiWord::Split
            };
            assert_eq!(ascii_word(token.as_bytes()), want, "{token}");
            if let AsciiWord::Word(k) = want {
                assert_eq!(k.and_then(lookup), function_word(core), "{token}");
            }
        }
    }

    #[test]
    fn function_words_any_case() {
        let en = 1 << 0;
        assert_eq!(function_word("The"), Some(en));
        assert_eq!(function_word("FÜR"), Some(1 << 1));
        assert_eq!(function_word("yang"), Some(1 << 2));
        assert_eq!(function_word("outage"), None);
        assert_eq!(function_word("verylongword"), None);
        assert_eq!(trim_ascii_punctuation("(said,)"), "said");
        assert_eq!(trim_ascii_punctuation("..."), "");
    }

    #[test]
    fn detects_each_language() {
        let d = Detector::new();
        let cases = [
            ("The service was down for two hours and users were not able to log in to their accounts.", Lang::En),
            (
                "Der Dienst war zwei Stunden lang nicht erreichbar, und die Nutzer konnten sich nicht anmelden.",
                Lang::De,
            ),
            ("Layanan tidak bisa diakses selama dua jam dan pengguna tidak dapat masuk ke akun mereka.", Lang::Id),
            ("카카오톡 서비스가 두 시간 동안 먹통이 됐다.", Lang::Ko),
            ("微信服务中断两个小时，用户无法登录。", Lang::Zh),
        ];
        for (text, lang) in cases {
            assert_eq!(d.detect(text).0, Some(lang), "{text}");
        }
        assert_eq!(
            d.detect(
                "Le service était en panne pendant deux heures et les utilisateurs ne pouvaient pas se connecter."
            )
            .0,
            None
        );
    }
}
