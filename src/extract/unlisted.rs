//! Services the dictionary does not list, found by their slot: the name the
//! text gives to what is down, slow or unreachable.
//!
//! An unknown name is accepted only next to an outage word (or a
//! restoration "not reached yet", "belum juga pulih") of the same
//! sentence (PETRARCH2's lesson: open vocabulary anywhere else produces
//! nonsense), is at most [`MAX_WORDS`] words, and is never a word the
//! dictionary knows (a listed service, a region, an outage word, a cue), a
//! common word, a weekday or month, a channel or a place. The rules, per
//! language:
//!
//! - **Quoted names, every language.** A short quoted span (`‘던파’`,
//!   `「一码通」`, `„Studiport“`, `"Diablo 4"`, `<서든어택>`) in a sentence
//!   reporting a disruption, when it reads as a name (see each language)
//!   and stands in the slot before or after the outage word.
//! - **English.** A run of capitalised words (or a domain name, or an
//!   acronym) right before the outage word, past a few glue words
//!   ("Ticketmaster's site crashed", "TSB, HSBC and Barclays reported
//!   trouble", "MyGov website went down"), or right after it past a
//!   preposition ("an outage at Worldline", "problems with SIS"). A word the
//!   same text also writes in lower case is a common word.
//! - **Indonesian.** The same, with the service nouns of Indonesian news
//!   before the name ("aplikasi Sirekap", "layanan e-banking Bank Jambi",
//!   "server PPDB down", "gangguan pada DJP Online").
//! - **German.** Every noun is capitalised, so a name must also look like
//!   one: inner capitals or digits (`STiNE`, `Diablo 4`), a domain
//!   (`kaufhof.de`), quotes, or none of the endings of German common nouns;
//!   slots: the head of a compound with the outage word (`Eventim-Störung`),
//!   "Störung bei X", "Kunden der X", "Portale von X", and the names a
//!   list joins to one there ("die Portale von X und Y").
//! - **Korean.** The word before the outage word, past service nouns
//!   (서버, 앱, 홈페이지, 접속, ...), its particle cut off, when it looks like a
//!   name: Latin letters in it (`SK브로드밴드`), an institution's ending
//!   (은행, 공사, 뱅크, 대, ...) or quotes.
//! - **Chinese.** The Han run before the outage word inside its clause, past
//!   service nouns (系统, 服务器, 官网, APP) and adverbs, bounded on the left by
//!   punctuation or 的, when it looks like a name: quotes, Latin letters, an
//!   institution's ending (银行, 网, 通, 电信, ...); a verb of saying or
//!   using ("学生反映课堂通崩了") bounds it too. And the system crowds pour
//!   into: the run between "涌进"/"涌入"/"挤爆" and a service noun
//!   ("20万人涌进星海票务系统"). And a system named by its noun alone
//!   ("，系统一度瘫痪") in a sentence telling what opened (上线, 开放预订,
//!   开卖): the topic before the first date, time word or 于 of the
//!   sentence ("星河乐园年卡3日上午开放预约后"), not an event or a sale.
//! - **A name found once** in a slot counts again in any sentence that
//!   reports a disruption with it (a headline "课堂通：开学首日又卡顿"), as a
//!   dictionary name does ([`again`]), and so does the name inside a
//!   compound with a web service's noun ("Eventim" of "Eventim-Seite").
//!   There, a traffic surge ("der Andrang war so groß, dass Eventim ...")
//!   counts as the disruption, and an unlisted name is a named service for
//!   the words that need one ("Andrang", "down", "Panne": `ambiguous`).
//! - **A service back was down.** In Latin script, the slots of a
//!   restoration word count too ("Bei Kaufwerk und Preisfuchs waren die
//!   Shops wieder zugänglich", "Seatwise was back online"); a quoted phrase
//!   beside one does not.
//! - **Never** a name listed with a place ("Warga di Medan, Binjai, dan Deli
//!   Serdang": one place in the list makes it a list of places), nor one a comma parts from the outage word after it ("Menurut
//!   Nurhadi, gangguan ...": who speaks), nor, in English, one a
//!   description without a service noun follows ("PoodleCorp, a hacking
//!   group,"), nor a name past a comma or a closing quote after the outage
//!   word ("the issue,” Evans said"), unless "the" marks an organisation
//!   ("unavailable,” the Times wrote").

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::ops::Range;

use super::{IdMap, IdSet, Sentence};
use crate::language::Lang;
use crate::lexicon::{Cue, Hit, Kind};
use crate::normalize::lowercase;

/// The most words an unlisted name may have.
pub(crate) const MAX_WORDS: usize = 4;
/// The most bytes an unlisted name may have.
const MAX_BYTES: usize = 48;

/// Unlisted names are looked for in the sentences starting in the first
/// this many bytes of the cleaned text, and checked against (at most twice)
/// as much text.
const SCAN_BYTES: usize = 100_000;

/// The part of the text the checks read: its first `2 * SCAN_BYTES` bytes,
/// cut on a char boundary.
fn searched(text: &str) -> &str {
    let mut end = text.len().min(2 * SCAN_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A document's text, as the name checks read it (its first
/// `2 * SCAN_BYTES` bytes), with the indexes they need built once, on first
/// use: its words, which words it writes in lower case, where it
/// capitalises a word in the middle of a sentence, which words head a
/// hyphenated compound, and the answers of the few substring questions
/// asked of it.
pub(crate) struct Doc<'t> {
    text: &'t str,
    words: OnceCell<Vec<Word>>,
    lower: OnceCell<IdSet<&'t str>>,
    capitalised: OnceCell<IdMap<&'t str, Vec<usize>>>,
    heads: OnceCell<IdSet<&'t str>>,
    contains: RefCell<HashMap<String, bool>>,
}

impl<'t> Doc<'t> {
    /// The document's cleaned text.
    pub(crate) fn new(text: &'t str) -> Self {
        Doc {
            text: searched(text),
            words: OnceCell::new(),
            lower: OnceCell::new(),
            capitalised: OnceCell::new(),
            heads: OnceCell::new(),
            contains: RefCell::new(HashMap::new()),
        }
    }

    /// The words of the text (shared by the indexes below).
    fn words(&self) -> &[Word] {
        self.words.get_or_init(|| words(self.text, 0))
    }

    /// Whether `lower` is a word the text writes in lower case.
    fn written_lower(&self, lower: &str) -> bool {
        const MARKS: [char; 6] = ['-', '.', '\'', '’', '&', '_'];
        self.lower
            .get_or_init(|| {
                let mut set = IdSet::default();
                for w in self.words() {
                    let word = &self.text[w.range.clone()];
                    if !word.chars().any(char::is_uppercase) {
                        set.insert(word);
                        // (a word without marks splits into itself; a domain
                        // spells a name in lower case, "galeria.de")
                        if word.contains(MARKS) && !is_domain(word) {
                            set.extend(word.split(MARKS));
                        }
                    }
                }
                set
            })
            .contains(lower)
    }

    /// Whether `w` is capitalised in the middle of a sentence somewhere
    /// outside `not_in`: after a word in lower case, a comma, a colon or a bracket.
    fn capitalised_elsewhere(&self, w: &str, not_in: &Span) -> bool {
        let index = self.capitalised.get_or_init(|| {
            let mut map: IdMap<&str, Vec<usize>> = IdMap::default();
            let ws = self.words();
            for (i, w) in ws.iter().enumerate() {
                let word = &self.text[w.range.clone()];
                if !word.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                let gap_from = if i > 0 { ws[i - 1].range.end } else { 0 };
                let gap = self.text[gap_from..w.range.start]
                    .trim_end_matches(|c: char| c == ' ' || QUOTES.iter().any(|&(o, _)| o == c));
                let mid = match gap.chars().next_back() {
                    Some(c) => matches!(c, ',' | '(' | ':'),
                    None => i > 0 && self.text[ws[i - 1].range.clone()].chars().next().is_some_and(char::is_lowercase),
                };
                if mid {
                    map.entry(word).or_default().push(w.range.start);
                }
            }
            map
        });
        index.get(w).is_some_and(|at| at.iter().any(|a| !(not_in.start <= *a && *a < not_in.end)))
    }

    /// Whether `head` heads a hyphenated compound somewhere ("Eventim-Seite").
    fn heads_compound(&self, head: &str) -> bool {
        self.heads
            .get_or_init(|| {
                self.words().iter().filter_map(|w| self.text[w.range.clone()].split_once('-').map(|(h, _)| h)).collect()
            })
            .contains(head)
    }

    /// Whether the text contains `needle` (answers kept: the same names are asked about often).
    fn has(&self, needle: String) -> bool {
        if let Some(&known) = self.contains.borrow().get(&needle) {
            return known;
        }
        let found = self.text.contains(&needle);
        self.contains.borrow_mut().insert(needle, found);
        found
    }
}

impl std::ops::Deref for Doc<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        self.text
    }
}

/// Where an unlisted name stands, in cleaned-text offsets.
pub(crate) type Span = Range<usize>;

