//! Incidents, not articles: a feed's outage reports grouped into the
//! outages they report, across languages and days.
//!
//! A feed reports one outage many times, in many languages, over days.
//! [`Incidents`] takes each article's [`DocumentFacts`] with its time, in
//! any order within a horizon, and keeps one [`MergedIncident`] per outage,
//! merging what every article knows: services with the number of articles
//! naming them, symptoms, causes, mitigations and regions with their
//! support, the status as it moved (a timeline), the longest stated
//! duration, the languages and the articles.
//!
//! ## Rules
//!
//! Following Miranda et al. (2018, multilingual news stream clustering:
//! candidate clusters scored, similarity decayed over time) and EMM's
//! linking of stories over about a week:
//! - an article joins an incident when they share a provider, their
//!   services overlap (or one side names only the provider), and the
//!   article's outage time lies within [`Incidents::window_days`] of the
//!   incident's; within a day and a half the shared provider is enough (the
//!   reports of one day name one outage's services differently: "Outlook
//!   and Teams", "Microsoft 365"). Overlapping services come first, then
//!   the nearest in time;
//! - an article's outage time is the day its text states for the outage
//!   ([`Incident::date`](crate::Incident::date): "on Tuesday", "11月25日",
//!   "am Mittwoch"), else its publication time: a follow-up two days later
//!   that names the day joins the day's incident;
//! - so two outages of one provider a few days apart stay apart (a faulty
//!   update, then a DDoS eleven days later; the same service failing again
//!   the next week);
//! - an article that is no outage report never starts or joins an incident;
//! - an article's `related_incidents` (the earlier outages it recalls) are
//!   evidence for [`MergedIncident::recalls`], never for membership: a
//!   recall is linked to the earlier incident of the same provider when the
//!   tracker has seen it.
//!
//! Memory is bounded by the horizon: an incident whose newest article is
//! older than [`Incidents::horizon_days`] behind the newest time seen is
//! closed and handed out by [`Incidents::take_closed`].
//!
//! ```
//! use outage_news::{Classifier, incidents::Incidents};
//!
//! let classifier = Classifier::new()?;
//! let mut incidents = Incidents::new();
//! for (id, published, text) in [
//!     ("a", "2026-11-18T09:00:00Z", "Outlook down for thousands\n\nMicrosoft Outlook was down on Tuesday morning; users could not send email."),
//!     ("b", "2026-11-18T11:00:00Z", "Outlook-Störung\n\nOutlook ist seit dem Morgen nicht erreichbar, Nutzer können keine E-Mails senden."),
//!     ("c", "2026-11-18T12:00:00Z", "Microsoft reports record quarterly revenue\n\nMicrosoft said cloud revenue grew 30 percent."),
//! ] {
//!     let facts = classifier.classify_with_id(id, text);
//!     incidents.add(&facts, Some(published));
//! }
//! let all = incidents.snapshot();
//! assert_eq!(all.len(), 1);
//! assert_eq!(all[0].languages, ["de", "en"]);
//! assert_eq!(all[0].articles.len(), 2);
//! # Ok::<(), outage_news::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::{Deserialize, Serialize};

use crate::dates::{format_date, format_time, parse_time};
use crate::facts::{DocumentFacts, Incident};
use crate::normalize::name_key;

/// Default for [`Incidents::window_days`].
pub const DEFAULT_WINDOW_DAYS: f64 = 3.0;
/// Default for [`Incidents::horizon_days`].
pub const DEFAULT_HORIZON_DAYS: f64 = 14.0;
/// Within this many days, a shared provider alone joins an article to an
/// incident (its services may be named differently on the same day).
const SAME_DAYS: f64 = 1.5;
/// How long closed incidents are remembered for linking recalls.
const RECALL_MEMORY_DAYS: f64 = 60.0;

/// Groups articles' facts into outage incidents (see the [module
/// docs](self)). `Send`, and serialisable with serde to carry a stream's
/// state across runs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Incidents {
    window_days: f64,
    horizon_days: f64,
    /// The newest outage time seen (days since 1970-01-01).
    newest: Option<f64>,
    open: Vec<Cluster>,
    closed: Vec<MergedIncident>,
    /// Closed incidents remembered for recalls, per provider: (id, outage time).
    history: BTreeMap<String, VecDeque<(String, f64)>>,
}

impl Default for Incidents {
    fn default() -> Self {
        Self::new()
    }
}

