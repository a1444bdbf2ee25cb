//! Measuring extraction quality against hand-labelled articles.
//!
//! A gold label is one JSON object per article (see [`GoldLabel`]); an
//! [`Evaluation`] collects `(label, facts)` pairs and reports precision,
//! recall and F1 per fact kind, accuracies, earlier-incident leaks, a
//! per-language table and the list of errors. The `evaluate` example runs it
//! over a directory of `<id>.txt` + `<id>.json` pairs.
//!
//! ```
//! use outage_news::eval::{Evaluation, GoldLabel};
//!
//! let classifier = outage_news::Classifier::new()?;
//! let gold: GoldLabel = serde_json::from_str(r#"{"id": "en-x", "lang": "en", "is_outage": true,
//!     "services": ["google/gmail"], "related_services": [], "symptoms": ["login-failure"],
//!     "causes": [], "mitigations": [], "status": null, "regions": [], "duration_minutes": null}"#)?;
//! let facts = classifier.classify("Gmail outage: users cannot sign in to Gmail this morning.");
//! let mut eval = Evaluation::default();
//! eval.add(&gold, &facts);
//! let report = eval.report();
//! assert_eq!(report.services.f1, 1.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::facts::{DocumentFacts, Fact};

/// The hand-made label of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldLabel {
    /// Article id (file stem).
    pub id: String,
    /// ISO 639-1 code of the article's language.
    pub lang: String,
    /// Whether the article reports an outage.
    pub is_outage: bool,
    /// Services of the reported outage.
    #[serde(default)]
    pub services: Vec<String>,
    /// Services of earlier outages the article only recalls.
    #[serde(default)]
    pub related_services: Vec<String>,
    /// Symptom ids.
    #[serde(default)]
    pub symptoms: Vec<String>,
    /// Cause ids.
    #[serde(default)]
    pub causes: Vec<String>,
    /// Mitigation ids.
    #[serde(default)]
    pub mitigations: Vec<String>,
    /// The latest status, if stated.
    #[serde(default)]
    pub status: Option<String>,
    /// Region ids.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Duration of the reported outage, if stated.
    #[serde(default)]
    pub duration_minutes: Option<u32>,
    /// Publication date (`YYYY-MM-DD`), when known.
    #[serde(default)]
    pub published: Option<String>,
    /// The services of `services` and `related_services` that the canonical
    /// list lacks, with the names the text gives them: a predicted
    /// [`unlisted service`](crate::UnlistedService) counts as one of them when
    /// the names match (see [`names_match`]).
    #[serde(default)]
    pub unlisted: Vec<UnlistedLabel>,
}

/// A labelled service outside the canonical list and the names the text uses for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnlistedLabel {
    /// The label's `provider/service` id.
    pub id: String,
    /// Names of it as written in the article.
    pub names: Vec<String>,
}

/// Whether two names of a service match: after NFKC, case folding and
/// dropping everything but letters and digits, one contains the other (and
/// neither is empty).
///
/// ```
/// use outage_news::eval::names_match;
/// assert!(!names_match("Sparda-Bank", "Deutsche Bank"));
/// assert!(names_match("Eventim-Seite", "eventim"));
/// assert!(names_match("台北通APP", "台北通"));
/// ```
pub fn names_match(a: &str, b: &str) -> bool {
    let (a, b) = (name_key(a), name_key(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

fn name_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfkc().flat_map(char::to_lowercase).filter(|c| c.is_alphanumeric()).collect()
}

/// Precision, recall and F1 of one fact kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Correct predictions.
    pub tp: u32,
    /// Predicted but not in the gold labels.
    pub fp: u32,
    /// In the gold labels but not predicted.
    pub fn_: u32,
    /// `tp / (tp + fp)`, 1 when nothing was predicted.
    pub precision: f64,
    /// `tp / (tp + fn)`, 1 when nothing was expected.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Prf {
    fn count(&mut self, gold: &BTreeSet<&str>, got: &BTreeSet<&str>) {
        self.tp += gold.intersection(got).count() as u32;
        self.fp += got.difference(gold).count() as u32;
        self.fn_ += gold.difference(got).count() as u32;
    }

    fn finish(mut self) -> Self {
        let r = |a: u32, b: u32| if a + b == 0 { 1.0 } else { f64::from(a) / f64::from(a + b) };
        self.precision = r(self.tp, self.fp);
        self.recall = r(self.tp, self.fn_);
        self.f1 = if self.precision + self.recall == 0.0 {
            0.0
        } else {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        };
        self
    }
}

/// Share of documents where a value was right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Accuracy {
    /// Right answers.
    pub correct: u32,
    /// Documents counted.
    pub total: u32,
    /// `correct / total` (1 when nothing was counted).
    pub accuracy: f64,
}

