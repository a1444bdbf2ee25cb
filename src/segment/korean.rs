//! Korean segmentation with lindera and the embedded ko-dic.

use std::borrow::Cow;

use lindera::dictionary::{DictionaryKind, load_embedded_dictionary};
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;

use crate::error::{Error, Result};

pub(super) struct Korean {
    segmenter: Segmenter,
}

impl Korean {
    pub fn new() -> Result<Self> {
        let dictionary = load_embedded_dictionary(DictionaryKind::KoDic)
            .map_err(|e| Error::Segmenter { language: "ko", message: e.to_string() })?;
        Ok(Self { segmenter: Segmenter::new(Mode::Normal, dictionary, None) })
    }

    pub fn words(&self, sentence: &str, base: usize, out: &mut super::Words) {
        match self.segmenter.segment(Cow::Borrowed(sentence)) {
            Ok(mut tokens) => {
                for t in tokens.iter_mut() {
                    if t.byte_end <= t.byte_start {
                        continue;
                    }
                    out.spans.push(base + t.byte_start..base + t.byte_end);
                    // noun-derivational suffix (ko-dic XSN): 장애|인, 사용|자
                    if t.get_detail(0) == Some("XSN") {
                        out.suffixes.push(base + t.byte_start);
                    }
                }
            }
            // lindera refusing a sentence costs its word boundaries, not the document
            Err(_) => super::latin::words(sentence, base, &mut out.spans),
        }
    }
}
