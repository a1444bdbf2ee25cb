//! Messy input: encodings, broken bytes, pathological and huge documents,
//! arbitrary bytes and dictionary files. Nothing panics, every document
//! gets a result.

use std::path::Path;

use outage_news::{Classifier, DocumentFacts, decode};
use proptest::prelude::*;

use crate::{CLASSIFIER, assert_offsets};

fn sample(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples").join(name)).expect("sample")
}

fn services(f: &DocumentFacts) -> Vec<String> {
    let mut v: Vec<String> = f.incident.iter().flat_map(|i| i.services.iter().map(|s| s.id.clone())).collect();
    v.sort();
    v
}

/// Classify bytes and check the offsets against the decoded text.
fn classify_bytes(bytes: &[u8]) -> DocumentFacts {
    let f = CLASSIFIER.classify_bytes(bytes);
    assert_offsets(&decode(bytes).text, &f);
    f
}

#[test]
fn legacy_encodings_give_the_same_facts_as_utf8() {
    let cases = [
        ("ko-02-kakaotalk-datacenter-fire.md", encoding_rs::EUC_KR, &["euc-kr"][..]),
        ("zh-02-alibaba-cloud-network-failure.html", encoding_rs::GB18030, &["gbk", "gb18030"][..]),
        ("de-02-telekom-dns-stoerung.html", encoding_rs::WINDOWS_1252, &["windows-1252"][..]),
        ("en-01-microsoft-365-outage.txt", encoding_rs::WINDOWS_1252, &["utf-8", "windows-1252"][..]),
    ];
    for (name, enc, names) in cases {
        let text = sample(name);
        let (bytes, _, unmappable) = enc.encode(&text);
        assert!(!unmappable, "{name} fits {}", enc.name());
        let want = CLASSIFIER.classify(&text);
        let got = classify_bytes(&bytes);
        assert!(names.contains(&got.meta.encoding.as_deref().unwrap_or("")), "{name}: {:?}", got.meta.encoding);
        assert_eq!(got.language.code, want.language.code, "{name}");
        assert_eq!(services(&got), services(&want), "{name}");
    }
}

#[test]
fn big5_utf16_and_boms() {
    let tw = "微軟Outlook服務當機，大量用戶無法登入電子郵件，公司表示正在調查原因。";
    let (big5, _, _) = encoding_rs::BIG5.encode(tw);
    let f = classify_bytes(&big5);
    assert_eq!(f.meta.encoding.as_deref(), Some("big5"));
    assert_eq!(f.language.code.as_deref(), Some("zh"));
    assert!(services(&f).contains(&"microsoft/outlook".to_string()));

    let en = "Outlook outage: users cannot sign in to Outlook since this morning, Microsoft said.";
    let mut utf16 = vec![0xfe, 0xff];
    for u in en.encode_utf16() {
        utf16.extend(u.to_be_bytes());
    }
    let f = classify_bytes(&utf16);
    assert_eq!(f.meta.encoding.as_deref(), Some("utf-16be"));
    assert!(services(&f).contains(&"microsoft/outlook".to_string()));
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend(en.as_bytes());
    assert_eq!(services(&classify_bytes(&bom)), services(&CLASSIFIER.classify(en)));

    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("マイクロソフトのメールサービスで障害が発生した。");
    let f = classify_bytes(&sjis);
    assert_eq!(f.meta.encoding.as_deref(), Some("shift_jis"));
    assert_eq!(f.language.code, None, "Japanese is not supported");
}

#[test]
fn broken_utf8_is_repaired_not_fatal() {
    let text = sample("ko-02-kakaotalk-datacenter-fire.md");
    let mut bytes = text.as_bytes().to_vec();
    bytes[300] = 0xff;
    bytes.insert(900, 0xc3);
    let f = classify_bytes(&bytes);
    assert_eq!(f.meta.encoding.as_deref(), Some("utf-8"));
    assert_eq!(services(&f), services(&CLASSIFIER.classify(&text)));
}

#[test]
fn empty_and_binary_documents() {
    let f = classify_bytes(b"");
    assert!(!f.is_outage && f.error.is_none());
    let binary: Vec<u8> = (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let f = classify_bytes(&binary);
    assert!(!f.is_outage);
}

#[test]
fn pathological_documents_finish_with_a_result() {
    let line = format!("Outlook{}", "x".repeat(2_000_000));
    let f = classify_bytes(line.as_bytes());
    assert!(!f.is_outage);
    let nested =
        format!("{}Outlook is down for thousands of users.{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let f = classify_bytes(nested.as_bytes());
    assert!(services(&f).contains(&"microsoft/outlook".to_string()));
    let article = sample("en-01-microsoft-365-outage.txt");
    let big = article.repeat(20_000_000 / article.len() + 1);
    let f = classify_bytes(big.as_bytes());
    assert!(f.is_outage);
    let inc = f.incident.expect("incident");
    assert!(inc.services.iter().all(|s| s.mentions.len() <= 64), "mentions are capped");
}

#[test]
fn documents_over_the_limit_get_a_clear_error() {
    let c = Classifier::builder().max_document_bytes(1000).build().expect("builds");
    let f = c.classify_with_id("big", &"Outlook is down. ".repeat(100));
    assert!(!f.is_outage);
    assert!(f.error.as_deref().is_some_and(|e| e.contains("too large")), "{:?}", f.error);
    let small = c.classify("Outlook is down for thousands of users, Microsoft said.");
    assert!(small.error.is_none());
    // one bad document does not cost the batch
    let batch = c.classify_batch_bytes_with_ids(&[("a", b"Gmail is down.".to_vec()), ("b", vec![b'x'; 5000])]);
    assert_eq!(batch.len(), 2);
    assert!(batch[0].error.is_none() && batch[1].error.is_some());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4000)) {
        classify_bytes(&bytes);
    }

    #[test]
    fn arbitrary_dictionary_files_are_an_error_or_fine(
        parts in proptest::collection::vec(proptest::sample::select(&[
            "[[service]]\n", "[[symptom]]\n", "[[cue]]\n", "[[region]]\n", "id = \"a/b\"\n", "id = \"x\"\n",
            "id = \"KR\"\n", "id = \"negation\"\n", "names.any = [\"Foo\"]\n", "names.ko = [\"\"]\n", "ambiguous = [\"Foo\"]\n",
            "names.zz = [1]\n", "=", "[", "\"", "\n", "ß", "名",
        ][..]), 0..24)
    ) {
        let text: String = parts.concat();
        if let Err(e) = Classifier::builder().lexicon_str("fuzz.toml", text).build() {
            prop_assert!(e.to_string().starts_with("fuzz.toml:"), "{e}");
        }
    }
}