/// One merged outage incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergedIncident {
    /// A stable id: the provider, the first report's date and a short hash
    /// of the article that opened it (`microsoft-2026-11-18-3fa9c2`).
    pub id: String,
    /// Providers named by its articles, sorted.
    pub providers: Vec<String>,
    /// Services (canonical ids), each with the number of articles naming it.
    pub services: Vec<Support>,
    /// Services outside the dictionary, by the name first read, with the
    /// number of articles naming them.
    pub unlisted_services: Vec<Support>,
    /// Symptom ids with their support.
    pub symptoms: Vec<Support>,
    /// Cause ids with their support.
    pub causes: Vec<Support>,
    /// Mitigation ids with their support.
    pub mitigations: Vec<Support>,
    /// Region ids with their support.
    pub regions: Vec<Support>,
    /// The status of the latest article (by publication time) that states one.
    pub status: Option<String>,
    /// How the status moved: one entry per article that states one, by time.
    pub timeline: Vec<TimelineEntry>,
    /// The earliest article's time (ISO 8601).
    pub first_reported: String,
    /// The latest article's time (ISO 8601).
    pub last_reported: String,
    /// The outage's day as its articles state it, else the first report's (ISO date).
    pub outage_date: String,
    /// The longest duration any article states, in minutes.
    pub duration_minutes: Option<u32>,
    /// Language codes of its articles, sorted.
    pub languages: Vec<String>,
    /// Its articles, in the order they were added.
    pub articles: Vec<ArticleRef>,
    /// Earlier incidents its articles recall.
    pub recalls: Vec<Recall>,
}

/// An id with the number of articles that state it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Support {
    /// The canonical id (or, for unlisted services, the name).
    pub id: String,
    /// How many articles state it.
    pub articles: usize,
}

/// A status an article states, at its time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The article's time (ISO 8601).
    pub time: String,
    /// The status it states.
    pub status: String,
    /// The article's id.
    pub article: String,
}

/// One article of an incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRef {
    /// Its id ([`DocumentFacts::id`], or its URL, or a running number).
    pub id: String,
    /// Its URL, when known.
    pub url: Option<String>,
    /// Its language code.
    pub language: Option<String>,
    /// Its publication time as given (ISO 8601).
    pub published: Option<String>,
    /// Its outage score.
    pub outage_score: f64,
}

/// An earlier incident an article recalls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recall {
    /// The recalled incident's services (canonical ids and unlisted names).
    pub services: Vec<String>,
    /// The earlier incident of the tracker it is linked to, if seen.
    pub incident: Option<String>,
    /// The article that recalls it.
    pub article: String,
}

/// The state of one incident while open.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cluster {
    id: String,
    providers: BTreeSet<String>,
    /// Service ids and unlisted name keys, as matched.
    keys: BTreeSet<String>,
    services: BTreeMap<String, usize>,
    unlisted: BTreeMap<String, (String, usize)>,
    symptoms: BTreeMap<String, usize>,
    causes: BTreeMap<String, usize>,
    mitigations: BTreeMap<String, usize>,
    regions: BTreeMap<String, usize>,
    /// (time, status, article)
    timeline: Vec<(f64, String, String)>,
    /// The outage's time: the earliest of its articles' outage times.
    outage: f64,
    first: f64,
    last: f64,
    duration: Option<u32>,
    languages: BTreeSet<String>,
    articles: Vec<ArticleRef>,
    recalls: Vec<Recall>,
}

/// What an article brings to the matching.
struct Keys {
    providers: BTreeSet<String>,
    /// Service ids and unlisted name keys.
    services: BTreeSet<String>,
}

impl Incidents {
    /// A tracker with the default window (3 days) and horizon (14 days).
    pub fn new() -> Self {
        Incidents {
            window_days: DEFAULT_WINDOW_DAYS,
            horizon_days: DEFAULT_HORIZON_DAYS,
            newest: None,
            open: Vec::new(),
            closed: Vec::new(),
            history: BTreeMap::new(),
        }
    }

    /// How far (days) an article's outage time may lie from an incident's
    /// for it to join.
    pub fn window_days(mut self, days: f64) -> Self {
        self.window_days = days.max(0.0);
        self
    }

    /// How long (days) an incident stays open after its newest article,
    /// behind the newest time seen; articles may arrive out of order within it.
    pub fn horizon_days(mut self, days: f64) -> Self {
        self.horizon_days = days.max(self.window_days);
        self
    }

