//! Phase 2: the candidates of a sentence that sit on its word boundaries (as
//! its segmenter gives them, with the language's affixes and German compound
//! heads) become [`Hit`]s, leftmost-longest, in two layers (facts and reading
//! cues).

use std::ops::Range;

use super::automata::SEPARABLE_PARTICLES;
use super::{Candidate, Cue, Hit, Kind, Lexicon, Scratch, compound_head};
use crate::language::Lang;
use crate::normalize::{Script, lowercase, script};
use crate::segment::{Words, inflection_ok, prefix_ok};

impl Lexicon {
    /// Phase 2: the candidates of `sentence` that sit on its word boundaries,
    /// as hits appended to `out` left to right, without overlaps.
    #[allow(clippy::too_many_arguments)]
    pub fn resolve(
        &self,
        lang: Lang,
        text: &str,
        sentence: Range<usize>,
        candidates: &[Candidate],
        words: &Words,
        scratch: &mut Scratch,
        out: &mut Vec<Hit>,
    ) {
        let base = sentence.start;
        let s = &text[sentence.clone()];
        let bounds = Bounds::new(words, base, s.len(), &mut scratch.bounds, &mut scratch.word_of);
        let m = &self.matchers[lang.index()];
        scratch.found.clear();
        for c in candidates {
            let (cs, ce, pid) = (c.start as usize, c.end as usize, c.pattern as usize);
            for t in &m.targets[pid] {
                let kind = self.entries[t.entry as usize].kind;
                if t.case.holds(&s[cs..ce]) && aligned(lang, s, cs, ce, kind, m.chars[pid], &bounds) {
                    scratch.found.push(Hit {
                        entry: t.entry,
                        kind,
                        start: base + cs,
                        end: base + ce,
                        ambiguous: t.ambiguous,
                    });
                }
            }
        }
        // leftmost-longest among the aligned matches, in two layers: facts
        // (with the distractors that exist to shadow them) and reading cues,
        // so "a similar outage" is both an earlier-cue and a symptom
        scratch.found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let first = out.len();
        for cue_layer in [false, true] {
            let mut taken_end = 0;
            let mut taken: Option<(usize, usize)> = None;
            for h in &scratch.found {
                if is_reading_cue(h.kind) != cue_layer {
                    continue;
                }
                if taken == Some((h.start, h.end)) || h.start >= taken_end {
                    out.push(*h);
                    taken = Some((h.start, h.end));
                    taken_end = taken_end.max(h.end);
                }
            }
        }
        // a cue inside a name ("sebelumnya" in "X (sebelumnya Twitter)") is part of the
        // name, and one inside a false friend ("hingga" in "hingga akhirnya") part of it
        let names = &mut scratch.names;
        names.clear();
        names.extend(
            out[first..]
                .iter()
                .filter(|h| {
                    matches!(h.kind, Kind::Service | Kind::Provider | Kind::Region | Kind::Cue(Cue::Distractor))
                })
                .map(|h| (h.start, h.end)),
        );
        let mut i = first;
        while i < out.len() {
            let h = out[i];
            if is_reading_cue(h.kind)
                && names.iter().any(|&(s, e)| s <= h.start && h.end <= e && (s, e) != (h.start, h.end))
            {
                out.remove(i);
            } else {
                i += 1;
            }
        }
        if lang == Lang::De && !m.separable.is_empty() {
            self.separated(s, base, first, out);
        }
        out[first..].sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    }

    /// Whether a German sentence may hold a verb split from its particle or
    /// a "ließ sich nicht ..." clause (see `separated`): a quick look.
    pub fn may_separate(&self, s: &str) -> bool {
        s.contains(" nicht ")
            || SEPARABLE_PARTICLES.iter().any(|p| {
                s.match_indices(p)
                    .any(|(i, _)| s[..i].ends_with(' ') && s[i + p.len()..].starts_with(|c: char| !c.is_alphanumeric()))
            })
    }