/// The unlisted names in the slots of one sentence's outage words. `live`
/// says which hits count (accepted, not negated).
pub(crate) fn names(lang: Lang, text: &Doc, s: &Sentence, live: impl Fn(usize) -> bool, restored: &[u32]) -> Vec<Span> {
    // a news article's names stand in its first pages (and the indexes of
    // `Doc` cover those)
    if s.range.start >= SCAN_BYTES || s.range.end > text.len() {
        return Vec::new();
    }
    let mut out: Vec<Span> = Vec::new();
    // outage words, and the weak trouble words ("trouble at TSB"): a name in
    // their slot is a name, though only a disruption makes it evidence
    let not_false_friend = |h: &Hit| {
        // not the outage word inside a false friend ("장애" in "장애인")
        !s.hits.iter().any(|d| d.kind == Kind::Cue(Cue::Distractor) && d.start <= h.start && h.end <= d.end)
    };
    let outage: Vec<&Hit> = s
        .hits
        .iter()
        .enumerate()
        .filter(|(i, h)| {
            // (a restoration not reached yet, "JakOne Mobile belum juga
            // pulih", tells of a disruption going on)
            let not_restored = || {
                h.kind == Kind::Status
                    && s.hits.iter().any(|c| {
                        c.kind == Kind::Cue(Cue::NotYet) && c.start < h.end && h.start <= c.end + 3 && c.end <= h.end
                    })
            };
            (matches!(h.kind, Kind::Symptom | Kind::Cue(Cue::Trouble)) || not_restored()) && live(*i)
        })
        .map(|(_, h)| h)
        .filter(|h| not_false_friend(h))
        .collect();
    // a service back was down ("bei X und Y waren die Shops wieder
    // zugänglich"): the slots of a restoration, in Latin script (where a
    // name looks like one), but not a quoted phrase's
    let back: Vec<&Hit> = if lang.is_latin() {
        s.hits
            .iter()
            .enumerate()
            .filter(|(i, h)| {
                h.kind == Kind::Status
                    && restored.contains(&h.entry)
                    && live(*i)
                    && !outage.iter().any(|o| std::ptr::eq(*o, *h))
            })
            .map(|(_, h)| h)
            .collect()
    } else {
        Vec::new()
    };
    let service_words: Vec<&Hit> = s.hits.iter().filter(|h| h.kind == Kind::Cue(Cue::ServiceWord)).collect();
    // "five airlines were hit: A, B and C": a list of victims
    // (every opener ends in a colon: most sentences have none)
    let victims = lang.is_latin() && {
        let sentence = &text[s.range.clone()];
        sentence.contains(':') && AFFECTED_LISTS.iter().any(|a| sentence.contains(a))
    };
    // Chinese crowds pouring into a system ("34萬人湧進宏碁售票系統"): the
    // name after the verb is the overwhelmed service's
    let poured: Vec<&Hit> = if lang == Lang::Zh {
        s.hits
            .iter()
            .filter(|h| h.kind == Kind::Cause && text[h.start..h.end].ends_with(['入', '进', '進', '爆']))
            .collect()
    } else {
        Vec::new()
    };
    if outage.is_empty()
        && back.is_empty()
        && poured.is_empty()
        && !victims
        && (service_words.is_empty() || s.weight <= 1.0)
    {
        return out;
    }
    // a dictionary word is no unlisted name, nor is the medium of a statement ("posted on X")
    // (the words of trouble are words: "Meltdown", "Panne")
    let known = |r: &Span| {
        s.hits.iter().any(|h| {
            let word = !matches!(h.kind, Kind::Cue(c) if !matches!(c, Cue::Channel | Cue::Distractor | Cue::Trouble | Cue::Generic));
            (word && h.start < r.end && r.start < h.end)
                || (h.kind == Kind::Cue(Cue::Channel) && (h.end <= r.start && r.start - h.end <= 2))
        })
    };
    // a place inside an organisation's name is part of the name ("Bank
    // Jambi", "Bank DKI", "Alaska Airlines", "British Airways")
    let in_bank = |r: &Span| {
        let (before, after) = (&text[s.range.start..r.start], &text[r.end..s.range.end]);
        let prev = before.trim_end().rsplit(' ').next().unwrap_or("");
        let next = after.strip_prefix(' ').and_then(|a| a.split(|c: char| !c.is_alphanumeric()).next()).unwrap_or("");
        prev == "Bank" || ORG_HEADS.contains(&next)
    };
    let known_latin = |r: &Span| {
        s.hits.iter().any(|h| {
            let word = !matches!(h.kind, Kind::Cue(c) if !matches!(c, Cue::Channel | Cue::Distractor | Cue::Trouble | Cue::Generic));
            let place_of_bank = h.kind == Kind::Region && in_bank(&(h.start..h.end));
            (word && !place_of_bank && h.start < r.end && r.start < h.end)
                || (h.kind == Kind::Cue(Cue::Channel) && (h.end <= r.start && r.start - h.end <= 2))
        })
    };
    let sentence = &text[s.range.clone()];
    let base = s.range.start;
    let words = words(sentence, base);
    match lang {
        Lang::En | Lang::Id | Lang::De => {
            for h in outage.iter().chain(&back) {
                latin_slots(lang, text, &words, h, &known_latin, &mut out);
            }
            if !back.is_empty() || outage.iter().any(|h| h.kind == Kind::Symptom) {
                latin_anywhere(lang, text, &words, &known, &mut out);
            }
            // (after a list opener a capital marks a name, colon or not)
            let mut lists = Vec::new();
            if victims || outage.iter().any(|h| h.kind == Kind::Symptom) {
                latin_lists(lang, text, &words, &known_latin, &mut lists);
            }
            // a name by its capital only: not the sentence's first word, nor
            // in a title-case headline, unless the text capitalises it elsewhere too
            let titled = title_case(text, &words);
            out.retain(|r| {
                let name = &text[r.clone()];
                let by_capital = name
                    .split_whitespace()
                    .all(|w| !w.chars().skip(1).any(|c| c.is_uppercase() || c.is_ascii_digit()) && !is_domain(w));
                // at the start of a sentence, a line, or after a dash or colon
                let prev = text[s.range.start..r.start]
                    .trim_end_matches(|c: char| c.is_whitespace() || QUOTES.iter().any(|&(o, _)| o == c))
                    .chars()
                    .next_back();
                let shaky = titled || prev.is_none_or(|c| !(c.is_alphanumeric() || matches!(c, ',' | '(')));
                !(by_capital && shaky) || name.split_whitespace().all(|w| text.capitalised_elsewhere(w, &s.range))
            });
            out.extend(lists);
            // "Warga di Medan, Binjai, dan Deli Serdang": a list with a place
            // in it is a list of places
            places_listed(text, s, &mut out);
            // "PoodleCorp, a hacking group,": a description that names no
            // service says what else the name is
            if lang == Lang::En {
                out.retain(|r| !described_otherwise(text, s, r));
            }
            // German: a plain capitalised word is a name only where German writes names
            if lang == Lang::De {
                out.sort_by_key(|r| r.start);
                // and the names a list joins to one in such a slot ("die
                // Portale von Nettoshop und Lipo")
                let mut kept: Vec<Span> = Vec::with_capacity(out.len());
                for r in out.drain(..) {
                    let listed = kept.last().is_some_and(|k| {
                        let between = text.get(k.end..r.start).unwrap_or("").trim();
                        between == "," || list_joiner(between)
                    });
                    if listed || german_name_slot(text, &r) {
                        kept.push(r);
                    }
                }
                out = kept;
            }
        }
        Lang::Ko => {
            for h in &outage {
                korean_slot(text, &words, h, &known, &mut out);
            }
        }
        Lang::Zh => {
            chinese_names(text, &s.range, &outage, &known, &mut out);
            chinese_objects(text, &s.range, &poured, &known, &mut out);
        }
    }
    // in the headline and the lead, the name a service noun introduces is
    // the article's subject ("der Streamingdienst Dazn", "the ticketing site
    // Ticketmaster", "aplikasi Sirekap", "게임 '던파'", "健康码「一码通」")
    if s.weight > 1.0 {
        appositions(lang, text, &words, &service_words, &known_latin, &mut out);
    }
    // "Worldline, the French payment processor, said ...": anywhere, in a
    // sentence about the outage
    if lang == Lang::En && !outage.is_empty() {
        described_names(text, &words, &service_words, &known_latin, &mut out);
    }
    let anchors: Vec<&Hit> = outage.iter().chain(service_words.iter().filter(|_| s.weight > 1.0)).copied().collect();
    quoted(lang, text, s, &anchors, &known, &mut out);
    out.sort_by_key(|r| (r.start, r.end));
    out.dedup();
    // a name inside another found here is the same name
    let copy = out.clone();
    out.retain(|r| !copy.iter().any(|o| o != r && o.start <= r.start && r.end <= o.end));
    out
}

/// A word of a sentence: letters, digits and the marks inside names
/// (`Tiket.com`, `e-Banking`, `H&M`, `Sainsbury’s`), in text offsets.
#[derive(Debug, Clone)]
struct Word {
    range: Span,
    /// Whether a comma, colon or other clause mark stands right before it.
    comma_before: bool,
}

fn words(sentence: &str, base: usize) -> Vec<Word> {
    // about one word in six bytes of prose
    let mut out = Vec::with_capacity(sentence.len() / 6 + 1);
    let mut start: Option<usize> = None;
    let mut comma = false;
    let inner = |c: char| matches!(c, '-' | '.' | '&' | '\'' | '’' | '_');
    // the char at byte `i`: ASCII read as a byte, the rest decoded
    let bytes = sentence.as_bytes();
    let char_at = |i: usize| match bytes.get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => sentence[i..].chars().next(),
        None => None,
    };
    let mut next = 0;
    while let Some(c) = char_at(next) {
        // a run of ASCII letters and digits is part of a word, whatever
        // follows: passed over in one loop
        if c.is_ascii_alphanumeric() {
            start.get_or_insert(next);
            next += bytes[next..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            continue;
        }
        let i = next;
        next += c.len_utf8();
        let after = char_at(next);
        // a possessive's apostrophe ends the name: "Acme's outage" reads "Acme", "s"
        let possessive =
            matches!(c, '\'' | '’') && after == Some('s') && !char_at(next + 1).is_some_and(char::is_alphanumeric);
        let part = c.is_alphanumeric()
            || (start.is_some() && inner(c) && after.is_some_and(char::is_alphanumeric) && !possessive);
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push(Word { range: base + st..base + i, comma_before: comma });
                comma = false;
                start = None;
            }
            _ => {}
        }
        if !part
            && matches!(
                c,
                '-' | '|' | '·' | ',' | ';' | ':' | '，' | '；' | '：' | '、' | '(' | ')' | '（' | '）' | '—' | '–'
            )
        {
            comma = true;
        }
    }
    if let Some(st) = start {
        out.push(Word { range: base + st..base + sentence.len(), comma_before: comma });
    }
    out
}

// ---- Latin-script languages --------------------------------------------

/// Words between a name and the outage word after it ("TSB's website
/// crashed", "Sirekap tidak bisa diakses", "Eventim-Seite war nicht erreichbar").
fn glue_before(lang: Lang, w: &str) -> bool {
    lowercase(w, |w| glue_before_lower(lang, w))
}

