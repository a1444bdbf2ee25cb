//! Numbers in outage news, per language: how long it lasted (durations), when
//! (clock times and their zones), and how big (users, reports).
//!
//! Each language has its own patterns; they return [`Number`]s with the
//! surrounding words' hint whether a duration is the outage's own length
//! (`lasted 11 hours`) or something else (`within two hours`, `3 hours ago`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::language::Lang;
use crate::normalize::normalize;

/// A number found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Number {
    /// A length of time in minutes; `hint` > 0 when the words around say it is
    /// how long something lasted, < 0 when they say it is not (within, ago).
    Duration { minutes: u32, hint: i8 },
    /// A clock time `HH:MM` and the UTC offset of its stated zone.
    Time { local: String, utc_offset: Option<&'static str> },
    /// A number of affected users (lower bound).
    Users(u64),
    /// A number of outage reports (lower bound).
    Reports(u64),
    /// A calendar year (1990-2099).
    Year(u16),
}

/// A [`Number`] and where it is (cleaned-text offsets).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub number: Number,
    pub span: Range<usize>,
}

struct Patterns {
    duration: Regex,
    time: Regex,
    scale: Regex,
    /// words before a duration that make it the outage's length (all four
    /// lists normalised, as the text around a duration is)
    lasted_before: Vec<String>,
    /// words after a duration that make it the outage's length
    lasted_after: Vec<String>,
    /// words around a duration that make it something else
    not_before: Vec<String>,
    not_after: Vec<String>,
}

/// Which pattern a gate word opens.
#[derive(Debug, Clone, Copy)]
enum Gate {
    Duration = 0,
    Time = 1,
    Scale = 2,
    /// The number words of the scale pattern ("thousands", "수만"): with
    /// no digit and none of these, it cannot match.
    Magnitude = 3,
}

/// Per sentence, which [`Gate`]s are open.
pub(crate) type Open = [bool; 4];

/// What may stand before a gate word where its pattern can match.
#[derive(Debug, Clone, Copy)]
enum Before {
    /// anything (CJK, or a word that can end a longer one)
    Any,
    /// whitespace (`\s` also matches Unicode spaces: any non-ASCII byte passes)
    Space,
    /// whitespace or `-` (`2-hour`)
    SpaceOrDash,
    /// whitespace or a digit (`14Uhr`)
    SpaceOrDigit,
    /// whitespace, a digit, `.` or `m` (`9:30am ET`, `10ET`)
    Clock,
    /// no ASCII word character (`(?-u:\b)`)
    NonWord,
}

impl Before {
    fn allows(self, b: u8) -> bool {
        let space = matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) || b >= 0x80;
        match self {
            Before::Any => true,
            Before::Space => space,
            Before::SpaceOrDash => space || b == b'-',
            Before::SpaceOrDigit => space || b.is_ascii_digit(),
            Before::Clock => space || b.is_ascii_digit() || matches!(b, b'.' | b'm' | b'M'),
            Before::NonWord => !(b.is_ascii_alphanumeric() || b == b'_'),
        }
    }
}

/// Gate words of CJK patterns stand anywhere.
const ANYWHERE: [(Before, bool); 3] = [(Before::Any, false); 3];

/// Which of the duration, time and scale patterns can match in `sentence`,
/// whose gates are `open` (`digits`: it has an ASCII digit). Besides its
/// gate words, every time pattern needs a digit, `(\d{1,2})`, and so does
/// the Korean duration; a scale needs a digit or a magnitude word. A digit
/// is an ASCII one or a char of another script that `\d` may take (any
/// numeric char counts); a magnitude word may also be spelt with `ſ` or
/// the Kelvin sign, which the case-insensitive patterns take for `s`, `k`.
fn possible(lang: Lang, open: Open, digits: bool, sentence: &str) -> [bool; 3] {
    // the non-ASCII chars, read once and only when asked: (a digit of
    // another script, a char the patterns read as `s` or `k`)
    let other = std::cell::LazyCell::new(|| {
        let mut found = (false, false);
        for c in sentence.chars().filter(|c| !c.is_ascii()) {
            found.0 |= c.is_numeric();
            found.1 |= c.is_numeric() || c == 'ſ' || c == '\u{212a}';
        }
        found
    });
    let digit = || digits || other.0;
    let duration = open[Gate::Duration as usize] && (lang != Lang::Ko || digit());
    let time = open[Gate::Time as usize] && digit();
    let scale = open[Gate::Scale as usize] && (digits || open[Gate::Magnitude as usize] || other.1);
    [duration, time, scale]
}

/// The words without which a pattern cannot match (units, clock words,
/// nouns), found in one automaton pass so the regexes run only where they
/// can match.
struct Gates {
    ac: aho_corasick::dfa::DFA,
    /// The gate words, in the automaton's order.
    words: Vec<&'static str>,
    of: Vec<Gate>,
    /// Per [`Gate`]: what the byte before a gate word must be for its
    /// pattern to match there, and whether the word must end at a word
    /// boundary (it is a whole alternative of the pattern, followed by `\b`).
    edges: [(Before, bool); 4],
}

