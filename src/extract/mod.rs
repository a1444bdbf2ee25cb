//! Stage 5, extract and classify: read each sentence's dictionary hits and
//! numbers in context, and assemble the reported incident, the earlier
//! incidents the article recalls, and the outage score.
//!
//! The rules, one place each:
//! - [`SentenceCtx`]: which sentences are about an earlier incident
//!   (`earlier` cues, and what follows them in the same paragraph), which
//!   compare, which are hypothetical.
//! - [`negations`]: negation scope, clause by clause.
//! - [`accept`]: when an ambiguous name counts.
//! - [`score`]: the outage score.
//! - [`pick_duration`]: which stated length is the outage's.

pub(crate) mod numbers;
pub(crate) mod status;
pub(crate) mod unlisted;
pub(crate) mod when;

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::ops::Range;

use crate::document::Cleaned;
use crate::facts::{Fact, Incident, Mention, Scale, TimeMention, UnlistedService};
use crate::language::Lang;

use crate::lexicon::{Cue, Hit, Kind, Lexicon};
use numbers::{Found, Number};

/// Mentions kept per fact, clock times and earlier incidents per document:
/// a 20 MB page must not make a 20 MB answer.
const MAX_MENTIONS: usize = 64;
const MAX_TIMES: usize = 32;
const MAX_RELATED: usize = 32;

/// Weight of a headline sentence.
pub(crate) const TITLE_WEIGHT: f64 = 3.0;
/// Weight of the lead: the first [`LEAD_SENTENCES`] sentences after the headline.
pub(crate) const LEAD_WEIGHT: f64 = 1.5;
/// How many sentences make the lead.
pub(crate) const LEAD_SENTENCES: usize = 3;

/// `OUTAGE_NEWS_DEBUG=1` prints the evidence behind each score to stderr.
static DEBUG: std::sync::LazyLock<bool> = std::sync::LazyLock::new(|| std::env::var_os("OUTAGE_NEWS_DEBUG").is_some());

/// One analysed sentence: a view into an [`Analysed`] document.
pub(crate) struct Sentence<'a> {
    pub range: Range<usize>,
    /// The paragraph (line) it belongs to.
    pub paragraph: usize,
    pub hits: &'a [Hit],
    pub numbers: &'a [Found],
    /// Title 3, lead 1.5, body 1.
    pub weight: f64,
}

/// The analysed sentences of a document, their hits and numbers each in one
/// list for the whole document (two allocations, not two per sentence).
#[derive(Default)]
pub(crate) struct Analysed {
    outlines: Vec<Outline>,
    /// Every sentence's hits, in sentence order.
    pub hits: Vec<Hit>,
    /// Every sentence's numbers, in sentence order.
    pub numbers: Vec<Found>,
}

/// A sentence of [`Analysed`], its hits and numbers as index ranges.
struct Outline {
    range: Range<usize>,
    paragraph: usize,
    hits: Range<usize>,
    numbers: Range<usize>,
    weight: f64,
}

impl Analysed {
    /// An empty analysis with room for `sentences` sentences and `hits` hits.
    pub fn with_capacity(sentences: usize, hits: usize) -> Self {
        Analysed { outlines: Vec::with_capacity(sentences), hits: Vec::with_capacity(hits), numbers: Vec::new() }
    }

    /// Close a sentence: the hits pushed since the previous sentence (from
    /// `hits_from` on) and `numbers` of the numbers list are its own.
    pub fn push(
        &mut self,
        range: Range<usize>,
        paragraph: usize,
        hits_from: usize,
        numbers: Range<usize>,
        weight: f64,
    ) {
        self.outlines.push(Outline { range, paragraph, hits: hits_from..self.hits.len(), numbers, weight });
    }

    /// The sentences, as views into the two lists.
    pub fn sentences(&self) -> Vec<Sentence<'_>> {
        self.outlines
            .iter()
            .map(|o| Sentence {
                range: o.range.clone(),
                paragraph: o.paragraph,
                hits: &self.hits[o.hits.clone()],
                numbers: &self.numbers[o.numbers.clone()],
                weight: o.weight,
            })
            .collect()
    }
}

