//! The output contract: [`DocumentFacts`] and its parts, serialised with serde
//! exactly as `FACTS.md` specifies.

use serde::{Deserialize, Serialize};

/// Everything the classifier found in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentFacts {
    /// The id given with the input (file name, JSONL id), if any.
    pub id: Option<String>,
    /// The detected language.
    pub language: DetectedLanguage,
    /// Whether the document reports a service outage (`outage_score >= 0.5`).
    pub is_outage: bool,
    /// Weighted evidence that this is an outage report, in `0..=1`.
    pub outage_score: f64,
    /// Metadata from front matter or the title line.
    pub meta: Meta,
    /// The outage the article reports; `None` unless `is_outage`.
    pub incident: Option<Incident>,
    /// Earlier outages the article only refers back to.
    pub related_incidents: Vec<Incident>,
    /// Why the document could not be read (too large, ...); its other
    /// fields are then empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Language code (ISO 639-1) and the detector's confidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DetectedLanguage {
    /// `ko`, `zh`, `id`, `de`, `en`, or `None` when no supported language is found.
    pub code: Option<String>,
    /// Confidence in `0..=1`; 0 when `code` is `None`.
    pub confidence: f64,
    /// Whether facts were extracted for this language in this build (Korean and
    /// Chinese need the `korean` / `chinese` cargo features).
    #[serde(default = "yes")]
    pub supported: bool,
}

fn yes() -> bool {
    true
}

/// Document metadata.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Headline: front matter `title`, else the page's `og:title` or
    /// `<title>`, else the one given with the [`Article`](crate::Article),
    /// else the first line of the text.
    pub title: Option<String>,
    /// Publication date: front matter `date` as written, else the page's
    /// `article:published_time`, JSON-LD `datePublished` or first
    /// `<time datetime>` (ISO 8601), else the one given with the
    /// [`Article`](crate::Article), else an ISO date in the text's first lines.
    pub published: Option<String>,
    /// Publisher: front matter `source`, else the page's `og:site_name`.
    pub source: Option<String>,
    /// Original address: front matter `url`, else the page's `og:url` or
    /// canonical link, else the one given with the [`Article`](crate::Article).
    pub url: Option<String>,
    /// Text encoding the input was decoded from (`utf-8` for `&str` input).
    pub encoding: Option<String>,
}

/// One outage: the reported one, or an earlier one the article recalls.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// Provider ids (`microsoft`), from the services and from providers named alone.
    pub providers: Vec<String>,
    /// Affected services (`microsoft/outlook`).
    pub services: Vec<Fact>,
    /// Affected services the dictionary does not list, by the name the text
    /// gives them where it says they are down, slow or unreachable
    /// ("Ticketmaster is down", "OO 접속 지연", "XX崩了", "ZZ-Störung").
    #[serde(default)]
    pub unlisted_services: Vec<UnlistedService>,
    /// What users saw (`access-failure`).
    pub symptoms: Vec<Fact>,
    /// Why it happened (`config-change`).
    pub causes: Vec<Fact>,
    /// What was done (`rollback`).
    pub mitigations: Vec<Fact>,
    /// The latest status the article states.
    pub status: Option<Fact>,
    /// Countries (ISO 3166-1 alpha-2) and macro regions (`asia-pacific`).
    pub regions: Vec<Fact>,
    /// How long the outage lasted, when the article says.
    pub duration_minutes: Option<u32>,
    /// The day the article states for the outage, as an ISO 8601 date: a
    /// written date ("21 Januari 2026"), or a day placed against the
    /// article's own date (`meta.published`): "yesterday", "am Dienstag",
    /// "11月25日", "지난 11일". `None` when it states none, or states a
    /// relative day and the article's date is unknown.
    #[serde(default)]
    pub date: Option<String>,
    /// Clock times the article gives, with their zone.
    pub times: Vec<TimeMention>,
    /// Stated magnitude.
    pub scale: Scale,
}

/// A service outside the dictionary: its name as written, and its mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnlistedService {
    /// The name as the text writes it (its first mention).
    pub name: String,
    /// Where in the input it was found.
    pub mentions: Vec<Mention>,
}

/// A canonical id and the words it was found in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    /// Canonical id (FACTS.md).
    pub id: String,
    /// Where in the input it was found.
    pub mentions: Vec<Mention>,
}

/// A span of the ORIGINAL input: `text == &input[start..end]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Byte offset of the first byte (inclusive).
    pub start: usize,
    /// Byte offset after the last byte (exclusive).
    pub end: usize,
    /// The input text at `start..end`.
    pub text: String,
}

/// A clock time and its zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeMention {
    /// The words as written.
    pub text: String,
    /// 24-hour local time `HH:MM`.
    pub local: String,
    /// `+09:00`-style offset of the stated zone, when one is stated.
    pub utc_offset: Option<String>,
    /// Byte offset of `text` in the input.
    pub start: usize,
    /// Byte offset after `text` in the input.
    pub end: usize,
}

/// Lower bounds of the stated magnitude.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    /// Affected users ("millions of users" -> 1000000).
    pub users: Option<u64>,
    /// Outage reports ("数千份报告" -> 1000).
    pub reports: Option<u64>,
}

impl Incident {
    /// Whether a service id is among this incident's services.
    pub fn has_service(&self, id: &str) -> bool {
        self.services.iter().any(|f| f.id == id)
    }
}

impl DocumentFacts {
    /// Every mention in the document, in the incident and the related ones.
    pub fn mentions(&self) -> impl Iterator<Item = &Mention> {
        self.incident.iter().chain(self.related_incidents.iter()).flat_map(|inc| {
            inc.unlisted_services.iter().flat_map(|u| u.mentions.iter()).chain(
                inc.services
                    .iter()
                    .chain(&inc.symptoms)
                    .chain(&inc.causes)
                    .chain(&inc.mitigations)
                    .chain(inc.status.iter())
                    .chain(&inc.regions)
                    .flat_map(|f| f.mentions.iter()),
            )
        })
    }
}
