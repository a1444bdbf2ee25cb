//! The shape of a Latin-script token: whether it is one word without asking
//! the Unicode word rules (UAX #29). Shared by language detection (function
//! words of the sample) and Latin segmentation (the stretches around
//! dictionary names), which both take this shortcut.

/// What the Unicode word rules make of `token` when they are not needed:
/// `Some(word)` when it is one word of Latin letters and digits with ASCII
/// punctuation around it (`Some("")`: punctuation alone, no word); `None`
/// when only the rules can say.
pub(crate) fn one_word(token: &str) -> Option<&str> {
    let core = trim_ascii_punctuation(token);
    core.chars().all(one_word_char).then_some(core)
}

/// Whether `c` never starts a new word next to an ASCII letter or digit or
/// another such char (UAX #29: ASCII digits and the Latin letters of
/// [`script`](crate::normalize::script) are all Numeric or ALetter).
pub(crate) fn one_word_char(c: char) -> bool {
    // every char of U+00C0..U+024F is a letter but × and ÷ (checked in the tests)
    c.is_ascii_alphanumeric() || (matches!(c, '\u{c0}'..='\u{24f}') && c != '×' && c != '÷')
}

/// `token` without the ASCII punctuation around it (`_` joins words, so it stays).
pub(crate) fn trim_ascii_punctuation(token: &str) -> &str {
    let b = token.as_bytes();
    let edge = |x: u8| x.is_ascii() && !x.is_ascii_alphanumeric() && x != b'_';
    let start = b.iter().position(|&x| !edge(x)).unwrap_or(b.len());
    let end = b.iter().rposition(|&x| !edge(x)).map_or(start, |e| e + 1);
    &token[start..end.max(start)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{Script, script};
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
        // the same as asking for a letter of `script`'s Latin
        for c in (0..0x3000).filter_map(char::from_u32) {
            let latin_letter = c.is_ascii_alphanumeric() || (script(c) == Script::Latin && c.is_alphabetic());
            assert_eq!(one_word_char(c), latin_letter, "{c:?}");
        }
    }
}
