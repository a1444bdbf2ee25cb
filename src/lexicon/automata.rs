//! Compiling a [`LexiconSource`] into automata, and phase 1: the scan of a
//! whole text or of one sentence for dictionary names ([`Candidate`]s),
//! before any word boundaries are known.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, MatchKind};

use super::{Candidate, Entry, Found, Kind, Lexicon, LexiconSource, Scratch, compound_head};
use crate::error::Result;
use crate::language::Lang;
use crate::normalize::{fixed_point, fold, fold_latin_bytes, lowercase, normalize, normalize_into};
use crate::segment::{inflection_ok, prefix_ok};

/// What one normalised pattern stands for.
#[derive(Debug, Clone, Copy)]
pub(super) struct Target {
    pub(super) entry: u32,
    pub(super) ambiguous: bool,
    pub(super) case: Case,
}

/// How an ambiguous name must be capitalised in the text to count: as
/// written in the dictionary (`LINE`, `US` all upper; `Teams` initial upper).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Case {
    Any,
    Initial,
    Upper,
}

impl Case {
    fn of(name: &str) -> Case {
        let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.iter().all(|c| !c.is_lowercase() && !c.is_uppercase()) {
            Case::Any
        } else if letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase()) {
            Case::Upper
        } else if letters.first().is_some_and(|c| c.is_uppercase()) {
            Case::Initial
        } else {
            Case::Any
        }
    }

    pub(super) fn holds(self, text: &str) -> bool {
        match self {
            Case::Any => true,
            Case::Initial => text.chars().next().is_some_and(|c| !c.is_lowercase()),
            Case::Upper => !text.chars().any(char::is_lowercase),
        }
    }
}