impl Accuracy {
    fn count(&mut self, ok: bool) {
        self.total += 1;
        self.correct += u32::from(ok);
    }

    fn finish(mut self) -> Self {
        self.accuracy = if self.total == 0 { 1.0 } else { f64::from(self.correct) / f64::from(self.total) };
        self
    }
}

/// The figures of an evaluation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// Documents evaluated.
    pub documents: u32,
    /// Outage or not, positives = outage reports.
    pub is_outage: Prf,
    /// Services of the reported incident.
    pub services: Prf,
    /// Symptoms.
    pub symptoms: Prf,
    /// Causes.
    pub causes: Prf,
    /// Mitigations.
    pub mitigations: Prf,
    /// Regions.
    pub regions: Prf,
    /// Services of the earlier incidents the articles recall, found among
    /// `related_incidents` (recall is the measure; precision counts their
    /// other services).
    pub related_services: Prf,
    /// Language code.
    pub language: Accuracy,
    /// Latest status, over the outage reports whose label states one.
    pub status: Accuracy,
    /// Duration in minutes, over the labelled durations.
    pub duration: Accuracy,
    /// Services of earlier incidents that leaked into the reported incident.
    pub leaks: u32,
    /// The same figures per language.
    pub per_language: BTreeMap<String, Report>,
    /// Every disagreement, one line each (`id: what`).
    pub errors: Vec<String>,
}

/// Collects labelled documents and their facts.
#[derive(Debug, Default, Clone)]
pub struct Evaluation {
    docs: Vec<(GoldLabel, DocumentFacts)>,
}

fn ids(f: &[Fact]) -> BTreeSet<&str> {
    f.iter().map(|f| f.id.as_str()).collect()
}

fn set(v: &[String]) -> BTreeSet<&str> {
    v.iter().map(String::as_str).collect()
}

impl Evaluation {
    /// Add one labelled document and what the classifier said about it.
    pub fn add(&mut self, gold: &GoldLabel, facts: &DocumentFacts) {
        self.docs.push((gold.clone(), facts.clone()));
    }

    /// Compute the figures.
    pub fn report(&self) -> Report {
        let mut by_lang: BTreeMap<String, Vec<&(GoldLabel, DocumentFacts)>> = BTreeMap::new();
        for d in &self.docs {
            by_lang.entry(d.0.lang.clone()).or_default().push(d);
        }
        let mut report = compute(self.docs.iter());
        report.per_language = by_lang.into_iter().map(|(l, docs)| (l, compute(docs.into_iter()))).collect();
        report
    }
}

/// Whether an incident names the labelled service `id`: by its dictionary
/// id, or by an unlisted name that matches one of the label's names for it.
///
/// A dictionary service under another id than the label's (the label gives
/// services missing from `services.tsv` ids of its own) counts when one of
/// its mentions matches one of the label's names.
fn finds(id: &str, unlisted: &[UnlistedLabel], inc: &crate::Incident) -> bool {
    inc.has_service(id)
        || unlisted.iter().filter(|u| u.id == id).any(|u| {
            let named = |name: &str| u.names.iter().any(|n| names_match(name, n));
            inc.unlisted_services.iter().any(|p| named(&p.name))
                || inc.services.iter().flat_map(|f| &f.mentions).any(|m| named(&m.text))
        })
}

