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
        let article = outage_news::Article::from(l.text.as_str()).id(l.id.as_str()).published(l.published.as_str());
        let facts = CLASSIFIER.classify(article);
        if let Some(id) = tracker.add(&facts, None) {
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

/// In any order, the batch helper gives the same incidents (it clusters in
/// the order of the outage days).
#[test]
fn the_order_of_the_feed_does_not_matter() {
    let lines = articles();
    let mut facts: Vec<outage_news::DocumentFacts> = lines
        .iter()
        .map(|l| {
            CLASSIFIER
                .classify(outage_news::Article::from(l.text.as_str()).id(l.id.as_str()).published(l.published.as_str()))
        })
        .collect();
    facts.reverse();
    let incidents = Incidents::cluster(&facts);
    let mut got: BTreeMap<&str, &str> = BTreeMap::new();
    for inc in &incidents {
        for a in &inc.articles {
            got.insert(a.id.as_str(), inc.id.as_str());
        }
    }
    let predicted: Vec<Option<&str>> = lines.iter().map(|l| got.get(l.id.as_str()).copied()).collect();
    let gold: Vec<Option<&str>> = lines.iter().map(|l| l.incident.as_deref()).collect();
    let scores = cluster_scores(&predicted, &gold);
    assert_eq!(scores.non_outage_in_incidents, 0, "{scores}");
    assert!(scores.pairwise.f1 >= 0.95, "{scores}");
    // every incident of the set is reported in three languages or more
    assert!(incidents.iter().all(|i| i.languages.len() >= 3), "{incidents:?}");
}
