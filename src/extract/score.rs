//! The outage score: weighted evidence of sentences about the reported
//! incident that name a service with a disruption (or, in an article about
//! a service, report one without naming it), damped in articles of a genre
//! that is no outage report.

use super::roles::{Role, SentenceCtx};
use super::{LEAD_WEIGHT, Sentence, TITLE_WEIGHT, is_disruption, unlisted};
use crate::language::Lang;
use crate::lexicon::{Cue, Kind};

/// Evidence needed for a score of `1 - 1/e` (0.63): one service-and-disruption
/// sentence in the lead, or two in the body; one in the body alone stays below 0.5.
const EVIDENCE_SCALE: f64 = 1.5;

/// The outage score from weighted sentence evidence: a service with a
/// disruption in the same sentence weighs 1, an unlisted service
/// [`UNLISTED_WEIGHT`], a provider named alone 0.6, a disruption naming
/// nothing [`SUBJECT_WEIGHT`] in an article with a subject (a service in its
/// headline or lead, or an unlisted one named as disrupted) and 0.15
/// otherwise, times the sentence weight (title 3, lead 1.5, body 1);
/// earlier, compared, hypothetical, launch and negated statements weigh
/// nothing. The words of a genre that is no outage report in the headline
/// (or twice in the lead) leave [`GENRE_DAMPING`] of the evidence, and so
/// does each sign of a guide (`guide`; addressing the reader counts twice
/// in a text that also uses a genre's words).
/// `1 - exp(-evidence / 1.5)`, capped below 0.5 when nothing is named.
pub(super) fn score(
    sentences: &[Sentence],
    ctx: &[SentenceCtx],
    accepted: &[&[bool]],
    neg: &[&[bool]],
    unlisted: &[Vec<unlisted::Span>],
    surge: Option<u32>,
    guide: Guide,
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
        // a site or service overloaded by demand is disrupted ("the ticket
        // platform was overloaded", "server kewalahan")
        let overloaded = || {
            s.hits.iter().zip(neg.iter()).any(|(h, n)| Some(h.entry) == surge && h.kind == Kind::Cause && !n)
                && (!unl.is_empty()
                    || s.hits
                        .iter()
                        .zip(acc.iter())
                        .any(|(h, ok)| h.kind == Kind::Cue(Cue::ServiceWord) || (*ok && h.kind == Kind::Service)))
        };
        // a restoration not reached yet tells of a disruption going on
        // ("belum juga pulih", "noch nicht behoben", "尚未恢复")
        let restoring = || {
            s.hits.iter().any(|h| {
                h.kind == Kind::Status
                    && s.hits.iter().any(|c| {
                        c.kind == Kind::Cue(Cue::NotYet) && c.start < h.end && h.start <= c.end + 3 && c.end <= h.end
                    })
            })
        };
        // a provider apologising for trouble ("mohon maaf atas kendala",
        // "向大家致上歉意 ... 问题") speaks of an incident its users felt
        let apology = s.hits.iter().any(|h| h.kind == Kind::Cue(Cue::Apology))
            && s.hits.iter().zip(neg.iter()).any(|(h, n)| {
                !n && (h.kind == Kind::Symptom || matches!(h.kind, Kind::Cue(Cue::Trouble | Cue::Generic)))
            });
        let disruption = s.hits.iter().zip(neg.iter()).any(|(h, n)| is_disruption(h) && !n)
            || overloaded()
            || restoring()
            || apology;
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
        } else if apology || s.hits.iter().any(|h| h.kind == Kind::Cue(Cue::ServiceWord)) {
            // "the site was unreachable", "aplikasi error": an online service,
            // unnamed
            anchored = true;
            evidence += SERVICE_WORD_WEIGHT.max(if subject { SUBJECT_WEIGHT } else { 0.0 }) * s.weight;
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
    // a headline announcing a launch: the failures named are what it fixes
    let launch = sentences.iter().zip(ctx).any(|(s, c)| s.weight >= TITLE_WEIGHT && c.role == Role::Launch);
    // or the words of such a genre all through the text
    let genre_sentences = sentences.iter().filter(|s| s.hits.iter().any(|h| h.kind == Kind::Cue(Cue::Genre))).count();
    // each sign of the genre (the headline or lead, the whole text) damps again
    let headline_genre = genre(TITLE_WEIGHT) >= 1 || genre(LEAD_WEIGHT) >= 2 || launch;
    // a text addressing its reader that also uses a genre's words ("dieser
    // Ratgeber zeigt Ihnen") is a guide twice over
    let guide_signs =
        usize::from(guide.numbered) + if guide.addresses_reader { 1 + usize::from(genre_sentences >= 1) } else { 0 };
    let signs = usize::from(headline_genre) + usize::from(genre_sentences >= GENRE_SENTENCES) + guide_signs;
    evidence *= GENRE_DAMPING.powi(signs as i32);
    let p = 1.0 - (-evidence / EVIDENCE_SCALE).exp();
    let p = if anchored { p } else { p.min(0.45) };
    (p * 1000.0).round() / 1000.0
}

