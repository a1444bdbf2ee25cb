//! Stage 2, detect the language: script runs settle Korean (Hangul) and
//! Chinese (Han without kana) without a model; Latin-script text goes to
//! `lingua`, restricted to English, German and Indonesian, over a bounded
//! sample of the cleaned text; a stop-word check turns other Latin-script
//! languages into "unknown".

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use crate::normalize::{Script, script};

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
        let (mut hangul, mut han, mut kana, mut latin, mut other) = (0usize, 0usize, 0usize, 0usize, 0usize);
        let sample = &text[..end];
        let b = sample.as_bytes();
        // ASCII letters and the two-byte Latin letters U+00C0..U+01FF (lead
        // bytes 0xC3-0xC7, all of them `script`'s Latin) counted without
        // decoding, in scans the compiler vectorises
        let two_byte_latin = |x: u8| (0xc3..=0xc7).contains(&x);
        latin += b.iter().filter(|x| x.is_ascii_alphabetic()).count();
        latin += b.iter().filter(|&&x| two_byte_latin(x)).count();
        // every other char is decoded: one that starts with another lead byte
        let mut i = 0;
        while let Some(p) = b[i..].iter().position(|&x| x >= 0xc0 && !two_byte_latin(x)) {
            i += p;
            let Some(c) = sample.get(i..).and_then(|r| r.chars().next()) else { break };
            i += c.len_utf8();
            match script(c) {
                Script::Hangul => hangul += 1,
                Script::Han => han += 1,
                Script::Kana => kana += 1,
                Script::Latin => latin += 1,
                Script::Other => other += 1,
                Script::None => {}
            }
        }
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
        let mut count = |w: &str| {
            n += 1;
            if let Some(bits) = function_word(w) {
                for (i, t) in tally.iter_mut().enumerate() {
                    *t += usize::from(bits & (1 << i) != 0);
                }
            }
        };
        sample_tokens(text, |token| {
            let Some(token) = token else { return };
            // a token of Latin letters and digits is one word; others are
            // split by the Unicode rules (whitespace always breaks words, so
            // token by token is the same as the whole sample)
            let core = trim_ascii_punctuation(token);
            if core.is_empty() {
                // punctuation alone
            } else if core.chars().all(one_word_char) {
                // ASCII punctuation around a word is not part of it
                count(core);
            } else {
                unicode_segmentation::UnicodeSegmentation::unicode_words(token).for_each(&mut count);
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
fn key(w: &[u8]) -> u64 {
    let mut k = [0u8; 8];
    k[..w.len()].copy_from_slice(w);
    u64::from_le_bytes(k)
}

/// Whether `c` never starts a new word next to an ASCII letter or digit or
/// another such char (UAX #29: ASCII digits and the Latin letters of
/// [`script`] are all Numeric or ALetter).
fn one_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (script(c) == Script::Latin && c.is_alphabetic())
}

/// `token` without the ASCII punctuation around it (`_` joins words, so it stays).
fn trim_ascii_punctuation(token: &str) -> &str {
    let b = token.as_bytes();
    let edge = |x: u8| x.is_ascii() && !x.is_ascii_alphanumeric() && x != b'_';
    let start = b.iter().position(|&x| !edge(x)).unwrap_or(b.len());
    let end = b.iter().rposition(|&x| !edge(x)).map_or(start, |e| e + 1);
    &token[start..end.max(start)]
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
    let k = key(lower);
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

/// Calls `f` with each whitespace-separated token of the language sample:
/// the first [`SAMPLE_BYTES`] of Latin-script words (CJK, digits and
/// symbols tell nothing about English, German or Indonesian), and with
/// `None` after each line (the lingua sample keeps line breaks).
fn sample_tokens(text: &str, mut f: impl FnMut(Option<&str>)) {
    let b = text.as_bytes();
    let mut len = 0;
    // the token being read: start, whether it has non-ASCII chars, an ASCII letter
    let mut start = 0;
    let (mut wide, mut letter) = (false, false);
    let mut i = 0;
    loop {
        // printable ASCII inside a token, without the general case below
        while let Some(&x) = b.get(i).filter(|&&x| x > b' ' && x < 0x80) {
            letter |= x.is_ascii_alphabetic();
            i += 1;
        }
        // what ends here: nothing, a token (whitespace), or a line
        let (ws, newline, step) = match b.get(i) {
            None => (true, i > 0 && b[i - 1] != b'\n', 0),
            Some(b'\n') => (true, true, 1),
            Some(b' ' | b'\t' | b'\r' | 0x0b | 0x0c) => (true, false, 1),
            Some(&x) if x < 0x80 => {
                letter |= x.is_ascii_alphabetic();
                (false, false, 1)
            }
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
                    letter
                };
            if latin {
                f(Some(w));
                len += w.len() + 1;
                if len >= SAMPLE_BYTES {
                    return;
                }
            }
            if newline {
                f(None);
                len += 1;
            }
            start = i + step;
            (wide, letter) = (false, false);
        }
        if i >= b.len() {
            return;
        }
        i += step;
    }
}

/// The sample as one string, for lingua.
fn latin_sample(text: &str) -> String {
    let mut out = String::with_capacity(SAMPLE_BYTES + 64);
    sample_tokens(text, |t| match t {
        Some(w) => {
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
    use unicode_segmentation::UnicodeSegmentation;

    /// A token of [`one_word_char`]s is one word by the Unicode rules.
    #[test]
    fn one_word_chars_make_one_word() {
        let letters = ('\u{c0}'..='\u{24f}').filter(|&c| one_word_char(c));
        for c in letters.chain(['a', 'Z', '7']) {
            for w in [format!("{c}"), format!("a{c}b"), format!("{c}{c}"), format!("9{c}"), format!("{c}9x")] {
                assert_eq!(w.unicode_words().collect::<Vec<_>>(), [w.as_str()], "{c:?}");
            }
        }
        assert!(!one_word_char('×') && !one_word_char('’') && !one_word_char('_'));
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