    /// Add one article's facts. `published` (ISO 8601 date or date-time)
    /// overrides `facts.meta.published`; an article with neither is placed
    /// at the newest time seen. Returns the id of the incident it joined or
    /// opened, or `None` for an article that is no outage report (or names
    /// no service at all).
    pub fn add(&mut self, facts: &DocumentFacts, published: Option<&str>) -> Option<String> {
        let published = published.map(str::to_string).or_else(|| facts.meta.published.clone());
        let published_t = published.as_deref().and_then(parse_time);
        let incident = facts.incident.as_ref().filter(|_| facts.is_outage)?;
        let keys = keys(incident);
        if keys.providers.is_empty() {
            return None;
        }
        // the day the text states for the outage counts over the publication time
        let stated = incident.date.as_deref().and_then(parse_time);
        let Some(time) = stated.or(published_t).or(self.newest) else {
            return self.open_new(facts, incident, keys, 0.0, 0.0, published);
        };
        let reported = published_t.unwrap_or(time);
        self.newest = Some(self.newest.map_or(time, |n| n.max(time)));
        // a shared provider and overlapping services within the window; or,
        // within a day and a half, the provider alone (one outage's reports
        // of the same day name its services differently: "Outlook and
        // Teams", "Microsoft 365", "Azure"); overlapping services first, then
        // the nearest in time
        let best = self
            .open
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let dt = (c.outage - time).abs();
                let shared = !c.providers.is_disjoint(&keys.providers);
                let overlap = joins(c, &keys);
                (shared && (overlap && dt <= self.window_days || dt <= SAME_DAYS)).then_some((i, !overlap, dt))
            })
            .min_by(|a, b| a.1.cmp(&b.1).then(a.2.total_cmp(&b.2)))
            .map(|(i, _, _)| i);
        let id = match best {
            Some(i) => {
                let recalls = self.recalls(facts, time, Some(i));
                let c = &mut self.open[i];
                c.merge(facts, incident, &keys, time, reported, published);
                c.recalls.extend(recalls);
                c.id.clone()
            }
            None => self.open_new(facts, incident, keys, time, reported, published)?,
        };
        self.close_old();
        Some(id)
    }

    fn open_new(
        &mut self,
        facts: &DocumentFacts,
        incident: &Incident,
        keys: Keys,
        time: f64,
        reported: f64,
        published: Option<String>,
    ) -> Option<String> {
        let provider = keys.providers.iter().next()?.clone();
        let article = article_id(facts, self.open.len() + self.closed.len());
        let id = format!("{}-{}-{:06x}", slug(&provider), format_date(time), fnv(&article) & 0xff_ffff);
        let recalls = self.recalls(facts, time, None);
        let mut c = Cluster {
            id: id.clone(),
            providers: BTreeSet::new(),
            keys: BTreeSet::new(),
            services: BTreeMap::new(),
            unlisted: BTreeMap::new(),
            symptoms: BTreeMap::new(),
            causes: BTreeMap::new(),
            mitigations: BTreeMap::new(),
            regions: BTreeMap::new(),
            timeline: Vec::new(),
            outage: time,
            first: reported,
            last: reported,
            duration: None,
            languages: BTreeSet::new(),
            articles: Vec::new(),
            recalls,
        };
        c.merge(facts, incident, &keys, time, reported, published);
        self.open.push(c);
        Some(id)
    }

    /// The earlier incidents an article recalls, linked to the latest
    /// incident of the same provider before its outage time (not the open
    /// incident `joining`, which the article joins).
    fn recalls(&self, facts: &DocumentFacts, time: f64, joining: Option<usize>) -> Vec<Recall> {
        let article = article_id(facts, 0);
        facts
            .related_incidents
            .iter()
            .filter_map(|r| {
                let keys = keys(r);
                let services: Vec<String> = keys.services.iter().cloned().collect();
                if services.is_empty() && keys.providers.is_empty() {
                    return None;
                }
                let open = self
                    .open
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != joining)
                    .map(|(_, c)| (&c.providers, &c.id, c.outage));
                let earlier = open
                    .filter(|(p, _, t)| *t < time - 1.0 && !p.is_disjoint(&keys.providers))
                    .map(|(_, id, t)| (id, t))
                    .chain(
                        keys.providers
                            .iter()
                            .filter_map(|p| self.history.get(p))
                            .flatten()
                            .filter(|(_, t)| *t < time - 1.0)
                            .map(|(id, t)| (id, *t)),
                    )
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(id, _)| id.clone());
                Some(Recall { services, incident: earlier, article: article.clone() })
            })
            .collect()
    }

    /// Close the incidents whose newest article is older than the horizon.
    fn close_old(&mut self) {
        let Some(newest) = self.newest else { return };
        let horizon = self.horizon_days;
        let mut i = 0;
        while i < self.open.len() {
            if newest - self.open[i].last.max(self.open[i].outage) > horizon {
                let c = self.open.swap_remove(i);
                for p in &c.providers {
                    self.history.entry(p.clone()).or_default().push_back((c.id.clone(), c.outage));
                }
                self.closed.push(c.build());
            } else {
                i += 1;
            }
        }
        self.history.retain(|_, v| {
            while v.front().is_some_and(|(_, t)| newest - t > RECALL_MEMORY_DAYS) {
                v.pop_front();
            }
            !v.is_empty()
        });
    }

    /// The incidents closed since the last call (their newest article fell
    /// behind the horizon), ordered by first report.
    pub fn take_closed(&mut self) -> Vec<MergedIncident> {
        let mut out = std::mem::take(&mut self.closed);
        out.sort_by(|a, b| a.first_reported.cmp(&b.first_reported).then_with(|| a.id.cmp(&b.id)));
        out
    }

    /// The incidents open now, ordered by first report.
    pub fn snapshot(&self) -> Vec<MergedIncident> {
        let mut out: Vec<MergedIncident> = self.open.iter().map(Cluster::build).collect();
        out.sort_by(|a, b| a.first_reported.cmp(&b.first_reported).then_with(|| a.id.cmp(&b.id)));
        out
    }

    /// Every incident, open and closed (taking the closed ones), ordered
    /// by first report.
    pub fn finish(mut self) -> Vec<MergedIncident> {
        let mut out = self.take_closed();
        out.extend(self.snapshot());
        out.sort_by(|a, b| a.first_reported.cmp(&b.first_reported).then_with(|| a.id.cmp(&b.id)));
        out
    }

    /// Cluster a batch of facts (each with its `meta.published`) with the
    /// default window, whatever their order (see [`add_all`](Self::add_all)).
    pub fn cluster(facts: &[DocumentFacts]) -> Vec<MergedIncident> {
        let mut t = Incidents::new().horizon_days(f64::MAX);
        t.add_all(facts);
        t.finish()
    }

    /// Add a batch of facts (each with its `meta.published`) in the order
    /// of their outage times (the day the text states, else the publication
    /// time), so the incidents do not depend on the order they came in.
    pub fn add_all(&mut self, facts: &[DocumentFacts]) {
        let time = |f: &DocumentFacts| {
            let stated = f.incident.as_ref().and_then(|i| i.date.as_deref()).and_then(parse_time);
            let published = f.meta.published.as_deref().and_then(parse_time);
            // a stated day orders by the day; the publication time within it
            match (stated, published) {
                (Some(d), Some(p)) if p.floor() == d => p,
                (Some(d), _) => d,
                (None, Some(p)) => p,
                (None, None) => f64::MAX,
            }
        };
        let mut order: Vec<(f64, usize)> = facts.iter().enumerate().map(|(i, f)| (time(f), i)).collect();
        order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (_, i) in order {
            self.add(&facts[i], None);
        }
    }
}