/// [`glue_before`] of a word in lower case.
#[rustfmt::skip]
fn glue_before_lower(lang: Lang, w: &str) -> bool {
    let common = matches!(
        w,
        "app" | "apps" | "website" | "websites" | "site" | "sites" | "server" | "servers" | "online" | "portal"
        | "system"
    );
    common
        || match lang {
            Lang::En => matches!(
                w,
                "s" | "is"
                    | "was" | "were" | "are" | "has" | "have" | "had" | "been" | "went" | "also" | "briefly"
                    | "temporarily" | "partially" | "completely" | "still" | "reportedly" | "suffered"
                    | "experienced" | "reported" | "each" | "all" | "both" | "hit" | "by" | "an" | "a" | "the"
                    | "major" | "massive" | "widespread" | "global" | "systems" | "services" | "service" | "network"
                    | "platform" | "mobile" | "banking" | "customers" | "users" | "facing" | "faced" | "saw"
                    | "sees" | "suffers" | "experiences" | "experiencing" | "suffering" | "with" | "and" | "its"
                    | "their" | "booking" | "ticketing" | "web" | "page" | "homepage" | "apps’" | "from" | "seem"
                    | "seems" | "seemed" | "appear" | "appears" | "appeared" | "to" | "behind" | "powering"
                    | "running" | "game" | "games" | "store" | "shop" | "checkout" | "login" | "email" | "e-mail"
                    | "internet" | "broadband" | "first" | "second" | "third" | "fourth" | "latest" | "another"
                    | "biggest" | "recent" | "payment" | "payments" | "huge" | "big" | "large" | "serious"
                    | "severe" | "brief" | "lengthy" | "long" | "nationwide" | "partial" | "significant"
                    | "unexpected" | "extended" | "total" | "complete" | "technical" | "left"
            ),
            Lang::Id => matches!(
                w,
                "sempat" | "juga" | "masih" | "kembali" | "mengalami" | "sedang" | "tengah" | "telah" | "sudah"
                | "yang" | "tiba" | "mendadak" | "sering" | "kerap" | "benar" | "belum" | "sistem" | "layanan"
                | "aplikasi" | "situs" | "laman" | "web" | "mobile" | "akun" | "jaringan" | "error" | "hari" | "ini"
            ),
            Lang::De => matches!(
                w,
                "ist" | "war" | "sind" | "waren" | "wurde" | "wurden" | "hat" | "hatte" | "auch" | "zeitweise"
                | "komplett" | "teilweise" | "stundenlang" | "erneut" | "wieder" | "noch" | "seite" | "website"
                | "webseite" | "plattform" | "onlineshop" | "shop" | "shops" | "dienst" | "dienste" | "netz"
                | "seit" | "derzeit" | "aktuell" | "massive" | "massiven" | "großen" | "groß"
            ),
            _ => false,
        }
}

/// Words between the outage word and a name after it ("an outage at
/// Worldline", "gangguan pada layanan DJP Online", "Störung bei der Sparda-Bank").
fn glue_after(lang: Lang, w: &str) -> bool {
    lowercase(w, |w| glue_after_lower(lang, w))
}

/// [`glue_after`] of a word in lower case.
#[rustfmt::skip]
fn glue_after_lower(lang: Lang, w: &str) -> bool {
    match lang {
        Lang::En => matches!(
            w,
            "at" | "on"
                | "of" | "for" | "with" | "hit" | "hits" | "hitting" | "affecting" | "affected" | "across" | "to"
                | "the" | "hampered" | "plagued" | "disrupted" | "crippled" | "knocked" | "took" | "taking" | "app"
                | "website" | "site" | "portal" | "online" | "its" | "banking" | "mobile" | "centered" | "centred"
                | "involving" | "struck"
        ),
        Lang::Id => matches!(
            w,
            "pada" | "di" | "dari" | "terhadap" | "layanan" | "aplikasi" | "situs" | "laman" | "server" | "sistem"
            | "website" | "web" | "portal" | "akses" | "mengakses" | "membuka" | "jaringan" | "transaksi"
            | "e-banking" | "mobile" | "banking" | "internet" | "yang" | "dialami" | "melanda" | "menimpa"
            | "sebuah" | "situsweb" | "online" | "daring" | "platform" | "pengguna" | "nasabah" | "pelanggan"
        ),
        Lang::De => matches!(
            w,
            "bei" | "beim" | "von" | "vom" | "der" | "des" | "dem" | "den" | "die" | "das" | "im" | "auf" | "mit"
            | "kunden" | "nutzer" | "portal" | "portale" | "plattform" | "seite" | "website" | "webseite"
            | "onlineshop" | "app" | "server" | "system" | "dienst" | "dienste" | "für" | "zu"
        ),
        _ => false,
    }
}

/// What [`latin_stop`] trims off a word's end (a possessive's "'s").
const LATIN_STOP_TRIM: [char; 3] = ['\'', '’', 's'];

/// Capitalised words that are no names: function words at a sentence's
/// start, weekdays, months, titles, pronouns, generic nouns of the news.
fn latin_stop(lang: Lang, w: &str) -> bool {
    lowercase(w, |l| latin_stop_lowered(lang, l))
}

/// [`latin_stop`] of a word already in lower case: without its `'s`, and a
/// stop word's contraction is one too ("I'm", "We're", "It’ll").
fn latin_stop_lowered(lang: Lang, l: &str) -> bool {
    let head = l.split(['\'', '’']).next().unwrap_or(l);
    latin_stop_lower(lang, l.trim_end_matches(LATIN_STOP_TRIM))
        || (head.len() < l.len() && latin_stop_lower(lang, head))
}

/// [`latin_stop`] of a word in lower case, without its `'s`.
#[rustfmt::skip]
fn latin_stop_lower(lang: Lang, l: &str) -> bool {
    let any = matches!(
        l,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" | "january" | "february"
        | "march" | "april" | "may" | "june" | "july" | "august" | "september" | "october" | "november" | "december"
        | "mr" | "mrs" | "ms" | "dr" | "update" | "updated" | "breaking" | "live" | "news" | "photo" | "foto"
        | "video" | "read" | "also" | "advertisement" | "it" | "ceo" | "ai" | "us" | "uk" | "eu" | "pt" | "atm"
        | "sms" | "dns" | "api" | "cdn" | "isp" | "pc" | "tv" | "ok" | "wib" | "wita" | "wit" | "utc" | "gmt"
        | "est" | "pst" | "cet" | "cest" | "mez" | "kst" | "am" | "pm" | "internet" | "online" | "app" | "website"
        | "ddos" | "covid" | "covid-19" | "http" | "https" | "www" | "error" | "server" | "it-chaos"
        | "downdetector" | "detector" | "allestörungen" | "status" | "statuspage" | "twitter" | "facebook"
        | "instagram" | "reddit"
    );
    any || match lang {
        Lang::En => matches!(
            l,
            "the" | "a" | "an" | "on" | "in" | "at" | "and" | "but" | "or" | "if" | "when" | "while" | "as" | "this"
            | "that" | "these" | "those" | "there" | "their" | "they" | "we" | "our" | "he" | "she" | "his" | "her"
            | "i" | "you" | "your" | "its" | "some" | "many" | "most" | "all" | "after" | "before" | "since"
            | "during" | "for" | "from" | "with" | "by" | "of" | "to" | "users" | "customer" | "customers"
            | "people" | "fans" | "students" | "shoppers" | "passengers" | "officials" | "company" | "government"
            | "no" | "not" | "yes" | "what" | "why" | "how" | "who" | "where" | "outage" | "outages" | "down"
            | "problems" | "issues" | "one" | "two" | "three" | "several" | "other" | "others" | "then" | "now"
            | "today" | "yesterday" | "however" | "meanwhile" | "earlier" | "later" | "still" | "even" | "just"
            | "according" | "reports" | "report" | "reuters" | "ap" | "afp" | "bloomberg" | "cnn" | "bbc" | "file"
            | "image" | "getty" | "images" | "twitter" | "x" | "downdetector" | "global" | "massive" | "tech"
            | "it's" | "it’s" | "banks" | "airlines" | "carriers" | "retailers" | "stores" | "state" | "federal"
            | "national" | "new" | "first" | "second" | "last" | "technical" | "system" | "systems" | "service"
            | "services" | "site" | "sites" | "network" | "payment" | "payments" | "full" | "partial" | "red"
            | "orange" | "yellow" | "green" | "major"
        ),
        Lang::Id => matches!(
            l,
            "yang" | "dan" | "di" | "ke" | "dari" | "pada" | "ini" | "itu" | "untuk" | "dengan" | "karena" | "saat"
            | "ketika" | "sejak" | "hingga" | "sampai" | "namun" | "tetapi" | "tapi" | "sementara" | "selain"
            | "para" | "sejumlah" | "banyak" | "warga" | "nasabah" | "pengguna" | "pelanggan" | "masyarakat"
            | "netizen" | "warganet" | "senin" | "selasa" | "rabu" | "kamis" | "jumat" | "jum'at" | "sabtu"
            | "minggu" | "januari" | "februari" | "maret" | "mei" | "juni" | "juli" | "agustus" | "oktober"
            | "desember" | "baca" | "juga" | "jakarta" | "kompas" | "com" | "liputan6" | "detik" | "tribun"
            | "antara" | "kata" | "menurut" | "bapak" | "ibu" | "pak" | "bu" | "kepala" | "direktur" | "dirut"
            | "menteri" | "gubernur" | "bupati" | "wali" | "kota" | "provinsi" | "kabupaten" | "dinas"
            | "pemerintah" | "server" | "sistem" | "layanan" | "aplikasi" | "situs" | "laman" | "kemarin" | "hari"
            | "pagi" | "siang" | "sore" | "malam" | "sempat" | "gangguan" | "akibat" | "pihak" | "tim" | "ia"
            | "mereka" | "kami" | "kita" | "saya" | "admin" | "pt" | "tbk" | "humas" | "sebelumnya" | "kini"
            | "online" | "daring" | "indonesia"
        ),
        Lang::De => matches!(
            l,
            "der" | "die" | "das" | "den" | "dem" | "des" | "ein" | "eine" | "einer" | "eines" | "einem" | "einen"
            | "und" | "oder" | "aber" | "auch" | "am" | "im" | "in" | "an" | "auf" | "bei" | "beim" | "seit"
            | "nach" | "vor" | "von" | "vom" | "mit" | "wie" | "wer" | "was" | "wenn" | "als" | "dass" | "es" | "er"
            | "sie" | "wir" | "ihr" | "man" | "dieser" | "diese" | "dieses" | "doch" | "schon" | "noch" | "nur"
            | "so" | "zum" | "zur" | "kunden" | "kundinnen" | "nutzer" | "nutzerinnen" | "user" | "montag"
            | "dienstag" | "mittwoch" | "donnerstag" | "freitag" | "samstag" | "sonntag" | "januar" | "februar"
            | "märz" | "mai" | "juni" | "juli" | "oktober" | "dezember" | "uhr" | "heute" | "gestern" | "morgen"
            | "abend" | "nacht" | "update" | "probleme" | "problem" | "störung" | "ausfall" | "panne" | "seite"
            | "website" | "webseite" | "server" | "system" | "systeme" | "netz" | "dienst" | "dienste" | "app"
            | "apps" | "plattform" | "portal" | "shop" | "onlineshop" | "bank" | "banken" | "firma" | "unternehmen"
            | "anbieter" | "sprecher" | "sprecherin" | "laut" | "zudem" | "allerdings" | "jedoch" | "tausende"
            | "viele" | "zahlreiche" | "mehrere" | "alle" | "deutschland" | "dpa" | "afp" | "foto" | "bild"
            | "quelle" | "twitter" | "internet" | "handy" | "mobilfunk" | "festnetz" | "telefon" | "schweiz"
            | "österreich" | "kurz" | "stundenlang" | "zeitweise" | "fans" | "studierende" | "zugang"
        ),
        _ => false,
    }
}

