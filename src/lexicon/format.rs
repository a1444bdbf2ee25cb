//! The dictionary files: the embedded ones, their TOML format (described in
//! `data/lexicon/README.md`) and its validation, parsed into a
//! [`LexiconSource`].

use serde::Deserialize;

use super::{Cue, Entry, Kind, LexiconSource};
use crate::error::{Error, Result};
use crate::ids::{CAUSES, MACRO_REGIONS, MITIGATIONS, STATUSES, SYMPTOMS};
use crate::language::Lang;
use crate::normalize::normalize;

/// The dictionary files compiled into the crate.
const EMBEDDED: &[(&str, &str)] = &[
    ("data/lexicon/services-global.toml", include_str!("../../data/lexicon/services-global.toml")),
    ("data/lexicon/services-kr.toml", include_str!("../../data/lexicon/services-kr.toml")),
    ("data/lexicon/services-cn.toml", include_str!("../../data/lexicon/services-cn.toml")),
    ("data/lexicon/services-id.toml", include_str!("../../data/lexicon/services-id.toml")),
    ("data/lexicon/services-de.toml", include_str!("../../data/lexicon/services-de.toml")),
    ("data/lexicon/symptoms.toml", include_str!("../../data/lexicon/symptoms.toml")),
    ("data/lexicon/causes.toml", include_str!("../../data/lexicon/causes.toml")),
    ("data/lexicon/mitigations.toml", include_str!("../../data/lexicon/mitigations.toml")),
    ("data/lexicon/status.toml", include_str!("../../data/lexicon/status.toml")),
    ("data/lexicon/regions.toml", include_str!("../../data/lexicon/regions.toml")),
    ("data/lexicon/cues.toml", include_str!("../../data/lexicon/cues.toml")),
];

impl Cue {
    fn from_id(id: &str) -> Option<Cue> {
        Some(match id {
            "negation" => Cue::Negation,
            "not-yet" => Cue::NotYet,
            "earlier" => Cue::Earlier,
            "earlier-ref" => Cue::EarlierRef,
            "current" => Cue::Current,
            "hypothetical" => Cue::Hypothetical,
            "service-word" => Cue::ServiceWord,
            "launch" => Cue::Launch,
            "distractor" => Cue::Distractor,
            "channel" => Cue::Channel,

            "trouble" => Cue::Trouble,
            "not-cause" => Cue::NotCause,
            "partial" => Cue::Partial,
            "genre" => Cue::Genre,
            "generic" => Cue::Generic,
            "apology" => Cue::Apology,
            "ongoing" => Cue::Ongoing,
            _ => return None,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    provider: Vec<toml::Spanned<RawEntry>>,
    #[serde(default)]
    service: Vec<toml::Spanned<RawEntry>>,
    #[serde(default)]
    symptom: Vec<toml::Spanned<RawEntry>>,
    #[serde(default)]
    cause: Vec<toml::Spanned<RawEntry>>,
    #[serde(default)]
    mitigation: Vec<toml::Spanned<RawEntry>>,
    #[serde(default)]
    status: Vec<toml::Spanned<RawEntry>>,
    #[serde(default)]
    region: Vec<toml::Spanned<RawEntry>>,
    #[serde(default)]
    cue: Vec<toml::Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: String,
    #[serde(default)]
    names: Names,
    #[serde(default)]
    ambiguous: Vec<String>,
    /// A service users report outages on (a social network, an outage
    /// tracker): named beside an outage it is the channel, not a victim.
    #[serde(default)]
    channel: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Names {
    #[serde(default)]
    any: Vec<String>,
    #[serde(default)]
    ko: Vec<String>,
    #[serde(default)]
    zh: Vec<String>,
    #[serde(default)]
    id: Vec<String>,
    #[serde(default)]
    de: Vec<String>,
    #[serde(default)]
    en: Vec<String>,
}

impl Names {
    fn for_lang(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Ko => &self.ko,
            Lang::Zh => &self.zh,
            Lang::Id => &self.id,
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }

    fn all(&self) -> impl Iterator<Item = &String> {
        self.any.iter().chain(&self.ko).chain(&self.zh).chain(&self.id).chain(&self.de).chain(&self.en)
    }
}
/// 1-based line numbers of byte offsets, from one pass over the text.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Self {
        Lines(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i).collect())
    }

    fn of(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset) + 1
    }
}

impl LexiconSource {
    /// The embedded dictionary files (`data/lexicon/`), parsed.
    pub fn embedded() -> Result<Self> {
        let mut source = LexiconSource::default();
        for (name, text) in EMBEDDED {
            source.add_file(name, text)?;
        }
        Ok(source)
    }

