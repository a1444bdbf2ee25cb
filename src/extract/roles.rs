//! Sentence roles: which sentences are about the reported incident, which
//! about an earlier one (`earlier` cues, a past year, a day before the
//! reported outage's, and what follows them in the same paragraph), which
//! compare the two, which are hypothetical or announce a launch.

use std::ops::Range;

use super::numbers::Number;
use super::{Sentence, has_cue, is_disruption, when};
use crate::language::Lang;
use crate::lexicon::{Cue, Kind};

/// How a sentence relates to the reported incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
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

pub(super) struct SentenceCtx {
    pub role: Role,
    pub negation: bool,
    pub not_yet: bool,
}

pub(super) fn roles(
    lang: Lang,
    text: &str,
    sentences: &[Sentence],
    year: Option<u16>,
    published_day: Option<u8>,
    published_month: Option<u8>,
    published: Option<(u16, u8, u8)>,
) -> Vec<SentenceCtx> {
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
    // days of the month placed against the article's own day, where known
    let placed: Vec<Option<when::Day>> = days.iter().map(|d| d.map(|d| when::place(d, published_day))).collect();
    let reference = sentences.iter().zip(&placed).find_map(|(s, d)| d.filter(|_| s.hits.iter().any(is_disruption)));
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
        // (a sentence with "yesterday" and "today" compares two outages)
        let day_before = matches!((placed[i], reference), (Some(d), Some(r)) if when::before(d, r))
            || (current && matches!(days[i], Some(when::Day::Relative(d)) if d < 0))
            // "the day before yesterday" is no longer the news of the day,
            // unless the outage goes on since then
            || (matches!(days[i], Some(when::Day::Relative(d)) if d <= -2) && !current && !cue(Cue::Ongoing));
        // a month other than the article's ("the three April outages" in a
        // May article), unless a day of the last two is stated with it
        let recent = matches!(placed[i], Some(when::Day::Relative(d)) if d >= -2);
        let past_month = !recent
            && !current
            && published_month.is_some_and(|pm| when::month(lang, &text[s.range.clone()]).is_some_and(|m| m != pm));
        let earlier = earlier || past_year || day_before || past_month;
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
        // an outage dated after the article's own day is announced, not reported
        // (read only for a sentence that reaches that question)
        let planned = || {
            published.is_some_and(|p| {
                let t = &text[s.range.clone()];
                when::bracketed_date(lang, t).or_else(|| when::written_date(lang, t)).is_some_and(|d| d > p)
            })
        };
        let role = if earlier && current {
            Role::Comparison
        } else if earlier {
            groups += 1;
            Role::Earlier(groups - 1)
        } else if let Some(g) = prev_group.filter(|_| !current && (earlier_ref || same_paragraph)) {
            Role::Earlier(g)
        } else if cue(Cue::Launch) {
            Role::Launch
        } else if cue(Cue::Hypothetical) || planned() {
            Role::Hypothetical
        } else {
            Role::Current
        };
        out.push(SentenceCtx { role, negation: cue(Cue::Negation), not_yet: cue(Cue::NotYet) });
    }
    out
}

/// What a sentence names: the dictionary services and providers it names
/// (accepted hits) and the unlisted names found in it.
#[derive(Default)]
struct Named<'t> {
    entries: Vec<u32>,
    texts: Vec<&'t str>,
}

impl<'t> Named<'t> {
    fn add(&mut self, text: &'t str, s: &Sentence, accepted: &[bool], unlisted: &[super::unlisted::Span]) {
        for (h, ok) in s.hits.iter().zip(accepted) {
            if *ok && matches!(h.kind, Kind::Service | Kind::Provider) && !self.entries.contains(&h.entry) {
                self.entries.push(h.entry);
            }
        }
        for r in unlisted {
            let t = &text[r.clone()];
            if !self.texts.contains(&t) {
                self.texts.push(t);
            }
        }
    }

    /// Whether sentence `s` names one of these (an unlisted name by its
    /// words anywhere in the sentence: "工行" after "工行系统发生瘫痪").
    fn named_in(&self, text: &str, s: &Sentence) -> bool {
        s.hits.iter().any(|h| self.entries.contains(&h.entry))
            || self.texts.iter().any(|t| text[s.range.clone()].contains(t))
    }
}

/// A sentence after an earlier incident's that names that incident's
/// subject and not the reported incident's is about the earlier incident
/// too, whatever its tense ("工行这次系统故障 ... 已全部恢复正常" after the
/// paragraph on ICBC's outage two days before, in a report on another bank's):
/// its status, numbers and services stay out of the incident.
///
/// The reported incident's subject is what the sentences about it name
/// before the first earlier one; an earlier incident's is what its own
/// sentences name and the reported one's do not. Nothing moves where the
/// reported incident names nothing (the subject is not known) or where the
/// two share their subject (a recurrence).
pub(super) fn follow_earlier_subjects(
    text: &str,
    sentences: &[Sentence],
    ctx: &mut [SentenceCtx],
    accepted: &[&[bool]],
    unlisted: &[Vec<super::unlisted::Span>],
) {
    let Some(first) = ctx.iter().position(|c| matches!(c.role, Role::Earlier(_))) else { return };
    let mut main = Named::default();
    for i in 0..first {
        if ctx[i].role == Role::Current {
            main.add(text, &sentences[i], accepted[i], &unlisted[i]);
        }
    }
    if main.entries.is_empty() && main.texts.is_empty() {
        return;
    }
    let groups = ctx.iter().filter_map(|c| if let Role::Earlier(g) = c.role { Some(g + 1) } else { None }).max();
    let mut theirs: Vec<Named> = (0..groups.unwrap_or(0)).map(|_| Named::default()).collect();
    for (i, c) in ctx.iter().enumerate() {
        if let Role::Earlier(g) = c.role {
            theirs[g].add(text, &sentences[i], accepted[i], &unlisted[i]);
        }
    }
    // only what the reported incident does not name
    for t in &mut theirs {
        t.entries.retain(|e| !main.entries.contains(e));
        t.texts.retain(|n| !main.texts.iter().any(|m| m.contains(n) || n.contains(m)));
    }
    let mut latest: Option<usize> = None;
    for i in first..sentences.len() {
        match ctx[i].role {
            Role::Earlier(g) => latest = Some(latest.map_or(g, |l| l.max(g))),
            Role::Current if sentences[i].weight < super::TITLE_WEIGHT => {
                let s = &sentences[i];
                if main.named_in(text, s) {
                    continue;
                }
                // the latest earlier incident (so far) whose subject it names
                if let Some(g) =
                    (0..=latest.unwrap_or(0)).rev().find(|&g| latest.is_some() && theirs[g].named_in(text, s))
                {
                    ctx[i].role = Role::Earlier(g);
                }
            }
            _ => {}
        }
    }
}
