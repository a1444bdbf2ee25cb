//! The outage's duration: which of the stated lengths is the outage's.

use super::numbers::Number;
use super::{Sentence, TITLE_WEIGHT, is_disruption};

/// Choose the outage's duration among the stated ones: the words around it
/// must say it lasted that long (or it stands in the title, or in a sentence
/// reporting a disruption), never "within" or "ago".
pub(super) fn pick_duration(sentences: &[&Sentence]) -> Option<u32> {
    let mut best: Option<(f64, u32)> = None;
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
                    best = Some((score, minutes));
                }
            }
        }
    }
    best.map(|(_, m)| m)
}