/// How a sentence relates to the reported incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// About the reported incident.
    Current,
    /// About the earlier incident with this index.
    Earlier(usize),
    /// Compares the current with an earlier incident: no facts taken.
    Comparison,
    /// Conditional, planned or possible: no facts taken.
    Hypothetical,
    /// A product launch or release: no facts taken.
    Launch,
}

struct SentenceCtx {
    role: Role,
    negation: bool,
    not_yet: bool,
}

/// The score from which an article reports an outage.
pub(crate) const OUTAGE_SCORE: f64 = 0.5;

/// What extraction produces, before serialisation.
pub(crate) struct Extracted {
    pub score: f64,
    /// The reported incident's facts; empty below [`OUTAGE_SCORE`].
    pub incident: Incident,
    pub related: Vec<Incident>,
}

/// Hashing for the small integer keys of extraction (entry ids, paragraph
/// numbers): one multiply instead of SipHash, whose protection against
/// chosen keys these tables do not need.
#[derive(Default, Clone, Copy)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(n.into());
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;
type IdSet<K> = HashSet<K, BuildHasherDefault<IdHasher>>;

fn has_cue(hits: &[Hit], cue: Cue) -> bool {
    hits.iter().any(|h| h.kind == Kind::Cue(cue))
}

fn is_disruption(h: &Hit) -> bool {
    h.kind == Kind::Symptom
}

fn roles(lang: Lang, text: &str, sentences: &[Sentence], year: Option<u16>) -> Vec<SentenceCtx> {
    let mut out: Vec<SentenceCtx> = Vec::with_capacity(sentences.len());
    let mut groups = 0usize;
    // the days that sentences reporting trouble state, and the reported
    // outage's: the first one stated with a disruption
    let days: Vec<Option<when::Day>> = sentences
        .iter()
        .map(|s| {
            let trouble = s.hits.iter().any(|h| matches!(h.kind, Kind::Symptom | Kind::Cue(Cue::Trouble)));
            if trouble { when::day(lang, &text[s.range.clone()]) } else { None }
        })
        .collect();
    let reference = sentences.iter().zip(&days).find_map(|(s, d)| d.filter(|_| s.hits.iter().any(is_disruption)));
    for (i, s) in sentences.iter().enumerate() {
        let cue = |c| has_cue(s.hits, c);
        let (earlier, earlier_ref, current) = (cue(Cue::Earlier), cue(Cue::EarlierRef), cue(Cue::Current));
        // a sentence dated only in years before the article's own ("July 2024" in a 2025 article)
        // (not a version inside a name: "Exchange Server 2019")
        let in_name = |r: &Range<usize>| {
            s.hits
                .iter()
                .any(|h| matches!(h.kind, Kind::Service | Kind::Provider) && h.start <= r.start && r.end <= h.end)
        };
        let mut years = s.numbers.iter().filter_map(|f| match f.number {
            Number::Year(y) if !in_name(&f.span) => Some(y),
            _ => None,
        });
        let past_year =
            !cue(Cue::Hypothetical) && year.is_some_and(|now| years.clone().next().is_some() && years.all(|y| y < now));

        // "支付宝昨天才挂掉" in a report of today's outage: an earlier one
        let day_before = matches!((days[i], reference), (Some(d), Some(r)) if when::before(d, r));
        let earlier = earlier || past_year || day_before;
        let prev = i.checked_sub(1).map(|p| (&sentences[p], out[p].role));
        let prev_group = match prev {
            Some((_, Role::Earlier(g))) => Some(g),
            _ => None,
        };
        let same_paragraph = prev.is_some_and(|(p, _)| p.paragraph == s.paragraph);
        // "previously deployed change" or "raised prices in February" is not
        // an earlier incident: an earlier cue opens one only in a sentence
        // reporting trouble
        let outage_content = s.hits.iter().any(|h| matches!(h.kind, Kind::Symptom | Kind::Cue(Cue::Trouble)));

        let earlier = earlier && outage_content;
        let role = if earlier && current {
            Role::Comparison
        } else if earlier {
            groups += 1;
            Role::Earlier(groups - 1)
        } else if let Some(g) = prev_group.filter(|_| !current && (earlier_ref || same_paragraph)) {
            Role::Earlier(g)
        } else if cue(Cue::Launch) {
            Role::Launch
        } else if cue(Cue::Hypothetical) {
            Role::Hypothetical
        } else {
            Role::Current
        };
        out.push(SentenceCtx { role, negation: cue(Cue::Negation), not_yet: cue(Cue::NotYet) });
    }
    out
}

