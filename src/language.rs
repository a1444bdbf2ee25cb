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
        for c in text[..end].chars() {
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
        self.detect_latin(&latin_sample(text))
    }

    /// English, German, Indonesian or another Latin-script language. Function
    /// words settle clear cases; lingua decides the close ones, and function
    /// words overrule it when they clearly disagree (an English sentence full
    /// of German brand names).
    fn detect_latin(&self, sample: &str) -> (Option<Lang>, f64) {
        // function-word counts: en, de, id, foreign
        let mut tally = [0usize; 4];
        let mut n = 0;
        let mut lower = String::new();
        for w in unicode_segmentation::UnicodeSegmentation::unicode_words(sample) {
            n += 1;
            if w.len() > 8 {
                continue; // no function word is longer
            }
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            if let Some(&bits) = FUNCTION_WORDS.get(lower.as_str()) {
                for (i, t) in tally.iter_mut().enumerate() {
                    *t += usize::from(bits & (1 << i) != 0);
                }
            }
        }
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
        let values = self.lingua.compute_language_confidence_values(sample);
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

/// Every function word and the languages it belongs to (bit i: the language of
/// `STOPWORDS[i]`; bit 3: another Latin-script language).
static FUNCTION_WORDS: std::sync::LazyLock<std::collections::HashMap<&'static str, u8>> =
    std::sync::LazyLock::new(|| {
        let mut m = std::collections::HashMap::new();
        for (i, (_, words)) in STOPWORDS.iter().enumerate() {
            for w in *words {
                *m.entry(*w).or_insert(0) |= 1 << i;
            }
        }
        for w in FOREIGN_STOPWORDS {
            *m.entry(*w).or_insert(0) |= 1 << 3;
        }
        m
    });

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

/// The first [`SAMPLE_BYTES`] of Latin-script words: CJK, digits and symbols
/// tell lingua nothing about English, German or Indonesian.
fn latin_sample(text: &str) -> String {
    let mut out = String::with_capacity(SAMPLE_BYTES + 64);
    'lines: for line in text.lines() {
        for w in line.split_whitespace() {
            // no word is longer than this; a 2 MB "word" is noise, not language
            if w.len() > MAX_WORD_BYTES {
                continue;
            }
            if w.chars().any(|c| script(c) == Script::Latin) && w.chars().all(|c| script(c) != Script::Han) {
                out.push_str(w);
                out.push(' ');
                if out.len() >= SAMPLE_BYTES {
                    break 'lines;
                }
            }
        }
        out.push('\n');
    }
    out
}

/// Longer whitespace-separated tokens are left out of the language sample.
const MAX_WORD_BYTES: usize = 64;
