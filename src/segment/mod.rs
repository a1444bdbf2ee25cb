//! Stage 3, segment: split cleaned text into sentences, and sentences into
//! words with the language's own segmenter (one file per segmenter).
//!
//! Tokens are byte ranges of the cleaned text. They are used to keep
//! dictionary matches on word boundaries, so a segmenter only needs to say
//! where words start and end.

use std::ops::Range;

use crate::error::Result;
use crate::language::Lang;
use crate::lexicon::LexiconSource;

#[cfg(feature = "chinese")]
mod chinese;
#[cfg(feature = "korean")]
mod korean;
mod latin;

pub(crate) use latin::{inflection_ok, prefix_ok, words_around};

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
    /// they are never split.
    #[cfg_attr(not(any(feature = "chinese", feature = "korean")), allow(unused_variables))]
    ///
    /// `alongside` runs on this thread while jieba loads its dictionary on
    /// another (the slowest part of construction), and its result is returned.
    pub fn new<T: Send>(lexicon: &LexiconSource, alongside: impl FnOnce() -> T + Send) -> Result<(Self, T)> {
        std::thread::scope(|scope| {
            #[cfg(feature = "chinese")]
            let chinese = scope.spawn(|| chinese::Chinese::new(lexicon.names_for(Lang::Zh).map(|n| n.0)));
            #[cfg(not(feature = "chinese"))]
            let _ = scope;
            let other = alongside();
            #[cfg(feature = "korean")]
            let korean = korean::Korean::new(lexicon.names_for(Lang::Ko).filter(|n| n.1).map(|n| n.0))?;
            Ok((
                Self {
                    #[cfg(feature = "korean")]
                    korean,
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

/// Split cleaned text into sentences: at line ends, at `。！？!?`, at `.`
/// followed by a space (not after abbreviations), and at most
/// [`MAX_SENTENCE_BYTES`] long.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / 80 + 1);
    let b = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let mut cut = None;
        if c == b'\n' {
            cut = Some((i, i + 1));
        } else if c == b'!' || c == b'?' || c == b'.' {
            let mut j = i + 1;
            while j < b.len() && matches!(b[j], b'"' | b'\'' | b')' | b'!' | b'?') {
                j += 1;
            }
            let next_space = j >= b.len() || b[j] == b' ' || b[j] == b'\n';
            if next_space && (c != b'.' || !abbreviation(&text[start..i], b.get(j + 1).copied())) {
                cut = Some((j, j));
            }
        } else if c >= 0x80 {
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