impl Gates {
    /// The gate words of each pattern (`magnitude`: the number words of the
    /// scale pattern, which may stand anywhere) and the edges of the first three.
    fn new([duration, time, scale, magnitude]: [&[&'static str]; 4], [d, t, s]: [(Before, bool); 3]) -> Gates {
        let edges = [d, t, s, (Before::Any, false)];
        let mut words = Vec::new();
        let mut of = Vec::new();
        for (list, g) in
            [(duration, Gate::Duration), (time, Gate::Time), (scale, Gate::Scale), (magnitude, Gate::Magnitude)]
        {
            for w in list {
                words.push(*w);
                of.push(g);
            }
        }
        let ac = aho_corasick::dfa::Builder::new().ascii_case_insensitive(true).build(&words).expect("small automaton");
        Gates { ac, words, of, edges }
    }

    /// Which gates are open in `sentence` (duration, time, scale, magnitude):
    /// those with one of their words where the pattern allows it. (The
    /// pipeline asks [`gates`] for every sentence at once.)
    #[cfg(test)]
    fn open(&self, sentence: &str) -> Open {
        self.open_each(sentence, std::slice::from_ref(&(0..sentence.len())))[0]
    }

    /// `open` for each of `sentences` (ranges of `text`, in
    /// order), from one pass over the whole text.
    fn open_each(&self, text: &str, sentences: &[Range<usize>]) -> Vec<Open> {
        self.open_from(text, sentences, |f| crate::lexicon::overlapping(&self.ac, text.as_bytes(), f))
    }

    /// `open_each` from the gate words `scan` finds in `text` (it calls its
    /// argument with start, end and the word's index, ordered by end).
    fn open_from(
        &self,
        text: &str,
        sentences: &[Range<usize>],
        scan: impl FnOnce(&mut dyn FnMut(usize, usize, usize)),
    ) -> Vec<Open> {
        let mut open = vec![[false; 4]; sentences.len()];
        let b = text.as_bytes();
        let mut k = 0;
        scan(&mut |start, end, pattern| {
            // the sentence this occurrence ends in (occurrences come ordered by end)
            while sentences.get(k).is_some_and(|r| r.end < end) {
                k += 1;
            }
            // one across a sentence boundary, or outside any, is in no sentence
            let Some(r) = sentences.get(k).filter(|r| r.start <= start) else { return };
            let g = self.of[pattern];
            // a gate word inside another word opens nothing ("through", "Monday")
            let (before, whole) = self.edges[g as usize];
            if start > r.start && !before.allows(b[start - 1]) {
                return;
            }
            if whole && end < r.end && (b[end].is_ascii_alphanumeric() || b[end] == b'_') {
                return;
            }
            open[k][g as usize] = true;
        });
        open
    }
}

/// Which gates are open in each of `sentences` (ranges of `text`, in order:
/// duration, time, scale, magnitude), from one pass of the language's [`Gates`]
/// over the whole text (a pass over a long text reads four stretches at once).
pub(crate) fn gates(lang: Lang, text: &str, sentences: &[Range<usize>]) -> Vec<Open> {
    GATES[lang.index()].open_each(text, sentences)
}

/// [`gates`] from the gate words another pass over `text` found: `found`
/// holds (start, end, index in [`gate_words`]), ordered by end.
pub(crate) fn gates_found(
    lang: Lang,
    text: &str,
    sentences: &[Range<usize>],
    found: &[(usize, usize, u32)],
) -> Vec<Open> {
    GATES[lang.index()].open_from(text, sentences, |f| {
        for &(start, end, word) in found {
            f(start, end, word as usize);
        }
    })
}

/// The words a language's number patterns need (see [`gates`]), for the
/// dictionary pass to find alongside its names ([`gates_found`]).
pub(crate) fn gate_words(lang: Lang) -> &'static [&'static str] {
    &GATES[lang.index()].words
}

/// A list of hint words, normalised.
fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| normalize(w)).collect()
}

/// Patterns use ASCII word boundaries `(?-u:\b)`: a Unicode `\b` keeps the
/// regex engine off its fast lazy DFA on non-ASCII text.
fn re(s: &str) -> Regex {
    regex::RegexBuilder::new(s).dfa_size_limit(32 << 20).build().expect("valid number pattern")
}

/// The years (1990-2099) written in four ASCII digits in `s`, not part of a
/// longer number: where each starts and its value, left to right. A year
/// follows the start of `s` or a char that is no digit, `.`, `,` or `:`
/// ("2024年", "July 2024", "2024." but not "12345", "1.2024" or "10:2024"),
/// and precedes the end or a char that is no digit, `:` or `/` (not a
/// phone number or a date like "2024/05"). The chars on either side belong
/// to the year: years are read without overlapping them, so in "2023 2024"
/// only the first counts.
fn years(s: &str) -> impl Iterator<Item = (usize, u16)> + '_ {
    let b = s.as_bytes();
    // a digit of any script (`char::is_numeric`) keeps a year from being one
    let digit = |c: char| c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric());
    let mut from = 0;
    let mut at = 0;
    std::iter::from_fn(move || {
        // a year is a run of exactly four ASCII digits: run by run
        while let Some(k) = b.get(at..).and_then(|r| r.iter().position(u8::is_ascii_digit)) {
            let y = at + k;
            let e = y + b[y..].iter().take_while(|x| x.is_ascii_digit()).count();
            at = e;
            let body = &b[y..e];
            if body.len() != 4 || !(body.starts_with(b"199") || body.starts_with(b"20")) {
                continue;
            }
            // the char before, at or after where the last year's chars end
            let before_ok = y == 0
                || s[..y]
                    .chars()
                    .next_back()
                    .is_some_and(|c| y - c.len_utf8() >= from && !(digit(c) || matches!(c, '.' | ',' | ':')));
            if !before_ok {
                continue;
            }
            let end = match s[e..].chars().next() {
                None => e,
                Some(c) if !(digit(c) || c == ':' || c == '/') => e + c.len_utf8(),
                Some(_) => continue,
            };
            from = end;
            at = end;
            let value = body.iter().fold(0u16, |v, d| v * 10 + u16::from(d - b'0'));
            return Some((y, value));
        }
        at = b.len();
        None
    })
}

/// The year an article speaks from: its publication date, else the first
/// year it mentions (news opens with its date; later years are often plans).
pub(crate) fn article_year<'a>(published: Option<&str>, mut numbers: impl Iterator<Item = &'a Found>) -> Option<u16> {
    published
        .and_then(|p| years(p).next().map(|(_, y)| y))
        .or_else(|| numbers.find_map(|f| if let Number::Year(y) = f.number { Some(y) } else { None }))
}