/// Whether a Latin-script word can be (part of) a name.
fn latin_name_word(lang: Lang, text: &Doc, w: &str, first: bool, quoted: bool) -> bool {
    latin_name_word_with(lang, text, w, first, quoted, false)
}

/// [`latin_name_word`]; `loose`: a word the text also writes in lower case
/// may still stand inside a longer name ("Pokemon Go", "Capital One").
#[rustfmt::skip]
fn latin_name_word_with(lang: Lang, text: &Doc, w: &str, first: bool, quoted: bool, loose: bool) -> bool {
    // (the word's lower case made once for the checks below)
    lowercase(w, |lower| latin_name_word_lower(lang, text, w, lower, first, quoted, loose))
}

/// [`latin_name_word_with`], given the word in lower case.
#[rustfmt::skip]
fn latin_name_word_lower(lang: Lang, text: &Doc, w: &str, lower: &str, first: bool, quoted: bool, loose: bool) -> bool {
    let mut cs = w.chars();
    let Some(c0) = cs.next() else { return false };
    if latin_stop_lowered(lang, lower) {
        return false;
    }
    // generic compounds ("Online-Banking", "Internet-Seite") and places
    let generic = |l: &str| {
        ["online", "internet", "mobile", "e-mail", "email", "it-", "ki-"].iter().any(|p| l.starts_with(p) && l.len() > p.len())
        || (lang == Lang::Id
            && matches!(
                l,
                "jawa" | "sumatera" | "sumatra" | "kalimantan" | "sulawesi" | "papua" | "bali" | "nusa" | "daerah"
                | "istimewa" | "provinsi" | "kota" | "kabupaten" | "jabodetabek" | "yogyakarta" | "surabaya"
                | "bandung" | "medan"
            ))
    };
    if generic(lower) {
        return false;
    }
    let domain = is_domain(w);
    let inner_cap =
        w.chars().skip(1).any(|c| c.is_uppercase()) || (c0.is_lowercase() && w.chars().any(|c| c.is_uppercase()));
    let digit = w.chars().any(|c| c.is_ascii_digit());
    if digit && !first && w.chars().all(|c| c.is_ascii_digit()) && w.len() <= 2 {
        return true; // "Diablo 4"
    }
    if !(c0.is_uppercase() || domain || (inner_cap && c0.is_lowercase())) {
        return false;
    }
    if w.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    if lang == Lang::De && !(inner_cap || domain || digit || quoted) && german_common_noun_lower(lower) {
        return false;
    }
    // a word the text also writes in lower case is a common word
    if !loose && !domain && !inner_cap && c0.is_uppercase() && lower != w && text.written_lower(lower) {
        return false;
    }
    true
}

fn is_domain(w: &str) -> bool {
    let Some((head, tld)) = w.rsplit_once('.') else { return false };
    !head.is_empty()
        && head.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
        // (ASCII letters only: `to_lowercase` would also fold the Kelvin sign)
        && tld.is_ascii()
        && lowercase(tld, |tld| matches!(
            tld,
            "com" | "de" | "id" | "kr" | "cn" | "ch" | "at" | "net" | "org" | "io" | "co" | "uk" | "gov" | "tw" | "hk"
        ))
}

/// German names: inner capitals, digits or a domain (`STiNE`, `Diablo 4`,
/// `kaufhof.de`); or a plain word in a name's slot: after "bei", "beim",
/// "von", "vom", "Kunden der", or as the head of a compound with a hyphen
/// (`Eventim-Seite`, `Manor-Sprecherin`) somewhere in the text.
fn german_name_slot(text: &Doc, r: &Span) -> bool {
    let name = &text[r.clone()];
    if name.chars().skip(1).any(|c| c.is_uppercase() || c.is_ascii_digit()) || is_domain(name) {
        return true;
    }
    let before = text[..r.start].trim_end();
    let prev = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if matches!(prev, "bei" | "von" | "Bei" | "Von") {
        return true;
    }
    let quoted = text[..r.start].chars().next_back().is_some_and(|c| QUOTES.iter().any(|&(o, _)| o == c));
    quoted || text.heads_compound(name)
}

/// German common nouns by their endings (names rarely carry them).
#[rustfmt::skip]
fn german_common_noun(w: &str) -> bool {
    lowercase(w, german_common_noun_lower)
}

/// [`german_common_noun`] of a word in lower case.
#[rustfmt::skip]
fn german_common_noun_lower(l: &str) -> bool {
    [
        "ung", "ungen", "heit", "keit", "schaft", "ion", "ionen", "tät", "nis", "ismus", "ment", "enz", "anz", "ik",
        "ie", "er", "en", "e", "el", "chen", "lein", "tum", "ling", "ur", "or", "ei", "ten", "te", "ste", "ern",
    ]
    .iter()
    .any(|s| l.ends_with(s) && l.len() > s.len() + 2)
}

/// A name's words, from word `i` walking left (`dir` -1) or right (`dir` 1).
fn take_name(
    lang: Lang,
    text: &Doc,
    words: &[Word],
    i: usize,
    left: bool,
    known: &impl Fn(&Span) -> bool,
) -> Option<Span> {
    // the words taken, in the order taken (at most MAX_WORDS: no allocation)
    let mut slots = [0usize; MAX_WORDS];
    let mut n = 0;
    let mut k = i as isize;
    while k >= 0 && (k as usize) < words.len() && n < MAX_WORDS {
        let w = &words[k as usize];
        let s = &text[w.range.clone()];
        if known(&w.range) {
            break;
        }
        // "Access by KAI": a small joining word inside a name
        let joiner = matches!(s, "by" | "of" | "&") && n > 0;
        if !(joiner || latin_name_word_with(lang, text, s, n == 0, false, true)) {
            break;
        }
        // a comma between words ends the name ("TSB, HSBC")
        if n > 0 {
            let (a, b) = if left { (k as usize, slots[n - 1]) } else { (slots[n - 1], k as usize) };
            if words[b].comma_before || b != a + 1 {
                break;
            }
        }
        slots[n] = k as usize;
        n += 1;
        k += if left { -1 } else { 1 };
    }
    // no joining word at either end
    while n > 0 && matches!(&text[words[slots[n - 1]].range.clone()], "by" | "of" | "&") {
        n -= 1;
    }
    let taken = &slots[..n];
    // one word of it at least is no common word
    if !taken.iter().any(|&t| latin_name_word(lang, text, &text[words[t].range.clone()], true, false)) {
        return None;
    }
    let (lo, hi) = (*taken.iter().min()?, *taken.iter().max()?);
    let span = words[lo].range.start..words[hi].range.end;
    // a lone short number or a lone word under two letters is no name
    let name = &text[span.clone()];
    // a generic word alone ("Bank") names nothing
    let generic = lowercase(name, |l| matches!(l, "bank" | "banken" | "the bank" | "online"));
    (!generic && name.chars().filter(|c| c.is_alphanumeric()).count() >= 2 && span.len() <= MAX_BYTES).then_some(span)
}

/// Heads of German and English compounds that make the word a service's
/// name ("Sparda-Bank", "Ausweis-App", "Eventim-Seite").
#[rustfmt::skip]
const SERVICE_HEADS: &[&str] = &[
    "Bank", "Banken", "App", "Portal", "Plattform", "Shop", "Onlineshop", "Website", "Webseite", "Seite",
    "Konto", "Store",
];

/// Names that stand anywhere in a sentence reporting a disruption, so
/// plainly are they names: words with capitals inside (`STiNE`, `MyGov`,
/// `JakOne`), compounds with a service's head (`Sparda-Bank`, `Ausweis-App`),
/// and in German, where the verb puts the outage word far from its subject,
/// the name after "bei", "beim", "von", "vom".
fn latin_anywhere(lang: Lang, text: &Doc, words: &[Word], known: &impl Fn(&Span) -> bool, out: &mut Vec<Span>) {
    for (i, w) in words.iter().enumerate() {
        let word = &text[w.range.clone()];
        // (not "beim", "vom": a noun follows them, "beim Ausbau", "vom Netz")
        if lang == Lang::De && i + 1 < words.len() && matches!(word, "bei" | "von" | "Bei") {
            name_list(lang, text, words, i + 1, known, out);
        }
        // only words with capitals inside or a hyphen can stand anywhere
        if !word.contains('-') && !upper_inside(word) {
            continue;
        }
        if known(&w.range) || latin_stop(lang, word) {
            continue;
        }
        // (not a handle or a status or news account: "@ShopeeID", "MSFT365Status", "DDTCNews")
        let account = ["Status", "News", "Down", "Detector", "Times", "Post", "Daily", "Online", "Help", "Support"]
            .iter()
            .any(|a| word.contains(a))
            || text[..w.range.start].ends_with('@');
        let camel = !word.contains(['-', '.'])
            && !account
            && word.chars().count() >= 4
            && word.chars().any(char::is_lowercase)
            && word.chars().skip(1).any(char::is_uppercase)
            && word.chars().next().is_some_and(|c| c.is_alphabetic());
        let headed = word.rsplit_once('-').is_some_and(|(head, tail)| {
            SERVICE_HEADS.contains(&tail)
                && head.chars().next().is_some_and(char::is_uppercase)
                && head.chars().any(char::is_lowercase)
                && !latin_stop(lang, head)
                && !(lang == Lang::De && german_common_noun(head))
        });
        if (camel && latin_name_word(lang, text, word, true, false)) || headed {
            out.push(w.range.clone());
        }
    }
}

/// Whether a char after the first of `word` is upper case: the bytes are
/// asked first, and the chars only when a byte may begin one that is not
/// ASCII.
fn upper_inside(word: &str) -> bool {
    let b = word.as_bytes();
    b.iter().skip(1).any(|&x| x.is_ascii_uppercase() || !x.is_ascii()) && word.chars().skip(1).any(char::is_uppercase)
}

/// Words that end an organisation's name after a place ("Alaska Airlines").
const ORG_HEADS: &[&str] =
    &["Bank", "Airlines", "Airways", "Air", "Telecom", "Telekom", "Railway", "Railways", "Rail", "Post", "Broadband"];

/// The openers of a list of victims, which name them without an outage word
/// (searched in the sentence).
const AFFECTED_LISTS: &[&str] = &["hit:", "affected:", "Affected:", "betroffen:", "Betroffen:", "terdampak:"];