/// The clauses of a sentence: its stretches between `, ; :`, their CJK
/// forms and `—`.
struct Clauses {
    /// Where the sentence starts in the text, and its length.
    start: usize,
    len: usize,
    /// Where each separator starts and ends, relative to the sentence.
    seps: Vec<(usize, usize)>,
}

impl Clauses {
    fn new(text: &str, sentence: &Range<usize>) -> Clauses {
        let s = &text[sentence.clone()];
        let is_sep = |c: char| matches!(c, ',' | ';' | ':' | '，' | '；' | '：' | '—');
        let seps = s.char_indices().filter(|&(_, c)| is_sep(c)).map(|(i, c)| (i, i + c.len_utf8())).collect();
        Clauses { start: sentence.start, len: s.len(), seps }
    }

    /// The clause around text offset `at` (from the end of the separator
    /// before it to the start of the one after it), in text offsets.
    fn of(&self, at: usize) -> Range<usize> {
        let rel = at - self.start;
        let i = self.seps.partition_point(|&(p, _)| p < rel);
        let start = if i > 0 { self.seps[i - 1].1 } else { 0 };
        let end = self.seps.get(i).map_or(self.len, |&(p, _)| p);
        self.start + start..self.start + end
    }
}

/// For every hit, whether it is negated: its clause carries a negation cue,
/// or its sentence does and no clause of it reports a disruption un-negated.
/// Computed once per document, like [`accept`].
fn negations(text: &str, sentences: &[Sentence], ctx: &[SentenceCtx]) -> Vec<bool> {
    let mut flat = Vec::new();
    for (s, c) in sentences.iter().zip(ctx) {
        if !c.negation {
            flat.resize(flat.len() + s.hits.len(), false);
            continue;
        }
        let cues: Vec<&Hit> = s.hits.iter().filter(|x| x.kind == Kind::Cue(Cue::Negation)).collect();
        let clauses = Clauses::new(text, &s.range);
        let clause_negated = |at: usize| {
            let clause = clauses.of(at);
            cues.iter().any(|n| n.start >= clause.start && n.end <= clause.end)
        };
        let free_disruption = s.hits.iter().any(|x| is_disruption(x) && !clause_negated(x.start));
        flat.extend(s.hits.iter().map(|h| clause_negated(h.start) || !free_disruption));
    }
    flat
}

/// Flags kept one per hit of every sentence in one vector ([`accept`],
/// [`negations`]), seen sentence by sentence.
fn per_sentence<'a>(flat: &'a [bool], sentences: &[Sentence]) -> Vec<&'a [bool]> {
    let mut rest = flat;
    sentences
        .iter()
        .map(|s| {
            let (head, tail) = rest.split_at(s.hits.len());
            rest = tail;
            head
        })
        .collect()
}

/// Evidence needed for a score of `1 - 1/e` (0.63): one service-and-disruption
/// sentence in the lead, or two in the body; one in the body alone stays below 0.5.
const EVIDENCE_SCALE: f64 = 1.5;