/// The gate words of each language's patterns (see [`Gates`]): built apart
/// from the patterns, which compile at the first classification, because
/// the dictionary pass takes the gate words at construction.
static GATES: LazyLock<[Gates; 5]> = LazyLock::new(|| {
    [
        // Korean
        Gates::new(
            [&["시간", "분", "일"], &["시"], &["명", "건"], &["수십만", "수백만", "수천만", "수천", "수만", "수백"]],
            ANYWHERE,
        ),
        // Chinese
        Gates::new(
            [
                &["小时", "小時", "分钟", "分鐘", "天", "钟头", "鐘頭"],
                &[":", "：", "点", "點", "时", "時"],
                &["用户", "网友", "客户", "使用者", "人", "报告", "投诉", "反馈", "举报"],
                &["数十万", "数百万", "数千万", "数千", "数万", "上千", "上万", "成千上万"],
            ],
            ANYWHERE,
        ),
        // Indonesian
        // "\s+jam(?-u:\b)", "(?-u:\b)pukul\s+", "\s+pengguna(?-u:\b)"
        Gates::new(
            [
                &["jam", "menit", "hari"],
                &["pukul", "jam"],
                &["pengguna", "pelanggan", "nasabah", "orang", "warga", "laporan", "keluhan", "aduan"],
                &["jutaan", "ribuan", "ratusan ribu", "puluhan ribu", "ratusan"],
            ],
            [(Before::Space, true), (Before::NonWord, true), (Before::Space, true)],
        ),
        // German
        // "\s+stunden?", "\d\s*uhr(?-u:\b)"; scale nouns may end a
        // longer one (Störungsmeldungen)
        Gates::new(
            [
                &["stunde", "std", "minute", "min", "tag"],
                &["uhr"],
                &["nutzer", "kunden", "menschen", "anwender", "haushalte", "meldungen", "berichte"],
                &["millionen", "hunderttausende", "zehntausende", "tausende", "hunderte"],
            ],
            [(Before::Space, false), (Before::SpaceOrDigit, true), (Before::Any, false)],
        ),
        // English
        // "[\s-]+hours?", "\d\s*(?:am)?\s*ET(?-u:\b)", "\s+users(?-u:\b)"
        Gates::new(
            [
                &["hour", "hr", "minute", "min", "day"],
                // the time pattern needs its zone
                &[
                    "et", "est", "edt", "pt", "pst", "pdt", "ct", "cst", "utc", "gmt", "bst", "cet", "cest", "kst",
                    "jst", "sgt", "aest", "wib",
                ],
                &["users", "customers", "people", "subscribers", "accounts", "reports", "complaints"],
                &["millions", "hundreds", "thousands"],
            ],
            [(Before::SpaceOrDash, false), (Before::Clock, true), (Before::Space, true)],
        ),
    ]
});