/// Words that introduce the victims of an outage as a list of names ("sites
/// such as X and Y", "hit: X, Y and Z", "misalnya X dan Y", "darunter X und
/// Y"), word by word; a trailing `:` wants the colon right after the word.
#[rustfmt::skip]
const LIST_OPENERS: &[&[&str]] = &[
    &["such", "as"], &["including"], &["among", "them"], &["like"], &["hit:"], &["affected:"],
    &["affected", "include"], &["affected", "were"],
    &["seperti"], &["termasuk"], &["misalnya"], &["antara", "lain"], &["di", "antaranya"], &["yakni"], &["yaitu"],
    &["terdampak:"],
    &["darunter"], &["etwa"], &["beispielsweise"], &["unter", "anderem"], &["betroffen:"], &["betroffen", "waren"],
    &["betroffen", "sind"],
];

/// A list of names after one of [`LIST_OPENERS`] in a sentence reporting a
/// disruption: each name, while they are joined by commas or "and".
fn latin_lists(lang: Lang, text: &Doc, words: &[Word], known: &impl Fn(&Span) -> bool, out: &mut Vec<Span>) {
    for i in 0..words.len() {
        // openers start with a lower-case letter
        if !text.as_bytes()[words[i].range.start].is_ascii_lowercase() {
            continue;
        }
        // most words open no list: one comparison rules them out
        if !opens_list(&text[words[i].range.clone()]) {
            continue;
        }
        let opener = LIST_OPENERS.iter().find(|parts| {
            parts.iter().enumerate().all(|(k, p)| {
                let Some(w) = words.get(i + k) else { return false };
                let (p, colon) = p.strip_suffix(':').map_or((*p, false), |p| (p, true));
                // "hit:" wants the colon right after the word
                text[w.range.clone()].eq_ignore_ascii_case(p) && (!colon || text[w.range.end..].starts_with(':'))
            })
        });
        if let Some(parts) = opener {
            name_list(lang, text, words, i + parts.len(), known, out);
        }
    }
}

/// Whether `word` (any ASCII case) is the first word of one of
/// [`LIST_OPENERS`], its colon left off: the words [`latin_lists`] looks at
/// further.
#[rustfmt::skip]
fn opens_list(word: &str) -> bool {
    let mut buf = [0u8; 16];
    let Some(lower) = buf.get_mut(..word.len()) else { return false };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    matches!(
        &*lower,
        b"such" | b"including" | b"among" | b"like" | b"hit" | b"affected" | b"seperti" | b"termasuk" | b"misalnya"
        | b"antara" | b"di" | b"yakni" | b"yaitu" | b"terdampak" | b"darunter" | b"etwa" | b"beispielsweise"
        | b"unter" | b"betroffen"
    )
}

/// "and" in English, German and Indonesian: it joins the names of a list.
const AND_WORDS: &[&str] = &["and", "und", "dan", "sowie", "serta"];

/// Whether a word joins a list's names: "and" or "or".
fn list_joiner(word: &str) -> bool {
    lowercase(word, |w| AND_WORDS.contains(&w) || matches!(w, "or" | "oder" | "atau"))
}

/// Names from word `i` on, joined by commas or "and" (at most eight).
fn name_list(
    lang: Lang,
    text: &Doc,
    words: &[Word],
    mut i: usize,
    known: &impl Fn(&Span) -> bool,
    out: &mut Vec<Span>,
) {
    let mut taken = 0;
    while taken < 8 && i < words.len() {
        // a dictionary name in the list ("American Airlines, Delta") is passed over
        let span = match take_name(lang, text, words, i, false, known) {
            Some(span) => {
                out.push(span.clone());
                span
            }
            None if known(&words[i].range) => {
                // to the end of that list item (a name of up to three words)
                let mut k = i;
                while k + 1 < words.len()
                    && k < i + 2
                    && !text[words[k].range.end..words[k + 1].range.start].contains(',')
                    && !list_joiner(&text[words[k + 1].range.clone()])
                {
                    k += 1;
                }
                words[i].range.start..words[k].range.end
            }
            None => break,
        };
        taken += 1;
        let Some(mut j) = words.iter().position(|w| w.range.start >= span.end) else { break };
        // a possessive's "s" ("Sainsbury’s and Asda")
        if &text[words[j].range.clone()] == "s" && matches!(&text[span.end..words[j].range.start], "'" | "’") {
            j += 1;
        }
        if j >= words.len() {
            break;
        }
        i = if list_joiner(&text[words[j].range.clone()]) {
            j + 1
        } else if text[span.end..words[j].range.start].contains(',') {
            j
        } else {
            break;
        };
    }
}

/// The name right after a service noun, in Latin-script text.
fn appositions(
    lang: Lang,
    text: &Doc,
    words: &[Word],
    service_words: &[&Hit],
    known: &impl Fn(&Span) -> bool,
    out: &mut Vec<Span>,
) {
    if !lang.is_latin() {
        return;
    }
    for h in service_words {
        let Some(mut i) = words.iter().position(|w| w.range.start >= h.end) else { continue };
        // right after it, no mark between ("the app. Later ..." is no apposition)
        if !text[h.end..words[i].range.start].trim().is_empty() {
            continue;
        }
        // or past a word of belonging ("die Ticketplattform der UEFA", "the
        // website of X", "aplikasi milik X")
        let genitive = &text[words[i].range.clone()] == "des";
        if matches!(&text[words[i].range.clone()], "der" | "des" | "von" | "vom" | "of" | "milik")
            && i + 1 < words.len()
        {
            i += 1;
        }
        if let Some(span) = take_name(lang, text, words, i, false, known) {
            // German: the apposition is the name's slot, but not a common
            // noun, nor one in the genitive "des" gives it ("das Ticketportal
            // des Vereins")
            let name = &text[span.clone()];
            let plain = !name.chars().skip(1).any(|c| c.is_uppercase() || c.is_ascii_digit());
            if lang == Lang::De && plain && (german_common_noun(name) || (genitive && name.ends_with('s'))) {
                continue;
            }
            out.push(span);
        }
    }
}

/// English names that a comma and a description with a service noun follow
/// ("Worldline, the French payment processor,", "Aerodata, a booking
/// system that ..."): the name before "the"/"a"/"an" and at most three
/// words of description.
fn described_names(
    text: &Doc,
    words: &[Word],
    service_words: &[&Hit],
    known: &impl Fn(&Span) -> bool,
    out: &mut Vec<Span>,
) {
    for h in service_words {
        // the service noun ends the description ("the payment processor,",
        // not "the Government Services Minister")
        let rest = text[h.end..].trim_start();
        let ends = rest.starts_with([',', ';', ')'])
            || ["that ", "which ", "said", "says", "was ", "is ", "has "].iter().any(|w| rest.starts_with(w));
        if !ends {
            continue;
        }
        let Some(last) = words.iter().rposition(|w| w.range.end <= h.start) else { continue };
        // back over the description to its article, which a comma opens
        let article = (last.saturating_sub(3)..=last)
            .rev()
            .find(|&k| matches!(&text[words[k].range.clone()], "the" | "a" | "an") && words[k].comma_before);
        let Some(article) = article else { continue };
        if article == 0 || !text[words[article - 1].range.end..words[article].range.start].contains(',') {
            continue;
        }
        if let Some(span) = take_name(Lang::En, text, words, article - 1, true, known) {
            out.push(span);
        }
    }
}

/// Drop the names that stand in a list with a place ("Medan, Binjai, dan
/// Deli Serdang", "in Berlin, Potsdam and Cottbus"): a name next to a
/// dictionary region, or next to a name so dropped, across a comma or "and".
fn places_listed(text: &Doc, s: &Sentence, out: &mut Vec<Span>) {
    const JOINS: &[&str] = &[", dan ", ", and ", ", und ", " dan ", " and ", " und ", " serta ", " sowie ", ", "];
    // (a place inside a name found is part of it: "Alaska Airlines")
    let regions: Vec<Span> = s
        .hits
        .iter()
        .filter(|h| h.kind == Kind::Region && !out.iter().any(|r| r.start < h.end && h.start < r.end))
        .map(|h| h.start..h.end)
        .collect();
    if regions.is_empty() || out.is_empty() {
        return;
    }
    let mut places = regions;
    loop {
        let before = places.len();
        out.retain(|r| {
            let next = JOINS.iter().any(|j| {
                text.get(r.end..r.end + j.len()) == Some(j) && places.iter().any(|p| p.start == r.end + j.len())
            });
            let prev = JOINS.iter().any(|j| {
                r.start >= j.len()
                    && text.get(r.start - j.len()..r.start) == Some(j)
                    && places.iter().any(|p| p.end == r.start - j.len())
            });
            if next || prev {
                places.push(r.clone());
                false
            } else {
                true
            }
        });
        if places.len() == before {
            break;
        }
    }
}

/// Whether an English name is followed by a description that names no
/// service ("PoodleCorp, a hacking group, ...", "Ann Lee, the minister,"):
/// then it is a group, a person or an office, not what failed.
fn described_otherwise(text: &Doc, s: &Sentence, r: &Span) -> bool {
    let rest = &text[r.end..s.range.end];
    let Some(after) = [", a ", ", an ", ", the "].iter().find_map(|a| rest.strip_prefix(a)) else {
        return false;
    };
    let from = s.range.end - after.len();
    let len = after.find([',', '.', ';', ')']).unwrap_or(after.len());
    if len > 60 {
        return false;
    }
    !s.hits.iter().any(|h| h.kind == Kind::Cue(Cue::ServiceWord) && from <= h.start && h.end <= from + len)
}

/// Whether a sentence is a title-case headline: most of its longer words capitalised.
fn title_case(text: &str, words: &[Word]) -> bool {
    let (mut long, mut caps) = (0, 0);
    for w in words.iter().map(|w| &text[w.range.clone()]).filter(|w| w.len() >= 4 && w.chars().nth(3).is_some()) {
        long += 1;
        caps += usize::from(w.chars().next().is_some_and(char::is_uppercase));
    }
    long >= 3 && caps * 10 >= long * 7
}