/// Whether a predicted dictionary service is a labelled unlisted one under
/// another id (see [`finds`]).
fn listed_as_unlisted(f: &Fact, want: &[String], unlisted: &[UnlistedLabel]) -> bool {
    unlisted
        .iter()
        .filter(|u| want.contains(&u.id))
        .any(|u| f.mentions.iter().any(|m| u.names.iter().any(|n| names_match(&m.text, n))))
}

/// Count the predicted services of `inc` against the labelled `want`:
/// dictionary ids by equality, unlisted names by [`names_match`] with the
/// label's names. A predicted unlisted name matching none of them is a false
/// positive. Returns what was missed and what was extra.
fn services(
    want: &[String],
    unlisted: &[UnlistedLabel],
    inc: Option<&crate::Incident>,
    prf: &mut Prf,
) -> (Vec<String>, Vec<String>) {
    let mut missing = Vec::new();
    let mut extra = Vec::new();
    for id in want {
        if inc.is_some_and(|i| finds(id, unlisted, i)) {
            prf.tp += 1;
        } else {
            prf.fn_ += 1;
            missing.push(id.clone());
        }
    }
    let Some(inc) = inc else { return (missing, extra) };
    for f in &inc.services {
        if !want.contains(&f.id) && !listed_as_unlisted(f, want, unlisted) {
            prf.fp += 1;
            extra.push(f.id.clone());
        }
    }
    for p in &inc.unlisted_services {
        let labelled =
            unlisted.iter().filter(|u| want.contains(&u.id)).any(|u| u.names.iter().any(|n| names_match(&p.name, n)));
        if !labelled {
            prf.fp += 1;
            extra.push(format!("unlisted:{}", p.name));
        }
    }
    (missing, extra)
}

