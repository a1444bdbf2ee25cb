//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong while building a [`Classifier`](crate::Classifier)
/// or reading documents from disk.
///
/// Classifying text never fails: bad text gives a sensible empty result.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file that failed.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A dictionary file is malformed.
    #[error("{file}:{line}: {message}")]
    Lexicon {
        /// The file (or embedded data name) the problem is in.
        file: String,
        /// 1-based line number of the problem (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A segmenter could not be initialised.
    #[error("segmenter for {language} failed to load: {message}")]
    Segmenter {
        /// ISO 639-1 code of the language.
        language: &'static str,
        /// What went wrong.
        message: String,
    },
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