static PATTERNS: LazyLock<[Patterns; 5]> = LazyLock::new(|| {
    [
        // Korean
        Patterns {
            // "25일" is a date (the 25th): days only as "일간", "일 동안"
            duration: re(
                r"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>시간|분|일간|일\s동안)(?:\s*(?P<extra>\d+)\s*분|\s*(?P<half>반))?",
            ),
            time: re(
                r"(한국\s?시간|KST|미국\s?동부\s?시간|동부\s?시간|미\s?동부\s?시간|서부\s?시간|UTC|GMT)?\s*(오전|오후|새벽|밤|저녁|낮|아침)?\s*(\d{1,2})\s*시\s*(?:(\d{1,2})\s*분|(반))?",
            ),
            scale: re(
                r"(수십만|수백만|수천만|수천|수만|수백|\d[\d,]*(?:\.\d+)?\s*(?:만|천|백만|억)?)\s*(?:여|이상)?\s*(명|건)",
            ),
            lasted_before: words(&["총", "무려", "장장", "동안"]),
            lasted_after: words(&["만에", "만인", "동안", "넘게", "이상", "가량", "간", "째"]),
            not_before: words(&[]),
            not_after: words(&["이내", "안에", "내에", "내로", "전", "후에 다시", "마다"]),
        },
        // Chinese
        Patterns {
            duration: re(
                r"(?P<n>\d+(?:\.\d+)?|[一二两兩三四五六七八九十百半]+)\s*(?:[个個])?\s*(?P<half>半)?\s*(?:多)?\s*(?P<unit>小[时時]|分[钟鐘]|天|[钟鐘][头頭])(?:\s*(?P<extra>\d+)\s*分(?:[钟鐘])?)?",
            ),
            time: re(
                r"(北京时间|北京時間|美东时间|美東時間|美国东部时间|美國東部時間|美西时间|太平洋时间|格林尼治时间|协调世界时|台湾时间|台灣時間|香港时间|香港時間|UTC|GMT|EST|EDT|PST|PDT)?\s*(上午|下午|凌晨|晚上|晚间|晚間|中午|早上|傍晚|夜间|夜間)?\s*(\d{1,2})\s*(?:[:：]\s*(\d{2})|[点點时時]\s*(?:(\d{1,2})\s*分|(半))?)(?:\s*[（(]\s*(EST|EDT|PST|PDT|UTC|GMT|ET|PT|北京时间)\s*[)）])?",
            ),
            scale: re(
                r"(数十万|数百万|数千万|数千|数万|上千|上万|成千上万|\d[\d,]*(?:\.\d+)?\s*(?:万|千|百万|亿)?)\s*(?:多|余)?\s*(?:名|位|个|份|条|起|次)?\s*(用户|网友|客户|使用者|人|报告|投诉|反馈|故障报告|举报)",
            ),
            lasted_before: words(&["持续", "长达", "宕机", "中断", "瘫痪", "故障", "历时"]),
            lasted_after: words(&["之久", "以上", "多", "内恢复", "内即恢复", "内就恢复", "后恢复", "后才恢复"]),
            not_before: words(&["预计", "未来", "每", "耗了", "花了", "等了", "排了", "苦等", "等待了"]),
            not_after: words(&["内", "之内", "以内", "前"]),
        },
        // Indonesian
        Patterns {
            duration: re(
                r"(?i)(?-u:\b)(?P<n>\d+(?:[.,]\d+)?|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|dua belas|setengah)\s+(?P<unit>jam|menit|hari)(?:\s+(?P<extra>\d+)\s+menit)?(?-u:\b)",
            ),
            time: re(r"(?i)(?-u:\b)(?:pukul|jam)\s+(\d{1,2})[.:](\d{2})\s*(WIB|WITA|WIT|UTC|GMT)?"),
            scale: re(
                r"(?i)(?-u:\b)(jutaan|ribuan|ratusan ribu|puluhan ribu|ratusan|\d[\d.,]*\s*(?:juta|ribu|rb)?)\s+(?:lebih\s+)?(pengguna|pelanggan|nasabah|orang|warga|laporan|keluhan|aduan)(?-u:\b)",
            ),
            lasted_before: words(&["selama", "setelah", "berlangsung", "mati", "lumpuh", "down"]),
            lasted_after: words(&["lamanya", "lebih", "sejak gangguan", "sejak layanan"]),
            not_before: words(&["dalam", "dalam waktu", "setiap", "tiap"]),
            not_after: words(&["lalu", "yang lalu", "ke depan", "sebelumnya"]),
        },
        // German
        Patterns {
            duration: re(
                r"(?i)(?-u:\b)(?P<n>\d+(?:,\d+)?|(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)einhalb|eine?r?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|anderthalb|eineinhalb|knapp zwei)\s+(?P<unit>stunden?|std\.?|minuten?|min\.?|tagen?|tage)(?-u:\b)",
            ),
            time: re(r"(?i)(?-u:\b)(\d{1,2})(?:[:.](\d{2}))?\s*uhr(?-u:\b)\s*(MEZ|MESZ|UTC|GMT|CET|CEST|Ortszeit)?"),
            scale: re(
                r"(?i)(?-u:\b)(millionen|hunderttausende|zehntausende|tausende|hunderte|\d[\d.]*(?:,\d+)?\s*(?:millionen|mio\.?|tausend)?)\s+(?:\w+\s+)?(nutzer(?:innen)?|kunden|menschen|anwender|haushalte|meldungen|störungsmeldungen|stoerungsmeldungen|berichte)(?-u:\b)",
            ),
            lasted_before: words(&["für", "nach", "dauerte", "seit", "über", "mehr als", "mindestens", "insgesamt"]),
            lasted_after: words(&[
                "lang",
                "andauernd",
                "dauernde",
                "dauerte",
                "später",
                "nach der ersten meldung",
                "nach beginn",
                "nach dem beginn",
            ]),
            not_before: words(&["innerhalb", "binnen", "vor", "in den nächsten", "alle", "in"]),
            not_after: words(&["zuvor", "vorher"]),
        },
        // English
        Patterns {
            duration: re(
                r"(?i)(?-u:\b)(?P<n>\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half an?)(?P<half>\s+and\s+a\s+half|\s*1/2|\s*½)?[\s-]+(?P<unit>hours?|hrs?|minutes?|mins?|days?)(?-u:\b)(?:\s+and\s+(?P<extra>\d+)\s+minutes?)?",
            ),
            time: re(
                r"(?i)(?-u:\b)(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*(ET|EST|EDT|PT|PST|PDT|CT|CST|UTC|GMT|BST|CET|CEST|KST|JST|SGT|AEST|WIB)(?-u:\b)",
            ),
            scale: re(
                r"(?i)(?-u:\b)(millions|hundreds of thousands|tens of thousands|thousands|hundreds|\d[\d,]*(?:\.\d+)?\s*(?:million|thousand|k|m)?)\s+(?:of\s+)?(?:\w+\s+)?(users|customers|people|subscribers|accounts|reports|complaints)(?-u:\b)",
            ),
            lasted_before: words(&[
                "for",
                "lasted",
                "lasting",
                "after",
                "more than",
                "down",
                "offline",
                "spent",
                "at least",
            ]),
            lasted_after: words(&[
                "long",
                "-long",
                "outage",
                "disruption",
                "after the problems began",
                "after the problems started",
                "after the outage began",
                "after the outage started",
                "after the issues began",
                "after the issue began",
                "after it began",
                "after it started",
            ]),
            not_before: words(&["within", "in the next", "every", "in"]),
            not_after: words(&["ago", "earlier", "later", "before", "after"]),
        },
    ]
});

/// Append the numbers of `sentence` (at `base` in the cleaned text).
#[cfg(test)]
pub(crate) fn scan(lang: Lang, sentence: &str, base: usize, out: &mut Vec<Found>) {
    scan_gated(lang, sentence, base, GATES[lang.index()].open(sentence), out);
}

