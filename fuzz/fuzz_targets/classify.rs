//! Arbitrary bytes through decoding and the whole pipeline: no panic, and
//! every mention slices the decoded text.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use outage_news::Classifier;

static CLASSIFIER: LazyLock<Classifier> = LazyLock::new(|| Classifier::new().expect("embedded dictionary"));

fuzz_target!(|data: &[u8]| {
    let facts = CLASSIFIER.classify_bytes(data);
    let text = outage_news::decode(data).text;
    for m in facts.mentions() {
        assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
    }
});
