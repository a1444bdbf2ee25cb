//! The outage's duration: which of the stated lengths is the outage's.

use super::numbers::Number;
use super::{Sentence, TITLE_WEIGHT, has_cue, is_disruption};
use crate::lexicon::Cue;

/// The outage's stated length.
#[derive(Debug, Clone, Copy)]
pub(super) struct Duration {
    pub minutes: u32,
    /// Stated as going on ("3시간 넘게 이어지고 있다", "has been down for
    /// hours"): the outage is not over.
    pub ongoing: bool,
}

/// Choose the outage's duration among the stated ones: the words around it
/// must say it lasted that long (or it stands in the title, or in a sentence
/// reporting a disruption), never "within" or "ago".
pub(super) fn pick_duration(sentences: &[&Sentence]) -> Option<Duration> {
    let mut best: Option<(f64, Duration)> = None;
    for s in sentences {
        let disruption = s.hits.iter().any(is_disruption);
        for f in s.numbers {
            if let Number::Duration { minutes, hint } = f.number {
                if hint < 0 {
                    continue;
                }
                // the words around must say it lasted that long, or it is in the title
                let score = f64::from(hint) * 1.5
                    + if s.weight >= TITLE_WEIGHT { 2.0 } else { 0.0 }
                    + if disruption { 0.5 } else { 0.0 };
                if score >= 1.5 && best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, Duration { minutes, ongoing: has_cue(s.hits, Cue::Ongoing) }));
                }
            }
        }
    }
    best.map(|(_, m)| m)
}
