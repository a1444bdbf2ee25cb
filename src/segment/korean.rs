//! Korean segmentation with lindera and the embedded ko-dic.

use std::borrow::Cow;

use lindera::dictionary::{DictionaryBuilder, DictionaryKind, Lattice, load_embedded_dictionary};

use lindera::mode::Mode;
use lindera::segmenter::Segmenter;

use crate::error::{Error, Result};

pub(super) struct Korean {
    segmenter: Segmenter,
}

impl Korean {
    /// `names`: service and provider names, added to ko-dic as proper nouns
    /// so 카카오톡 or 마이크로소프트 is one word.
    pub fn new<'a>(names: impl Iterator<Item = &'a str>) -> Result<Self> {
        let err = |e: lindera::error::LinderaError| Error::Segmenter { language: "ko", message: e.to_string() };
        let dictionary = load_embedded_dictionary(DictionaryKind::KoDic).map_err(err)?;
        let mut csv = String::new();
        let mut seen = std::collections::HashSet::new();
        for name in names {
            let name = name.trim();
            // ko-dic user rows: surface,part-of-speech,reading; one word each
            let hangul = name.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c));
            if hangul && !name.contains([',', '"', ' ', '\n']) && seen.insert(name) {
                csv.push_str(&format!("{name},NNP,{name}\n"));
            }
        }
        let user = if csv.is_empty() {
            None
        } else {
            Some(
                DictionaryBuilder::new((*dictionary.metadata).clone())
                    .build_user_dict_from_reader(csv.as_bytes())
                    .map_err(err)?,
            )
        };
        Ok(Self { segmenter: Segmenter::new(Mode::Normal, dictionary, user) })
    }

    pub fn words(&self, sentence: &str, base: usize, out: &mut super::Words) {
        // one lattice per thread, reused sentence after sentence
        thread_local! {
            static LATTICE: std::cell::RefCell<Lattice> = std::cell::RefCell::new(Lattice::default());
        }
        let tokens = LATTICE.with(|l| match l.try_borrow_mut() {
            Ok(mut lattice) => self.segmenter.segment_with_lattice(Cow::Borrowed(sentence), &mut lattice),
            Err(_) => self.segmenter.segment(Cow::Borrowed(sentence)),
        });
        match tokens {
            Ok(mut tokens) => {
                let mut prev_end = usize::MAX;
                for t in tokens.iter_mut() {
                    if t.byte_end <= t.byte_start {
                        continue;
                    }
                    out.spans.push(base + t.byte_start..base + t.byte_end);
                    // noun-derivational suffix (ko-dic XSN): 장애|인, 사용|자. Only a
                    // short Hangul token glued to the one before can be one, so
                    // only those pay for reading the part of speech.
                    let glued = t.byte_start == prev_end;
                    prev_end = t.byte_end;
                    let short_hangul = t.surface.chars().count() <= 2
                        && t.surface.chars().all(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c));
                    if glued && short_hangul && t.get_detail(0) == Some("XSN") {
                        out.suffixes.push(base + t.byte_start);
                    }
                }
            }

            // lindera refusing a sentence costs its word boundaries, not the document
            Err(_) => super::latin::words(sentence, base, &mut out.spans),
        }
    }
}