/// Evidence of a sentence reporting a disruption without naming what, in
/// an article whose headline or lead names a service (or which names an
/// unlisted one as disrupted).
const SUBJECT_WEIGHT: f64 = 0.35;

/// Evidence of a sentence reporting a disruption of a service it calls by a
/// common word ("the site", "die App", "sistem"), without a name.
const SERVICE_WORD_WEIGHT: f64 = 0.5;

/// Sentences with the words of a genre that is no outage report that make
/// the article one of that genre wherever they stand (outage reports on the
/// dev set, the seeds and `tests/gold` have at most two).
const GENRE_SENTENCES: usize = 3;

/// The layout and voice of a guide, a product page or a ruling: each is a
/// sign of a genre that is no outage report.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Guide {
    /// The text talks to its reader ([`addresses_reader`]).
    pub addresses_reader: bool,
    /// The text is laid out in numbered sections ([`numbered_sections`]).
    pub numbered: bool,
}

/// Whether the text talks to its reader as a guide or product page does
/// ("Bevor Sie verzweifeln, sollten Sie ...", "coba cek koneksi Anda",
/// "您可以", "여러분"): the formal "you" in [`READER_SENTENCES`] of its
/// sentences or more (at least four), not as a sentence's first word (German
/// "Sie" there is also "she" or "they"). News addresses its reader rarely;
/// English "you" is left out, it stands in every quote.
pub(super) fn addresses_reader(lang: Lang, text: &str, sentences: &[Sentence]) -> bool {
    let words: &[&str] = match lang {
        Lang::De => &["Sie", "Ihnen", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer", "Ihres"],
        Lang::Id => &["Anda"],
        Lang::Zh => &["您"],
        Lang::Ko => &["여러분"],
        Lang::En => return false,
    };
    if sentences.len() < 4 {
        return false;
    }
    let addressed = sentences
        .iter()
        .filter(|s| {
            let t = &text[s.range.clone()];
            words.iter().any(|w| {
                t.match_indices(w).any(|(i, _)| {
                    // not the sentence's first word
                    let first = !t[..i].chars().any(char::is_alphanumeric);
                    // in Latin script, a word of its own
                    let own = !lang.is_latin()
                        || (!t[..i].chars().next_back().is_some_and(char::is_alphanumeric)
                            && !t[i + w.len()..].chars().next().is_some_and(char::is_alphanumeric));
                    !first && own
                })
            })
        })
        .count();
    addressed >= 4 && addressed as f64 >= READER_SENTENCES * sentences.len() as f64
}

/// Whether the text is laid out in numbered sections ("一、常见原因",
/// "（二）处分依据": two such lines) or numbered list items ("1. ", "2、":
/// three) as explainers, guides and rulings are, and news reports are not.
pub(super) fn numbered_sections(text: &str) -> bool {
    const ORDINALS: &str = "一二三四五六七八九十";
    let (mut headings, mut items) = (0, 0);
    for l in text.lines() {
        let l = l.trim_start();
        let mut c = l.trim_start_matches(['(', '（']).chars();
        if c.next().is_some_and(|o| ORDINALS.contains(o)) && c.next().is_some_and(|m| matches!(m, '、' | ')' | '）'))
        {
            headings += 1;
        }
        // "1. ", "2、", "3) ": a numbered list item
        let digits = l.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=2).contains(&digits) {
            let rest = &l[digits..];
            if rest.starts_with(". ") || rest.starts_with(") ") || rest.starts_with('、') {
                items += 1;
            }
        }
        if headings >= 2 || items >= 3 {
            return true;
        }
    }
    false
}

/// The share of sentences addressing the reader that makes a guide.
const READER_SENTENCES: f64 = 0.3;

/// What is left of the evidence in an article of a genre that is no outage report.
const GENRE_DAMPING: f64 = 0.25;

/// Evidence of a sentence naming an unlisted service with a disruption,
/// against 1 for a listed service.
const UNLISTED_WEIGHT: f64 = 0.7;