fn compute<'a>(docs: impl Iterator<Item = &'a (GoldLabel, DocumentFacts)>) -> Report {
    let mut r = Report::default();
    for (g, f) in docs {
        r.documents += 1;
        let err = |what: String| format!("{}: {what}", g.id);
        let inc = f.incident.as_ref();
        let empty: Vec<Fact> = Vec::new();
        let got = |pick: fn(&crate::Incident) -> &Vec<Fact>| ids(inc.map_or(&empty, pick).as_slice());

        let (go, po) = (g.is_outage, f.is_outage);
        r.is_outage.tp += u32::from(go && po);
        r.is_outage.fp += u32::from(!go && po);
        r.is_outage.fn_ += u32::from(go && !po);
        if go != po {
            r.errors.push(err(format!("is_outage: want {go}, got {po} (score {:.2})", f.outage_score)));
        }
        let mut errors = Vec::new();
        let (missing, extra) = services(&g.services, &g.unlisted, inc, &mut r.services);
        if !missing.is_empty() || !extra.is_empty() {
            errors.push(err(format!("services: missing {missing:?}, extra {extra:?}")));
        }
        // a labelled earlier service counts once, found in any earlier incident
        let got_related: BTreeSet<&str> = g
            .related_services
            .iter()
            .filter(|id| f.related_incidents.iter().any(|i| finds(id, &g.unlisted, i)))
            .map(String::as_str)
            .collect();
        r.related_services.count(&set(&g.related_services), &got_related);
        let missed_related: Vec<&String> =
            g.related_services.iter().filter(|s| !got_related.contains(s.as_str())).collect();
        if !missed_related.is_empty() {
            errors.push(err(format!("related services: missing {missed_related:?}")));
        }
        let kinds: [(&str, &Vec<String>, BTreeSet<&str>, &mut Prf); 4] = [
            ("symptoms", &g.symptoms, got(|i| &i.symptoms), &mut r.symptoms),
            ("causes", &g.causes, got(|i| &i.causes), &mut r.causes),
            ("mitigations", &g.mitigations, got(|i| &i.mitigations), &mut r.mitigations),
            ("regions", &g.regions, got(|i| &i.regions), &mut r.regions),
        ];
        for (name, want, have, prf) in kinds {
            let want = set(want);
            prf.count(&want, &have);
            let missing: Vec<&&str> = want.difference(&have).collect();
            let extra: Vec<&&str> = have.difference(&want).collect();
            if !missing.is_empty() || !extra.is_empty() {
                errors.push(err(format!("{name}: missing {missing:?}, extra {extra:?}")));
            }
        }
        r.errors.extend(errors);
        let lang_ok = f.language.code.as_deref() == Some(g.lang.as_str());
        r.language.count(lang_ok);
        if !lang_ok {
            r.errors.push(err(format!("language: want {}, got {:?}", g.lang, f.language.code)));
        }
        let status = inc.and_then(|i| i.status.as_ref()).map(|s| s.id.as_str());
        if g.is_outage && g.status.is_some() {
            r.status.count(status == g.status.as_deref());
        }
        if status != g.status.as_deref() {
            r.errors.push(err(format!("status: want {:?}, got {status:?}", g.status)));
        }
        let duration = inc.and_then(|i| i.duration_minutes);
        if g.duration_minutes.is_some() {
            r.duration.count(duration == g.duration_minutes);
        }
        if duration != g.duration_minutes {
            r.errors.push(err(format!("duration: want {:?}, got {duration:?}", g.duration_minutes)));
        }
        let current = set(&g.services);
        let leaked: Vec<&str> = g
            .related_services
            .iter()
            .filter(|s| !current.contains(s.as_str()) && inc.is_some_and(|i| finds(s, &g.unlisted, i)))
            .map(String::as_str)
            .collect();
        r.leaks += leaked.len() as u32;
        if !leaked.is_empty() {
            r.errors.push(err(format!("leaked from an earlier incident: {leaked:?}")));
        }
    }
    r.is_outage = r.is_outage.finish();
    r.services = r.services.finish();
    r.symptoms = r.symptoms.finish();
    r.causes = r.causes.finish();
    r.mitigations = r.mitigations.finish();
    r.regions = r.regions.finish();
    r.related_services = r.related_services.finish();
    r.language = r.language.finish();
    r.status = r.status.finish();
    r.duration = r.duration.finish();
    r
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "documents: {}", self.documents)?;
        writeln!(f, "{:<12} {:>9} {:>9} {:>9} {:>5} {:>5} {:>5}", "", "precision", "recall", "F1", "tp", "fp", "fn")?;
        for (name, p) in [
            ("is_outage", &self.is_outage),
            ("services", &self.services),
            ("symptoms", &self.symptoms),
            ("causes", &self.causes),
            ("mitigations", &self.mitigations),
            ("regions", &self.regions),
            ("related svc", &self.related_services),
        ] {
            writeln!(
                f,
                "{name:<12} {:>9.3} {:>9.3} {:>9.3} {:>5} {:>5} {:>5}",
                p.precision, p.recall, p.f1, p.tp, p.fp, p.fn_
            )?;
        }
        for (name, a) in [("language", &self.language), ("status", &self.status), ("duration", &self.duration)] {
            writeln!(f, "{name:<12} accuracy {:.3} ({}/{})", a.accuracy, a.correct, a.total)?;
        }
        writeln!(f, "leaks        {} service(s) of earlier incidents in the reported incident", self.leaks)?;
        if !self.per_language.is_empty() {
            writeln!(f, "\nper language:")?;
            writeln!(
                f,
                "{:<5} {:>4} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8} {:>6}",
                "lang",
                "docs",
                "outageF1",
                "servF1",
                "sympF1",
                "causeF1",
                "mitigF1",
                "regionF1",
                "status",
                "duration",
                "relatedR",
                "leaks"
            )?;
            for (l, r) in &self.per_language {
                writeln!(
                    f,
                    "{l:<5} {:>4} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>8.3} {:>8.3} {:>8.3} {:>6}",
                    r.documents,
                    r.is_outage.f1,
                    r.services.f1,
                    r.symptoms.f1,
                    r.causes.f1,
                    r.mitigations.f1,
                    r.regions.f1,
                    r.status.accuracy,
                    r.duration.accuracy,
                    r.related_services.recall,
                    r.leaks
                )?;
            }
        }
        if !self.errors.is_empty() {
            writeln!(f, "\nerrors:")?;
            for e in &self.errors {
                writeln!(f, "  {e}")?;
            }
        }
        Ok(())
    }
}