    /// Parse one dictionary file; `file` names it in errors.
    pub fn add_file(&mut self, file: &str, text: &str) -> Result<()> {
        let parsed: File = toml::from_str(text).map_err(|e| Error::Lexicon {
            file: file.to_string(),
            line: e.span().map_or(0, |s| Lines::new(text).of(s.start)),
            message: e.message().trim().to_string(),
        })?;
        let groups = [
            (Kind::Provider, parsed.provider),
            (Kind::Service, parsed.service),
            (Kind::Symptom, parsed.symptom),
            (Kind::Cause, parsed.cause),
            (Kind::Mitigation, parsed.mitigation),
            (Kind::Status, parsed.status),
            (Kind::Region, parsed.region),
            (Kind::Cue(Cue::Negation), parsed.cue),
        ];
        let lines = Lines::new(text);
        for (kind, raws) in groups {
            for spanned in raws {
                let line = lines.of(spanned.span().start);
                let raw = spanned.into_inner();
                let err = |message: String| Error::Lexicon { file: file.to_string(), line, message };
                let kind = match kind {
                    Kind::Cue(_) => Kind::Cue(Cue::from_id(&raw.id).ok_or_else(|| {
                        err(format!(
                            "unknown cue id `{}` (expected negation, not-yet, earlier, earlier-ref, current, hypothetical, service-word, launch, distractor, channel, trouble, not-cause, partial, genre, generic, ongoing)
",
                            raw.id
                        ))
                    })?),
                    k => k,
                };
                validate_id(kind, &raw.id).map_err(err)?;
                for a in &raw.ambiguous {
                    if !raw.names.all().any(|n| n == a) {
                        return Err(err(format!("ambiguous name `{a}` of `{}` is not among its names", raw.id)));
                    }
                }
                for n in raw.names.all() {
                    if normalize(n).is_empty() {
                        return Err(err(format!("empty name in `{}`", raw.id)));
                    }
                }
                let entry = match self.index.get(&(kind, raw.id.clone())) {
                    Some(&e) => e,
                    None => {
                        let e = self.entries.len() as u32;
                        self.entries.push(Entry { kind, id: raw.id.clone(), provider: None, channel: false });
                        self.index.insert((kind, raw.id.clone()), e);
                        if kind == Kind::Service {
                            self.pending_providers.push(e);
                        }
                        e
                    }
                };
                if raw.channel {
                    if !matches!(kind, Kind::Service | Kind::Provider) {
                        return Err(err(format!("`channel` is for services and providers, not `{}`", raw.id)));
                    }
                    self.entries[entry as usize].channel = true;
                }
                let amb = |n: &String| raw.ambiguous.contains(n);
                for n in &raw.names.any {
                    self.names.push((entry, None, n.clone(), amb(n)));
                }
                for lang in Lang::ALL {
                    for n in raw.names.for_lang(lang) {
                        self.names.push((entry, Some(lang), n.clone(), amb(n)));
                    }
                }
            }
        }
        Ok(())
    }

    /// The names a segmenter must keep whole: every name tried in `lang`, and
    /// whether it is an unambiguous service or provider name (ambiguous ones
    /// like 라인 would split other words: 온|라인).
    pub fn names_for(&self, lang: Lang) -> impl Iterator<Item = (&str, bool)> {
        self.names.iter().filter(move |n| n.1.is_none_or(|l| l == lang)).map(|n| {
            let kind = self.entries[n.0 as usize].kind;
            (n.2.as_str(), matches!(kind, Kind::Service | Kind::Provider) && !n.3)
        })
    }
}

fn validate_id(kind: Kind, id: &str) -> std::result::Result<(), String> {
    let closed = |list: &[&str], what: &str| {
        if list.contains(&id) {
            Ok(())
        } else {
            Err(format!("unknown {what} id `{id}` (expected one of: {})", list.join(", ")))
        }
    };
    let slug = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    match kind {
        Kind::Symptom => closed(SYMPTOMS, "symptom"),
        Kind::Cause => closed(CAUSES, "cause"),
        Kind::Mitigation => closed(MITIGATIONS, "mitigation"),
        Kind::Status => closed(STATUSES, "status"),
        Kind::Region => {
            if MACRO_REGIONS.contains(&id) || (id.len() == 2 && id.bytes().all(|b| b.is_ascii_uppercase())) {
                Ok(())
            } else {
                Err(format!(
                    "region id `{id}` is neither an ISO 3166-1 alpha-2 code nor one of {}",
                    MACRO_REGIONS.join(", ")
                ))
            }
        }
        Kind::Service => match id.split_once('/') {
            Some((p, s)) if slug(p) && slug(s) => Ok(()),
            _ => Err(format!("service id `{id}` must be `provider/service` in lower case with hyphens")),
        },
        Kind::Provider => {
            if slug(id) {
                Ok(())
            } else {
                Err(format!("provider id `{id}` must be lower case with hyphens"))
            }
        }
        Kind::Cue(_) => Ok(()),
    }
}