/// The outage score from weighted sentence evidence: a service with a
/// disruption in the same sentence weighs 1, a provider named alone with a
/// disruption 0.6, a disruption alone 0.15, times the sentence weight (title
/// 3, lead 1.5, body 1); earlier, compared, hypothetical, launch and negated
/// statements weigh nothing. `1 - exp(-evidence / 1.5)`, capped below 0.5
/// when no sentence names a service or provider together with a disruption.
fn score(
    sentences: &[Sentence],
    ctx: &[SentenceCtx],
    accepted: &[&[bool]],
    neg: &[&[bool]],
    unlisted: &[Vec<unlisted::Span>],
) -> f64 {
    let mut evidence = 0.0;
    let mut anchored = false;
    // the article's subject: a service or provider its headline or lead
    // names, or a service outside the dictionary it names as disrupted
    let subject =
        sentences.iter().zip(ctx).zip(accepted.iter().zip(neg)).zip(unlisted).any(|(((s, c), (acc, neg)), unl)| {
            c.role == Role::Current
                && (!unl.is_empty()
                    || (s.weight > 1.0
                        && s.hits
                            .iter()
                            .zip(acc.iter())
                            .zip(neg.iter())
                            .any(|((h, ok), n)| *ok && !n && matches!(h.kind, Kind::Service | Kind::Provider))))
        });
    for ((((s, c), acc), neg), unl) in sentences.iter().zip(ctx).zip(accepted).zip(neg).zip(unlisted) {
        if c.role != Role::Current {
            continue;
        }
        let disruption = s.hits.iter().zip(neg.iter()).any(|(h, n)| is_disruption(h) && !n);
        if !disruption {
            continue;
        }
        let named_as =
            |kind: Kind| s.hits.iter().zip(acc.iter()).zip(neg.iter()).any(|((h, ok), n)| *ok && h.kind == kind && !n);
        let named = named_as(Kind::Service) || named_as(Kind::Provider);
        if named_as(Kind::Service) {
            anchored = true;
            evidence += s.weight;
        } else if !unl.is_empty() {
            // a name outside the dictionary, in the slot of the outage word
            anchored = true;
            evidence += UNLISTED_WEIGHT * s.weight;
        } else if named {
            anchored = true;
            evidence += 0.6 * s.weight;
        } else if subject {
            // "the site froze for hours": about the article's subject
            anchored = true;
            evidence += SUBJECT_WEIGHT * s.weight;
        } else {
            evidence += 0.15 * s.weight;
        }
    }
    // the words of a genre that is no outage report (a ruling, an explainer,
    // stock news) in the headline, or twice in the lead: background only
    let genre = |w: f64| {
        sentences
            .iter()
            .filter(|s| s.weight >= w)
            .map(|s| s.hits.iter().filter(|h| h.kind == Kind::Cue(Cue::Genre)).count())
            .sum::<usize>()
    };
    if genre(TITLE_WEIGHT) >= 1 || genre(LEAD_WEIGHT) >= 2 {
        evidence *= GENRE_DAMPING;
    }
    let p = 1.0 - (-evidence / EVIDENCE_SCALE).exp();
    let p = if anchored { p } else { p.min(0.45) };
    (p * 1000.0).round() / 1000.0
}

/// Evidence of a sentence reporting a disruption without naming what, in
/// an article whose headline or lead names a service (or which names an
/// unlisted one as disrupted).
const SUBJECT_WEIGHT: f64 = 0.35;

/// What is left of the evidence in an article of a genre that is no outage report.
const GENRE_DAMPING: f64 = 0.25;

/// Evidence of a sentence naming an unlisted service with a disruption,
/// against 1 for a listed service.
const UNLISTED_WEIGHT: f64 = 0.7;

/// Whether a sentence speaks of an outage: a symptom, cause, mitigation,
/// status or trouble word.
fn outage_content(s: &Sentence) -> bool {
    s.hits.iter().any(|h| {
        matches!(
            h.kind,
            Kind::Symptom | Kind::Cause | Kind::Mitigation | Kind::Status | Kind::Cue(Cue::Trouble | Cue::Negation)
        )
    })
}

/// Choose the outage's duration among the stated ones: the words around it
/// must say it lasted that long (or it stands in the title, or in a sentence
/// reporting a disruption), never "within" or "ago".
fn pick_duration(sentences: &[&Sentence]) -> Option<u32> {
    let mut best: Option<(f64, u32)> = None;
    for s in sentences {
        let disruption = s.hits.iter().any(is_disruption);
        for f in s.numbers {
            if let Number::Duration { minutes, hint } = f.number {
                if hint < 0 {
                    continue;
                }
                // the words around must say it lasted that long, or it is in the title
                let score = f64::from(hint) * 1.5
                    + if s.weight >= TITLE_WEIGHT { 2.0 } else { 0.0 }
                    + if disruption { 0.5 } else { 0.0 };
                if score >= 1.5 && best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, minutes));
                }
            }
        }
    }
    best.map(|(_, m)| m)
}

