//! The quality floors of the evaluation harness (`examples/evaluate.rs`) over
//! the hand-labelled articles in `tests/gold/` and, when `../shared/seeds` is
//! present, the seed articles with their labels in `tests/seed-labels/`, and
//! when `../shared/devset` is present, the 150 labelled real-news articles.

use std::path::Path;

use outage_news::eval::{Evaluation, GoldLabel, Report};

use crate::CLASSIFIER;

fn evaluate(labels: &Path, texts: &Path) -> Option<Report> {
    let mut paths: Vec<_> = std::fs::read_dir(labels)
        .ok()?
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut eval = Evaluation::default();
    for p in paths {
        let label: GoldLabel = serde_json::from_str(&std::fs::read_to_string(&p).expect("label")).expect("label JSON");
        let text = std::fs::read_to_string(texts.join(format!("{}.txt", label.id))).ok()?;
        eval.add(&label, &CLASSIFIER.classify_with_id(label.id.clone(), &text));
    }
    Some(eval.report())
}

fn assert_floors(name: &str, r: &Report) {
    let checks = [
        ("is_outage F1", r.is_outage.f1, 0.95),
        ("services F1", r.services.f1, 0.90),
        ("symptoms F1", r.symptoms.f1, 0.80),
        ("causes F1", r.causes.f1, 0.80),
        ("status accuracy", r.status.accuracy, 0.80),
        ("duration accuracy", r.duration.accuracy, 0.90),
    ];
    let below = below(&checks);
    assert!(below.is_empty() && r.leaks == 0, "{name}: {below:?}, leaks {}\n{r}", r.leaks);
}

/// The checks `(measure, value, floor)` whose value is below its floor.
fn below(checks: &[(&str, f64, f64)]) -> Vec<String> {
    checks.iter().filter(|c| c.1 < c.2).map(|(n, v, f)| format!("{n} {v:.3} < {f}")).collect()
}

#[test]
fn gold_set_meets_the_floors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold");
    let r = evaluate(&dir, &dir).expect("tests/gold");
    assert!(r.documents >= 60, "{} documents", r.documents);
    for lang in ["ko", "zh", "id", "de", "en"] {
        assert!(r.per_language.get(lang).is_some_and(|l| l.documents >= 12), "{lang}: twelve articles");
    }
    assert_floors("tests/gold", &r);
}

#[test]
fn seeds_meet_the_floors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(r) = evaluate(&root.join("tests/seed-labels"), &root.join("../shared/seeds")) else { return };
    assert_eq!(r.documents, 5);
    assert_floors("seeds", &r);
}

/// The development set of real news (150 articles rewritten from newsroom
/// pages, `../shared/devset`), where it exists. Its floors are a ratchet at
/// what the library measures now, a little below, so that no change loses
/// ground on real news unnoticed; the targets of the real-news issue are
/// higher (is_outage 0.95, services 0.88, symptoms and causes 0.80,
/// mitigations and regions 0.75, status 0.80, duration 0.90, related 0.70).
#[test]
fn devset_keeps_its_ground() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/devset");
    let Some(r) = evaluate(&dir, &dir) else { return };
    assert_eq!(r.documents, 150);
    let checks = [
        ("is_outage F1", r.is_outage.f1, 0.95),
        ("services F1", r.services.f1, 0.88),
        ("symptoms F1", r.symptoms.f1, 0.80),
        ("causes F1", r.causes.f1, 0.81),
        ("mitigations F1", r.mitigations.f1, 0.78),
        ("regions F1", r.regions.f1, 0.81),
        ("status accuracy", r.status.accuracy, 0.84),
        ("duration accuracy", r.duration.accuracy, 0.90),
        ("related services recall", r.related_services.recall, 0.75),
    ];
    let below = below(&checks);
    assert!(below.is_empty(), "devset: {below:?}\n{r}");
    assert_eq!(r.leaks, 0, "devset: services of earlier incidents leaked\n{r}");
    for (lang, l) in &r.per_language {
        assert!(l.is_outage.f1 >= 0.85, "{lang}: is_outage F1 {:.3}", l.is_outage.f1);
        // (the floor is 0.85 in every language; German stands at it)
        assert!(l.services.f1 >= 0.84, "{lang}: services F1 {:.3}", l.services.f1);
    }
}
