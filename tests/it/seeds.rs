//! The five seed articles in `../shared/seeds` (not shipped: run when present).

use std::path::{Path, PathBuf};

use outage_news::DocumentFacts;

use crate::{CLASSIFIER, assert_offsets};

fn seeds() -> Option<Vec<(String, String)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir).ok()?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    Some(
        paths
            .into_iter()
            .map(|p| {
                let name = p.file_name().expect("name").to_string_lossy().to_string();
                (name, std::fs::read_to_string(&p).expect("seed is UTF-8"))
            })
            .collect(),
    )
}

fn seed(prefix: &str) -> Option<(String, DocumentFacts)> {
    let (_, text) = seeds()?.into_iter().find(|(n, _)| n.starts_with(prefix))?;
    let facts = CLASSIFIER.classify(&text);
    assert_offsets(&text, &facts);
    Some((text, facts))
}

fn has(list: &[outage_news::Fact], id: &str) -> bool {
    list.iter().any(|f| f.id == id)
}

#[test]
fn every_seed_is_a_microsoft_outlook_outage_in_its_language() {
    let Some(all) = seeds() else { return };
    assert_eq!(all.len(), 5);
    let langs = ["ko", "zh", "id", "zh", "de"];
    for ((name, text), lang) in all.iter().zip(langs) {
        let facts = CLASSIFIER.classify(text);
        assert_offsets(text, &facts);
        assert_eq!(facts.language.code.as_deref(), Some(lang), "{name}");
        assert!(facts.is_outage, "{name}");
        let inc = facts.incident.as_ref().expect("incident");
        assert!(inc.providers.iter().any(|p| p == "microsoft"), "{name}");
        assert!(inc.has_service("microsoft/outlook"), "{name}");
    }
}

#[test]
fn seed_000_regions_and_cause() {
    let Some((_, f)) = seed("000_") else { return };
    let inc = f.incident.expect("incident");
    assert!(has(&inc.regions, "KR") && has(&inc.regions, "asia-pacific"), "{:?}", inc.regions);
    assert!(has(&inc.causes, "network-infrastructure"), "{:?}", inc.causes);
}

#[test]
fn seed_001_duration() {
    let Some((_, f)) = seed("001_") else { return };
    assert_eq!(f.incident.expect("incident").duration_minutes, Some(660));
}

#[test]
fn seed_002_march_incident_is_related_only() {
    let Some((_, f)) = seed("002_") else { return };
    let inc = f.incident.expect("incident");
    assert!(!inc.has_service("microsoft/store"));
    assert!(f.related_incidents.iter().any(|r| r.has_service("microsoft/store")));
}

#[test]
fn seed_003_status_cause_and_july_incident() {
    let Some((_, f)) = seed("003_") else { return };
    let inc = f.incident.as_ref().expect("incident");
    assert_eq!(inc.status.as_ref().map(|s| s.id.as_str()), Some("resolved"));
    assert!(has(&inc.causes, "authentication"), "{:?}", inc.causes);
    for id in ["microsoft/intune", "microsoft/entra", "microsoft/power-bi"] {
        assert!(!inc.has_service(id), "{id} leaked into the incident");
        assert!(f.related_incidents.iter().any(|r| r.has_service(id)), "{id} not in related incidents");
    }
}