    /// German separable verbs with words between verb and particle ("Die
    /// Website brach daraufhin zusammen", "fiel das Netz für Stunden aus"):
    /// in each clause (split at punctuation and conjunctions) that ends in a
    /// particle, a verb form the dictionary lists with it becomes a hit from
    /// the verb to the particle, unless a fact already covers the verb.
    fn separated(&self, s: &str, base: usize, first: usize, out: &mut Vec<Hit>) {
        let m = &self.matchers[Lang::De.index()];
        let words = s
            .char_indices()
            .filter(|&(i, c)| c.is_alphabetic() && !s[..i].chars().next_back().is_some_and(char::is_alphabetic));
        // (start, end) of each word, with clause breaks as None
        let mut clause: Vec<(usize, usize)> = Vec::new();
        // the clause's first word, as an index into `all`, the sentence's words so far
        let mut all: Vec<(usize, usize)> = Vec::new();
        let mut last_end = 0;
        let flush = |clause: &mut Vec<(usize, usize)>, all: &[(usize, usize)], out: &mut Vec<Hit>| {
            // "die Seite ließ sich nicht öffnen": a clause with a form of
            // "lassen", "sich" and "nicht" that ends in an infinitive of use
            if let Some(&(is, ie)) = clause.last()
                && let Some(&(_, id)) = CANNOT_BE_DONE.iter().find(|(v, _)| s[is..ie].eq_ignore_ascii_case(v))
                && clause.iter().any(|&(a, b)| matches!(&s[a..b], "ließ" | "ließen" | "lässt" | "lassen"))
                && clause.iter().any(|&(a, b)| &s[a..b] == "sich")
                && let Some(&(ns, _)) = clause.iter().find(|&&(a, b)| &s[a..b] == "nicht")
                && let Some(entry) = self.find_entry(Kind::Symptom, id)
                && !out[first..].iter().any(|h| h.kind == Kind::Symptom && h.start < base + ie && base + ns < h.end)
            {
                out.push(Hit { entry, kind: Kind::Symptom, start: base + ns, end: base + ie, ambiguous: false });
            }
            if let Some(&(ps, pe)) = clause.last()
                && let Some(&particle) = SEPARABLE_PARTICLES.iter().find(|&&p| s[ps..pe].eq_ignore_ascii_case(p))
            {
                // "lahm" is only ever a particle: its verb may stand clauses
                // before it ("legte am Freitag ... Geldautomaten, Drucker und
                // Terminals in Baden-Württemberg, Bremen ... lahm")
                let verbs =
                    if particle == "lahm" { &all[..all.len().saturating_sub(1)] } else { &clause[..clause.len() - 1] };
                for &(vs, ve) in verbs {
                    let verb = crate::normalize::normalize(&s[vs..ve]);
                    let lo = m.separable.partition_point(|(v, p, _)| (v.as_str(), *p) < (verb.as_str(), particle));
                    for (_, _, pid) in m.separable[lo..].iter().take_while(|(v, p, _)| *v == verb && *p == particle) {
                        let covered = out[first..]
                            .iter()
                            .any(|h| !is_reading_cue(h.kind) && h.start <= base + vs && base + vs < h.end);
                        if covered {
                            continue;
                        }
                        for t in &m.targets[*pid as usize] {
                            let kind = self.entries[t.entry as usize].kind;
                            out.push(Hit {
                                entry: t.entry,
                                kind,
                                start: base + vs,
                                end: base + pe,
                                ambiguous: t.ambiguous,
                            });
                        }
                    }
                }
            }
            clause.clear();
        };
        for (i, _) in words {
            let end = s[i..].find(|c: char| !c.is_alphabetic()).map_or(s.len(), |e| i + e);
            let gap = &s[last_end..i];
            let word = &s[i..end];
            // (a dot inside a name is no break: "Terminland.de")
            let in_name = gap == "." && last_end > 0;
            if (!in_name
                && gap.contains(|c: char| {
                    matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '–' | '—' | '(' | ')' | '"' | '„' | '“')
                }))
                || CLAUSE_WORDS.contains(&word)
            {
                flush(&mut clause, &all, out);
            }
            if !CLAUSE_WORDS.contains(&word) {
                clause.push((i, end));
            }
            all.push((i, end));
            last_end = end;
        }
        flush(&mut clause, &all, out);
    }
}

/// German infinitives of using a service, in "ließ sich nicht ...", and the
/// symptom such a clause states.
const CANNOT_BE_DONE: &[(&str, &str)] = &[
    ("öffnen", "access-failure"),
    ("aufrufen", "access-failure"),
    ("laden", "access-failure"),
    ("erreichen", "access-failure"),
    ("nutzen", "service-down"),
    ("benutzen", "service-down"),
    ("verwenden", "service-down"),
    ("bedienen", "service-down"),
    ("abschließen", "payment-failure"),
    ("bezahlen", "payment-failure"),
    ("anmelden", "login-failure"),
    ("einloggen", "login-failure"),
    ("versenden", "send-failure"),
    ("verschicken", "send-failure"),
    ("abrufen", "receive-failure"),
    ("herunterladen", "feature-unavailable"),
    ("hochladen", "feature-unavailable"),
    ("starten", "crash"),
];