/// Collects facts for one incident.
#[derive(Default)]
struct Assembler {
    facts: IdMap<u32, Vec<Range<usize>>>,
    order: Vec<u32>,
    /// Every status word of the incident, in text order.
    statuses: Vec<(u32, Range<usize>)>,
    /// Names of unlisted services, in text offsets.
    unlisted: Vec<Range<usize>>,
    times: Vec<(Range<usize>, String, Option<&'static str>)>,
    scale: Scale,
}

impl Assembler {
    fn add(&mut self, entry: u32, span: Range<usize>) {
        let v = self.facts.entry(entry).or_insert_with(|| {
            self.order.push(entry);
            Vec::new()
        });
        if v.len() < MAX_MENTIONS && !v.contains(&span) {
            v.push(span);
        }
    }

    fn finish(
        self,
        lex: &Lexicon,
        cleaned: &Cleaned,
        input: &str,
        duration: Option<u32>,
        extra_providers: &[u32],
        known: &[String],
    ) -> Incident {
        let mention = |r: &Range<usize>| {
            cleaned.map.to_input(r.start, r.end).map(|o| Mention {
                start: o.start,
                end: o.end,
                text: input[o].to_string(),
            })
        };
        let fact = |entry: u32, spans: &[Range<usize>]| Fact {
            id: lex.entry(entry).id.clone(),
            mentions: spans.iter().filter_map(mention).collect(),
        };
        let mut inc = Incident { duration_minutes: duration, scale: self.scale, ..Incident::default() };
        for &e in &self.order {
            let spans = &self.facts[&e];
            let entry = lex.entry(e);
            let list = match entry.kind {
                Kind::Service => &mut inc.services,
                Kind::Symptom => &mut inc.symptoms,
                Kind::Cause => &mut inc.causes,
                Kind::Mitigation => &mut inc.mitigations,
                Kind::Region => &mut inc.regions,
                _ => continue,
            };
            list.push(fact(e, spans));
            if let Some(p) = entry.provider {
                let id = &lex.entry(p).id;
                if !inc.providers.contains(id) {
                    inc.providers.push(id.clone());
                }
            }
        }
        for &p in extra_providers {
            let id = &lex.entry(p).id;
            if !inc.providers.contains(id) {
                inc.providers.push(id.clone());
            }
        }
        let stated = self.statuses.last();
        inc.status = stated.map(|(e, r)| fact(*e, std::slice::from_ref(r)));
        let implied =
            status::implied(inc.status.as_ref().map(|f| f.id.as_str()), !inc.causes.is_empty(), duration.is_some());
        if let Some(id) = implied {
            // the words that imply it: the causes', or none for a length
            let mentions = if id == "identified" {
                inc.causes.iter().flat_map(|c| c.mentions.clone()).collect()
            } else {
                Vec::new()
            };
            inc.status = Some(Fact { id: id.to_string(), mentions });
        }
        inc.unlisted_services = unlisted_services(&self.unlisted, cleaned, input, known);
        for (r, local, utc_offset) in self.times {
            if let Some(o) = cleaned.map.to_input(r.start, r.end)
                && !inc.times.iter().any(|t| t.local == local && t.utc_offset.as_deref() == utc_offset)
            {
                inc.times.push(TimeMention {
                    text: input[o.clone()].to_string(),
                    local,
                    utc_offset: utc_offset.map(str::to_string),
                    start: o.start,
                    end: o.end,
                });
            }
        }
        inc
    }

    fn numbers(&mut self, s: &Sentence) {
        for f in s.numbers {
            match &f.number {
                Number::Time { local, utc_offset } if self.times.len() < MAX_TIMES => {
                    self.times.push((f.span.clone(), local.clone(), *utc_offset))
                }
                Number::Time { .. } => {}
                Number::Users(n) => self.scale.users = self.scale.users.max(Some(*n)),
                Number::Reports(n) => self.scale.reports = self.scale.reports.max(Some(*n)),
                Number::Duration { .. } | Number::Year(_) => {}
            }
        }
    }

    /// Whether anything was found for this incident.
    fn has_facts(&self) -> bool {
        !self.order.is_empty() || !self.statuses.is_empty() || !self.unlisted.is_empty()
    }
}

/// A name's key: lower case, letters and digits only.
fn name_key(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).filter(|c| c.is_alphanumeric()).collect()
}