/// Append the numbers of `sentence` (at `base` in the cleaned text), where
/// `open` says which patterns can match in it (see [`gates`]).
pub(crate) fn scan_gated(lang: Lang, sentence: &str, base: usize, open: Open, out: &mut Vec<Found>) {
    let digits = sentence.bytes().any(|b| b.is_ascii_digit());
    if !digits && !has_number_word(lang, sentence) {
        return;
    }
    let p = &PATTERNS[lang.index()];
    // which patterns can match at all: their unit, zone or noun words
    let [duration, time, scale] = possible(lang, open, digits, sentence);
    if !(duration || time || scale || digits) {
        return;
    }
    if digits {
        for (at, y) in years(sentence) {
            out.push(Found { number: Number::Year(y), span: base + at..base + at + 4 });
        }
    }
    let first_time = out.len();
    for c in time.then(|| p.time.captures_iter(sentence)).into_iter().flatten() {
        let m = c.get(0).expect("whole match");
        if let Some((local, zone)) = time_of(lang, &c, &sentence[m.end()..]) {
            let trimmed = m.as_str().trim();
            let s = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
            out.push(Found {
                number: Number::Time { local, utc_offset: zone },
                span: base + s..base + s + trimmed.len(),
            });
        }
    }
    for c in duration.then(|| p.duration.captures_iter(sentence)).into_iter().flatten() {
        let m = c.get(0).expect("whole match");
        // the minutes of a clock time ("3시 30분") are not a duration
        if out[first_time..].iter().any(|f| f.span.start < base + m.end() && base + m.start() < f.span.end) {
            continue;
        }
        let Some(n) = c.name("n").and_then(|n| number(lang, n.as_str())) else {
            continue;
        };
        let unit = c.name("unit").map_or("", |u| u.as_str()).to_lowercase();
        let per = unit_minutes(&unit);
        if per == 0 {
            continue;
        }
        let extra = c.name("extra").and_then(|x| x.as_str().parse::<f64>().ok()).unwrap_or(0.0);
        // "4시간 반", "4个半小时": and a half
        let n = if c.name("half").is_some() { n + 0.5 } else { n };

        let minutes = (n * per as f64 + extra).round();
        if !(1.0..=60.0 * 24.0 * 30.0).contains(&minutes) {
            continue;
        }
        let hint = hint(p, &sentence[..m.start()], &sentence[m.end()..]);
        out.push(Found {
            number: Number::Duration { minutes: minutes as u32, hint },
            span: base + m.start()..base + m.end(),
        });
    }
    for c in scale.then(|| p.scale.captures_iter(sentence)).into_iter().flatten() {
        let m = c.get(0).expect("whole match");
        let Some(n) = magnitude(lang, c.get(1).map_or("", |x| x.as_str())) else {
            continue;
        };
        let noun = c.get(2).map_or("", |x| x.as_str()).to_lowercase();
        let reports = matches!(
            noun.as_str(),
            "건" | "报告"
                | "投诉"
                | "反馈"
                | "故障报告"
                | "举报"
                | "laporan"
                | "keluhan"
                | "aduan"
                | "meldungen"
                | "störungsmeldungen"
                | "stoerungsmeldungen"
                | "berichte"
                | "reports"
                | "complaints"
        );
        let number = if reports { Number::Reports(n) } else { Number::Users(n) };
        out.push(Found { number, span: base + m.start()..base + m.end() });
    }
}

fn has_number_word(lang: Lang, s: &str) -> bool {
    match lang {
        Lang::Ko => s.contains("수천") || s.contains("수만") || s.contains("수백"),
        Lang::Zh => s.contains('小') || s.contains('数') || s.contains('上') || s.contains('天') || s.contains('分'),
        _ => true,
    }
}

fn unit_minutes(unit: &str) -> u32 {
    match unit.trim_end_matches('.') {
        "시간" | "小时" | "小時" | "钟头" | "鐘頭" | "jam" | "stunde" | "stunden" | "std" | "hour" | "hours" | "hr"
        | "hrs" => 60,
        "분" | "分钟" | "分鐘" | "menit" | "minute" | "minuten" | "min" | "minutes" | "mins" => 1,
        "일간" | "일 동안" | "天" | "hari" | "tag" | "tage" | "tagen" | "day" | "days" => 1440,

        _ => 0,
    }
}

fn hint(p: &Patterns, before: &str, after: &str) -> i8 {
    // compared in normalised form: 持續 = 持续, über = ueber
    let b = normalize(tail(before, 40));
    let a = normalize(head(after, 32));
    let a = a.trim_start();
    // a word among the last five before the number ("dauerte der Ausfall
    // damit rund zwei Stunden"), or anywhere in the window for CJK
    let b_words: Vec<&str> = b.split_whitespace().collect();
    let last = &b_words[b_words.len().saturating_sub(5)..];
    let ends_with = |w: &String| {
        if w.is_ascii() {
            // w's words one after another among the last ones
            (0..last.len()).any(|i| {
                let mut t = last[i..].iter();
                w.split(' ').all(|x| t.next() == Some(&x))
            })
        } else {
            b.contains(w.as_str())
        }
    };
    let starts_with = |w: &&String| a.starts_with(w.as_str());
    // the longer of the words after decides ("内恢复" over "内", "after the
    // outage began" over "after")
    let not_after = p.not_after.iter().filter(starts_with).map(String::len).max();
    let lasted_after = p.lasted_after.iter().filter(starts_with).map(String::len).max();
    // a Chinese word before the number that makes it no outage length ("耗了
    // 半小時以上": the users' time; "预计...以上": a forecast) outweighs the words after
    if p.not_before.iter().any(|w| !w.is_ascii() && b.contains(w.as_str())) {
        return -1;
    }
    if lasted_after > not_after {
        return 1;
    }
    if not_after.is_some() || p.not_before.iter().any(ends_with) {
        return -1;
    }
    if p.lasted_before.iter().any(ends_with) {
        return 1;
    }
    0
}

fn tail(s: &str, chars: usize) -> &str {
    let i = s.char_indices().rev().nth(chars.saturating_sub(1)).map_or(0, |(i, _)| i);
    &s[i..]
}

fn head(s: &str, chars: usize) -> &str {
    let i = s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i);
    &s[..i]
}

