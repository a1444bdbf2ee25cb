//! Properties over arbitrary input: no panic, offsets always slice the
//! input, only canonical ids come out.

use outage_news::DocumentFacts;
use outage_news::ids::{CAUSES, MITIGATIONS, STATUSES, SYMPTOMS};
use proptest::prelude::*;

use crate::{CLASSIFIER, assert_offsets};

const FRAGMENTS: &[&str] = &[
    "Outlook",
    " down",
    "장애",
    "장애인",
    "카카오톡",
    "微软",
    "宕机",
    "无法访问",
    "gangguan",
    "Störung",
    "nicht erreichbar",
    "<p>",
    "</p>",
    "&nbsp;",
    "&amp;",
    "&#x1F600;",
    "![img](http://x)",
    "[link](https://y)",
    "---\ntitle: t\n---\n",
    "\n",
    " ",
    "。",
    ".",
    "，",
    "11小时",
    "약 10시간 만에",
    "2 jam",
    "Millionen Nutzer",
    "오후 3시 30분",
    "ＯＵＴＬＯＯＫ",
    "Teams",
    "Teamspeak",
    "not affected",
    "没有受到影响",
    "last year",
    "此前",
    "ß",
    "İ",
    "\u{feff}",
    "\r\n",
    "<script>",
    "https://example.com/a?b=c",
    "Ä",
    "e\u{301}",
    "🙂",
    "\u{0}",
];

/// Facts only use the canonical ids of FACTS.md.
fn check_ids(facts: &DocumentFacts) {
    for inc in facts.incident.iter().chain(&facts.related_incidents) {
        assert!(inc.symptoms.iter().all(|f| SYMPTOMS.contains(&f.id.as_str())));
        assert!(inc.causes.iter().all(|f| CAUSES.contains(&f.id.as_str())));
        assert!(inc.mitigations.iter().all(|f| MITIGATIONS.contains(&f.id.as_str())));
        assert!(inc.status.iter().all(|f| STATUSES.contains(&f.id.as_str())));

        for s in &inc.services {
            let (p, rest) = s.id.split_once('/').expect("provider/service");
            assert!(!p.is_empty() && !rest.is_empty());
            assert!(inc.providers.iter().any(|x| x == p), "provider of {} listed", s.id);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_and_offsets_hold(s in any::<String>()) {
        let f = CLASSIFIER.classify(&s);
        assert_offsets(&s, &f);
        check_ids(&f);
    }

    #[test]
    fn article_like_text_offsets_hold(parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..60)) {
        let s: String = parts.concat();
        let f = CLASSIFIER.classify(&s);
        assert_offsets(&s, &f);
        check_ids(&f);
    }
}

#[test]
fn empty_and_whitespace_inputs_are_empty_results() {
    for s in ["", " ", "\n\n", "<html></html>", "---\n---\n", "1234 5678"] {
        let f = CLASSIFIER.classify(s);
        assert!(!f.is_outage);
        assert!(f.incident.is_none());
    }
}

#[test]
fn word_aligned_matching() {
    let f =
        CLASSIFIER.classify("Microsoft Teamspeak servers are down for thousands of gamers, users report an outage.");
    assert!(f.incident.iter().all(|i| !i.has_service("microsoft/teams")));
    let f = CLASSIFIER.classify("장애인 복지 예산이 늘었다. 정부는 장애인 고용을 지원한다.");
    assert!(!f.is_outage);
}

#[test]
fn batch_keeps_order() {
    let docs = ["Outlook is down for millions of users.", "", "微信宕机，用户无法发送消息。", "Schönes Wetter heute."];
    let batch = CLASSIFIER.classify_batch(&docs);
    for (d, f) in docs.iter().zip(&batch) {
        assert_eq!(&CLASSIFIER.classify(d), f);
    }
}