/// An earlier incident that names no service of its own ("it is not the
/// first time: in 2022 too, bookings froze", "Schon im Juni war es zu
/// einem Ausfall gekommen") recalls the reported service's own earlier
/// outage: it takes the reported incident's services (and unlisted ones), or
/// when it names their provider, that provider's services. Their mentions
/// are the words that name them in the report.
fn recall_of_same(earlier: &mut Incident, current: &Incident) {
    if !earlier.services.is_empty() || !earlier.unlisted_services.is_empty() {
        return;
    }
    if earlier.providers.is_empty() {
        earlier.services = current.services.clone();
        earlier.unlisted_services = current.unlisted_services.clone();
        earlier.providers = current.providers.clone();
    } else {
        earlier.services = current
            .services
            .iter()
            .filter(|f| earlier.providers.iter().any(|p| f.id.split('/').next() == Some(p.as_str())))
            .cloned()
            .collect();
    }
}

/// Unlisted names grouped by what they say (case, width and marks aside;
/// one name inside another is the same service: "Bank Jambi" and
/// "e-banking Bank Jambi"), each under its first spelling.
/// `known`: the keys of the names the dictionary found in the document (a
/// name it knows elsewhere is no unlisted service).
fn unlisted_services(spans: &[Range<usize>], cleaned: &Cleaned, input: &str, known: &[String]) -> Vec<UnlistedService> {
    let mut out: Vec<(String, UnlistedService)> = Vec::new();
    for r in spans {
        let Some(o) = cleaned.map.to_input(r.start, r.end) else { continue };
        let text = &input[o.clone()];
        let k = name_key(&cleaned.text[r.clone()]);
        if k.is_empty() || known.contains(&k) {
            continue;
        }
        let mention = Mention { start: o.start, end: o.end, text: text.to_string() };
        match out.iter_mut().find(|(g, _)| g.contains(&k) || k.contains(g.as_str())) {
            Some((_, u)) => {
                if u.mentions.len() < MAX_MENTIONS && !u.mentions.contains(&mention) {
                    u.mentions.push(mention);
                }
            }
            None => {
                out.push((k, UnlistedService { name: cleaned.text[r.clone()].to_string(), mentions: vec![mention] }))
            }
        }
    }
    out.into_iter().map(|(_, u)| u).take(MAX_RELATED).collect()
}

/// Whether a service is named as the medium of a statement ("posted on X",
/// "X 계정을 통해", "在X平台发布"): a channel cue within a few bytes.
fn near_channel(s: &Sentence, h: &Hit) -> bool {
    s.hits.iter().any(|c| {
        c.kind == Kind::Cue(Cue::Channel)
            && ((c.start >= h.end && c.start - h.end <= 12)
                || (h.start >= c.end && h.start - c.end <= 12)
                || (c.start < h.end && h.start < c.end))
    })
}

/// Decide, for every hit, whether it counts (ambiguous names need context).
fn accept(lex: &Lexicon, lang: Lang, text: &str, sentences: &[Sentence]) -> Vec<bool> {
    // services and providers named unambiguously somewhere in the document
    let mut sure: IdSet<u32> = IdSet::default();
    for s in sentences {
        for h in s.hits {
            if !h.ambiguous && matches!(h.kind, Kind::Service | Kind::Provider) && !near_channel(s, h) {
                sure.insert(h.entry);
            }
        }
    }
    let sure_provider = |p: u32| sure.iter().any(|&e| e == p || lex.entry(e).provider == Some(p));
    let mut flat = Vec::new();
    for s in sentences {
        let clauses = std::cell::OnceCell::new();
        flat.extend(s.hits.iter().map(|h| {
            let entry = lex.entry(h.entry);
            // the medium of an announcement ("posted on X") is not affected
            if matches!(entry.kind, Kind::Service | Kind::Provider) && near_channel(s, h) {
                return false;
            }
            if !h.ambiguous {
                return true;
            }
            match entry.kind {
                Kind::Service => {
                    sure.contains(&h.entry)
                                || s.hits.iter().any(|o| {
                                    !o.ambiguous
                                        && (entry.provider == Some(o.entry)
                                            || (o.entry != h.entry
                                                && lex.entry(o.entry).provider == entry.provider
                                                && o.kind == Kind::Service))
                                })
                                // an outage word in the same clause ("Slack outage", "Zoom was down")
                                // where capitals set names apart: English and Indonesian, and Latin
                                // names in Korean and Chinese text; not German (every noun is
                                // capitalised) nor Hangul or Han names (no capitals)
                                || ((matches!(lang, Lang::En | Lang::Id)
                                    || (matches!(lang, Lang::Ko | Lang::Zh)
                                        && text[h.start..h.end].chars().any(|c| c.is_ascii_alphabetic())))

                                    && s.hits.iter().any(|o| {
                                        is_disruption(o)
                                            && {
                                                let c = clauses.get_or_init(|| Clauses::new(text, &s.range));
                                                c.of(o.start) == c.of(h.start)
                                            }
                                    }))
                                || (s.hits.iter().any(is_disruption)
                                    && s.hits.iter().any(|o| {
                                        o.kind == Kind::Cue(Cue::ServiceWord)
                                            && (o.start.abs_diff(h.end) <= 2 || h.start.abs_diff(o.end) <= 2)
                                    }))
                }
                Kind::Provider => sure_provider(h.entry),
                // generic words ("down", "Panne"): only next to a named service
                Kind::Symptom | Kind::Cause | Kind::Mitigation | Kind::Status => {
                    s.hits.iter().any(|o| !o.ambiguous && matches!(o.kind, Kind::Service | Kind::Provider))
                }
                _ => true,
            }
        }));
    }
    flat
}