/// A small number written in digits or words.
fn number(lang: Lang, s: &str) -> Option<f64> {
    let t = s.trim().to_lowercase();
    if let Ok(v) = t.replace(',', ".").parse::<f64>() {
        return Some(v);
    }
    // "viereinhalb", "zweieinhalb": and a half
    if let Some(stem) = t.strip_suffix("einhalb").filter(|s| !s.is_empty() && *s != "ein") {
        return number(lang, stem).map(|v| v + 0.5);
    }
    let v = match lang {
        Lang::Zh => return chinese_number(&t),

        Lang::Id => match t.as_str() {
            "satu" => 1.0,
            "dua" => 2.0,
            "tiga" => 3.0,
            "empat" => 4.0,
            "lima" => 5.0,
            "enam" => 6.0,
            "tujuh" => 7.0,
            "delapan" => 8.0,
            "sembilan" => 9.0,
            "sepuluh" => 10.0,
            "sebelas" => 11.0,
            "dua belas" => 12.0,
            "setengah" => 0.5,
            _ => return None,
        },
        Lang::De => match t.as_str() {
            "ein" | "eine" | "einer" => 1.0,
            "zwei" | "knapp zwei" => 2.0,
            "drei" => 3.0,
            "vier" => 4.0,
            "fünf" => 5.0,
            "sechs" => 6.0,
            "sieben" => 7.0,
            "acht" => 8.0,
            "neun" => 9.0,
            "zehn" => 10.0,
            "elf" => 11.0,
            "zwölf" => 12.0,
            "anderthalb" | "eineinhalb" => 1.5,
            _ => return None,
        },
        Lang::En => match t.as_str() {
            "a" | "an" | "one" => 1.0,
            "two" => 2.0,
            "three" => 3.0,
            "four" => 4.0,
            "five" => 5.0,
            "six" => 6.0,
            "seven" => 7.0,
            "eight" => 8.0,
            "nine" => 9.0,
            "ten" => 10.0,
            "eleven" => 11.0,
            "twelve" => 12.0,
            "half a" | "half an" => 0.5,
            _ => return None,
        },
        Lang::Ko => return None,
    };
    Some(v)
}

/// 一 .. 九十九, 两, 半.
fn chinese_number(s: &str) -> Option<f64> {
    let digit = |c: char| match c {
        '一' => Some(1.0),
        '二' | '两' | '兩' => Some(2.0),
        '三' => Some(3.0),
        '四' => Some(4.0),
        '五' => Some(5.0),
        '六' => Some(6.0),
        '七' => Some(7.0),
        '八' => Some(8.0),
        '九' => Some(9.0),
        _ => None,
    };
    if s == "半" {
        return Some(0.5);
    }
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [d] if *d == '十' => Some(10.0),
        [d] => digit(*d),
        ['十', d] => Some(10.0 + digit(*d)?),
        [d, '十'] => Some(digit(*d)? * 10.0),
        [d, '十', e] => Some(digit(*d)? * 10.0 + digit(*e)?),
        [d, '百'] => Some(digit(*d)? * 100.0),
        _ => None,
    }
}

/// A stated magnitude as its lower bound.
fn magnitude(lang: Lang, s: &str) -> Option<u64> {
    let t = s.trim().to_lowercase();
    let word = match t.as_str() {
        "수백" | "hundreds" | "ratusan" | "hunderte" => Some(100),
        "수천" | "数千" | "上千" | "thousands" | "ribuan" | "tausende" => Some(1_000),
        "수만" | "数万" | "上万" | "成千上万" | "tens of thousands" | "puluhan ribu" | "zehntausende" => {
            Some(10_000)
        }
        "수십만" | "数十万" | "hundreds of thousands" | "ratusan ribu" | "hunderttausende" => Some(100_000),
        "수백만" | "数百万" | "millions" | "jutaan" | "millionen" => Some(1_000_000),
        "수천만" | "数千万" => Some(10_000_000),
        _ => None,
    };
    if word.is_some() {
        return word;
    }
    let digits_end = t.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(t.len());
    let (num, unit) = t.split_at(digits_end);
    let num = match lang {
        // "1.500" and "1,5" in German and Indonesian
        Lang::De | Lang::Id => {
            let n = num.replace('.', "").replace(',', ".");
            n.parse::<f64>().ok()?
        }
        _ => num.replace(',', "").parse::<f64>().ok()?,
    };
    let mult = match unit.trim() {
        "" => 1.0,
        "만" | "万" => 10_000.0,
        "천" | "千" | "thousand" | "k" | "ribu" | "rb" | "tausend" => 1_000.0,
        "백만" | "百万" | "million" | "m" | "juta" | "millionen" | "mio" | "mio." => 1_000_000.0,
        "억" | "亿" => 100_000_000.0,
        _ => return None,
    };
    let v = num * mult;
    (1.0..1e11).contains(&v).then_some(v as u64)
}

/// UTC offset of a zone name.
fn zone_offset(z: &str) -> Option<&'static str> {
    let z = z.trim();
    Some(match z.to_uppercase().replace(' ', "").as_str() {
        "한국시간" | "KST" | "JST" | "WIT" => "+09:00",
        "北京时间" | "北京時間" | "台湾时间" | "台灣時間" | "香港时间" | "香港時間" | "WITA" | "SGT" => {
            "+08:00"
        }
        "WIB" => "+07:00",
        "美东时间" | "美東時間" | "美国东部时间" | "美國東部時間" | "미국동부시간" | "동부시간" | "미동부시간"
        | "ET" | "EST" => "-05:00",
        "EDT" => "-04:00",
        "美西时间" | "太平洋时间" | "서부시간" | "PT" | "PST" => "-08:00",
        "PDT" => "-07:00",
        "CT" | "CST" => "-06:00",
        "UTC" | "GMT" | "格林尼治时间" | "协调世界时" => "+00:00",
        "MEZ" | "CET" | "BST" => "+01:00",
        "MESZ" | "CEST" => "+02:00",
        "AEST" => "+10:00",
        _ => return None,
    })
}

