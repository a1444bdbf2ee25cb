//! Clauses: a sentence's stretches between separators, the scope of
//! negation and of ambiguous names' outage words.

use std::ops::Range;

/// The clauses of a sentence: its stretches between `, ; :`, their CJK
/// forms, `—` and `–`, and a full stop glued to a capital.
pub(super) struct Clauses {
    /// Where the sentence starts in the text, and its length.
    start: usize,
    len: usize,
    /// Where each separator starts and ends, relative to the sentence.
    seps: Vec<(usize, usize)>,
}

impl Clauses {
    pub(super) fn new(text: &str, sentence: &Range<usize>) -> Clauses {
        let s = &text[sentence.clone()];
        let is_sep = |c: char| matches!(c, ',' | ';' | ':' | '，' | '；' | '：' | '—' | '–');
        // and a full stop glued to the next sentence ("betraf.Am Dienstag"),
        // which the sentence splitter left in one piece
        let glued_stop =
            |i: usize, c: char| c == '.' && s[i + 1..].chars().next().is_some_and(char::is_uppercase) && i > 0;
        let seps = s
            .char_indices()
            .filter(|&(i, c)| is_sep(c) || glued_stop(i, c))
            .map(|(i, c)| (i, i + c.len_utf8()))
            .collect();
        Clauses { start: sentence.start, len: s.len(), seps }
    }

    /// The clause around text offset `at` (from the end of the separator
    /// before it to the start of the one after it), in text offsets.
    pub(super) fn of(&self, at: usize) -> Range<usize> {
        let rel = at - self.start;
        let i = self.seps.partition_point(|&(p, _)| p < rel);
        let start = if i > 0 { self.seps[i - 1].1 } else { 0 };
        let end = self.seps.get(i).map_or(self.len, |&(p, _)| p);
        self.start + start..self.start + end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_split_at_separators() {
        let text = "Intro. Outlook is down, Teams works; 原因：不明 — later";
        let sentence = 7..text.len();
        let c = Clauses::new(text, &sentence);
        let clause = |word: &str| &text[c.of(text.find(word).expect("word"))];
        assert_eq!(clause("Outlook"), "Outlook is down");
        assert_eq!(clause("Teams"), " Teams works");
        assert_eq!(clause("不明"), "不明 ");
        assert_eq!(clause("later"), " later");
    }
}