pub(super) struct Matcher {
    /// Every normalised name, plus its other spellings ([`spellings_of`]),
    /// so most sentences are matched as they are, without a normalised copy.
    /// The Latin languages' automaton is case-sensitive and reads a text
    /// through [`fold_latin_bytes`] (lowercase, umlauts spelled out: see
    /// [`Matcher::haystack`]); the others' is ASCII case-insensitive and
    /// reads the text's own bytes.
    pub(super) ac: NameAutomaton,
    /// The symptom names (and their spellings) only; built and read as `ac`.
    symptoms: aho_corasick::dfa::DFA,
    /// Automaton pattern -> normalised name (the index of `targets`); the
    /// patterns past its end are the extra words of
    /// [`LexiconSource::build_automata_with`].
    pub(super) canon: Vec<u32>,
    /// Which sentences can be matched without normalising them.
    raw: RawCheck,
    pub(super) targets: Vec<Vec<Target>>,
    /// German separable verbs among the names ("fiel aus", "brach
    /// zusammen"): (normalised verb, particle, pattern), sorted, for the
    /// sentences that put words between the two ("fiel der Dienst aus").
    pub(super) separable: Vec<(String, &'static str, u32)>,
    /// Pattern length in chars.
    pub(super) chars: Vec<u32>,
    /// Per pattern: bit 1 names a service or provider, bit 2 a disruption (a
    /// symptom, or an overload: `traffic-surge`).
    kinds: Vec<u8>,
    /// Per pattern: whether German compounds may carry it at their end (a
    /// symptom, cause, mitigation, status, or a common word for a service).
    pub(super) vocab: Vec<bool>,
}

impl Matcher {
    /// The bytes of `s` as `ac` and `symptoms` read them: for a Latin
    /// language folded into `buf` by [`fold_latin_bytes`], else as they are.
    /// Offsets are the same in both; a match in the folded bytes counts only
    /// where it starts and ends at a char boundary of `s` ([`whole_chars`]).
    fn haystack<'a>(&self, lang: Lang, s: &'a str, buf: &'a mut Vec<u8>) -> &'a [u8] {
        if lang.is_latin() {
            fold_latin_bytes(s, buf);
            buf
        } else {
            s.as_bytes()
        }
    }
}

/// Whether `start..end` covers whole chars of `s`: not so for a match in
/// folded bytes that takes only the "a" of the "ae" spelled from an "ä".
#[inline]
fn whole_chars(s: &str, start: usize, end: usize) -> bool {
    s.is_char_boundary(start) && s.is_char_boundary(end)
}

/// The automaton of a language's names (which kind, and why: see
/// [`LexiconSource::build_automata`]).
pub(super) enum NameAutomaton {
    Dfa(aho_corasick::dfa::DFA),
    Nfa(aho_corasick::nfa::contiguous::NFA),
}

impl NameAutomaton {
    /// Calls `f(start, end, pattern)` for every occurrence of every pattern
    /// in `hay`, overlapping ones too, ordered by end (as
    /// `find_overlapping_iter` reports them).
    pub(super) fn overlapping(&self, hay: &[u8], f: impl FnMut(usize, usize, usize)) {
        match self {
            NameAutomaton::Dfa(a) => overlapping(a, hay, f),
            NameAutomaton::Nfa(a) => overlapping(a, hay, f),
        }
    }
}

/// The overlapping search, written out for the automaton's own type: the
/// generic one keeps its position in a state struct, for resuming, and
/// costs about three times the instructions per byte.
///
/// Each byte's transition waits for the previous one (a load from the
/// automaton's table), so one scan runs at the latency of that load, not at
/// the processor's width. A long haystack is therefore read as eight segments
/// at once, eight independent chains of loads, and the matches reported in
/// the order one scan would give.
#[inline(always)]
pub(crate) fn overlapping<A: Automaton>(aut: &A, hay: &[u8], mut f: impl FnMut(usize, usize, usize)) {
    // Standard semantics, unanchored: a start state exists and no state is
    // dead; no pattern is empty, so the start state is no match
    let Ok(start) = aut.start_state(Anchored::No) else { return };
    let report = |sid, end: usize, f: &mut dyn FnMut(usize, usize, usize)| {
        for k in 0..aut.match_len(sid) {
            let pid = aut.match_pattern(sid, k);
            f(end - aut.pattern_len(pid), end, pid.as_usize());
        }
    };
    if hay.len() < SPLIT_BYTES {
        let mut sid = start;
        for (i, &byte) in hay.iter().enumerate() {
            sid = aut.next_state(Anchored::No, sid, byte);
            if aut.is_special(sid) && aut.is_match(sid) {
                report(sid, i + 1, &mut f);
            }
        }
        return;
    }
    // Chain j reads segment j from the start state, so it finds every match
    // starting in its segment or later; it reports those starting in its
    // segment, reading on past the segment's end for the ones that end after
    // it. Chain 0's matches ending in segment 0 come first and go out at
    // once; the rest are ordered by end, and at one end by chain (a lower
    // chain's match starts earlier, is longer, and one scan reports longer
    // matches first), as one scan orders them.
    let seg = hay.len() / CHAINS;
    let mut sid = [start; CHAINS];
    // (end, start, pattern) of the matches that wait, per chain, each list
    // ordered by end as its chain found them; about one match in 16 bytes
    // of an outage report
    let mut late: [Vec<(usize, usize, usize)>; CHAINS] = std::array::from_fn(|_| Vec::with_capacity(hay.len() / 64));
    for i in 0..seg {
        for (j, sid) in sid.iter_mut().enumerate() {
            *sid = aut.next_state(Anchored::No, *sid, hay[j * seg + i]);
        }
        if aut.is_special(sid[0]) && aut.is_match(sid[0]) {
            report(sid[0], i + 1, &mut f);
        }
        for (j, &sid) in sid.iter().enumerate().skip(1) {
            if aut.is_special(sid) && aut.is_match(sid) {
                report(sid, j * seg + i + 1, &mut |s, e, p| late[j].push((e, s, p)));
            }
        }
    }
    let last = CHAINS - 1;
    for (i, &byte) in hay.iter().enumerate().skip(CHAINS * seg) {
        sid[last] = aut.next_state(Anchored::No, sid[last], byte);
        if aut.is_special(sid[last]) && aut.is_match(sid[last]) {
            report(sid[last], i + 1, &mut |s, e, p| late[last].push((e, s, p)));
        }
    }
    // the chains but the last read on past their segment's end, all at
    // once as above (each chain's reports keep their order). A chain back
    // in the start state is done: no suffix of what it read begins a
    // pattern, so every match it would find later starts past its segment
    let reach = aut.max_pattern_len().saturating_sub(1);
    let mut reading = [false; CHAINS];
    for (r, s) in reading.iter_mut().zip(&sid).take(last) {
        *r = *s != start;
    }
    for k in 0..reach {
        if !reading.contains(&true) {
            break;
        }
        for (j, sid) in sid.iter_mut().enumerate().take(last) {
            if !reading[j] {
                continue;
            }
            let end = (j + 1) * seg;
            let i = end + k;
            let Some(&byte) = hay.get(i) else { continue };
            *sid = aut.next_state(Anchored::No, *sid, byte);
            if aut.is_special(*sid) && aut.is_match(*sid) {
                report(*sid, i + 1, &mut |s, e, p| {
                    if s < end {
                        late[j].push((e, s, p))
                    }
                });
            }
            reading[j] = *sid != start;
        }
    }
    // merged by end, and at one end by chain
    let mut next = [0usize; CHAINS];
    loop {
        let mut pick: Option<(usize, usize)> = None;
        for j in 0..CHAINS {
            if let Some(&(e, _, _)) = late[j].get(next[j])
                && pick.is_none_or(|(best, _)| e < best)
            {
                pick = Some((e, j));
            }
        }
        let Some((_, j)) = pick else { break };
        let (e, s, p) = late[j][next[j]];
        next[j] += 1;
        f(s, e, p);
    }
}

/// Whether a pattern of `aut` occurs in `hay`: the loops of [`overlapping`],
/// stopping at the first match (a third of the instructions of
/// `AhoCorasick::is_match`, which keeps its position in a state struct for
/// resuming). A long haystack is read in [`CHAINS`] segments at once, as
/// there; which match is found first does not matter.
#[inline]
pub(crate) fn occurs<A: Automaton>(aut: &A, hay: &[u8]) -> bool {
    // no pattern is empty, so the start state is no match (see `overlapping`)
    let Ok(start) = aut.start_state(Anchored::No) else { return false };
    let hit = |sid| aut.is_special(sid) && aut.is_match(sid);
    if hay.len() < SPLIT_BYTES {
        let mut sid = start;
        for &byte in hay {
            sid = aut.next_state(Anchored::No, sid, byte);
            if hit(sid) {
                return true;
            }
        }
        return false;
    }
    let seg = hay.len() / CHAINS;
    let mut sid = [start; CHAINS];
    for i in 0..seg {
        let mut any = false;
        for (j, sid) in sid.iter_mut().enumerate() {
            *sid = aut.next_state(Anchored::No, *sid, hay[j * seg + i]);
            any |= hit(*sid);
        }
        if any {
            return true;
        }
    }
    // the last chain reads to the end; the others on past their segment's
    // end until back in the start state (then every match they would find
    // starts past their segment: see `overlapping`)
    let last = CHAINS - 1;
    for &byte in &hay[CHAINS * seg..] {
        sid[last] = aut.next_state(Anchored::No, sid[last], byte);
        if hit(sid[last]) {
            return true;
        }
    }
    for (j, &from) in sid.iter().enumerate().take(last) {
        let mut sid = from;
        for &byte in &hay[(j + 1) * seg..] {
            if sid == start {
                break;
            }
            sid = aut.next_state(Anchored::No, sid, byte);
            if hit(sid) {
                return true;
            }
        }
    }
    false
}

/// Haystacks this long are read in [`CHAINS`] segments at once by [`overlapping`].
const SPLIT_BYTES: usize = 512;
/// How many independent chains of table loads [`overlapping`] runs.
const CHAINS: usize = 8;

/// [`TextScan`] flag: a Latin name glued to the letters before it (see [`glued_edges`]).
const GLUED_START: u8 = 4;
/// [`TextScan`] flag: the same at its end.
const GLUED_END: u8 = 8;

/// The dictionary names of a whole text, found in one pass.
pub(crate) struct TextScan {
    /// (start, end, name, kind bits 1 and 2 | [`GLUED_START`] | [`GLUED_END`])
    /// in text offsets, ordered by end.
    names: Vec<(usize, usize, u32, u8)>,
    /// (start, end, which) of the extra words (see
    /// [`LexiconSource::build_automata_with`]), ordered by end.
    extra: Vec<(usize, usize, u32)>,
    kinds: u8,
}

impl TextScan {
    /// Whether a symptom is named somewhere: without one no sentence can
    /// report an outage (the service may be a name outside the dictionary).
    pub fn may_report(&self) -> bool {
        self.kinds & 2 != 0
    }

