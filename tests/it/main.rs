//! Integration tests, in one binary so the embedded Korean dictionary is
//! linked once.

mod cases;
mod golden;
mod incidents;
mod lexicon;
mod properties;
mod quality;
mod robust;
mod seeds;

use std::sync::LazyLock;

use outage_news::{Classifier, DocumentFacts};

/// One classifier for every test.
pub static CLASSIFIER: LazyLock<Classifier> = LazyLock::new(|| Classifier::new().expect("embedded dictionary loads"));

/// Every mention (incident, related incidents, times) slices its text out of the input.
pub fn assert_offsets(input: &str, facts: &DocumentFacts) {
    for m in facts.mentions() {
        assert!(input.is_char_boundary(m.start) && input.is_char_boundary(m.end), "{m:?} not on char boundaries");
        assert_eq!(input.get(m.start..m.end), Some(m.text.as_str()), "mention {m:?}");
    }
    for inc in facts.incident.iter().chain(&facts.related_incidents) {
        for t in &inc.times {
            assert_eq!(input.get(t.start..t.end), Some(t.text.as_str()), "time {t:?}");
        }
    }
}
