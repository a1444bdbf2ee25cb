//! Stage 5, extract and classify: read each sentence's dictionary hits and
//! numbers in context, and assemble the reported incident, the earlier
//! incidents the article recalls, and the outage score.
//!
//! The rules, one module each:
//! - [`roles`](mod@roles): which sentences are about an earlier incident
//!   (`earlier` cues, a past year, a day before the reported outage's, and
//!   what follows them in the same paragraph), which compare, which are
//!   hypothetical or announce a launch.
//! - [`when`]: the day a sentence states, and whether one is before another.
//! - [`negation`]: negation scope, clause by clause (the clauses:
//!   [`clauses`]).
//! - [`accept`](mod@accept): when an ambiguous name counts.
//! - [`score`](mod@score): the outage score (the article's subject, genre
//!   damping).
//! - [`duration`]: which stated length is the outage's.
//! - [`assemble`]: an incident's facts, built into an `Incident`; unlisted
//!   services grouped by name; an earlier incident that names no service
//!   recalls the reported one's.
//! - [`numbers`]: durations, clock times and zones, users and reports, per
//!   language.
//! - [`status`]: the latest stage of the lifecycle the text states, or implies.
//! - [`unlisted`]: services the dictionary does not list, found by their slot.
//!
//! This module reads the sentences through them in [`extract`](fn@extract),
//! and decides which facts of a sentence go to which incident.

mod accept;
mod assemble;
mod clauses;
mod duration;
mod negation;
pub(crate) mod numbers;
mod roles;
mod score;
pub(crate) mod status;
pub(crate) mod unlisted;
pub(crate) mod when;

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::ops::Range;

use crate::document::Cleaned;
use crate::facts::Incident;
use crate::language::Lang;

use crate::lexicon::{Cue, Hit, Kind, Lexicon};
use crate::normalize::name_key;
use accept::accept;
use assemble::{Assembler, recall_of_same};
use clauses::Clauses;
use duration::pick_duration;
use negation::{negations, per_sentence};
use numbers::Found;
use roles::{Role, roles};
use score::score;

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

/// The score from which an article reports an outage.
pub(crate) const OUTAGE_SCORE: f64 = 0.5;

/// What extraction produces, before serialisation.
pub(crate) struct Extracted {
    pub score: f64,
    /// The reported incident's facts; empty below [`OUTAGE_SCORE`].
    pub incident: Incident,
    pub related: Vec<Incident>,
}

/// Hashing for the small keys of extraction (entry ids, paragraph numbers,
/// the words of [`unlisted::Doc`]'s indexes): one multiply per key or per
/// eight bytes instead of SipHash, whose protection against chosen keys
/// these tables do not need.
#[derive(Default, Clone, Copy)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.write_u64(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(last));
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

/// Whether a sentence rules out, denies or only rumours its causes: a
/// `not-cause` cue, unless, in Chinese, what it denies is a symptom right
/// after it ("才会发生塞车，并非当机": the crowd is the cause, a crash is
/// denied; English "X had nothing to do with the outage" denies X).
fn ruled_out(lang: Lang, s: &Sentence) -> bool {
    s.hits.iter().filter(|c| c.kind == Kind::Cue(Cue::NotCause)).any(|c| {
        let next =
            s.hits.iter().filter(|h| h.start >= c.end && !matches!(h.kind, Kind::Cue(_))).min_by_key(|h| h.start);
        lang != Lang::Zh || !next.is_some_and(|n| n.kind == Kind::Symptom && n.start - c.end <= 6)
    })
}

fn is_disruption(h: &Hit) -> bool {
    h.kind == Kind::Symptom
}

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

