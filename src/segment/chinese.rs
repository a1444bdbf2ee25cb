//! Chinese segmentation with jieba-rs; dictionary names are added to jieba's
//! dictionary so they are never split.

use std::ops::Range;

use jieba_rs::Jieba;

use crate::normalize::{Script, script};

pub(super) struct Chinese {
    jieba: Jieba,
}

impl Chinese {
    pub fn new<'a>(words: impl Iterator<Item = &'a str>) -> Self {
        let mut jieba = Jieba::new();
        for w in words {
            if w.chars().any(|c| script(c) == Script::Han) && !w.contains(' ') {
                jieba.add_word(w, None, None);
            }
        }
        Self { jieba }
    }

    pub fn words(&self, sentence: &str, base: usize, out: &mut Vec<Range<usize>>) {
        let mut pos = base;
        // No HMM for unknown words: only the word boundaries around
        // dictionary names matter here, and every name is a jieba word.
        // Same extraction results on tests/gold and the seeds, ~40% faster.
        for piece in self.jieba.cut(sentence, false) {
            let end = pos + piece.len();
            if !piece.trim().is_empty() {
                out.push(pos..end);
            }
            pos = end;
        }
    }
}
