//! Stage 4, match: the multilingual dictionary (`data/lexicon/*.toml`, format
//! in `data/lexicon/README.md`), compiled into one aho-corasick automaton per
//! language (normalised names and their common other spellings), matched on
//! the text as it is where that finds what the normalised text would, else
//! on the normalised text, and kept at word boundaries.
//!
//! One file per job, each depending only on the ones above it and on the
//! types here (what the rest of the crate uses: [`Kind`], [`Cue`], [`Entry`],
//! [`Hit`], [`Found`], [`Candidate`], [`Scratch`], [`Lexicon`],
//! [`LexiconSource`]):
//! - `format.rs`: the dictionary files (the embedded ones, the TOML format,
//!   validation of ids and names) parsed into a [`LexiconSource`];
//! - `automata.rs`: compiling a [`LexiconSource`] into the automata of a
//!   [`Lexicon`], and phase 1, the scan of a text or sentence for
//!   [`Candidate`]s (raw or normalised text, names glued to other letters
//!   dropped);
//! - `resolve.rs`: phase 2, the candidates that sit on the segmenter's word
//!   boundaries (with the language's affixes) become [`Hit`]s.

use std::collections::HashMap;
use std::ops::Range;

use crate::language::Lang;

mod automata;
mod format;
mod resolve;

use automata::Matcher;
pub(crate) use automata::{occurs, overlapping};

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Provider,
    Service,
    Symptom,
    Cause,
    Mitigation,
    Status,
    Region,
    Cue(Cue),
}

/// Words that change how a sentence is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Cue {
    Negation,
    NotYet,
    Earlier,
    EarlierRef,
    Current,
    Hypothetical,
    ServiceWord,
    Launch,
    Distractor,
    Channel,
    Trouble,
    NotCause,
    Partial,
    /// The words of a genre that is no outage report: a lawsuit, fine,
    /// ruling, hearing or law; an explainer, how-to or troubleshooting
    /// guide; an SLA, uptime or monitoring product; stock or earnings news.
    Genre,
    /// Words that name an outage without saying what failed ("Störung",
    /// "technical issue", "故障", "gangguan"): `service-down` only where the
    /// incident has no more specific symptom.
    Generic,
    /// An outage stated as going on ("continues", "이어지고 있다", "仍在持续"):
    /// a length stated with it does not close the outage.
    Ongoing,
    /// A provider's apology ("apologised", "mohon maaf", "致歉", "사과했다"):
    /// with a trouble word in its sentence, it tells of an incident.
    Apology,
}

/// One canonical id.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub kind: Kind,
    pub id: String,
    /// For services: the provider entry.
    pub provider: Option<u32>,
    /// A service users report outages on (`channel = true` in the
    /// dictionary): affected only where a clause says it is disrupted.
    pub channel: bool,
}

/// A dictionary name found in a sentence before word boundaries are checked
/// (offsets relative to the sentence).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    start: u32,
    end: u32,
    pattern: u32,
}

impl Candidate {
    /// Where it is, relative to its sentence.
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// What a sentence's candidates contain.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Found {
    pub service: bool,
    pub symptom: bool,
}

impl std::ops::BitOrAssign for Found {
    fn bitor_assign(&mut self, o: Found) {
        self.service |= o.service;
        self.symptom |= o.symptom;
    }
}

/// A dictionary match in cleaned-text offsets.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub entry: u32,
    /// The entry's kind (as [`Lexicon::entry`] says), at hand.
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub ambiguous: bool,
}

/// The compiled dictionary.
pub(crate) struct Lexicon {
    pub entries: Vec<Entry>,
    /// Each kind's entries by id, for [`Lexicon::find_entry`].
    by_id: HashMap<Kind, HashMap<String, u32>>,
    matchers: [Matcher; 5],
}

/// A parsed but not yet compiled dictionary.
#[derive(Default)]
pub(crate) struct LexiconSource {
    entries: Vec<Entry>,
    index: HashMap<(Kind, String), u32>,
    /// (entry, language or None for any, name, ambiguous)
    names: Vec<(u32, Option<Lang>, String, bool)>,
    /// Services whose provider entry is looked up when compiling.
    pending_providers: Vec<u32>,
}

/// Reusable buffers for matching one sentence.
#[derive(Default)]
pub(crate) struct Scratch {
    norm: String,
    map: Vec<u32>,
    /// a sentence's bytes as a Latin automaton reads them
    folded: Vec<u8>,
    /// per sentence byte: bit 1 = a word starts here, bit 2 = a word ends
    /// here, bit 4 = a derivational suffix starts here (no match ends here)
    bounds: Vec<u8>,
    /// per sentence byte: (start, end) of the word covering it, relative
    word_of: Vec<(u32, u32)>,
    found: Vec<Hit>,
    /// (start, end) of the names among a sentence's hits
    names: Vec<(usize, usize)>,
}

impl Lexicon {
    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    /// The entry of a kind and id, if the dictionary has it.
    pub fn find_entry(&self, kind: Kind, id: &str) -> Option<u32> {
        self.by_id.get(&kind)?.get(id).copied()
    }
}

/// What a German compound may carry as its head ("Netzstörung",
/// "Ticketplattform"): the words an outage is told in, and the common words
/// for an online service.
fn compound_head(kind: Kind) -> bool {
    is_vocabulary(kind) || matches!(kind, Kind::Cue(Cue::ServiceWord | Cue::Generic))
}

/// Symptoms, causes, mitigations and statuses: the words an outage is told
/// in, as opposed to names.
fn is_vocabulary(kind: Kind) -> bool {
    matches!(kind, Kind::Symptom | Kind::Cause | Kind::Mitigation | Kind::Status)
}
