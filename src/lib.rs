//! # outage-news
//!
//! Reads news articles about internet and cloud service outages, in Korean,
//! Chinese, Indonesian, German and English, and turns each one into structured
//! outage facts ([`DocumentFacts`]): is this an outage report, which provider
//! and services, what users saw, why it happened, what was done, where, for
//! how long, and which earlier incidents the article only recalls. Every fact
//! carries the byte offsets of the words it came from in the original input.
//!
//! ```
//! use outage_news::Classifier;
//!
//! let classifier = Classifier::new()?;
//! let input = "<h1>Outlook-Störung</h1><p>Seit 9:30 Uhr MEZ ist Outlook für Millionen Nutzer nicht erreichbar.</p>";
//! let facts = classifier.classify(input);
//! assert_eq!(facts.language.code.as_deref(), Some("de"));
//! let incident = facts.incident.expect("an outage");
//! assert!(incident.has_service("microsoft/outlook"));
//! for m in facts_mentions(&incident) {
//!     assert_eq!(&input[m.start..m.end], m.text);
//! }
//! # fn facts_mentions(i: &outage_news::Incident) -> Vec<outage_news::Mention> {
//! #     i.services.iter().chain(&i.symptoms).flat_map(|f| f.mentions.clone()).collect()
//! # }
//! # Ok::<(), outage_news::Error>(())
//! ```
//!
//! ## Pipeline
//!
//! One module per stage: decoding (bytes in any common encoding, see
//! [`decode()`] and [`Classifier::classify_bytes`]) -> cleaning (front matter,
//! HTML, markdown, URLs, boilerplate; an offset map back to the input) ->
//! language detection (script runs, function words, `lingua` for close
//! Latin-script calls) -> dictionary candidates (aho-corasick over the text
//! as it is, or its normalised form where folding matters; articles without
//! a symptom stop here) -> segmentation of the stretches around
//! candidates (lindera ko-dic, jieba-rs, Unicode words with German and
//! Indonesian morphology) -> word-boundary matching -> extraction and scoring
//! (services outside the dictionary are read from the slots of outage words:
//! [`Incident::unlisted_services`]).
//!
//! [`eval`] measures the facts against hand-labelled articles; [`ids`] lists
//! the canonical ids of the output contract.

//!
//! ## Cargo features
//!
//! - `korean` (default): Korean segmentation with lindera's embedded ko-dic.
//! - `chinese` (default): Chinese segmentation with jieba-rs.
//! - `warc` (default): [`warc`], reading WARC files (Common Crawl's
//!   CC-NEWS), plain or gzipped, into articles.
//!
//! Without them, Korean and Chinese are still detected, but reported with
//! `language.supported == false` and no facts.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod article;
mod classifier;
mod dates;
mod decode;
mod document;
mod error;
pub mod eval;
pub mod ids;
pub mod incidents;

mod extract;
mod facts;
mod language;
mod lexicon;
mod normalize;
mod segment;
#[cfg(feature = "warc")]
pub mod warc;
mod word_shape;

pub use article::{Article, ToArticle};
#[doc(hidden)]
pub use classifier::stages;
pub use classifier::{Classifier, ClassifierBuilder, DEFAULT_MAX_DOCUMENT_BYTES, validate_lexicon};

pub use decode::{Decoded, decode};
pub use error::{Error, Result};

pub use facts::{DetectedLanguage, DocumentFacts, Fact, Incident, Mention, Meta, Scale, TimeMention, UnlistedService};
pub use language::Lang;

/// The shipped articles, for tests that run over all of them.
#[cfg(test)]
pub(crate) mod corpus {
    use crate::Lang;

    /// The articles (`.txt`, `.md`, `.html`) in `dirs`, relative to the
    /// crate, whose file name starts with a language code and `-`, with
    /// that language.
    pub fn articles(dirs: &[&str]) -> Vec<(Lang, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for dir in dirs {
            let mut paths: Vec<_> =
                std::fs::read_dir(root.join(dir)).expect("corpus dir").map(|e| e.expect("entry").path()).collect();
            paths.sort();
            for path in paths {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let article = path.extension().is_some_and(|e| e == "txt" || e == "md" || e == "html");
                let lang = Lang::ALL.into_iter().find(|l| name.starts_with(&format!("{}-", l.code())));
                if let (true, Some(lang)) = (article, lang) {
                    out.push((lang, std::fs::read_to_string(&path).expect("UTF-8 article")));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_sync() {
        assert_send_sync::<super::Classifier>();
        assert_send_sync::<super::Article<'static>>();
        assert_send_sync::<super::DocumentFacts>();
        assert_send_sync::<super::Error>();
    }
}