/// German words that open a new clause (a particle ends the one before).
const CLAUSE_WORDS: &[&str] = &[
    "und", "oder", "aber", "sondern", "denn", "weil", "dass", "sodass", "als", "wenn", "nachdem", "bevor", "während",
    "obwohl",
];

/// The word boundaries of one sentence, for [`aligned`] (offsets relative to
/// the sentence).
enum Bounds<'a> {
    /// Words in order and disjoint (Latin script, jieba): looked up by binary
    /// search, nothing built per sentence.
    Sorted { spans: &'a [Range<usize>], base: usize, suffixes: &'a [usize] },
    /// Anything else (lindera's morphemes may overlap): per byte, bit 1 = a
    /// word starts here, bit 2 = a word ends here, bit 4 = a derivational
    /// suffix starts here; and the word covering each byte, the last one
    /// given winning.
    Dense { bounds: &'a [u8], word_of: &'a [(u32, u32)] },
}

impl<'a> Bounds<'a> {
    fn new(
        words: &'a Words,
        base: usize,
        len: usize,
        bounds: &'a mut Vec<u8>,
        word_of: &'a mut Vec<(u32, u32)>,
    ) -> Bounds<'a> {
        let spans = words.spans.as_slice();
        if spans.windows(2).all(|w| w[0].end <= w[1].start) && spans.iter().all(|w| w.start < w.end) {
            return Bounds::Sorted { spans, base, suffixes: &words.suffixes };
        }
        bounds.clear();
        bounds.resize(len + 1, 0);
        word_of.clear();
        word_of.resize(len, (u32::MAX, 0));
        for &g in &words.suffixes {
            bounds[g - base] |= 4;
        }
        for w in spans {
            let (a, b) = (w.start - base, w.end - base);
            bounds[a] |= 1;
            bounds[b] |= 2;
            for x in &mut word_of[a..b] {
                *x = (a as u32, b as u32);
            }
        }
        Bounds::Dense { bounds, word_of }
    }

    /// The word covering byte `at`, or `(u32::MAX, 0)`.
    fn word_of(&self, at: usize) -> (u32, u32) {
        match self {
            Bounds::Sorted { spans, base, .. } => {
                let at = base + at;
                let i = spans.partition_point(|w| w.end <= at);
                match spans.get(i) {
                    Some(w) if w.start <= at => ((w.start - base) as u32, (w.end - base) as u32),
                    _ => (u32::MAX, 0),
                }
            }
            Bounds::Dense { word_of, .. } => word_of.get(at).copied().unwrap_or((u32::MAX, 0)),
        }
    }

    /// Whether a word starts at `at`.
    fn starts(&self, at: usize) -> bool {
        match self {
            Bounds::Sorted { .. } => self.word_of(at).0 == at as u32,
            Bounds::Dense { bounds, .. } => bounds[at] & 1 != 0,
        }
    }

    /// Whether a word ends at `at`.
    fn ends(&self, at: usize) -> bool {
        match self {
            Bounds::Sorted { .. } => at > 0 && self.word_of(at - 1).1 == at as u32,
            Bounds::Dense { bounds, .. } => bounds[at] & 2 != 0,
        }
    }

    /// Whether a derivational suffix starts at `at`.
    fn suffix(&self, at: usize) -> bool {
        match self {
            Bounds::Sorted { base, suffixes, .. } => suffixes.contains(&(base + at)),
            Bounds::Dense { bounds, .. } => bounds[at] & 4 != 0,
        }
    }
}

/// Cues that say how to read a sentence; they never hide a fact under them.
fn is_reading_cue(kind: Kind) -> bool {
    matches!(kind, Kind::Cue(c) if c != Cue::Distractor)
}