fn latin_slots(lang: Lang, text: &Doc, words: &[Word], h: &Hit, known: &impl Fn(&Span) -> bool, out: &mut Vec<Span>) {
    // German compounds: "Eventim-Störung", "Dazn-Ausfall": the head before the hyphen
    if lang == Lang::De
        && let Some(w) = words.iter().find(|w| w.range.start < h.start && h.start <= w.range.end)
    {
        let word = &text[w.range.start..h.start];
        if let Some(head) = word.strip_suffix('-')
            && !head.contains('-')
            && latin_name_word(lang, text, head, true, false)
        {
            out.push(w.range.start..w.range.start + head.len());
        }
    }
    // before the outage word, past glue words; then a list of names
    let before = words.iter().rposition(|w| w.range.end <= h.start);
    if let Some(mut i) = before {
        let mut glue = 0;
        while glue < 4 && glue_before(lang, &text[words[i].range.clone()]) {
            if i == 0 {
                break;
            }
            i -= 1;
            glue += 1;
        }
        // a comma between them parts the name from the outage word
        // ("Menurut Nurhadi, gangguan ...": the one who speaks)
        let parted = text[words[i].range.end..h.start].contains(',');
        let mut names = 0;
        while let Some(span) = (!parted).then(|| take_name(lang, text, words, i, true, known)).flatten() {
            out.push(span.clone());
            names += 1;
            // "TSB, HSBC and Barclays": more names before, joined by , and/und/dan
            let Some(j) = words.iter().rposition(|w| w.range.end <= span.start) else { break };
            let first = words.iter().position(|w| w.range.start == span.start).unwrap_or(0);
            let joined =
                words[first].comma_before || lowercase(&text[words[j].range.clone()], |w| AND_WORDS.contains(&w));
            if !joined || names >= 6 {
                break;
            }
            i = if words[first].comma_before {
                j
            } else if j > 0 {
                j - 1
            } else {
                break;
            };
        }
    }
    // after it, past prepositions and service nouns
    if let Some(mut i) = words.iter().position(|w| w.range.start >= h.end) {
        let mut glue = 0;
        while glue < 3 && i + 1 < words.len() && glue_after(lang, &text[words[i].range.clone()]) {
            i += 1;
            glue += 1;
        }
        // "an outage at Lloyds, Halifax and Bank of Scotland": every name of
        // the list; not past a comma or a closing quote ("the issue,” Evans
        // said"), unless an article marks an organisation ("unavailable,"
        // the Times wrote")
        let between = &text[h.end..words[i].range.start];
        let parted =
            between.contains([',', '”', '"', '“', '»', '«']) && !between.trim_end().to_lowercase().ends_with(" the");
        if (glue > 0 || lang != Lang::De) && !parted {
            name_list(lang, text, words, i, known, out);
        }
    }
}

// ---- Korean ------------------------------------------------------------------

/// Words between a Korean name and its outage word (서버, 앱, 접속, ...).
#[rustfmt::skip]
const KO_GLUE: &[&str] = &[
    "서버", "앱", "애플리케이션", "어플", "홈페이지", "사이트", "웹사이트", "누리집", "접속", "시스템", "서비스", "모바일", "인터넷", "뱅킹", "인터넷뱅킹",
    "모바일뱅킹", "전산", "전산망", "예매", "결제", "로그인", "또", "또다시", "다시", "한때", "일시", "일시적으로", "일부", "공식", "전산시스템",
    "네트워크", "통신", "망", "게임", "온라인",
];

/// Nouns of the thing that fails (서버, 앱, 홈페이지): the word before them names it.
const KO_SERVICE_NOUNS: &[&str] =
    &["서버", "앱", "애플리케이션", "어플", "홈페이지", "사이트", "웹사이트", "누리집", "시스템", "전산시스템"];

/// Whether a Korean word ends as a verb or adjective does (걸려, 하며, 됐다): no name.
fn ko_inflected(w: &str) -> bool {
    w.chars().count() < 2
        || w.ends_with(|c: char| {
            "다고며서면려해게지던니요죠까어아자는은을를했된될한할인적겨져워쳐혀돼와봐러여런".contains(c)
        })
        || matches!(w, "모든" | "해당" | "전체" | "일부" | "각종" | "하필" | "결국" | "다시" | "이미" | "계속")
}

/// Endings of Korean institutions' and services' names.
#[rustfmt::skip]
const KO_NAME_ENDINGS: &[&str] = &[
    "은행", "뱅크", "뱅킹", "공사", "공단", "대학교", "대학", "증권", "카드", "페이", "톡", "몰", "넷", "닷컴", "텔레콤", "브로드밴드", "통신",
    "게임즈", "소프트", "전자", "항공", "철도", "택스", "포털", "플러스", "마켓", "쇼핑", "스토어",
];

/// Korean particles cut off a name.
#[rustfmt::skip]
const KO_PARTICLES: &[&str] = &[
    "에서는", "에서", "으로", "부터", "까지", "조차", "마저", "의", "이", "가", "은", "는", "을", "를", "에", "도", "과", "와", "로",
    "이나", "나", "만",
];

fn korean_slot(text: &Doc, words: &[Word], h: &Hit, known: &impl Fn(&Span) -> bool, out: &mut Vec<Span>) {
    // eojeols: whitespace-separated words, with their quotes
    let Some(mut i) = words.iter().rposition(|w| w.range.end <= h.start) else { return };
    let mut glue = 0;
    // "OO 서버 다운", "OO 앱 먹통", "OO 홈페이지 접속 장애": the word before a
    // service noun is the service
    // (only a bare noun right before the service noun: "수강신청 서버 다운")
    let mut served = KO_SERVICE_NOUNS.iter().any(|n| text[h.start..h.end].starts_with(n));
    loop {
        let w = &text[words[i].range.clone()];
        let bare = KO_PARTICLES.iter().find_map(|p| w.strip_suffix(p).filter(|b| !b.is_empty())).unwrap_or(w);
        if glue < 4 && (KO_GLUE.contains(&w) || KO_GLUE.contains(&bare) || KO_PARTICLES.contains(&w)) && i > 0 {
            served = KO_SERVICE_NOUNS.contains(&w) || KO_SERVICE_NOUNS.contains(&bare);
            i -= 1;
            glue += 1;
            continue;
        }
        break;
    }
    let w = &words[i];
    if known(&w.range) {
        return;
    }
    let word = &text[w.range.clone()];
    let mut name = word;
    for p in KO_PARTICLES {
        if let Some(b) = name.strip_suffix(p)
            && b.chars().count() >= 2
        {
            name = b;
            break;
        }
    }
    // a quote right around it counts as quoting
    let quoted = text[..w.range.start]
        .chars()
        .next_back()
        .is_some_and(|o| QUOTES.iter().any(|&(q, c)| o == q && text[w.range.start + name.len()..].starts_with(c)));
    let latin = name.chars().any(|c| c.is_ascii_alphabetic()) && name.chars().any(|c| ('가'..='힣').contains(&c));
    let ending = KO_NAME_ENDINGS.iter().any(|e| name.ends_with(e) && name.chars().count() > e.chars().count());
    let hangul = name.chars().all(|c| ('가'..='힣').contains(&c) || c.is_ascii_alphanumeric());
    // "한국철도공사(코레일)": a short name in brackets after the long one
    let alias = text[..w.range.start].ends_with('(')
        && text[w.range.start + name.len()..].starts_with(')')
        && name.chars().any(|c| ('가'..='힣').contains(&c));
    // "코레일 관계자는", "은행 측은": an organisation's spokesperson
    let organisation = [" 관계자", " 측", "측은", "측이", " 고객센터"].iter().any(|t| text.has(format!("{name}{t}")))
        // "한국철도공사(코레일)": the short name an article introduces
        || text.has(format!("({name})"));
    // "서울시", "경기도", "천안시": places
    let place = name.chars().count() <= 4 && ["시", "도", "군", "구"].iter().any(|e| name.ends_with(e));
    if hangul
        && !place
        && name.chars().count() >= 2
        && (quoted || latin || ending || alias || organisation || (served && name == word && !ko_inflected(name)))
        && !KO_STOP.contains(&name)
    {
        out.push(w.range.start..w.range.start + name.len());
    }
}

/// Korean words with a name's ending that are no names.
#[rustfmt::skip]
const KO_STOP: &[&str] = &[
    "이때", "그때", "당시", "이날", "인터넷뱅킹", "모바일뱅킹", "통신", "이동통신", "유무선통신", "은행", "증권", "카드", "대학", "각 대학", "인터넷",
    "정부", "회사", "업체", "당국", "학교", "이용자", "사용자", "고객", "가입자", "소비자", "시민", "관계자", "서비스", "시스템", "서버",
    // the common nouns of software and networks, often written in Latin or as loanwords
    "클라이언트", "피드", "네트워크", "데이터", "메일", "메시지", "게시물", "댓글", "계정", "로그인", "결제", "송금", "이체", "화면",
    "기능", "업데이트", "버전", "와이파이", "IPTV", "정보관리", "전산", "전산망", "홈페이지", "사이트", "앱", "어플", "프로그램",
    // nouns with an institution's ending that are no institution ("내부 오류": an internal error)
    "내부", "외부", "전부", "일부", "대부", "본부", "현지시간", "현지",
    // what is done or where, not whose: booking, registration, data centres
    "예매", "예약", "신청", "접수", "데이터센터", "인터넷데이터센터", "전산센터", "센터",
];

// ---- Chinese -----------------------------------------------------------------

/// Service nouns and adverbs between a Chinese name and its outage word.
#[rustfmt::skip]
const ZH_GLUE: &[&str] = &[
    "的", "系统", "服务器", "官网", "网站", "平台", "APP", "App", "app", "客户端", "软件", "服务", "网络", "又", "也", "都", "再次",
    "再度", "突然", "一度", "全面", "大面积", "出现", "发生", "遭遇", "今天", "昨天", "今日", "昨日", "昨晚", "今晨", "再", "首页", "页面", "网页",
    "小程序", "账号", "登录", "支付", "线上", "网上", "在线", "上午", "下午", "晚上", "凌晨", "早上", "中午", "晚间", "均", "皆",
    "和", "与", "及", "、", "或", "伺服器", "便", "就", "才", "已", "仍", "还", "竟", "频频", "屡屡", "接连",
    "这次", "此次", "本次", "这回",
];

/// Nouns of the thing that fails (系统, 官网, APP): the run before them names it.
const ZH_SERVICE_NOUNS: &[&str] = &[
    "系统",
    "服务器",
    "伺服器",
    "官网",
    "网站",
    "平台",
    "APP",
    "App",
    "app",
    "客户端",
    "软件",
    "小程序",
    "首页",
    "网页",
];

/// Endings of Chinese institutions' and services' names.
const ZH_NAME_ENDINGS: &[&str] = &[
    "银行", "网", "通", "电信", "移动", "联通", "证券", "支付", "钱包", "云", "大学", "集团", "公司", "售票", "商城",
    "宝", "码", "铁", "航空", "游戏", "音乐", "视频", "地图", "外卖", "打车", "出行",
];

/// Han words with a name's ending that are no names.
#[rustfmt::skip]
const ZH_STOP: &[&str] = &[
    "网", "互联网", "上网", "联网", "网络", "全网", "外网", "内网", "普通", "交通", "沟通", "流通", "开通", "打通", "畅通", "接通", "健康码",
    "银行", "公司", "集团", "大学", "游戏", "视频", "支付", "移动", "电信", "联通", "云", "官网", "用户", "网友", "不少网友", "许多网友", "很多网友",
    "事故", "正常售票", "售票", "订票", "官方", "手机银行", "电话银行", "网上银行", "网银", "网络银行", "个人网银", "企业网银", "一半", "一进", "坦承", "表示", "指出", "透露", "发现", "导致", "玩家", "民众", "市民", "客户",
];

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A Han char in its simplified form (other chars as they are).
fn zh_fold(c: char) -> char {
    if ('\u{4e00}'..='\u{9fff}').contains(&c) { crate::normalize::simplified(c) } else { c }
}

