//! Incident assembly: the facts of one incident (the reported one or an
//! earlier one) gathered, then built into an [`Incident`]; unlisted services
//! grouped by name; an earlier incident that names no service recalls the
//! reported one's.

use std::ops::Range;

use super::duration::Duration;
use super::numbers::Number;
use super::{IdMap, MAX_MENTIONS, MAX_RELATED, MAX_TIMES, Sentence, status};
use crate::document::Cleaned;
use crate::facts::{Fact, Incident, Mention, Scale, TimeMention, UnlistedService};
use crate::lexicon::{Kind, Lexicon};
use crate::normalize::name_key;

/// Collects facts for one incident.
#[derive(Default)]
pub(super) struct Assembler {
    facts: IdMap<u32, Vec<Range<usize>>>,
    order: Vec<u32>,
    /// Every status word of the incident, in text order.
    pub statuses: Vec<(u32, Range<usize>)>,
    /// `service-down` mentions of words that say only that something failed.
    pub generic: Vec<Range<usize>>,
    /// Names of unlisted services, in text offsets.
    pub unlisted: Vec<Range<usize>>,
    times: Vec<(Range<usize>, String, Option<&'static str>)>,
    scale: Scale,
}

impl Assembler {
    pub(super) fn add(&mut self, entry: u32, span: Range<usize>) {
        let v = self.facts.entry(entry).or_insert_with(|| {
            self.order.push(entry);
            Vec::new()
        });
        if v.len() < MAX_MENTIONS && !v.contains(&span) {
            v.push(span);
        }
    }

    pub(super) fn finish(
        self,
        lex: &Lexicon,
        cleaned: &Cleaned,
        input: &str,
        duration: Option<Duration>,
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
        let mut inc =
            Incident { duration_minutes: duration.map(|d| d.minutes), scale: self.scale, ..Incident::default() };
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
        // a generic outage word ("Störung", "technical issue", "故障") is
        // `service-down` only where nothing more specific failed
        if inc.symptoms.iter().any(|f| f.id != "service-down")
            && let Some(down) = inc.symptoms.iter().position(|f| f.id == "service-down")
            && let Some(e) = lex.find_entry(Kind::Symptom, "service-down")
            && self.facts.get(&e).is_some_and(|spans| spans.iter().all(|r| self.generic.contains(r)))
        {
            inc.symptoms.remove(down);
        }
        // a DDoS attack is `ddos` only, not also `cyberattack` (LABELLING.md)
        if inc.causes.iter().any(|c| c.id == "ddos") {
            inc.causes.retain(|c| c.id != "cyberattack");
        }
        let ids: Vec<&str> = self.statuses.iter().map(|(e, _)| lex.entry(*e).id.as_str()).collect();
        let stated = status::latest(&ids).map(|i| &self.statuses[i]);
        inc.status = stated.map(|(e, r)| fact(*e, std::slice::from_ref(r)));
        let implied = status::implied(
            inc.status.as_ref().map(|f| f.id.as_str()),
            !inc.causes.is_empty(),
            duration.is_some_and(|d| !d.ongoing),
        );
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

    pub(super) fn numbers(&mut self, s: &Sentence) {
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
    pub(super) fn has_facts(&self) -> bool {
        !self.order.is_empty() || !self.statuses.is_empty() || !self.unlisted.is_empty()
    }
}

/// An earlier incident that names no service of its own ("it is not the
/// first time: in 2022 too, bookings froze", "Schon im Juni war es zu
/// einem Ausfall gekommen") recalls the reported service's own earlier
/// outage: it takes the reported incident's services (and unlisted ones), or
/// when it names their provider, that provider's services. Their mentions
/// are the words that name them in the report.
pub(super) fn recall_of_same(earlier: &mut Incident, current: &Incident) {
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
/// `known`: the keys of the names the dictionary found in the document, sorted (a
/// name it knows elsewhere is no unlisted service).
fn unlisted_services(spans: &[Range<usize>], cleaned: &Cleaned, input: &str, known: &[String]) -> Vec<UnlistedService> {
    let mut out: Vec<(String, UnlistedService)> = Vec::new();
    for r in spans {
        let Some(o) = cleaned.map.to_input(r.start, r.end) else { continue };
        let text = &input[o.clone()];
        let k = name_key(&cleaned.text[r.clone()]);
        if k.is_empty() || known.binary_search(&k).is_ok() {
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
