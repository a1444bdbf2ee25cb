//! Negation scope, clause by clause: which hits a negation cue takes back.

use super::clauses::Clauses;
use super::roles::SentenceCtx;
use super::{Sentence, is_disruption};
use crate::lexicon::{Cue, Hit, Kind};

/// For every hit, whether it is negated: its clause carries a negation cue,
/// or its sentence does and no clause of it reports a disruption un-negated.
/// Computed once per document, like [`accept`](super::accept::accept).
pub(super) fn negations(text: &str, sentences: &[Sentence], ctx: &[SentenceCtx]) -> Vec<bool> {
    let mut flat = Vec::new();
    for (s, c) in sentences.iter().zip(ctx) {
        if !c.negation {
            flat.resize(flat.len() + s.hits.len(), false);
            continue;
        }
        let cues: Vec<&Hit> = s.hits.iter().filter(|x| x.kind == Kind::Cue(Cue::Negation)).collect();
        let clauses = Clauses::new(text, &s.range);
        let clause_negated = |at: usize| {
            let clause = clauses.of(at);
            cues.iter().any(|n| n.start >= clause.start && n.end <= clause.end)
        };
        let free_disruption = s.hits.iter().any(|x| is_disruption(x) && !clause_negated(x.start));
        flat.extend(s.hits.iter().map(|h| clause_negated(h.start) || !free_disruption));
    }
    flat
}

/// Flags kept one per hit of every sentence in one vector ([`accept`](super::accept::accept),
/// [`negations`]), seen sentence by sentence.
pub(super) fn per_sentence<'a>(flat: &'a [bool], sentences: &[Sentence]) -> Vec<&'a [bool]> {
    let mut rest = flat;
    sentences
        .iter()
        .map(|s| {
            let (head, tail) = rest.split_at(s.hits.len());
            rest = tail;
            head
        })
        .collect()
}