/// Chars that end a Chinese name on its left: function words and verbs of
/// the sentence around it.
fn zh_boundary(c: char) -> bool {
    matches!(
        c,
        '的' | '在'
            | '是'
            | '和'
            | '与'
            | '及'
            | '对'
            | '让'
            | '使'
            | '被'
            | '把'
            | '向'
            | '了'
            | '也'
            | '都'
            | '有'
            | '到'
            | '从'
            | '于'
            | '为'
            | '由'
            | '据'
            | '称'
            | '说'
            | '即'
            | '而'
            | '但'
            | '或'
            | '等'
            | '上'
            | '因'
            | '后'
            | '前'
            | '时'
    )
}

/// Verbs of saying and using that bound a Chinese name on the left (in
/// simplified spelling): "学生反映课堂通崩了" names 课堂通.
const ZH_VERB_BOUNDS: &[&str] = &[
    "反映", "反应", "表示", "指出", "发现", "使用", "登录", "登入", "打开", "进入", "访问", "抱怨", "吐槽", "显示",
    "透露", "报道", "导致", "造成", "出现", "发生", "遭遇", "提醒", "回报", "认为", "希望", "称其", "提到",
];

/// Words before a Chinese name that make it no name ("该银行", "多家银行").
const ZH_DETERMINERS: &[&str] =
    &["该", "这", "那", "此", "各", "多家", "少数", "部分", "其他", "本", "某", "一家", "两家", "各大"];

/// Chinese names in a sentence with a live outage word: the Han run right
/// before each outage word (past service nouns and adverbs, bounded by a
/// function word); and anywhere in the sentence, a run ending in a
/// multi-char institution ending (银行, 电信, 证券, ...).
fn chinese_names(text: &Doc, range: &Span, outage: &[&Hit], known: &impl Fn(&Span) -> bool, out: &mut Vec<Span>) {
    // (offset, simplified char) of the sentence
    let chars: Vec<(usize, char)> =
        text[range.clone()].char_indices().map(|(i, c)| (range.start + i, zh_fold(c))).collect();
    let end_of = |k: usize| chars.get(k).map_or(range.end, |&(o, _)| o);
    let ends_with = |k: usize, w: &str| {
        let n = w.chars().count();
        k >= n && chars[k - n..k].iter().map(|&(_, c)| c).eq(w.chars())
    };
    let name_char = |c: char| is_han(c) || c.is_ascii_alphanumeric();
    // the name ending before char index `k`: back to a boundary, at most 8 chars
    let take = |k: usize| -> Option<(usize, usize)> {
        let mut b = k;
        while b > 0 && k - b < 8 && name_char(chars[b - 1].1) && !zh_boundary(chars[b - 1].1) {
            b -= 1;
        }
        // a verb of saying or using bounds it too ("学生反映课堂通崩了")
        for v in ZH_VERB_BOUNDS {
            let n = v.chars().count();
            if let Some(j) =
                (b..k.saturating_sub(n - 1)).rev().find(|&j| chars[j..j + n].iter().map(|&(_, c)| c).eq(v.chars()))
            {
                b = b.max(j + n);
            }
        }
        (b < k).then_some((b, k))
    };
    let accept = |b: usize, k: usize, strong: bool, out: &mut Vec<Span>| {
        let name: String = chars[b..k].iter().map(|&(_, c)| c).collect();
        let span = chars[b].0..end_of(k);
        let n = k - b;
        if known(&span)
            || ZH_STOP.contains(&name.as_str())
            || ZH_DETERMINERS.iter().any(|d| name.starts_with(d))
            || ZH_NOT_IN_NAMES.iter().any(|w| name.contains(w))
        {
            return;
        }
        let latin = name.chars().all(|c| c.is_ascii_alphanumeric()) && name.chars().any(|c| c.is_ascii_uppercase());
        let ending = ZH_NAME_ENDINGS.iter().any(|e| name.ends_with(e) && n > e.chars().count());
        let organisation = ["相关负责人", "负责人", "官方", "客服", "方面表示", "方面称", "回应"]
            .iter()
            .any(|t| text.has(format!("{}{t}", &text[span.clone()])));
        let ok = if latin {
            (2..=12).contains(&name.len()) && !latin_stop(Lang::En, &name)
        } else {
            (2..=8).contains(&n) && (ending || organisation || strong)
        };
        if ok {
            out.push(span);
        }
    };
    // an outage word whose subject is a service noun alone ("，官网和APP系统双双瘫痪")
    let mut bare = false;
    for h in outage {
        let Some(mut k) = chars.iter().position(|&(o, _)| o >= h.start) else { continue };
        // strip service nouns and adverbs; "XX系统崩溃", "XX官网瘫痪": the run
        // before a service noun names the service
        let mut served = false;
        'strip: loop {
            for g in ZH_GLUE {
                if ends_with(k, g) && k > g.chars().count() {
                    k -= g.chars().count();
                    served |= ZH_SERVICE_NOUNS.contains(g);
                    continue 'strip;
                }
            }
            break;
        }
        match take(k) {
            Some((b, k)) => accept(b, k, served && k - b <= 6, out),
            None => bare |= served,
        }
    }
    // "口罩實名制2.0於十二日上線後,大量使用者瞬間湧入,系統一度運作不順": a
    // system named by its noun alone, in a sentence telling what opened
    // (上线, 开放预订, 开卖): the system is that of the sentence's topic
    if bare && let Some((b, k)) = chinese_topic(&chars) {
        accept(b, k, true, out);
    }
    for k in 1..=chars.len() {
        // a run that reaches a hard boundary (punctuation, a function word, the
        // sentence's start) within six chars, with no verb or time word inside
        if let Some(e) = ZH_ANYWHERE_ENDINGS.iter().find(|e| ends_with(k, e))
            && let Some((b, k)) = take(k)
            && k - b > e.chars().count()
            && k - b <= 6
            && (b == 0 || !name_char(chars[b - 1].1) || zh_boundary(chars[b - 1].1))
            && {
                let name: String = chars[b..k].iter().map(|&(_, c)| c).collect();
                !ZH_NOT_IN_NAMES.iter().any(|w| name.contains(w))
            }
        {
            accept(b, k, true, out);
        }
    }
}

/// Verbs of a service or a sale opening (simplified spelling).
const ZH_OPENING: &[&str] = &["上线", "开放", "开卖", "开抢", "开售", "开跑", "启用", "推出", "开通", "开始预订"];

/// The topic of a sentence telling what opened: the run (bounded by
/// punctuation or 的) right before its first date, time word, 于/在 or
/// opening verb, when an opening verb ([`ZH_OPENING`]) comes in the first
/// clause; a ticket word at its end is cut ("高铁车票" names 高铁).
/// `chars` are the sentence's (offset, simplified char).
fn chinese_topic(chars: &[(usize, char)]) -> Option<(usize, usize)> {
    let at = |k: usize, w: &str| chars[k..].iter().map(|&(_, c)| c).take(w.chars().count()).eq(w.chars());
    // the first clause
    let clause_end =
        chars.iter().position(|&(_, c)| matches!(c, '，' | ',' | '；' | ';' | '。')).unwrap_or(chars.len());
    let opening = (0..clause_end).find(|&k| ZH_OPENING.iter().any(|w| at(k, w)))?;
    // past a dateline ("【本报台北讯】")
    let mut b = 0;
    if chars.first().is_some_and(|&(_, c)| matches!(c, '【' | '[' | '（' | '(')) {
        b = chars[..opening].iter().position(|&(_, c)| matches!(c, '】' | ']' | '）' | ')'))? + 1;
    }
    // the run ends at a date ("16日"), a time word, 于/在, or the verb
    let date = |k: usize| {
        chars[k].1.is_ascii_digit() && {
            let n = chars[k..].iter().take_while(|&&(_, c)| c.is_ascii_digit()).count();
            chars.get(k + n).is_some_and(|&(_, c)| matches!(c, '日' | '月' | '号' | '时' | '点'))
        }
    };
    let time = ["今天", "昨天", "今日", "昨日", "明天", "凌晨", "上午", "下午", "晚上", "中午", "本周", "正式"];
    let mut k = b;
    while k < opening {
        let c = chars[k].1;
        if c == '的' {
            b = k + 1;
        } else if matches!(c, '于' | '在' | '将' | '已')
            || (c == '一' && k + 1 == opening)
            || date(k)
            || time.iter().any(|w| at(k, w))
        {
            break;
        } else if !(is_han(c) || c.is_ascii_alphanumeric() || (c == '.' && k > b && chars[k - 1].1.is_ascii_digit())) {
            b = k + 1;
        }
        k += 1;
    }
    // a ticket is sold by the service it names
    for t in ["车票", "门票", "机票", "票券"] {
        let n = t.chars().count();
        if k >= b + n + 2 && chars[k - n..k].iter().map(|&(_, c)| c).eq(t.chars()) {
            k -= n;
        }
    }
    // what is sold or opened is no service: an event, a sale
    let topic: String = chars[b..k].iter().map(|&(_, c)| c).collect();
    const EVENTS: &[&str] = &[
        "演唱会",
        "音乐会",
        "比赛",
        "赛事",
        "活动",
        "展览",
        "考试",
        "报名",
        "课程",
        "门票",
        "车票",
        "机票",
        "预售",
        "抢购",
        "促销",
        "秒杀",
        "新品",
        "新机",
        "手机",
    ];
    let event = EVENTS.iter().any(|e| topic.ends_with(e));
    (b < k && k - b <= 8 && !event).then_some((b, k))
}

/// The name right after a verb of crowds pouring in ("湧進宏碁售票系統",
/// "挤爆了XX官网"): a Han or Latin run that a service noun (系统, 官网, APP,
/// 网站, 平台, 服务器) closes within eight chars; the run is the name.
fn chinese_objects(text: &Doc, range: &Span, poured: &[&Hit], known: &impl Fn(&Span) -> bool, out: &mut Vec<Span>) {
    const NOUNS: &[&str] =
        &["系统", "系統", "官网", "官網", "APP", "App", "app", "网站", "網站", "平台", "服务器", "伺服器"];
    for h in poured {
        let rest = &text[h.end..range.end];
        let rest = rest.strip_prefix('了').unwrap_or(rest);
        let from = range.end - rest.len();
        // the first service noun within eight chars closes the name
        let window: usize = rest.char_indices().nth(9).map_or(rest.len(), |(i, _)| i);
        let Some(at) = NOUNS.iter().filter_map(|n| rest[..window].find(n)).min() else { continue };
        let name = &rest[..at];
        let n = name.chars().count();
        if !(2..=8).contains(&n)
            || !name.chars().all(|c| is_han(c) || c.is_ascii_alphanumeric())
            || ZH_NOT_IN_NAMES.iter().any(|w| name.contains(w))
        {
            continue;
        }
        let span = from..from + at;
        if !known(&span) {
            out.push(span);
        }
    }
}