fn time_of(lang: Lang, c: &regex::Captures<'_>, after: &str) -> Option<(String, Option<&'static str>)> {
    let g = |i: usize| c.get(i).map(|m| m.as_str());
    let (hour, minute, zone): (u32, u32, Option<&'static str>) = match lang {
        Lang::Ko => {
            // "11시간" is a duration
            if after.starts_with('간') {
                return None;
            }
            let mut h: u32 = g(3)?.parse().ok()?;
            let min = if g(5).is_some() { 30 } else { g(4).map_or(Some(0), |m| m.parse().ok())? };
            if matches!(g(2), Some("오후" | "밤" | "저녁")) && h < 12 {
                h += 12;
            }
            if g(2).is_none() && g(1).is_none() && g(4).is_none() {
                return None; // a bare "3시" is too often not a clock time
            }
            (h, min, g(1).and_then(zone_offset))
        }
        Lang::Zh => {
            let mut h: u32 = g(3)?.parse().ok()?;
            let min = if g(6).is_some() { 30 } else { g(4).or(g(5)).map_or(Some(0), |m| m.parse().ok())? };
            if matches!(g(2), Some("下午" | "晚上" | "晚间" | "晚間" | "傍晚")) && h < 12 {
                h += 12;
            }
            if g(1).is_none() && g(2).is_none() && g(4).is_none() && g(5).is_none() && g(7).is_none() {
                return None;
            }
            (h, min, g(1).or(g(7)).and_then(zone_offset))
        }
        Lang::Id => (g(1)?.parse().ok()?, g(2)?.parse().ok()?, g(3).and_then(zone_offset)),
        Lang::De => {
            let zone = g(3).and_then(zone_offset);
            (g(1)?.parse().ok()?, g(2).map_or(Some(0), |m| m.parse().ok())?, zone)
        }
        Lang::En => {
            let mut h: u32 = g(1)?.parse().ok()?;
            let ampm = g(3).map(|s| s.to_lowercase());
            if g(2).is_none() && ampm.is_none() {
                return None;
            }
            if ampm.as_deref().is_some_and(|s| s.starts_with('p')) && h < 12 {
                h += 12;
            }
            if ampm.as_deref().is_some_and(|s| s.starts_with('a')) && h == 12 {
                h = 0;
            }
            (h, g(2).map_or(Some(0), |m| m.parse().ok())?, g(4).and_then(zone_offset))
        }
    };
    (hour < 24 && minute < 60).then(|| (format!("{hour:02}:{minute:02}"), zone))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A gate never hides a match: wherever a pattern matches a sentence of
    /// the shipped articles (or a tricky one below), its gate is open. The
    /// gates are the same sentence by sentence, from one pass over the text
    /// and from the dictionary's pass.
    #[test]
    fn gates_never_hide_a_match() {
        let mut texts: Vec<(Lang, String)> = [
            (Lang::En, "a 2-hour outage began at 9:30amET, or 10ET; 5,000 users and thousands of customers"),
            (Lang::En, "It lasted two and a half hours and 3 days; 3 p.m. PST"),
            (Lang::De, "über 14Uhr und 15.30 Uhr MEZ, zwei Stunden lang, 4.000 Störungsmeldungen, 300 Nutzerinnen"),
            (Lang::Id, "selama 3 jam, pukul 10.00 WIB, ribuan pengguna dan 2 hari"),
            (Lang::En, "Thousands of customers and hundreds of thousands of users"),
            (Lang::De, "Zehntausende Kunden und Hunderte Nutzer"),
            (Lang::Id, "jutaan pengguna dan ratusan ribu pelanggan"),
            (Lang::Ko, "수만 명이 불편을 겪었다"),
            (Lang::Zh, "成千上万用户受到影响"),
            (Lang::Zh, "北京时间１２点３０分，服务中断约３小时"),
            (Lang::Ko, "오후 ３시 ３０분부터 ２시간 동안"),
        ]
        .into_iter()
        .map(|(l, t)| (l, t.to_string()))
        .collect();
        texts.extend(crate::corpus::articles(&["data/samples", "tests/gold"]));
        // the dictionary pass finds the gate words too
        let source = crate::lexicon::LexiconSource::embedded().expect("embedded dictionary");
        let lexicon = source.build_automata_with(gate_words).expect("automata");
        let (mut matched, mut from_names) = (0, 0);
        for (lang, text) in &texts {
            let p = &PATTERNS[lang.index()];
            let cleaned = crate::document::clean(text).text;
            let sentences = crate::segment::sentences(&cleaned);
            let whole = gates(*lang, &cleaned, &sentences);
            // (the names are searched, and the gate words with them, when a symptom is named)
            if let Some(scan) = lexicon.scan_text(*lang, &cleaned).filter(|s| s.len() > 0) {
                from_names += 1;
                assert_eq!(gates_found(*lang, &cleaned, &sentences, scan.extra()), whole, "{lang:?}: {text}");
            }
            for (r, whole) in sentences.into_iter().zip(whole) {
                let s = &cleaned[r];
                let open = GATES[lang.index()].open(s);
                assert_eq!(open, whole, "{lang:?} one pass and sentence by sentence disagree: {s}");
                let digits = s.bytes().any(|b| b.is_ascii_digit());
                let possible = possible(*lang, open, digits, s);
                for (i, re) in [&p.duration, &p.time, &p.scale].into_iter().enumerate() {
                    if re.is_match(s) {
                        matched += 1;
                        assert!(possible[i], "{lang:?} pattern {i} matches but its gate is shut: {s}");
                    }
                }
            }
        }
        assert!(matched > 100, "{matched}");
        assert!(from_names > 40, "{from_names}");
        // and they do shut
        let en = &PATTERNS[Lang::En.index()];
        assert_eq!(GATES[Lang::En.index()].open("Through the night on Monday, the administration said"), [false; 4]);
        assert_eq!(GATES[Lang::De.index()].open("Am Dienstag führt der Termin"), [false; 4]);
        // a scale needs a number: digits, a magnitude word, or a char the patterns read as one
        let scale =
            |s: &str| possible(Lang::En, GATES[Lang::En.index()].open(s), s.bytes().any(|b| b.is_ascii_digit()), s)[2];
        assert!(!scale("Some users could not log in."));
        assert!(scale("Thousands of users could not log in."));
        assert!(scale("٣ users could not log in."));
        assert!(en.scale.is_match("THOUſANDS of users"));
        assert!(scale("THOUſANDS of users could not log in."));
        // a clock time needs a digit, of any script
        let zh = |s: &str| possible(Lang::Zh, GATES[Lang::Zh.index()].open(s), false, s);
        assert!(!zh("同时，时间上也来不及")[1]);
        assert!(zh("北京时间１２点")[1]);
    }

    /// `years` finds what the regular expression it replaced found (with
    /// ASCII digits: the expression's `\d` also took other scripts' digits
    /// into a year, "199٣" giving 199).
    #[test]
    fn years_agree_with_the_year_pattern() {
        use proptest::prelude::*;
        let year = Regex::new(r"(?:^|[^\d.,:])(?:199\d|20\d\d)(?:$|[^\d:/]|[.,]\D|[.,]$)").expect("pattern");
        let theirs = |s: &str| -> Vec<(usize, u16)> {
            year.find_iter(s)
                .filter_map(|m| {
                    let digits = m.as_str().trim_matches(|c: char| !c.is_ascii_digit());
                    let at = m.start() + m.as_str().find(digits).unwrap_or(0);
                    digits.parse().ok().map(|y| (at, y))
                })
                .collect()
        };
        for s in ["2024", "In 2023 2024.", "1999, 2000,2001", "12345 2024/05 10:2024 1.2024 ٣2024 2024٣", "2024年7月"]
        {
            assert_eq!(years(s).collect::<Vec<_>>(), theirs(s), "{s}");
        }
        let piece = prop::sample::select(vec![
            "1", "2", "0", "9", "199", "20", "2024", "1999", " ", ".", ",", ":", "/", "a", "é", "年", "—", "\n", "-",
        ]);
        let config = ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() };
        proptest!(config, |(pieces in prop::collection::vec(piece, 0..14))| {
            let s = pieces.concat();
            prop_assert_eq!(years(&s).collect::<Vec<_>>(), theirs(&s), "{:?}", s);
        });
    }

    fn nums(lang: Lang, s: &str) -> Vec<Number> {
        let mut v = Vec::new();
        scan(lang, s, 0, &mut v);
        v.into_iter().map(|f| f.number).collect()
    }

    #[test]
    fn durations() {
        assert!(nums(Lang::Zh, "微软宕机11小时").contains(&Number::Duration { minutes: 660, hint: 1 }));
        assert!(nums(Lang::Ko, "약 10시간 만에 복구됐다").contains(&Number::Duration { minutes: 600, hint: 1 }));
        assert!(nums(Lang::Id, "gangguan selama 2 jam").contains(&Number::Duration { minutes: 120, hint: 1 }));
        assert!(nums(Lang::De, "rund zwei Stunden lang").contains(&Number::Duration { minutes: 120, hint: 1 }));
        assert!(nums(Lang::En, "for about 90 minutes").contains(&Number::Duration { minutes: 90, hint: 1 }));
        assert!(nums(Lang::Zh, "在事故发生的6小时内").contains(&Number::Duration { minutes: 360, hint: -1 }));
        assert!(nums(Lang::Zh, "民眾耗了半小時以上").contains(&Number::Duration { minutes: 30, hint: -1 }));
        assert!(nums(Lang::En, "three hours ago").contains(&Number::Duration { minutes: 180, hint: -1 }));
        assert!(
            nums(Lang::De, "dauerte rund viereinhalb Stunden").contains(&Number::Duration { minutes: 270, hint: 1 })
        );
        assert!(nums(Lang::En, "for four and a half hours").contains(&Number::Duration { minutes: 270, hint: 1 }));
        assert!(nums(Lang::Zh, "約持續1個半小時").contains(&Number::Duration { minutes: 90, hint: 1 }));
        assert!(nums(Lang::Ko, "4시간 반 동안").contains(&Number::Duration { minutes: 270, hint: 1 }));
    }

    #[test]
    fn times() {
        assert_eq!(
            nums(Lang::Ko, "한국시간 오후 3시 30분"),
            [Number::Time { local: "15:30".into(), utc_offset: Some("+09:00") }]
        );
        assert_eq!(
            nums(Lang::Zh, "美东时间上午07:55"),
            [Number::Time { local: "07:55".into(), utc_offset: Some("-05:00") }]
        );
        assert_eq!(
            nums(Lang::Id, "pukul 14.00 WIB"),
            [Number::Time { local: "14:00".into(), utc_offset: Some("+07:00") }]
        );
        assert_eq!(
            nums(Lang::De, "um 15:30 Uhr MEZ"),
            [Number::Time { local: "15:30".into(), utc_offset: Some("+01:00") }]
        );
        assert_eq!(
            nums(Lang::En, "at 9:45 a.m. ET"),
            [Number::Time { local: "09:45".into(), utc_offset: Some("-05:00") }]
        );
        assert!(nums(Lang::Ko, "11시간 동안").iter().all(|n| !matches!(n, Number::Time { .. })));
    }

    #[test]
    fn scale() {
        assert_eq!(nums(Lang::Ko, "사용자 수천 명이"), [Number::Users(1000)]);
        assert_eq!(nums(Lang::Zh, "收到了数千份报告"), [Number::Reports(1000)]);
        assert_eq!(nums(Lang::Id, "jutaan pengguna"), [Number::Users(1_000_000)]);
        assert_eq!(nums(Lang::De, "Millionen Nutzer"), [Number::Users(1_000_000)]);
        assert_eq!(nums(Lang::En, "more than 10,000 reports"), [Number::Reports(10_000)]);
    }
}
