//! Incident clustering on the project's own multilingual set
//! (`tests/incidents/articles.jsonl`: 12 incidents in 3-5 languages each,
//! same-provider confusers 7-16 days apart, non-outage neighbours).

use std::collections::BTreeMap;
use std::path::Path;

use outage_news::eval::cluster_scores;
use outage_news::incidents::Incidents;
use serde::Deserialize;

use crate::CLASSIFIER;

#[derive(Deserialize)]
struct Line {
    id: String,
    published: String,
    text: String,
    incident: Option<String>,
}

fn articles() -> Vec<Line> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/incidents/articles.jsonl");
    let text = std::fs::read_to_string(path).expect("articles.jsonl");
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
}

#[test]
fn the_feed_clusters_into_its_incidents() {
    let lines = articles();
    let mut tracker = Incidents::new();
    let mut got: BTreeMap<String, String> = BTreeMap::new();
    for l in &lines {
        let facts = CLASSIFIER.classify_with_id(l.id.clone(), &l.text);
        if let Some(id) = tracker.add(&facts, Some(&l.published)) {
            got.insert(l.id.clone(), id);
        }
    }
    let incidents = tracker.finish();
    // every article an incident lists is the one the tracker said it joined
    for inc in &incidents {
        for a in &inc.articles {
            assert_eq!(got.get(&a.id), Some(&inc.id), "{}", a.id);
        }
    }
    let predicted: Vec<Option<&str>> = lines.iter().map(|l| got.get(&l.id).map(String::as_str)).collect();
    let gold: Vec<Option<&str>> = lines.iter().map(|l| l.incident.as_deref()).collect();
    let scores = cluster_scores(&predicted, &gold);
    eprintln!("{scores}");
    assert_eq!(scores.non_outage_in_incidents, 0, "{scores}");
    assert!(scores.pairwise.f1 >= 0.95, "{scores}\n{}", serde_json::to_string_pretty(&incidents).unwrap());
}