/// How well a clustering of articles into incidents matches golden
/// clusters: pairwise (two articles are a pair when they share an incident)
/// and BCubed (per article, the share of its predicted incident that is
/// golden and of its golden incident that was found), over every article.
/// An article in no incident (`None`) is a cluster of its own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ClusterScores {
    /// Articles scored.
    pub articles: usize,
    /// Pairwise counts and scores.
    pub pairwise: Prf,
    /// BCubed precision.
    pub bcubed_precision: f64,
    /// BCubed recall.
    pub bcubed_recall: f64,
    /// BCubed F1.
    pub bcubed_f1: f64,
    /// Articles the gold puts in no incident (no outage report) that were
    /// put in one.
    pub non_outage_in_incidents: usize,
}

/// Score `predicted` incident labels against `gold` ones, article by
/// article (the two slices in the same order).
///
/// ```
/// use outage_news::eval::cluster_scores;
///
/// let gold = [Some("a"), Some("a"), Some("b"), None];
/// let got = [Some("x"), Some("x"), Some("x"), None];
/// let s = cluster_scores(&got, &gold);
/// assert_eq!(s.pairwise.tp, 1);
/// assert_eq!(s.pairwise.fp, 2);
/// assert_eq!(s.pairwise.recall, 1.0);
/// ```
pub fn cluster_scores<P: AsRef<str>, G: AsRef<str>>(predicted: &[Option<P>], gold: &[Option<G>]) -> ClusterScores {
    let n = predicted.len().min(gold.len());
    let p: Vec<Option<&str>> = predicted[..n].iter().map(|x| x.as_ref().map(AsRef::as_ref)).collect();
    let g: Vec<Option<&str>> = gold[..n].iter().map(|x| x.as_ref().map(AsRef::as_ref)).collect();
    let same = |v: &[Option<&str>], i: usize, j: usize| v[i].is_some() && v[i] == v[j];
    let mut pairwise = Prf::default();
    let (mut bp, mut br) = (0.0, 0.0);
    for i in 0..n {
        let (mut both, mut in_p, mut in_g) = (1u32, 1u32, 1u32);
        for j in 0..n {
            if j == i {
                continue;
            }
            let (sp, sg) = (same(&p, i, j), same(&g, i, j));
            in_p += u32::from(sp);
            in_g += u32::from(sg);
            both += u32::from(sp && sg);
            if j > i {
                match (sp, sg) {
                    (true, true) => pairwise.tp += 1,
                    (true, false) => pairwise.fp += 1,
                    (false, true) => pairwise.fn_ += 1,
                    _ => {}
                }
            }
        }
        bp += f64::from(both) / f64::from(in_p);
        br += f64::from(both) / f64::from(in_g);
    }
    let pairwise = pairwise.finish();
    let (bp, br) = if n == 0 { (1.0, 1.0) } else { (bp / n as f64, br / n as f64) };
    ClusterScores {
        articles: n,
        pairwise,
        bcubed_precision: bp,
        bcubed_recall: br,
        bcubed_f1: if bp + br == 0.0 { 0.0 } else { 2.0 * bp * br / (bp + br) },
        non_outage_in_incidents: (0..n).filter(|&i| g[i].is_none() && p[i].is_some()).count(),
    }
}

impl std::fmt::Display for ClusterScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "articles: {}", self.articles)?;
        writeln!(f, "             precision    recall        F1    tp    fp    fn")?;
        let p = &self.pairwise;
        writeln!(
            f,
            "pairwise     {:>9.3} {:>9.3} {:>9.3} {:>5} {:>5} {:>5}",
            p.precision, p.recall, p.f1, p.tp, p.fp, p.fn_
        )?;
        writeln!(f, "BCubed       {:>9.3} {:>9.3} {:>9.3}", self.bcubed_precision, self.bcubed_recall, self.bcubed_f1)?;
        write!(f, "non-outage articles in incidents: {}", self.non_outage_in_incidents)
    }
}