/// Words inside a run that make it a phrase, not a name ("借助其他银行", "近两天银行").
const ZH_NOT_IN_NAMES: &[&str] = &[
    "其他",
    "其它",
    "这",
    "那",
    "负责",
    "违反",
    "正常",
    "两天",
    "今天",
    "昨天",
    "近",
    "借助",
    "通过",
    "前往",
    "改用",
    "避免",
    "不",
    "没",
    "无法",
    "多家",
    "各家",
    "所有",
    "已",
    "全部",
    "以致",
    "以及",
    "导致",
    "验证码",
    "售罄",
    // holidays and trips: when, not whose ("春节返乡高铁")
    "春节",
    "返乡",
    "过年",
    "连假",
    // quantities, areas and the kind of thing, not its name ("欧洲地区大量网站", "在线游戏")
    "大量",
    "地区",
    "游戏",
];

/// Institution endings that make a name wherever it stands in the sentence.
const ZH_ANYWHERE_ENDINGS: &[&str] =
    &["银行", "电信", "移动", "联通", "证券", "钱包", "大学", "航空", "铁路", "售票", "商城"];

// ---- quotes, every language --------------------------------------------------

/// Opening and closing quotes.
const QUOTES: &[(char, char)] = &[
    ('‘', '’'),
    ('“', '”'),
    ('"', '"'),
    ('\'', '\''),
    ('„', '“'),
    ('«', '»'),
    ('「', '」'),
    ('『', '』'),
    ('<', '>'),
    ('《', '》'),
    ('〈', '〉'),
];

fn quoted(lang: Lang, text: &Doc, s: &Sentence, outage: &[&Hit], known: &impl Fn(&Span) -> bool, out: &mut Vec<Span>) {
    // a quote counts only near an outage word
    if outage.is_empty() {
        return;
    }
    let sentence = &text[s.range.clone()];
    // a closing quote opens nothing: skip past each pair
    let mut next = 0;
    let bytes = sentence.as_bytes();
    // (of ASCII, only these three open a quote: the bytes of other ASCII
    // chars and inside multi-byte chars are passed over)
    let starts = (0..bytes.len()).filter(|&i| matches!(bytes[i], b'"' | b'\'' | b'<' | 0xc0..));
    for i in starts {
        let Some(c) = sentence[i..].chars().next() else { continue };
        if i < next {
            continue;
        }
        let Some(&(_, close)) = QUOTES.iter().find(|&&(o, _)| o == c) else { continue };
        let from = i + c.len_utf8();
        let Some(len) = sentence[from..].find(close) else { continue };
        next = from + len + close.len_utf8();
        let inner = &sentence[from..from + len];
        if inner.trim() != inner {
            continue;
        }
        let span = s.range.start + from..s.range.start + from + len;
        if inner.is_empty() || inner.len() > MAX_BYTES || inner.split_whitespace().count() > MAX_WORDS {
            continue;
        }
        if inner.chars().any(|c| matches!(c, '.' | '!' | '?' | ',' | '。' | '，' | '！' | '？')) && !is_domain(inner)
        {
            continue;
        }
        if known(&span) {
            continue;
        }
        // in the slot: the outage word within a few words of the quote
        let near = outage.iter().any(|h| {
            let gap = if h.start >= span.end { h.start - span.end } else { span.start.saturating_sub(h.end) };
            gap <= if matches!(lang, Lang::Zh | Lang::Ko) { 30 } else { 24 }
        });
        if !near {
            continue;
        }
        // Korean and Chinese quote words for emphasis ('폭주'하고, 要“崩一崩”):
        // a quoted name stands as a subject or after a service noun
        let before = sentence[..i].trim_end();
        let after = &sentence[next..];
        let ko_subject = [
            "이 ",
            "가 ",
            "은 ",
            "는 ",
            "의 ",
            "에서 ",
            "도 ",
            "이,",
            "가,",
            "은,",
            "는,",
            " 서버",
            " 앱",
            " 홈페이지",
            " 사이트",
        ]
        .iter()
        .any(|p| after.starts_with(p));
        let zh_subject = [
            "的",
            "服务器",
            "服務器",
            "系统",
            "系統",
            "APP",
            "App",
            "官网",
            "官網",
            "平台",
            "崩",
            "出现",
            "出現",
            "发生",
            "發生",
            "宕机",
            "當機",
            "瘫痪",
            "癱瘓",
            "故障",
            "无法",
            "無法",
        ]
        .iter()
        .any(|p| after.starts_with(p));
        let after_service = KO_SERVICE_NOUNS
            .iter()
            .chain(ZH_SERVICE_NOUNS)
            .chain(&["게임", "健康码", "健康碼", "App", "游戏", "遊戲", "手游", "手遊", "应用", "應用"])
            .any(|n| before.ends_with(n));
        // 《》 quote titles: games, apps, shows
        let title_quote = c == '《';
        let name_like = match lang {
            Lang::Ko => {
                (ko_subject || after_service || inner.chars().any(|c| c.is_ascii_alphabetic()))
                    && !ko_inflected(inner)
                    && inner.chars().all(|c| ('가'..='힣').contains(&c) || c.is_alphanumeric() || c == ' ')
                    && inner.chars().any(|c| ('가'..='힣').contains(&c) || c.is_ascii_uppercase())
                    && !inner.starts_with(|c: char| c.is_ascii_digit())
                    && inner.split_whitespace().count() <= 2
                    && !KO_STOP.contains(&inner)
                    && inner.chars().count() >= 2
            }
            Lang::Zh => {
                (zh_subject || after_service || title_quote || after.starts_with(['（', '(']))
                    && !ZH_NOT_IN_NAMES.iter().any(|w| inner.contains(w))
                    && inner.chars().all(|c| is_han(c) || c.is_ascii_alphanumeric())
                    && inner.chars().any(|c| is_han(c) || c.is_ascii_uppercase())
                    && (2..=10).contains(&inner.chars().count())
                    && !ZH_STOP.contains(&inner)
            }
            _ => inner.split_whitespace().all(|w| latin_name_word(lang, text, w, true, true)),
        };
        if name_like {
            out.push(span);
        }
    }
}

/// The names found in a slot somewhere in the document, found again in a
/// sentence `s` that reports a disruption (a live symptom word), as a
/// dictionary name would be: "学习通服务器每周都要“崩一崩”" in the headline,
/// once "学习通崩掉" has shown 学习通 to be a name. Latin names must stand as
/// whole words; `found` are the names already found in `s`.
pub(crate) fn again(
    text: &Doc,
    s: &Sentence,
    names: &[&str],
    found: &[Span],
    live: impl Fn(usize) -> bool,
) -> Vec<Span> {
    let mut out = Vec::new();
    if names.is_empty() || s.range.start >= SCAN_BYTES || s.range.end > text.len() {
        return out;
    }
    let disrupted = s.hits.iter().enumerate().any(|(i, h)| matches!(h.kind, Kind::Symptom | Kind::Cause) && live(i));
    if !disrupted {
        return out;
    }
    let sentence = &text[s.range.clone()];
    for name in names {
        let Some(at) = sentence.match_indices(name).map(|(i, _)| s.range.start + i).find(|&at| {
            let end = at + name.len();
            // a whole word, where words are spaced
            let before = text[..at].chars().next_back();
            let after = text[end..].chars().next();
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !is_cjk(c));
            // the head of a compound only of a service or outage noun
            // ("Eventim-Seite", not "Rammstein-Tickets")
            let compound = after == Some('-')
                && !s.hits.iter().any(|h| {
                    matches!(h.kind, Kind::Symptom | Kind::Cue(Cue::ServiceWord | Cue::Trouble))
                        && h.start <= end + 1
                        && end + 1 < h.end
                });
            !latin(before) && !latin(after) && !compound
                // nor inside a dictionary word or a name found already
                && !s.hits.iter().any(|h| {
                    matches!(h.kind, Kind::Service | Kind::Provider | Kind::Region) && h.start < end && at < h.end
                })
                && !found.iter().chain(out.iter()).any(|r| r.start < end && at < r.end)
        }) else {
            continue;
        };
        out.push(at..at + name.len());
    }
    out
}

/// The name inside a compound with a web service's noun ("Eventim" in
/// "Eventim-Seite"; not "Sparda" in "Sparda-Bank", where the bank is the name).
pub(crate) fn compound_name(name: &str) -> Option<&str> {
    let (head, tail) = name.rsplit_once('-')?;
    (!head.is_empty()
        && !head.contains(' ')
        && matches!(
            tail,
            "Seite" | "Website" | "Webseite" | "Portal" | "Plattform" | "Shop" | "Onlineshop" | "App" | "Server"
        ))
    .then_some(head)
}

/// Whether a char is Hangul, Han or kana (words there are not spaced).
fn is_cjk(c: char) -> bool {
    c >= '\u{2e80}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_names_whole() {
        let s = "TSB, HSBC and Tiket.com's e-Banking, O'Reilly's site.";
        let w: Vec<&str> = words(s, 0).iter().map(|w| &s[w.range.clone()]).collect();
        // a possessive's "s" stands apart from the name
        assert_eq!(w, ["TSB", "HSBC", "and", "Tiket.com", "s", "e-Banking", "O'Reilly", "s", "site"]);
        assert!(words(s, 0)[1].comma_before);
    }

    /// Every list opener's first word passes the quick check.
    #[test]
    fn list_openers_pass_the_quick_check() {
        for parts in LIST_OPENERS {
            let first = parts[0].trim_end_matches(':');
            assert!(opens_list(first) && opens_list(&first.to_ascii_uppercase()), "{first}");
        }
        assert!(!opens_list("outage") && !opens_list("Such-and-such"));
    }

    #[test]
    fn german_names_by_their_look() {
        let text = &Doc::new("STiNE und Eventim waren down");
        assert!(latin_name_word(Lang::De, text, "STiNE", true, false));
        assert!(latin_name_word(Lang::De, text, "Eventim", true, false));
        assert!(!latin_name_word(Lang::De, text, "Kunden", true, false));
        assert!(!latin_name_word(Lang::De, text, "Anmeldung", true, false));
    }
}