/// Whether a match `cs..ce` (sentence-relative) sits on word boundaries,
/// allowing the language's affixes and German compound heads.
fn aligned(lang: Lang, s: &str, cs: usize, ce: usize, kind: Kind, chars: u32, sc: &Bounds) -> bool {
    let vocab = compound_head(kind);
    // punctuation at a name's edges ("Disney+", "Livin'", "(CoPilot)") is not
    // part of any word: the boundaries that count are those of its letters
    let inner = &s[cs..ce];
    let lead = inner.len() - inner.trim_start_matches(|c: char| !alphanumeric(c)).len();
    let trail = inner.len() - inner.trim_end_matches(|c: char| !alphanumeric(c)).len();
    let (cs, ce) = if lead + trail < inner.len() { (cs + lead, ce - trail) } else { (cs, ce) };

    let start_ok = sc.starts(cs)
        || {
            let (ws, _) = sc.word_of(cs);
            ws != u32::MAX && {
                chars >= 4
                    && (lowercase(&s[ws as usize..cs], |before| prefix_ok(lang, before)) || (lang == Lang::De && vocab))
            }
        }
        || (!lang.is_latin() && script_changes(s, cs));
    if !start_ok {
        return false;
    }
    if sc.suffix(ce) {
        return false;
    }
    sc.ends(ce)
        || {
            let (ws, we) = sc.word_of(ce.saturating_sub(1));
            ws != u32::MAX && {
                let we = we as usize;
                chars >= 4 && we > ce && lowercase(&s[ce..we], |rest| inflection_ok(lang, rest))
            }
        }
        || (!lang.is_latin() && script_changes(s, ce))
}

/// `char::is_alphanumeric` without the table lookup for ASCII, Hangul and Han.
#[inline]
fn alphanumeric(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (!c.is_ascii()
            && (('\u{ac00}'..='\u{d7a3}').contains(&c)
                || ('\u{4e00}'..='\u{9fff}').contains(&c)
                || c.is_alphanumeric()))
}

/// In CJK text, a switch between scripts (Hangul | Latin, Han | Latin) is a
/// word boundary even when the segmenter glued the two together.
fn script_changes(s: &str, at: usize) -> bool {
    let before = s[..at].chars().next_back();
    let after = s[at..].chars().next();
    match (before, after) {
        (None, _) | (_, None) => true,
        (Some(a), Some(b)) => {
            let (x, y) = (script(a), script(b));
            x != y && (x == Script::Latin || y == Script::Latin || x == Script::None || y == Script::None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::LexiconSource;
    use super::super::automata::glued_edges;
    use super::*;

    fn lexicon() -> Lexicon {
        LexiconSource::embedded().expect("embedded dictionary").build_automata().expect("automata")
    }

    /// A Latin name glued to letters or digits (`glued_edges`), which matching drops
    /// as a candidate, never sits on the word boundaries of its sentence:
    /// every such candidate of the shipped Latin-script articles, and of
    /// random sentences, fails `aligned` for every entry it names.
    #[test]
    fn glued_candidates_never_align() {
        use proptest::prelude::*;
        let lx = lexicon();
        let check = |lang: Lang, s: &str| -> usize {
            let m = &lx.matchers[lang.index()];
            let b = s.as_bytes();
            let mut words = Words::default();
            crate::segment::latin::words(s, 0, &mut words.spans);
            let (mut bounds, mut word_of) = (Vec::new(), Vec::new());
            let sorted = Bounds::new(&words, 0, s.len(), &mut bounds, &mut word_of);
            let mut glued_ones = 0;
            m.ac.overlapping(b, |cs, ce, pattern| {
                let pid = m.canon[pattern] as usize;
                if glued_edges(lang, m.chars[pid], m.vocab[pid], s, cs, ce) != 0 {
                    glued_ones += 1;
                    for t in &m.targets[pid] {
                        let kind = lx.entries[t.entry as usize].kind;
                        assert!(!aligned(lang, s, cs, ce, kind, m.chars[pid], &sorted), "{:?} in {s:?}", &s[cs..ce]);
                    }
                }
            });
            glued_ones
        };
        let mut seen = 0;
        for (lang, text) in crate::corpus::articles(&["data/samples", "tests/gold", "benches/data/firehose"]) {
            if lang.is_latin() {
                for r in crate::segment::sentences(&text) {
                    seen += check(lang, &text[r]);
                }
            }
        }
        assert!(seen > 100, "{seen}");
        let piece = prop::sample::select(vec![
            "us", "ing", "x", "ig", "ms", "ring", "eu", "uk", "ai", "it", "X", "AWS", "Teams", "down", "outage", "s",
            "ed", "a", "9", "_", "-", "'", "’", "(", ")", ".", " ", "é", "ö", "ß", "di", "nya", "kan", "meng", "ter",
            "ber", "pen", "lah", "gangguan", "layanan", "akan", "Ausfall", "störung", "Panne", "en", "er",
        ]);
        let config = ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() };
        proptest!(config, |(lang in prop::sample::select(vec![Lang::En, Lang::De, Lang::Id]), pieces in prop::collection::vec(piece, 1..10))| {
            check(lang, &pieces.concat());
        });
    }
}