    /// How many names were found (overlapping ones each).
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The extra words found, (start, end, index in the language's list),
    /// ordered by end; empty when the text names no symptom (the names are
    /// not searched then).
    pub fn extra(&self) -> &[(usize, usize, u32)] {
        &self.extra
    }

    /// The names inside each of `sentences` (in order), appended to `out`
    /// with each sentence's share in `spans`: what sentence-by-sentence
    /// matching finds. Names across a sentence boundary are dropped.
    pub fn assign(&self, sentences: &[Range<usize>], out: &mut Vec<Candidate>, spans: &mut Vec<Range<usize>>) -> Found {
        let mut found = Found::default();
        let mut next = 0;
        for r in sentences {
            let begin = out.len();
            while let Some(&(start, end, pid, flags)) = self.names.get(next).filter(|c| c.1 <= r.end) {
                next += 1;
                if start >= r.start {
                    found.service |= flags & 1 != 0;
                    found.symptom |= flags & 2 != 0;
                    // glued inside the sentence: no word boundary, no hit
                    let glued =
                        (flags & GLUED_START != 0 && start > r.start) || (flags & GLUED_END != 0 && end < r.end);
                    if !glued {
                        out.push(Candidate {
                            start: (start - r.start) as u32,
                            end: (end - r.start) as u32,
                            pattern: pid,
                        });
                    }
                }
            }
            spans.push(begin..out.len());
        }
        found
    }
}

impl LexiconSource {
    /// Compile into automata.
    pub fn build_automata(&self) -> Result<Lexicon> {
        self.build_automata_with(|_| &[])
    }

