//! Latin-script segmentation (English, German, Indonesian): Unicode word
//! boundaries (UAX #29), plus the morphology that lets a dictionary name match
//! an inflected or affixed word: English and German inflection endings, German
//! compound heads, Indonesian prefixes and suffixes. The shortcut for a
//! token that is one word without the Unicode rules is `crate::word_shape`'s,
//! shared with language detection.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::language::Lang;
use crate::word_shape::one_word;

pub(crate) fn words(sentence: &str, base: usize, out: &mut Vec<Range<usize>>) {
    // most stretches around a dictionary name are one word with ASCII
    // punctuation around it: no need for the Unicode word tables
    match one_word(sentence) {
        Some("") => {}
        Some(core) => {
            let start = base + (core.as_ptr() as usize - sentence.as_ptr() as usize);
            out.push(start..start + core.len());
        }
        None => out.extend(sentence.unicode_word_indices().map(|(i, w)| base + i..base + i + w.len())),
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
        Lang::En => EN_ENDINGS.contains(&rest) || rest == "'s" || rest == "’s",
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

    /// The shortcut for a token of letters and digits with ASCII punctuation
    /// around it finds what the Unicode word rules find.
    #[test]
    fn one_word_shortcut_agrees_with_unicode_words() {
        use proptest::prelude::*;
        let piece = prop::sample::select(vec![
            "a", "Z", "7", "ö", "ß", "É", "ą", "(", ")", ".", ",", "'", "’", "-", "_", ":", "\"", "×", "—", "„", "“",
            " ", "\t", "😀", "中", "한", "#", "@", "/",
        ]);
        let config = ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() };
        proptest!(config, |(pieces in prop::collection::vec(piece, 0..8))| {
            let s = pieces.concat();
            let mut ours = Vec::new();
            words(&s, 10, &mut ours);
            let theirs: Vec<_> = s.unicode_word_indices().map(|(i, w)| 10 + i..10 + i + w.len()).collect();
            prop_assert_eq!(ours, theirs, "{:?}", s);
        });
    }
}
