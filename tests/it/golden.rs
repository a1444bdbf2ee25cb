//! Golden facts for every shipped sample in `data/samples/`.
//!
//! `tests/golden/<sample>.json` holds the reviewed facts (ids and numbers,
//! without offsets). Regenerate after an intended change with
//! `UPDATE_GOLDEN=1 cargo test --release golden` and review the diff.

use std::path::{Path, PathBuf};

use outage_news::{DocumentFacts, Fact, Incident};
use serde_json::{Value, json};

use crate::{CLASSIFIER, assert_offsets};

fn ids(f: &[Fact]) -> Vec<&str> {
    let mut v: Vec<&str> = f.iter().map(|f| f.id.as_str()).collect();
    v.sort_unstable();
    v
}

fn incident(i: &Incident) -> Value {
    let mut providers = i.providers.clone();
    providers.sort();
    json!({
        "providers": providers,
        "services": ids(&i.services),
        "unlisted_services": i.unlisted_services.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(),
        "symptoms": ids(&i.symptoms),
        "causes": ids(&i.causes),
        "mitigations": ids(&i.mitigations),
        "status": i.status.as_ref().map(|s| s.id.as_str()),
        "regions": ids(&i.regions),
        "duration_minutes": i.duration_minutes,
        "date": i.date,
        "times": i.times.iter().map(|t| format!("{} {}", t.local, t.utc_offset.as_deref().unwrap_or("?"))).collect::<Vec<_>>(),
        "scale": { "users": i.scale.users, "reports": i.scale.reports },
    })
}

/// The reviewed view of a document's facts.
pub fn summary(f: &DocumentFacts) -> Value {
    json!({
        "language": f.language.code,
        "is_outage": f.is_outage,
        "title": f.meta.title,
        "incident": f.incident.as_ref().map(incident),
        "related_incidents": f.related_incidents.iter().map(incident).collect::<Vec<_>>(),
    })
}

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("data/samples exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html" || e == "md"))
        .collect();
    v.sort();
    v
}

#[test]
fn samples_match_golden_facts() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let golden_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut failures = Vec::new();
    let files = samples();
    assert!(files.len() >= 15, "at least three samples per language");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("sample is UTF-8");
        let facts = CLASSIFIER.classify(&text);
        assert_offsets(&text, &facts);
        let got = summary(&facts);
        let stem = path.file_stem().expect("file name").to_string_lossy().to_string();
        let golden = golden_dir.join(format!("{stem}.json"));
        if update {
            std::fs::write(&golden, serde_json::to_string_pretty(&got).expect("json") + "\n").expect("write golden");
            continue;
        }
        let want: Value = match std::fs::read_to_string(&golden) {
            Ok(s) => serde_json::from_str(&s).expect("golden is JSON"),
            Err(_) => {
                failures.push(format!("{stem}: no golden file (run with UPDATE_GOLDEN=1)"));
                continue;
            }
        };
        if want != got {
            failures.push(format!(
                "{stem}:\n  want {}\n  got  {}",
                serde_json::to_string(&want).expect("json"),
                serde_json::to_string(&got).expect("json")
            ));
        }
    }
    assert!(failures.is_empty(), "golden mismatches:\n{}", failures.join("\n"));
}

#[test]
fn every_language_has_outage_and_non_outage_samples() {
    for lang in ["ko", "zh", "id", "de", "en"] {
        let mut outage = 0;
        let mut other = 0;
        for path in samples() {
            let name = path.file_name().expect("name").to_string_lossy().to_string();
            if !name.starts_with(&format!("{lang}-")) {
                continue;
            }
            let facts = CLASSIFIER.classify(&std::fs::read_to_string(&path).expect("utf-8"));
            assert_eq!(facts.language.code.as_deref(), Some(lang), "{name}");
            if facts.is_outage { outage += 1 } else { other += 1 }
        }
        assert!(outage >= 1 && other >= 1 && outage + other >= 3, "{lang}: {outage} outage, {other} other");
    }
}