    /// Compile into automata that also find `extra(lang)`, words other
    /// stages look for (ASCII case-insensitive), in the same pass over a
    /// text: [`TextScan::extra`].
    pub fn build_automata_with(&self, extra: impl Fn(Lang) -> &'static [&'static str]) -> Result<Lexicon> {
        let mut entries = self.entries.clone();
        let mut index = self.index.clone();
        for &e in &self.pending_providers {
            let provider = entries[e as usize].id.split('/').next().unwrap_or_default().to_string();
            let p = match index.get(&(Kind::Provider, provider.clone())) {
                Some(&p) => p,
                None => {
                    // a provider without its own entry is still a provider
                    let p = entries.len() as u32;
                    entries.push(Entry { kind: Kind::Provider, id: provider.clone(), provider: None, channel: false });
                    index.insert((Kind::Provider, provider), p);
                    p
                }
            };
            entries[e as usize].provider = Some(p);
        }
        let matchers = Lang::ALL.map(|lang| {
            let mut patterns: Vec<String> = Vec::new();
            let mut targets: Vec<Vec<Target>> = Vec::new();
            let mut seen: HashMap<String, usize> = HashMap::new();
            for (entry, l, name, ambiguous) in &self.names {
                if l.is_some_and(|l| l != lang) {
                    continue;
                }
                let norm = normalize(name);
                let i = *seen.entry(norm.clone()).or_insert_with(|| {
                    patterns.push(norm);
                    targets.push(Vec::new());
                    patterns.len() - 1
                });
                let t = &mut targets[i];
                let case = if *ambiguous { Case::of(name) } else { Case::Any };
                match t.iter_mut().find(|t| t.entry == *entry) {
                    // a name listed both plainly and as ambiguous stays ambiguous
                    Some(existing) => {
                        existing.ambiguous |= *ambiguous;
                        existing.case = existing.case.min(case);
                    }
                    None => t.push(Target { entry: *entry, ambiguous: *ambiguous, case }),
                }
            }
            let chars = patterns.iter().map(|p| p.chars().count() as u32).collect();
            let mut truncated = false;
            let mut spellings: Vec<String> = Vec::with_capacity(patterns.len() * 2);
            let mut canon: Vec<u32> = Vec::with_capacity(patterns.len() * 2);
            for (i, p) in patterns.iter().enumerate() {
                spellings.push(p.clone());
                canon.push(i as u32);
                let mut more = Vec::new();
                variants(p, spellings_of(lang), &mut String::new(), &mut more);
                truncated |= more.len() >= MAX_SPELLINGS;
                for v in more {
                    if v != *p {
                        spellings.push(v);
                        canon.push(i as u32);
                    }
                }
            }
            let raw = RawCheck::new(lang, &patterns, truncated);
            let kinds: Vec<u8> = targets
                .iter()
                .map(|ts| {
                    ts.iter().fold(0u8, |k, t| match entries[t.entry as usize].kind {
                        Kind::Service | Kind::Provider => k | 1,
                        Kind::Symptom => k | 2,
                        // a site overloaded by demand is disrupted (extract::score)
                        Kind::Cause if entries[t.entry as usize].id == "traffic-surge" => k | 2,
                        _ => k,
                    })
                })
                .collect();
            // Latin script: a DFA, one table lookup per byte (10-13 MB each).
            // The contiguous NFA the builder would pick is smaller but
            // branches on each state's layout and mispredicts about once per
            // byte (callgrind's branch simulation, BENCHMARKS.md). Korean and
            // Chinese gain 3-5% from a DFA, not worth 41 MB and the longer
            // construction (`Classifier::new()` reached 300 ms with them).
            //
            // The Latin DFAs are case-sensitive, on lowercase patterns, with
            // no spellings with umlauts or full-width punctuation: the text
            // is lowercased and its umlauts spelled out on the way in
            // (`Matcher::haystack`). That leaves at most 32 byte classes, so
            // each state's row of transitions is half as long as with the 64
            // of before (English: 9 MB, was 20): the pass waits on loads from
            // this table, and a smaller one is more often in cache.
            let extra: Vec<String> = extra(lang).iter().map(|w| w.to_ascii_lowercase()).collect();
            let searched = spellings.iter().chain(&extra);
            let ac = if lang.is_latin() {
                debug_assert!(searched.clone().all(|p| !p.bytes().any(|b| b.is_ascii_uppercase())));
                let dfa = aho_corasick::dfa::Builder::new()
                    .match_kind(MatchKind::Standard)
                    .build(searched)
                    .expect("dictionary automaton within size limits");
                NameAutomaton::Dfa(dfa)
            } else {
                let nfa = aho_corasick::nfa::contiguous::Builder::new()
                    .match_kind(MatchKind::Standard)
                    .ascii_case_insensitive(true)
                    .build(searched)
                    .expect("dictionary automaton within size limits");
                NameAutomaton::Nfa(nfa)
            };
            // the symptom names alone, for setting articles aside quickly
            let symptom_spellings: Vec<&String> =
                spellings.iter().zip(&canon).filter(|(_, c)| kinds[**c as usize] & 2 != 0).map(|(s, _)| s).collect();
            // a DFA too (1-3 MB): it reads every byte of the articles set aside
            let symptoms = aho_corasick::dfa::Builder::new()
                .ascii_case_insensitive(!lang.is_latin())
                .build(&symptom_spellings)
                .expect("symptom automaton within size limits");
            let vocab =
                targets.iter().map(|ts| ts.iter().any(|t| compound_head(entries[t.entry as usize].kind))).collect();
            let mut separable: Vec<(String, &'static str, u32)> = Vec::new();
            if lang == Lang::De {
                for (i, p) in patterns.iter().enumerate() {
                    if let Some((verb, particle)) = p.split_once(' ')
                        && let Some(&particle) = SEPARABLE_PARTICLES.iter().find(|&&x| x == particle)
                        && !verb.is_empty()
                        && verb.chars().all(char::is_alphabetic)
                    {
                        separable.push((verb.to_string(), particle, i as u32));
                    }
                }
                separable.sort();
            }
            Matcher { ac, symptoms, canon, raw, targets, separable, chars, kinds, vocab }
        });
        let mut by_id: HashMap<Kind, HashMap<String, u32>> = HashMap::new();
        for ((kind, id), e) in index {
            by_id.entry(kind).or_default().insert(id, e);
        }
        Ok(Lexicon { entries, by_id, matchers })
    }
}

/// German verb particles that split off in a main clause ("fiel ... aus",
/// "brach ... zusammen", "legte ... lahm", "stürzte ... ab").
pub(super) const SEPARABLE_PARTICLES: &[&str] = &["aus", "ab", "zusammen", "lahm", "ein"];

/// Other spellings of normalised text the automaton knows: a sentence whose
/// only non-ASCII letters are these is matched as it is. The Latin
/// languages' automata know [`PUNCTUATION`] only: their text is read
/// through [`fold_latin_bytes`], which spells the umlauts out, and their
/// rare full-width punctuation is normalised.
const SPELLINGS: &[(&str, &[char])] = &[
    ("'", &['’', '‘']),
    ("-", &['–', '—']),
    // spelled out by `fold_latin_bytes` (two bytes each way)
    ("ae", &['ä', 'Ä']),
    ("oe", &['ö', 'Ö']),
    ("ue", &['ü', 'Ü']),
    ("ss", &['ß']),
    // full-width punctuation of CJK text
    (",", &['，']),
    ("(", &['（']),
    (")", &['）']),
    (":", &['：']),
];

/// The curly quotes and long dashes of [`SPELLINGS`]: the Latin automata's
/// other spellings.
const PUNCTUATION: &[(&str, &[char])] = SPELLINGS.split_at(2).0;

/// The [`SPELLINGS`] the Latin automata read as they are: [`PUNCTUATION`],
/// and the umlauts that [`fold_latin_bytes`] spells out.
const LATIN_READ: &[(&str, &[char])] = SPELLINGS.split_at(6).0;

/// The spellings `lang`'s automaton has patterns for.
fn spellings_of(lang: Lang) -> &'static [(&'static str, &'static [char])] {
    if lang.is_latin() { PUNCTUATION } else { SPELLINGS }
}

/// A name with more spellings than this keeps its first ones only, and the
/// language's text is then always normalised before matching.
const MAX_SPELLINGS: usize = 256;

/// Every spelling of the normalised `rest` that `spellings` allow,
/// appended to `out` (`prefix` is what is spelled so far).
fn variants(rest: &str, spellings: &[(&str, &[char])], prefix: &mut String, out: &mut Vec<String>) {
    if out.len() >= MAX_SPELLINGS {
        return;
    }
    // nothing left to spell otherwise (most names): the one spelling, without
    // a call per char
    if !spellings.iter().any(|(plain, _)| rest.contains(plain)) {
        out.push(format!("{prefix}{rest}"));
        return;
    }
    let Some(c) = rest.chars().next() else {
        out.push(prefix.clone());
        return;
    };
    let len = prefix.len();
    prefix.push(c);
    variants(&rest[c.len_utf8()..], spellings, prefix, out);
    prefix.truncate(len);
    for (plain, others) in spellings {
        if let Some(after) = rest.strip_prefix(plain) {
            for &o in *others {
                prefix.push(o);
                variants(after, spellings, prefix, out);
                prefix.truncate(len);
            }
        }
    }
}

/// Decides per sentence whether matching the text as it is finds exactly
/// what matching its normalised form would: true when every char is its own
/// normal form, one of [`SPELLINGS`] the language's automaton reads, or
/// folds to chars no name contains.
struct RawCheck {
    /// Chars occurring in some normalised name.
    chars: std::collections::HashSet<char>,
    /// [`char_ok`](Self::char_ok) of every two-byte char (U+0080..U+07FF)
    /// and General Punctuation char (U+2000..U+206F), one bit each: umlauts,
    /// accents, curly quotes and dashes come every few words.
    common: [u64; 32],
    /// Whether names contain spaces (then whitespace runs must be single spaces).
    space: bool,
    /// Whether names contain `'` (then a backtick matters).
    apostrophe: bool,
    /// Some name has more spellings than were generated.
    truncated: bool,
    /// The chars of the language's [`SPELLINGS`].
    spelled: Vec<char>,
}

impl RawCheck {
    fn new(lang: Lang, patterns: &[String], truncated: bool) -> Self {
        let read = if lang.is_latin() { LATIN_READ } else { SPELLINGS };
        let chars: std::collections::HashSet<char> = patterns.iter().flat_map(|p| p.chars()).collect();
        let mut check = RawCheck {
            space: chars.contains(&' '),
            apostrophe: chars.contains(&'\''),
            chars,
            common: [0; 32],
            truncated,
            spelled: read.iter().flat_map(|(_, o)| o.iter().copied()).collect(),
        };
        for c in (0x80..0x800).chain(0x2000..0x2070).filter_map(char::from_u32) {
            if check.char_ok(c) {
                let bit = Self::common_bit(c).expect("a common char");
                check.common[bit / 64] |= 1 << (bit % 64);
            }
        }
        check
    }

