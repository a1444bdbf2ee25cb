//! Latin-script segmentation (English, German, Indonesian): Unicode word
//! boundaries (UAX #29), plus the morphology that lets a dictionary name match
//! an inflected or affixed word: English and German inflection endings, German
//! compound heads, Indonesian prefixes and suffixes.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::language::Lang;

pub(super) fn words(sentence: &str, base: usize, out: &mut Vec<Range<usize>>) {
    out.extend(sentence.unicode_word_indices().map(|(i, w)| base + i..base + i + w.len()));
}

/// The words around `spans` (sentence-relative ranges) only, appended to
/// `out`: each span's whitespace-delimited stretch of the sentence is cut
/// into words. Whitespace is always a word boundary (UAX #29), so these are
/// exactly the words whole-sentence segmentation would give there.
pub(crate) fn words_around(
    sentence: &str,
    base: usize,
    spans: impl Iterator<Item = Range<usize>>,
    out: &mut Vec<Range<usize>>,
) {
    let b = sentence.as_bytes();
    let mut stretches: Vec<Range<usize>> = Vec::new();
    for r in spans {
        if stretches.last().is_some_and(|l| l.start <= r.start && r.end <= l.end) {
            continue;
        }
        let mut s = r.start.min(b.len());
        while s > 0 && !b[s - 1].is_ascii_whitespace() {
            s -= 1;
        }
        let mut e = r.end.min(b.len());
        while e < b.len() && !b[e].is_ascii_whitespace() {
            e += 1;
        }
        stretches.push(s..e);
    }
    stretches.sort_by_key(|r| r.start);
    let mut i = 0;
    while i < stretches.len() {
        let mut r = stretches[i].clone();
        i += 1;
        while i < stretches.len() && stretches[i].start <= r.end {
            r.end = r.end.max(stretches[i].end);
            i += 1;
        }
        let at = base + r.start;
        out.extend(sentence[r].unicode_word_indices().map(|(j, w)| at + j..at + j + w.len()));
    }
}

const EN_ENDINGS: &[&str] = &["s", "es", "ed", "d", "ing"];
const DE_ENDINGS: &[&str] = &["e", "en", "n", "s", "es", "er", "ern", "em"];
const ID_SUFFIXES: &[&str] = &["nya", "lah", "kah", "kan", "an", "i", "pun"];
const ID_PREFIXES: &[&str] =
    &["di", "ter", "ber", "be", "ke", "se", "me", "mem", "men", "meng", "meny", "pe", "pem", "pen", "peng", "per"];

/// Whether `rest` (lower case), the part of a word after a dictionary match,
/// is an inflection or suffix the match may carry.
pub(crate) fn inflection_ok(lang: Lang, rest: &str) -> bool {
    match lang {
        Lang::En => EN_ENDINGS.contains(&rest) || rest == "'s",
        Lang::De => DE_ENDINGS.contains(&rest),
        Lang::Id => {
            ID_SUFFIXES.contains(&rest)
                || ID_SUFFIXES.iter().any(|s| rest.strip_prefix(s).is_some_and(|r| ID_SUFFIXES.contains(&r)))
        }
        _ => false,
    }
}

/// Whether `before` (lower case), the part of a word in front of a dictionary
/// match, is a prefix the match may carry. German compound modifiers are
/// handled by the matcher (vocabulary only).
pub(crate) fn prefix_ok(lang: Lang, before: &str) -> bool {
    match lang {
        Lang::Id => {
            ID_PREFIXES.contains(&before)
                || ID_PREFIXES.iter().any(|p| before.strip_prefix(p).is_some_and(|r| ID_PREFIXES.contains(&r)))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words around a span are those of the whole sentence there.
    #[test]
    fn words_around_match_whole_sentence() {
        let s = "Microsoft’s Outlook (and Teams) went down at 9:30 a.m. — users couldn't log-in; e-mail failed.";
        let whole: Vec<_> = s.unicode_word_indices().map(|(i, w)| 100 + i..100 + i + w.len()).collect();
        for (start, end) in [(0, 9), (12, 19), (25, 30), (45, 49), (65, 72), (82, 88), (88, 94)] {
            let mut around = Vec::new();
            words_around(s, 100, std::iter::once(start..end), &mut around);
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
}