/// Run extraction over analysed sentences.
pub(crate) fn extract(lex: &Lexicon, lang: Lang, cleaned: &Cleaned, input: &str, sentences: &[Sentence]) -> Extracted {
    let text = cleaned.text.as_str();
    let year = numbers::article_year(cleaned.meta.published.as_deref(), sentences.iter().flat_map(|s| s.numbers));
    let ctx = roles(lang, text, sentences, year);

    let accepted = accept(lex, lang, text, sentences);
    let accepted = per_sentence(&accepted, sentences);
    let neg = negations(text, sentences, &ctx);
    let neg = per_sentence(&neg, sentences);
    // names outside the dictionary in the slots of the outage words
    let unlisted: Vec<Vec<unlisted::Span>> = sentences
        .iter()
        .zip(&ctx)
        .zip(accepted.iter().zip(&neg))
        .map(|((s, c), (acc, neg))| match c.role {
            Role::Current | Role::Earlier(_) => unlisted::names(lang, text, s, |i| acc[i] && !neg[i]),
            _ => Vec::new(),
        })
        .collect();
    let outage_score = score(sentences, &ctx, &accepted, &neg, &unlisted);

    let groups =
        ctx.iter().filter_map(|c| if let Role::Earlier(g) = c.role { Some(g + 1) } else { None }).max().unwrap_or(0);
    let mut main = Assembler::default();
    let mut earlier: Vec<Assembler> = (0..groups).map(|_| Assembler::default()).collect();
    let mut main_sentences: Vec<&Sentence> = Vec::with_capacity(sentences.len());
    let mut earlier_sentences: Vec<Vec<&Sentence>> = vec![Vec::new(); groups];
    let mut providers: Vec<u32> = Vec::new();

    // the headline's services, and the services each paragraph names: the
    // incident's status is the headline service's (not a side note's)
    let mut headline: IdSet<u32> = IdSet::default();
    let mut by_paragraph: IdMap<usize, IdSet<u32>> = IdMap::default();
    for ((s, acc), neg) in sentences.iter().zip(&accepted).zip(&neg) {
        for ((h, ok), negated) in s.hits.iter().zip(acc.iter()).zip(neg.iter()) {
            if *ok && h.kind == Kind::Service && !negated {
                by_paragraph.entry(s.paragraph).or_default().insert(h.entry);
                if s.weight >= TITLE_WEIGHT {
                    headline.insert(h.entry);
                }
            }
        }
    }

    for ((((s, c), acc), neg), unl) in sentences.iter().zip(&ctx).zip(&accepted).zip(&neg).zip(&unlisted) {
        if *DEBUG {
            let hits: Vec<String> = s
                .hits
                .iter()
                .zip(acc.iter())
                .map(|(h, ok)| {
                    format!("{}{}={}", if *ok { "" } else { "!" }, lex.entry(h.entry).id, &text[h.start..h.end])
                })
                .collect();
            eprintln!(
                "[{:?} w={} neg={}] {}\n    {}",
                c.role,
                s.weight,
                c.negation,
                &text[s.range.clone()],
                hits.join(" | ") + &unl.iter().map(|r| format!(" | unlisted={}", &text[r.clone()])).collect::<String>()
            );
        }
        let asm = match c.role {
            Role::Current => {
                main_sentences.push(s);
                &mut main
            }
            Role::Earlier(g) => {
                earlier_sentences[g].push(s);
                &mut earlier[g]
            }
            Role::Comparison | Role::Hypothetical | Role::Launch => continue,
        };
        asm.numbers(s);
        asm.unlisted.extend(unl.iter().cloned());
        for ((h, ok), negated) in s.hits.iter().zip(acc.iter()).zip(neg.iter()) {
            if !ok {
                continue;
            }
            let kind = h.kind;
            if matches!(kind, Kind::Cue(_)) {
                continue;
            }
            // regions hold even in negated statements ("not affected in Europe" still names it)
            if kind != Kind::Region && *negated {
                continue;
            }
            // a cause ruled out, denied or only rumoured is not a cause
            if kind == Kind::Cause && has_cue(s.hits, Cue::NotCause) {
                continue;
            }

            match kind {
                Kind::Status => {
                    let paragraph = by_paragraph.get(&s.paragraph);
                    if !headline.is_empty() && paragraph.is_some_and(|p| !p.is_empty() && p.is_disjoint(&headline)) {
                        continue;
                    }
                    // "not yet resolved", "bevor ... behoben": not reached, in that clause
                    let clause = Clauses::new(text, &s.range).of(h.start);
                    let in_clause = |cue| s.hits.iter().any(|x| x.kind == Kind::Cue(cue) && clause.contains(&x.start));
                    if c.not_yet && in_clause(Cue::NotYet) {
                        continue;
                    }
                    // "most services are back": restoration under way, not done
                    let entry = if lex.entry(h.entry).id == "resolved" && in_clause(Cue::Partial) {
                        lex.find_entry(Kind::Status, "recovering").unwrap_or(h.entry)
                    } else {
                        h.entry
                    };
                    asm.statuses.push((entry, h.start..h.end));
                }

                Kind::Provider => {
                    if matches!(c.role, Role::Current) && !providers.contains(&h.entry) {
                        providers.push(h.entry);
                    }
                }
                // a service only named in passing ("services like Outlook are
                // prone to failure") is not affected: its sentence must speak
                // of the outage, unless it is the headline or the lead
                Kind::Service if s.weight <= 1.0 && !outage_content(s) => {}
                _ => asm.add(h.entry, h.start..h.end),
            }
        }
    }
    // the incident is reported only for an outage: below the threshold its
    // facts would be built to be dropped
    // the service and provider names the dictionary found anywhere in the document
    let mut known: Vec<String> = sentences
        .iter()
        .flat_map(|s| s.hits.iter())
        .filter(|h| matches!(h.kind, Kind::Service | Kind::Provider))
        .map(|h| name_key(&text[h.start..h.end]))
        .collect();
    known.sort_unstable();
    known.dedup();
    let incident = if outage_score >= OUTAGE_SCORE {
        main.finish(lex, cleaned, input, pick_duration(&main_sentences), &providers, &known)
    } else {
        Incident::default()
    };
    let related = earlier
        .into_iter()
        .zip(&earlier_sentences)
        .filter(|(a, _)| a.has_facts())
        .map(|(a, ss)| {
            let d = pick_duration(ss);
            let mut inc = a.finish(lex, cleaned, input, d, &[], &known);
            recall_of_same(&mut inc, &incident);
            inc
        })
        .filter(|inc| !inc.services.is_empty() || !inc.unlisted_services.is_empty())
        .take(MAX_RELATED)
        .collect();
    Extracted { score: outage_score, incident, related }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_split_at_separators() {
        let text = "Intro. Outlook is down, Teams works; 原因：不明 — later";
        let sentence = 7..text.len();
        let c = Clauses::new(text, &sentence);
        let clause = |word: &str| &text[c.of(text.find(word).expect("word"))];
        assert_eq!(clause("Outlook"), "Outlook is down");
        assert_eq!(clause("Teams"), " Teams works");
        assert_eq!(clause("不明"), "不明 ");
        assert_eq!(clause("later"), " later");
    }
}