/// Whether an article with `keys` may join cluster `c`: a shared provider,
/// and overlapping services unless one side names only the provider.
fn joins(c: &Cluster, keys: &Keys) -> bool {
    !c.providers.is_disjoint(&keys.providers)
        && (keys.services.is_empty() || c.keys.is_empty() || !c.keys.is_disjoint(&keys.services))
}

/// The providers and services an incident names. A service's provider is
/// its id's first part; an unlisted service stands for its own provider.
fn keys(incident: &Incident) -> Keys {
    let mut providers: BTreeSet<String> = incident.providers.iter().cloned().collect();
    let mut services = BTreeSet::new();
    for s in &incident.services {
        if let Some((p, _)) = s.id.split_once('/') {
            providers.insert(p.to_string());
        }
        services.insert(s.id.clone());
    }
    for u in &incident.unlisted_services {
        let key = format!("unlisted:{}", name_key(&u.name));
        providers.insert(key.clone());
        services.insert(key);
    }
    Keys { providers, services }
}

impl Cluster {
    fn merge(
        &mut self,
        facts: &DocumentFacts,
        incident: &Incident,
        keys: &Keys,
        time: f64,
        reported: f64,
        published: Option<String>,
    ) {
        let article = article_id(facts, self.articles.len());
        self.providers.extend(keys.providers.iter().cloned());
        self.keys.extend(keys.services.iter().cloned());
        let count = |m: &mut BTreeMap<String, usize>, ids: &mut dyn Iterator<Item = &String>| {
            let ids: BTreeSet<&String> = ids.collect();
            for id in ids {
                *m.entry(id.clone()).or_default() += 1;
            }
        };
        count(&mut self.services, &mut incident.services.iter().map(|f| &f.id));
        count(&mut self.symptoms, &mut incident.symptoms.iter().map(|f| &f.id));
        count(&mut self.causes, &mut incident.causes.iter().map(|f| &f.id));
        count(&mut self.mitigations, &mut incident.mitigations.iter().map(|f| &f.id));
        count(&mut self.regions, &mut incident.regions.iter().map(|f| &f.id));
        let mut seen = BTreeSet::new();
        for u in &incident.unlisted_services {
            let key = name_key(&u.name);
            if seen.insert(key.clone()) {
                self.unlisted.entry(key).or_insert_with(|| (u.name.clone(), 0)).1 += 1;
            }
        }
        if let Some(s) = &incident.status {
            self.timeline.push((reported, s.id.clone(), article.clone()));
            self.timeline.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
        self.outage = self.outage.min(time);
        self.first = self.first.min(reported);
        self.last = self.last.max(reported);
        self.duration = self.duration.max(incident.duration_minutes);
        if let Some(l) = &facts.language.code {
            self.languages.insert(l.clone());
        }
        self.articles.push(ArticleRef {
            id: article,
            url: facts.meta.url.clone(),
            language: facts.language.code.clone(),
            published,
            outage_score: facts.outage_score,
        });
    }

    fn build(&self) -> MergedIncident {
        let support = |m: &BTreeMap<String, usize>| {
            let mut v: Vec<Support> = m.iter().map(|(id, n)| Support { id: id.clone(), articles: *n }).collect();
            v.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.id.cmp(&b.id)));
            v
        };
        let mut unlisted: Vec<Support> =
            self.unlisted.values().map(|(name, n)| Support { id: name.clone(), articles: *n }).collect();
        unlisted.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.id.cmp(&b.id)));
        MergedIncident {
            id: self.id.clone(),
            providers: self.providers.iter().filter(|p| !p.starts_with("unlisted:")).cloned().collect(),
            services: support(&self.services),
            unlisted_services: unlisted,
            symptoms: support(&self.symptoms),
            causes: support(&self.causes),
            mitigations: support(&self.mitigations),
            regions: support(&self.regions),
            status: self.timeline.last().map(|t| t.1.clone()),
            timeline: self
                .timeline
                .iter()
                .map(|(t, s, a)| TimelineEntry { time: format_time(*t), status: s.clone(), article: a.clone() })
                .collect(),
            first_reported: format_time(self.first),
            last_reported: format_time(self.last),
            outage_date: format_date(self.outage),
            duration_minutes: self.duration,
            languages: self.languages.iter().cloned().collect(),
            articles: self.articles.clone(),
            recalls: dedup_recalls(&self.recalls),
        }
    }
}

fn dedup_recalls(recalls: &[Recall]) -> Vec<Recall> {
    let mut out: Vec<Recall> = Vec::new();
    for r in recalls {
        if !out.iter().any(|o| o.services == r.services && o.incident == r.incident) {
            out.push(r.clone());
        }
    }
    out
}

fn article_id(facts: &DocumentFacts, n: usize) -> String {
    facts.id.clone().or_else(|| facts.meta.url.clone()).unwrap_or_else(|| format!("#{n}"))
}

/// A provider id as an id part: `unlisted:` names keep their letters.
fn slug(p: &str) -> String {
    p.strip_prefix("unlisted:").unwrap_or(p).chars().filter(|c| c.is_alphanumeric() || *c == '-').collect()
}

/// FNV-1a, for short stable hashes.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tracker_is_send_and_serialises() {
        fn send<T: Send + Sync>() {}
        send::<Incidents>();
        let t = Incidents::new();
        let json = serde_json::to_string(&t).unwrap();
        let back: Incidents = serde_json::from_str(&json).unwrap();
        assert!(back.snapshot().is_empty());
    }
}