/// Run extraction over analysed sentences.
pub(crate) fn extract(lex: &Lexicon, lang: Lang, cleaned: &Cleaned, input: &str, sentences: &[Sentence]) -> Extracted {
    let text = cleaned.text.as_str();
    let year = numbers::article_year(cleaned.meta.published.as_deref(), sentences.iter().flat_map(|s| s.numbers));
    let published_day = cleaned.meta.published.as_deref().and_then(when::published_day);
    let published_month = cleaned.meta.published.as_deref().and_then(when::published_month);
    let published = cleaned.meta.published.as_deref().and_then(when::published_date);
    let mut ctx = roles(lang, text, sentences, year, published_day, published_month, published);

    let mut accepted_flat = accept(lex, lang, text, sentences);
    let accepted = per_sentence(&accepted_flat, sentences);
    let neg = negations(text, sentences, &ctx);
    let neg = per_sentence(&neg, sentences);
    // names outside the dictionary in the slots of the outage words
    let doc = unlisted::Doc::new(text);
    let restored: Vec<u32> =
        ["recovering", "resolved"].iter().filter_map(|id| lex.find_entry(Kind::Status, id)).collect();
    let unlisted: Vec<Vec<unlisted::Span>> = sentences
        .iter()
        .zip(&ctx)
        .zip(accepted.iter().zip(&neg))
        .map(|((s, c), (acc, neg))| match c.role {
            Role::Current | Role::Earlier(_) => unlisted::names(lang, &doc, s, |i| acc[i] && !neg[i], &restored),
            _ => Vec::new(),
        })
        .collect();
    // a name found in one slot is a name wherever a disruption is reported
    // with it, as a dictionary name is
    let mut unlisted = unlisted;
    let found: Vec<&str> = {
        let mut f: Vec<&str> = unlisted.iter().flatten().map(|r| &text[r.clone()]).collect();
        // "Eventim-Seite" names Eventim
        let heads: Vec<&str> = f.iter().filter_map(|n| unlisted::compound_name(n)).collect();
        f.extend(heads);
        f.sort_unstable();
        f.dedup();
        f
    };
    let surge = lex.find_entry(Kind::Cause, "traffic-surge");
    if !found.is_empty() {
        for (i, ((s, c), (acc, neg))) in sentences.iter().zip(&ctx).zip(accepted.iter().zip(&neg)).enumerate() {
            if matches!(c.role, Role::Current | Role::Earlier(_)) {
                // a disruption, or the demand that overwhelmed it ("der
                // Andrang war so groß, dass Eventim ... in Warteschlangen
                // schicken musste")
                let more = unlisted::again(&doc, s, &found, &unlisted[i], |k| {
                    !neg[k] && (acc[k] || Some(s.hits[k].entry) == surge)
                });
                unlisted[i].extend(more);
            }
        }
    }
    // an unlisted name is a named service: the words that need one beside
    // them ("Andrang", "down", "Panne") count in its sentence
    let mut offset = 0;
    for (s, unl) in sentences.iter().zip(&unlisted) {
        if !unl.is_empty() {
            for (k, h) in s.hits.iter().enumerate() {
                if h.ambiguous && matches!(h.kind, Kind::Symptom | Kind::Cause | Kind::Mitigation | Kind::Status) {
                    accepted_flat[offset + k] = true;
                }
            }
        }
        offset += s.hits.len();
    }
    let accepted = per_sentence(&accepted_flat, sentences);
    roles::follow_earlier_subjects(text, sentences, &mut ctx, &accepted, &unlisted);
    let outage_score = score(
        sentences,
        &ctx,
        &accepted,
        &neg,
        &unlisted,
        surge,
        score::Guide {
            addresses_reader: score::addresses_reader(lang, text, sentences),
            numbered: score::numbered_sections(text),
        },
    );

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
            // advice is told as a condition ("if scanning fails, scan your ID
            // card instead"): its workaround still counts
            Role::Hypothetical => {
                let advised = lex.find_entry(Kind::Mitigation, "workaround-advised");
                for ((h, ok), negated) in s.hits.iter().zip(acc.iter()).zip(neg.iter()) {
                    if *ok && !negated && Some(h.entry) == advised {
                        main.add(h.entry, h.start..h.end);
                    }
                }
                continue;
            }
            // a comparison's clause about now ("目前...已逐步排除") states the
            // reported incident's status
            Role::Comparison => {
                let clauses = Clauses::new(text, &s.range);
                for ((h, ok), negated) in s.hits.iter().zip(acc.iter()).zip(neg.iter()) {
                    if *ok && !negated && h.kind == Kind::Status {
                        let clause = clauses.of(h.start);
                        let now = s.hits.iter().any(|x| x.kind == Kind::Cue(Cue::Current) && clause.contains(&x.start));
                        let then = s.hits.iter().any(|x| {
                            matches!(x.kind, Kind::Cue(Cue::Earlier | Cue::NotYet)) && clause.contains(&x.start)
                        });
                        if now && !then {
                            main.statuses.push((h.entry, h.start..h.end));
                        }
                    }
                }
                continue;
            }
            Role::Launch => continue,
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
            if kind == Kind::Cause && ruled_out(lang, s) {
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
                    // "als das System wieder lief, brauchte jede Seite Minuten":
                    // back, but still failing in the sentence's next clause
                    let still_failing = || {
                        // (a specific symptom: "after the outage lasted three
                        // hours" tells of the outage that ended)
                        s.hits.iter().zip(neg.iter()).any(|(x, n)| {
                            x.kind == Kind::Symptom
                                && !n
                                && x.start >= h.end
                                && !clause.contains(&x.start)
                                && !s.hits.iter().any(|g| {
                                    matches!(g.kind, Kind::Cue(Cue::Generic | Cue::Trouble))
                                        && g.start < x.end
                                        && x.start < g.end
                                })
                        })
                    };
                    let entry = if lex.entry(h.entry).id == "resolved" && (in_clause(Cue::Partial) || still_failing()) {
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
                Kind::Symptom => {
                    if s.hits.iter().any(|g| {
                        g.kind == Kind::Cue(Cue::Generic)
                            && ((h.start <= g.start && g.end <= h.end) || (g.start <= h.start && h.end <= g.end))
                    }) {
                        asm.generic.push(h.start..h.end);
                    }
                    asm.add(h.entry, h.start..h.end)
                }
                _ => asm.add(h.entry, h.start..h.end),
            }
        }
    }
    // the incident is reported only for an outage: below the threshold its
    // facts would be built to be dropped
    // the service and provider names the dictionary found anywhere in the
    // document (sorted): asked of unlisted names only, so read only when there are any
    let mut known: Vec<String> = if unlisted.iter().all(Vec::is_empty) {
        Vec::new()
    } else {
        sentences
            .iter()
            .flat_map(|s| s.hits.iter())
            .filter(|h| matches!(h.kind, Kind::Service | Kind::Provider))
            .map(|h| name_key(&text[h.start..h.end]))
            .collect()
    };
    known.sort_unstable();
    known.dedup();
    let incident = if outage_score >= OUTAGE_SCORE {
        let mut incident = main.finish(lex, cleaned, input, pick_duration(&main_sentences), &providers, &known);
        // the day the first sentence reporting the disruption states
        incident.date = main_sentences
            .iter()
            .filter(|s| s.hits.iter().any(is_disruption))
            .find_map(|s| when::stated_day(lang, &text[s.range.clone()], published))
            .map(|d| crate::dates::format_date(d as f64));
        incident
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