    /// The bit of `c` in `common`, if it has one.
    fn common_bit(c: char) -> Option<usize> {
        match c as usize {
            x @ 0x80..0x800 => Some(x - 0x80),
            x @ 0x2000..0x2070 => Some(x - 0x2000 + 0x780),
            _ => None,
        }
    }

    /// [`char_ok`](Self::char_ok), from the bits for the common chars.
    #[inline]
    fn char_ok_fast(&self, c: char) -> bool {
        match Self::common_bit(c) {
            Some(bit) => self.common[bit / 64] & (1 << (bit % 64)) != 0,
            None => self.char_ok(c),
        }
    }

    /// Whether `s` can be matched as it is; `newlines` lets line breaks
    /// through (no name spans one, so they only separate).
    fn holds(&self, s: &str, newlines: bool) -> bool {
        if self.truncated {
            return false;
        }
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // 16 bytes at a time where nothing needs a closer look (the
            // common case, which the compiler turns into vector compares)
            if let Some(w) = b.get(i..i + 17)
                && !attention(w[..16].try_into().expect("16 bytes"), w[1..].try_into().expect("16 bytes"), newlines)
            {
                i += 16;
                continue;
            }
            let stop = (i + 16).min(b.len());
            while i < stop {
                let x = b[i];
                match BYTE_CLASS[x as usize] {
                    PLAIN => {
                        i += 1;
                        continue;
                    }
                    SPACE if b.get(i + 1) == Some(&b' ') && self.space => return false,
                    NEWLINE if !newlines && self.space => return false,
                    OTHER_SPACE if self.space => return false,
                    BACKTICK if self.apostrophe => return false,
                    LEAD => {
                        let Some(c) = s[i..].chars().next() else { return false };
                        i += c.len_utf8();
                        if !self.char_ok_fast(c) {
                            return false;
                        }
                        continue;
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        true
    }

    /// A non-ASCII char: its own normal form, one of the spellings read
    /// (`spelled`), or folding to chars no name contains.
    fn char_ok(&self, c: char) -> bool {
        if c.is_whitespace() {
            return !self.space;
        }
        if fixed_point(c) || self.spelled.contains(&c) {
            return true;
        }
        let mut relevant = false;
        fold(c, &mut |f| relevant |= self.chars.contains(&f));
        !relevant
    }
}

/// Whether a byte of `x` (each followed by the same byte of `y`) may stop
/// [`RawCheck::holds`], whatever the names hold: any byte the per-byte loop
/// does not simply pass. Branch-free, so it compiles to vector compares.
#[inline(always)]
fn attention(x: &[u8; 16], y: &[u8; 16], newlines: bool) -> bool {
    let mut any = false;
    for k in 0..16 {
        let (a, b) = (x[k], y[k]);
        any |= (a >= 0x80) | (a == b'`') | ((a < 0x20) & ((a != b'\n') | !newlines)) | ((a == b' ') & (b == b' '));
    }
    any
}

const PLAIN: u8 = 0;
const SPACE: u8 = 1;
const NEWLINE: u8 = 2;
const OTHER_SPACE: u8 = 3;
const BACKTICK: u8 = 4;
const LEAD: u8 = 5;

/// What [`RawCheck::holds`] must look at in a byte (UTF-8 continuation
/// bytes are skipped with their lead byte).
static BYTE_CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    t[b' ' as usize] = SPACE;
    t[b'\n' as usize] = NEWLINE;
    t[b'\t' as usize] = OTHER_SPACE;
    t[b'\r' as usize] = OTHER_SPACE;
    t[0x0b] = OTHER_SPACE;
    t[0x0c] = OTHER_SPACE;
    t[b'`' as usize] = BACKTICK;
    let mut k = 0xc0;
    while k < 256 {
        t[k] = LEAD;
        k += 1;
    }
    t
};

impl Lexicon {
    /// Phase 1 over a whole cleaned text in one automaton pass, when the text
    /// can be matched as it is (else `None`: use [`candidates`](Self::candidates)
    /// sentence by sentence). Articles naming no symptom at all (most of
    /// those not about outages) are told by a small symptom automaton first.
    pub fn scan_text(&self, lang: Lang, text: &str) -> Option<TextScan> {
        let m = &self.matchers[lang.index()];
        if !m.raw.holds(text, true) {
            return None;
        }
        let mut scan = TextScan { names: Vec::new(), extra: Vec::new(), kinds: 0 };
        let mut folded = Vec::new();
        let hay = m.haystack(lang, text, &mut folded);
        // may say yes where only part of a char matches, never no where a
        // symptom is named (then the names found are dropped below)
        if occurs(&m.symptoms, hay) {
            // about one name (overlapping ones too) in 16 bytes of an outage report
            scan.names.reserve(text.len() / 16);
            let latin = lang.is_latin();
            m.ac.overlapping(hay, |start, end, pattern| {
                if !whole_chars(text, start, end) {
                    return;
                }
                let Some(&pid) = m.canon.get(pattern) else {
                    scan.extra.push((start, end, (pattern - m.canon.len()) as u32));
                    return;
                };
                let kind = m.kinds[pid as usize];
                scan.kinds |= kind;
                // a name glued to letters or digits ("us" in "users", "ring"
                // in "during") is no hit there: see `glued_edges`
                let p = pid as usize;
                let flags = kind | if latin { glued_edges(lang, m.chars[p], m.vocab[p], text, start, end) } else { 0 };
                scan.names.push((start, end, pid, flags));
            });
            if !scan.may_report() {
                scan.names.clear();
                scan.extra.clear();
            }
        }
        Some(scan)
    }

    /// Phase 1: the dictionary names occurring in `sentence` (at
    /// `sentence.start` in the cleaned text `text`), before any word
    /// boundaries are known; appended to `out`. Says whether a service or
    /// provider and whether a symptom is among them.
    pub fn candidates(
        &self,
        lang: Lang,
        text: &str,
        sentence: Range<usize>,
        scratch: &mut Scratch,
        out: &mut Vec<Candidate>,
    ) -> Found {
        let raw = self.matchers[lang.index()].raw.holds(&text[sentence.clone()], false);
        self.candidates_via(lang, text, sentence, raw, scratch, out)
    }

    /// [`candidates`](Self::candidates) on the sentence as it is (`raw`, only
    /// when [`RawCheck::holds`]) or on its normalised copy.
    fn candidates_via(
        &self,
        lang: Lang,
        text: &str,
        sentence: Range<usize>,
        raw: bool,
        scratch: &mut Scratch,
        out: &mut Vec<Candidate>,
    ) -> Found {
        let base = sentence.start;
        let s = &text[sentence];
        let m = &self.matchers[lang.index()];
        let mut found = Found::default();
        let latin = lang.is_latin();
        let mut push = |cs: usize, ce: usize, pid: usize| {
            let Some(&pid) = m.canon.get(pid) else { return };
            let pid = pid as usize;
            found.service |= m.kinds[pid] & 1 != 0;
            found.symptom |= m.kinds[pid] & 2 != 0;
            if !latin || glued_edges(lang, m.chars[pid], m.vocab[pid], s, cs, ce) == 0 {
                out.push(Candidate { start: cs as u32, end: ce as u32, pattern: pid as u32 });
            }
        };
        if raw {
            let mut folded = std::mem::take(&mut scratch.folded);
            m.ac.overlapping(m.haystack(lang, s, &mut folded), |cs, ce, pattern| {
                if whole_chars(s, cs, ce) {
                    push(cs, ce, pattern)
                }
            });
            scratch.folded = folded;
            return found;
        }
        scratch.norm.clear();
        scratch.map.clear();
        normalize_into(s, base, &mut scratch.norm, &mut scratch.map);
        m.ac.overlapping(scratch.norm.as_bytes(), |ns, ne, pattern| {
            if pattern >= m.canon.len() {
                return;
            }
            let cs = scratch.map[ns] as usize - base;
            let last = scratch.map[ne - 1] as usize - base;
            let ce = last + s[last..].chars().next().map_or(1, char::len_utf8);
            push(cs, ce, pattern);
        });
        found
    }
}

/// Where a Latin name at `start..end` of `s` (of `chars` chars; `vocab`:
/// naming vocabulary) is glued to the letters around it so that
/// [`aligned`](super::resolve::aligned) cannot accept it there:
/// [`GLUED_START`] and [`GLUED_END`]. Glued means an ASCII letter or digit
/// on both sides of the edge: no word boundary
/// (UAX #29). Only names of four chars or more carry affixes: English and
/// German endings, Indonesian prefixes and suffixes, German compound heads
/// before vocabulary. The affix read here is the run of ASCII letters and
/// digits beside the name; the word may reach further, past a char that is
/// no ASCII letter or digit, and then its affix is none of the (ASCII
/// letter) affixes either. A glued name is no hit, so no candidate.
pub(super) fn glued_edges(lang: Lang, chars: u32, vocab: bool, s: &str, start: usize, end: usize) -> u8 {
    let b = s.as_bytes();
    let glued = |at: usize| b[at - 1].is_ascii_alphanumeric() && b[at].is_ascii_alphanumeric();
    let mut edges = 0;
    if start > 0 && glued(start) {
        let carries = chars >= 4
            && match lang {
                Lang::De => vocab,
                Lang::Id => {
                    let from = b[..start].iter().rposition(|x| !x.is_ascii_alphanumeric()).map_or(0, |i| i + 1);
                    lowercase(&s[from..start], |before| prefix_ok(lang, before))
                }
                _ => false,
            };
        if !carries {
            edges |= GLUED_START;
        }
    }
    if end < b.len() && glued(end) {
        let to = b[end..].iter().position(|x| !x.is_ascii_alphanumeric()).map_or(b.len(), |i| end + i);
        if !(chars >= 4 && lowercase(&s[end..to], |rest| inflection_ok(lang, rest))) {
            edges |= GLUED_END;
        }
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        LexiconSource::embedded().expect("embedded dictionary").build_automata().expect("automata")
    }

    /// The bits for common chars say what the full check says.
    #[test]
    fn raw_check_bits_agree() {
        let lx = lexicon();
        for m in &lx.matchers {
            for c in (0..0x3000).filter_map(char::from_u32) {
                assert_eq!(m.raw.char_ok_fast(c), m.raw.char_ok(c), "{c:?}");
            }
        }
    }

    /// Sentences that need no normalising give the same candidates as
    /// text and as its normalised copy.
    #[test]
    fn matching_as_is_equals_matching_normalised() {
        let lx = lexicon();
        let sentences = [
            (
                Lang::De,
                "STÖRUNG bei Microsoft Teams: Nutzer können sich nicht anmelden – Ausfall dauerte zwei Stunden.",
            ),
            (Lang::De, "Die Störung bei der Deutschen Telekom betraf Kunden in München und Düsseldorf."),
            (Lang::De, "Großstörung: Zugriff auf Outlook ist gestört, die Server-Überlastung behoben."),
            (Lang::En, "Microsoft’s Outlook went DOWN — users couldn’t log in to Teams or OneDrive."),
            (Lang::En, "AWS outage: EC2 and S3 errors hit Slack, Zoom (video) and Disney+ for hours."),
            (Lang::Id, "Gangguan WhatsApp: pengguna tidak bisa mengirim pesan, layanan BCA mobile error."),
            (Lang::Ko, "카카오톡 먹통… 메시지 전송 장애로 이용자들이 불편을 겪었다."),
            (Lang::Zh, "微信宕机（部分用户），无法登录：官方称已修复。"),
        ];
        for (lang, s) in sentences {
            assert!(lx.matchers[lang.index()].raw.holds(s, false), "{s}");
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let mut scratch = Scratch::default();
            lx.candidates_via(lang, s, 0..s.len(), true, &mut scratch, &mut a);
            lx.candidates_via(lang, s, 0..s.len(), false, &mut scratch, &mut b);
            let key = |v: &Vec<Candidate>| {
                let mut k: Vec<_> = v.iter().map(|c| (c.start, c.end, c.pattern)).collect();
                k.sort_unstable();
                k
            };
            assert!(!a.is_empty(), "{s}");
            assert_eq!(key(&a), key(&b), "{s}");
        }
    }

    /// One pass over a whole text finds, per sentence, what matching each
    /// sentence finds.
    #[test]
    fn one_pass_equals_sentence_by_sentence() {
        let lx = lexicon();
        let text = "Outlook down: Microsoft Teams users cannot log in.\nThe outage hit Europe. Azure status page \
                    says the issue is resolved.\nGmail and Google Drive were not affected";
        let sentences = crate::segment::sentences(text);
        let scan = lx.scan_text(Lang::En, text).expect("no normalising needed");
        assert!(scan.may_report());
        let (mut a, mut spans_a) = (Vec::new(), Vec::new());
        scan.assign(&sentences, &mut a, &mut spans_a);
        let (mut b, mut spans_b) = (Vec::new(), Vec::new());
        let mut scratch = Scratch::default();
        for r in &sentences {
            let start = b.len();
            lx.candidates(Lang::En, text, r.clone(), &mut scratch, &mut b);
            spans_b.push(start..b.len());
        }
        let key = |v: &[Candidate]| {
            let mut k: Vec<_> = v.iter().map(|c| (c.start, c.end, c.pattern)).collect();
            k.sort_unstable();
            k
        };
        assert_eq!(spans_a.len(), spans_b.len());
        for (x, y) in spans_a.iter().zip(&spans_b) {
            assert_eq!(key(&a[x.clone()]), key(&b[y.clone()]));
        }
        assert!(lx.scan_text(Lang::En, "Weather: sunny, 25 degrees.").is_some_and(|s| !s.may_report()));
    }

    /// The eight-chain scan of a long haystack reports what aho-corasick's own
    /// overlapping search does, in the same order.
    #[test]
    fn split_scan_equals_one_scan() {
        use proptest::prelude::*;
        let words = ["outage", "out", "tag", "age", "ausfall", "all", "störung", "rung", "a", "ge ou"];
        let dfa = aho_corasick::dfa::Builder::new().ascii_case_insensitive(true).build(words).expect("dfa");
        let ac = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(words).expect("ac");
        let piece = prop::sample::select(vec!["outage", "Out", "tAG", "ausfall", "Störung", " ", "x", "ge ", "a"]);
        let config = ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() };
        proptest!(config, |(pieces in prop::collection::vec(piece, 0..400))| {
            let hay = pieces.concat();
            let mut ours = Vec::new();
            overlapping(&dfa, hay.as_bytes(), |s, e, p| ours.push((s, e, p)));
            let theirs: Vec<_> =
                ac.find_overlapping_iter(&hay).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
            prop_assert_eq!(ours, theirs);
        });
    }

    /// The chained `occurs` says what aho-corasick's `is_match` says.
    #[test]
    fn occurs_as_is_match() {
        use proptest::prelude::*;
        let words = ["outage", "tag", "ausfall", "störung", "ge ou"];
        let dfa = aho_corasick::dfa::Builder::new().ascii_case_insensitive(true).build(words).expect("dfa");
        let ac = aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(words).expect("ac");
        let piece = prop::sample::select(vec!["outa", "ge", "Out", "tA", "G", "ausfall", "Störung", " ", "x", "ge "]);
        let config = ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() };
        proptest!(config, |(pieces in prop::collection::vec(piece, 0..400))| {
            let hay = pieces.concat();
            prop_assert_eq!(occurs(&dfa, hay.as_bytes()), ac.is_match(&hay));
        });
    }

    /// Text that normalising would change where names can match is not
    /// matched as it is.
    #[test]
    fn normalising_needed() {
        let lx = lexicon();
        let de = &lx.matchers[Lang::De.index()].raw;
        assert!(!de.holds("Störung  bei Outlook", false)); // two spaces
        assert!(!de.holds("Störung\tbei Outlook", false));
        assert!(!de.holds("Café-Störung", false)); // é folds to e
        assert!(de.holds("Störung bei Outlook\nAusfall", true));
        assert!(!de.holds("Störung bei Outlook\nAusfall", false));
    }
}
