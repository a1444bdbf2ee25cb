//! Tests generated from the dictionary data: every name of every service,
//! in every language it is listed for, found in a news sentence of that
//! language; and no name shared by two services unless marked ambiguous.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use toml::Value;

use crate::CLASSIFIER;

const LANGS: [&str; 5] = ["ko", "zh", "id", "de", "en"];

/// A one-sentence outage report naming `name` (and, for ambiguous names, the provider).
fn sentence(lang: &str, name: &str, provider: Option<&str>) -> String {
    let p = provider.map(|p| format!("{p} ")).unwrap_or_default();
    match lang {
        "ko" => format!("{p}{name} 접속 장애가 발생해 이용자들이 로그인 오류를 겪었다."),
        "zh" => format!("{p}{name}出现大面积故障，大量用户无法登录。"),
        "id" => format!("Layanan {p}{name} mengalami gangguan dan pengguna tidak dapat mengakses akun mereka."),
        "de" => format!("Bei {p}{name} gibt es eine große Störung, viele Nutzer können sich nicht anmelden."),
        _ => format!("{p}{name} suffered a major outage and users could not sign in."),
    }
}

struct Entry {
    id: String,
    names: BTreeMap<String, Vec<String>>,
    ambiguous: BTreeSet<String>,
}

fn entries(kind: &str) -> Vec<Entry> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lexicon");
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("data/lexicon").map(|e| e.expect("entry").path()).collect();
    files.sort();
    let mut out = Vec::new();
    for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "toml")) {
        let v: Value = toml::from_str(&std::fs::read_to_string(f).expect("utf-8")).expect("valid toml");
        for e in v.get(kind).and_then(Value::as_array).into_iter().flatten() {
            let strs = |v: Option<&Value>| -> Vec<String> {
                v.and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            };
            let mut names = BTreeMap::new();
            if let Some(t) = e.get("names").and_then(Value::as_table) {
                for (lang, list) in t {
                    names.insert(lang.clone(), strs(Some(list)));
                }
            }
            out.push(Entry {
                id: e["id"].as_str().expect("id").to_string(),
                names,
                ambiguous: strs(e.get("ambiguous")).into_iter().collect(),
            });
        }
    }
    out
}

#[test]
fn every_id_of_services_tsv_is_in_the_dictionary() {
    let tsv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/services.tsv");
    let Ok(tsv) = std::fs::read_to_string(tsv) else { return };
    let ids: BTreeSet<String> = entries("service").into_iter().map(|e| e.id).collect();
    let missing: Vec<&str> =
        tsv.lines().skip(1).filter_map(|l| l.split('\t').next()).filter(|id| !ids.contains(*id)).collect();
    assert!(missing.is_empty(), "missing: {missing:?}");
}

#[test]
fn every_service_name_is_found_in_every_language_it_is_listed_for() {
    let providers: BTreeMap<String, String> = entries("provider")
        .into_iter()
        .filter_map(|p| {
            let first = p
                .names
                .get("any")
                .or_else(|| p.names.get("en"))
                .and_then(|n| n.iter().find(|x| !p.ambiguous.contains(*x)).cloned())?;
            Some((p.id, first))
        })
        .collect();
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in entries("service") {
        let provider = e.id.split('/').next().expect("provider part");
        for (lang_key, names) in &e.names {
            let langs: Vec<&str> = if lang_key == "any" { LANGS.to_vec() } else { vec![lang_key.as_str()] };
            // context for ambiguous names: the provider, else an unambiguous name of the service
            let plain = e.names.values().flatten().find(|n| !e.ambiguous.contains(*n)).map(String::as_str);
            for name in names {
                for lang in &langs {
                    let ctx = e
                        .ambiguous
                        .contains(name)
                        .then(|| providers.get(provider).map(String::as_str).or(plain))
                        .flatten();

                    let text = sentence(lang, name, ctx);
                    let f = CLASSIFIER.classify(&text);
                    checked += 1;
                    let found = f.incident.as_ref().is_some_and(|i| i.has_service(&e.id));
                    if !found {
                        failures.push(format!("{} [{lang}] {name:?}: {text}", e.id));
                    }
                }
            }
        }
    }
    assert!(checked > 1000, "{checked} names checked");
    assert!(failures.is_empty(), "{} of {checked} not found:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn no_name_belongs_to_two_services_unless_ambiguous() {
    // normalised the way the matcher sees it: case and whitespace folded
    let norm = |s: &str| s.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
    let mut owners: BTreeMap<(String, String), Vec<(String, bool)>> = BTreeMap::new();
    for e in entries("service") {
        for (lang, names) in &e.names {
            for n in names {
                let langs: Vec<&str> = if lang == "any" { LANGS.to_vec() } else { vec![lang.as_str()] };
                for l in langs {
                    let v = owners.entry((l.to_string(), norm(n))).or_default();
                    if !v.iter().any(|(id, _)| *id == e.id) {
                        v.push((e.id.clone(), e.ambiguous.contains(n)));
                    }
                }
            }
        }
    }
    let clashes: Vec<String> = owners
        .iter()
        .filter(|(_, ids)| ids.len() > 1 && ids.iter().any(|(_, amb)| !amb))
        .map(|((l, n), ids)| format!("[{l}] {n:?}: {ids:?}"))
        .collect();
    assert!(clashes.is_empty(), "names shared by services without an ambiguity mark:\n{}", clashes.join("\n"));
}
