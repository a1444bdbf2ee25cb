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
