//! When a sentence says something happened, relative to the article: the
//! day words of the five languages ("yesterday", "前天", "그저께",
//! "kemarin", "vorgestern") and, in Korean and Chinese, the day of the month
//! ("18일", "18日"). An earlier incident is told by its day: in an article
//! whose reported outage is dated today, "支付宝昨天才挂掉" is another, earlier
//! outage (see the sibling module `roles`).

use std::sync::LazyLock;

use aho_corasick::dfa::DFA;

use crate::language::Lang;
use crate::lexicon::{occurs, overlapping};

/// A sentence's stated day: days relative to the article's own day, or a
/// day of the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Day {
    /// Days from the article's day (0 today, -1 yesterday).
    Relative(i32),
    /// A day of the month (1-31).
    OfMonth(u8),
}

/// Day words per language, longest first within a language: (word, offset).
fn words(lang: Lang) -> &'static [(&'static str, i32)] {
    match lang {
        Lang::En => {
            &[("day before yesterday", -2), ("yesterday", -1), ("today", 0), ("this morning", 0), ("tonight", 0)]
        }
        Lang::De => &[("vorgestern", -2), ("gestern", -1), ("heute", 0)],
        Lang::Id => &[("kemarin lusa", -2), ("kemarin", -1), ("hari ini", 0), ("pagi ini", 0), ("tadi pagi", 0)],
        Lang::Ko => &[("그저께", -2), ("그제", -2), ("어제", -1), ("전날", -1), ("오늘", 0), ("이날", 0)],
        Lang::Zh => &[("前天", -2), ("昨天", -1), ("昨日", -1), ("昨晚", -1), ("今天", 0), ("今日", 0), ("今晨", 0)],
    }
}

/// The chars whose lower case is ASCII: the Kelvin sign and the dotted
/// capital I.
const LOWER_TO_ASCII: [&str; 2] = ["\u{212a}", "\u{130}"];

/// Per language, an automaton of its day words (ASCII case-insensitive) and
/// of [`LOWER_TO_ASCII`]: most sentences state no day, and are told so in
/// one pass, without their lower-case copy.
static DAY_WORDS: LazyLock<Vec<DFA>> = LazyLock::new(|| {
    Lang::ALL
        .iter()
        .map(|&l| {
            aho_corasick::dfa::Builder::new()
                .ascii_case_insensitive(true)
                .build(words(l).iter().map(|&(w, _)| w).chain(LOWER_TO_ASCII))
                .expect("day words automaton")
        })
        .collect()
});

/// The first day a sentence states, if any.
pub(crate) fn day(lang: Lang, sentence: &str) -> Option<Day> {
    // Latin text states no day without a day word in some case (or a char
    // that lower-cases into one)
    if lang.is_latin() && !occurs(&DAY_WORDS[lang.index()], sentence.as_bytes()) {
        return None;
    }
    if lang.is_latin()
        && let Some(day) = latin_day(lang, sentence)
    {
        return day;
    }
    let lower;
    let s = if lang.is_latin() {
        lower = sentence.to_lowercase();
        lower.as_str()
    } else {
        sentence
    };
    let relative =
        words(lang).iter().filter_map(|&(w, d)| find_word(lang, s, w).map(|at| (at, d))).min_by_key(|&(at, _)| at);
    let of_month = match lang {
        Lang::Ko => day_of_month(s, "일"),
        Lang::Zh => day_of_month(s, "日").or_else(|| day_of_month(s, "号")),
        _ => None,
    };
    match (relative, of_month) {
        (Some((a, d)), Some((b, m))) => Some(if a <= b { Day::Relative(d) } else { Day::OfMonth(m) }),
        (Some((_, d)), None) => Some(Day::Relative(d)),
        (None, Some((_, m))) => Some(Day::OfMonth(m)),
        (None, None) => None,
    }
}

/// [`day`] in Latin-script text, read from the matches of [`DAY_WORDS`] in
/// `sentence` itself instead of searching its lower-case copy once per day
/// word: the same answer, since the automaton matches ASCII case-insensitively,
/// lower-casing keeps the order of positions and whether a char is a letter
/// or digit, and no day word is found again inside itself after a char that
/// is not one. `None` where a char that lower-cases into ASCII (see
/// [`LOWER_TO_ASCII`]) makes the copy differ: [`day`] then reads the copy.
fn latin_day(lang: Lang, sentence: &str) -> Option<Option<Day>> {
    let words = words(lang);
    // the first place each day word stands as a word
    let mut first: [Option<usize>; 8] = [None; 8];
    let mut odd = false;
    overlapping(&DAY_WORDS[lang.index()], sentence.as_bytes(), |start, end, k| {
        if k >= words.len() {
            odd = true;
        } else if first[k].is_none()
            && sentence[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
            && sentence[end..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        {
            first[k] = Some(start);
        }
    });
    if odd {
        return None;
    }
    let relative = words.iter().zip(first).filter_map(|(&(_, d), at)| at.map(|at| (at, d))).min_by_key(|&(at, _)| at);
    Some(relative.map(|(_, d)| Day::Relative(d)))
}

/// Where `w` stands in `s` as a word (Latin: not inside another word).
fn find_word(lang: Lang, s: &str, w: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find(w) {
        let at = from + i;
        let end = at + w.len();
        from = end;
        if !lang.is_latin() {
            return Some(at);
        }
        let before = s[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = s[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return Some(at);
        }
    }
    None
}

/// "18일", "18日": a one- or two-digit day before the unit, not part of a
/// longer number, a month ("5月18日" reads 18) or a count ("3일간", "3日内").
fn day_of_month(s: &str, unit: &str) -> Option<(usize, u8)> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(i) = s[from..].find(unit) {
        let at = from + i;
        from = at + unit.len();
        let digits = b[..at].iter().rev().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 2 {
            continue;
        }
        let start = at - digits;
        // a count of days, not a date: "3일간", "3일 동안", "3日内"
        let rest = &s[at + unit.len()..];
        if ["간", " 동안", "동안", "째", "内", "內", "间", "間", "之内", "以内"].iter().any(|w| rest.starts_with(w))
        {
            continue;
        }
        let n: u8 = s[start..at].parse().ok()?;
        if (1..=31).contains(&n) {
            return Some((start, n));
        }
    }
    None
}

/// Whether `day` is before `reference` (both stated in the same article).
/// Days of the month compare within a month: "18일" is before "19일", and a
/// day more than a week after the reference is last month's.
/// An ISO 8601 date as (year, month, day).
pub(crate) fn published_date(iso: &str) -> Option<(u16, u8, u8)> {
    Some((iso.get(0..4)?.parse().ok()?, published_month(iso)?, published_day(iso)?))
}

/// A date written day/month/year in brackets, as Indonesian news dates its
/// events ("Rabu (21/1/2026)"), as (year, month, day).
pub(crate) fn bracketed_date(lang: Lang, sentence: &str) -> Option<(u16, u8, u8)> {
    if lang != Lang::Id {
        return None;
    }
    sentence.match_indices('(').find_map(|(at, _)| {
        let inner = &sentence[at + 1..];
        let inner = &inner[..inner.find(')')?];
        let mut parts = inner.split('/');
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 {
            return None;
        }
        let (d, m, y): (u8, u8, u16) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
        ((1..=31).contains(&d) && (1..=12).contains(&m)).then_some((y, m, d))
    })
}

/// A date written out with its month's name and year ("21 Januari 2026",
/// "21. Januar 2026", "January 21, 2026") in Latin-script text, as (year,
/// month, day).
pub(crate) fn written_date(lang: Lang, sentence: &str) -> Option<(u16, u8, u8)> {
    if !lang.is_latin() {
        return None;
    }
    let number = |s: &str| -> Option<u16> { s.parse().ok() };
    for (i, name, at) in month_names(sentence) {
        let before = sentence[..at].split_whitespace().next_back();
        let mut after = sentence[at + name.len()..].split_whitespace();
        let (after1, after2) = (after.next(), after.next());
        fn clean(w: &str) -> &str {
            w.trim_matches(|c: char| !c.is_ascii_digit())
        }
        // day before the month ("21 Januari 2026", "21. Januar 2026")
        let (day, year) = match (before.map(clean), after1.map(clean)) {
            (Some(d), Some(y)) if d.len() <= 2 && y.len() == 4 => (number(d), number(y)),
            // month first ("January 21, 2026")
            _ => match (after1.map(clean), after2.map(clean)) {
                (Some(d), Some(y)) if d.len() <= 2 && y.len() == 4 => (number(d), number(y)),
                _ => (None, None),
            },
        };
        if let (Some(d), Some(y)) = (day, year)
            && (1..=31).contains(&d)
        {
            return Some((y, i as u8 + 1, d as u8));
        }
    }
    None
}

/// Every name of [`MONTHS`], case-sensitive as they are searched: a
/// sentence's month names are found in one pass instead of one search per
/// name ([`month_names`]).
static MONTH_NAMES: LazyLock<DFA> = LazyLock::new(|| {
    aho_corasick::dfa::Builder::new()
        .build(MONTHS.iter().flat_map(|names| names.iter()))
        .expect("month names automaton")
});

/// The month names of [`MONTHS`] in `sentence` (inside words too), found in
/// one pass, as (month index, name, where), in the order of one search per
/// name: month by month, name by name, left to right. (No name overlaps
/// itself, so its occurrences are those `match_indices` gives.)
fn month_names(sentence: &str) -> Vec<(usize, &'static str, usize)> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    overlapping(&*MONTH_NAMES, sentence.as_bytes(), |start, _, name| found.push((name, start)));
    found.sort_unstable();
    found.into_iter().map(|(k, at)| (NAMES_OF_MONTHS[k].0, NAMES_OF_MONTHS[k].1, at)).collect()
}

/// (month index, name) of every name of [`MONTHS`], in the automaton's order.
static NAMES_OF_MONTHS: LazyLock<Vec<(usize, &'static str)>> =
    LazyLock::new(|| MONTHS.iter().enumerate().flat_map(|(i, names)| names.iter().map(move |n| (i, *n))).collect());

/// The month of an ISO 8601 date (`2023-02-08` -> 2).
pub(crate) fn published_month(iso: &str) -> Option<u8> {
    iso.get(5..7)?.parse().ok().filter(|m| (1..=12).contains(m))
}

/// Month names of the Latin-script languages, capitalised as written, by
/// number ("May" only past a sentence's first word: it is also a verb).
const MONTHS: [&[&str]; 12] = [
    &["January", "Januar", "Januari", "Jänner"],
    &["February", "Februar", "Februari"],
    &["March", "März", "Maret"],
    &["April"],
    &["May", "Mai", "Mei"],
    &["June", "Juni"],
    &["July", "Juli"],
    &["August", "Agustus"],
    &["September"],
    &["October", "Oktober"],
    &["November", "Nopember"],
    &["December", "Dezember", "Desember"],
];

/// The month a sentence names ("in April", "im März", "pada bulan Maret",
/// "지난 5월", "7月"), if exactly one.
pub(crate) fn month(lang: Lang, sentence: &str) -> Option<u8> {
    let mut found: Option<u8> = None;
    let mut note = |m: u8| -> bool {
        if found.is_some_and(|f| f != m) {
            return false;
        }
        found = Some(m);
        true
    };
    if lang.is_latin() {
        for (i, name, at) in month_names(sentence) {
            let before = sentence[..at].chars().next_back();
            let after = sentence[at + name.len()..].chars().next();
            let word = !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
            let first = !sentence[..at].chars().any(char::is_alphanumeric);
            if word && !(first && name == "May") && !note(i as u8 + 1) {
                return None;
            }
        }
    } else {
        // a number of one or two digits right before 월 or 月 (not "3개월", "3个月")
        let unit = if lang == Lang::Ko { '월' } else { '月' };
        for (at, _) in sentence.match_indices(unit) {
            let digits: String = sentence[..at].chars().rev().take_while(char::is_ascii_digit).collect();
            let n: Option<u8> = digits.chars().rev().collect::<String>().parse().ok();
            if let Some(n) = n.filter(|n| (1..=12).contains(n) && digits.len() <= 2)
                && !note(n)
            {
                return None;
            }
        }
    }
    found
}

/// The day of the month of an ISO 8601 date (`2023-02-08` -> 8).
pub(crate) fn published_day(iso: &str) -> Option<u8> {
    iso.get(8..10)?.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A day of the month placed against the article's own day of the month
/// (`published`): the 2nd in an article of the 8th is six days back, the
/// 28th is in the month before. Relative days, and days without the
/// article's, stay as they are.
/// Weekday names per language, Monday first (0) to Sunday (6), as news
/// writes them ("on Tuesday", "am Dienstag", "Selasa (11/11)", "화요일",
/// "周二", "星期二", "週二").
fn weekday_names(lang: Lang) -> &'static [(&'static str, u8)] {
    match lang {
        Lang::En => &[
            ("Monday", 0),
            ("Tuesday", 1),
            ("Wednesday", 2),
            ("Thursday", 3),
            ("Friday", 4),
            ("Saturday", 5),
            ("Sunday", 6),
        ],
        Lang::De => &[
            ("Montag", 0),
            ("Dienstag", 1),
            ("Mittwoch", 2),
            ("Donnerstag", 3),
            ("Freitag", 4),
            ("Samstag", 5),
            ("Sonnabend", 5),
            ("Sonntag", 6),
        ],
        Lang::Id => &[
            ("Senin", 0),
            ("Selasa", 1),
            ("Rabu", 2),
            ("Kamis", 3),
            ("Jumat", 4),
            ("Jum'at", 4),
            ("Sabtu", 5),
            ("Minggu", 6),
        ],
        Lang::Ko => {
            &[("월요일", 0), ("화요일", 1), ("수요일", 2), ("목요일", 3), ("금요일", 4), ("토요일", 5), ("일요일", 6)]
        }
        Lang::Zh => &[
            ("周一", 0),
            ("周二", 1),
            ("周三", 2),
            ("周四", 3),
            ("周五", 4),
            ("周六", 5),
            ("周日", 6),
            ("周天", 6),
            ("星期一", 0),
            ("星期二", 1),
            ("星期三", 2),
            ("星期四", 3),
            ("星期五", 4),
            ("星期六", 5),
            ("星期日", 6),
            ("星期天", 6),
            ("週一", 0),
            ("週二", 1),
            ("週三", 2),
            ("週四", 3),
            ("週五", 4),
            ("週六", 5),
            ("週日", 6),
        ],
    }
}

/// The first weekday a sentence names (0 Monday .. 6 Sunday), with its offset.
fn weekday(lang: Lang, sentence: &str) -> Option<(usize, u8)> {
    weekday_names(lang)
        .iter()
        .filter_map(|&(w, d)| {
            sentence
                .match_indices(w)
                .map(|(at, _)| at)
                .find(|&at| {
                    // a word of its own in Latin script ("Montagabend" is Monday too)
                    !lang.is_latin() || !sentence[..at].chars().next_back().is_some_and(char::is_alphanumeric)
                })
                .map(|at| (at, d))
        })
        .min_by_key(|&(at, _)| at)
}

/// The day a sentence states for what it reports, as days since
/// 1970-01-01: a written or bracketed date; or, against the article's date
/// `published` (year, month, day), a relative day ("yesterday"), a day of
/// the month ("11月25日": this month, or the last if it is after the
/// article's day) or a weekday (the latest one on or before the article's day).
pub(crate) fn stated_day(lang: Lang, sentence: &str, published: Option<(u16, u8, u8)>) -> Option<i64> {
    use crate::dates::days_from_civil;
    let civil = |(y, m, d): (u16, u8, u8)| days_from_civil(i64::from(y), i64::from(m), i64::from(d));
    if let Some(date) = bracketed_date(lang, sentence).or_else(|| written_date(lang, sentence)) {
        return Some(civil(date));
    }
    let (py, pm, pd) = published?;
    let now = civil((py, pm, pd));
    let weekday_at = weekday(lang, sentence);
    let day_at = day(lang, sentence);
    // the weekday when it comes first, or is the only day named
    if let Some((_, w)) = weekday_at.filter(|_| day_at.is_none()) {
        // 1970-01-01 was a Thursday (3)
        let today = (now + 3).rem_euclid(7);
        return Some(now - (today - i64::from(w)).rem_euclid(7));
    }
    match day_at? {
        Day::Relative(d) => Some(now + i64::from(d)),
        Day::OfMonth(d) if d <= pd => Some(civil((py, pm, d))),
        Day::OfMonth(d) => {
            let (y, m) = if pm == 1 { (py - 1, 12) } else { (py, pm - 1) };
            Some(civil((y, m, d)))
        }
    }
}

pub(crate) fn place(day: Day, published: Option<u8>) -> Day {
    match (day, published) {
        (Day::OfMonth(d), Some(p)) if d <= p => Day::Relative(i32::from(d) - i32::from(p)),
        (Day::OfMonth(d), Some(p)) => Day::Relative(i32::from(d) - i32::from(p) - 30),
        (d, _) => d,
    }
}

pub(crate) fn before(day: Day, reference: Day) -> bool {
    match (day, reference) {
        (Day::Relative(a), Day::Relative(b)) => a < b,
        (Day::OfMonth(a), Day::OfMonth(b)) => a < b || a > b + 7,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_read() {
        assert_eq!(day(Lang::Zh, "支付宝昨天才挂掉,今天又轮到携程"), Some(Day::Relative(-1)));
        assert_eq!(day(Lang::Ko, "우체국 스마트뱅킹도 18일 장애를 겪었다"), Some(Day::OfMonth(18)));
        assert_eq!(day(Lang::Ko, "3일간 장애"), None);
        assert_eq!(day(Lang::En, "Outlook was down yesterday"), Some(Day::Relative(-1)));
        assert_eq!(day(Lang::De, "Die Störung seit heute früh"), Some(Day::Relative(0)));
        assert_eq!(day(Lang::En, "Yesterdays"), None);
        // read in lower case: the Kelvin sign is a k
        assert_eq!(day(Lang::Id, "Layanan down \u{212a}EMARIN"), Some(Day::Relative(-1)));
        assert_eq!(day(Lang::Id, "kemarin lusa dan kemarin"), Some(Day::Relative(-2)));
        assert_eq!(day(Lang::En, "Today, not YESTERDAY"), Some(Day::Relative(0)));
        assert_eq!(day(Lang::En, "a tonightonight, then Tonight’s and today"), Some(Day::Relative(0)));
        assert_eq!(day(Lang::En, "Ärger yesterdayä, today"), Some(Day::Relative(0)));
    }

    #[test]
    fn bracketed_dates_are_read() {
        assert_eq!(bracketed_date(Lang::Id, "pada Rabu (21/1/2026) pukul 00.00"), Some((2026, 1, 21)));
        assert_eq!(bracketed_date(Lang::Id, "Jumat (31/3/2023)."), Some((2023, 3, 31)));
        assert_eq!(bracketed_date(Lang::Id, "(13/8)"), None);
        assert_eq!(bracketed_date(Lang::En, "(21/1/2026)"), None);
        assert_eq!(published_date("2026-01-20"), Some((2026, 1, 20)));
        assert_eq!(written_date(Lang::Id, "pada Rabu, 21 Januari 2026, pukul 00.00"), Some((2026, 1, 21)));
        assert_eq!(written_date(Lang::De, "am 21. Januar 2026 um 8 Uhr"), Some((2026, 1, 21)));
        assert_eq!(written_date(Lang::En, "on January 21, 2026 at noon"), Some((2026, 1, 21)));
        assert_eq!(written_date(Lang::En, "in January the site failed"), None);
    }

    #[test]
    fn months_are_read() {
        assert_eq!(month(Lang::En, "The three April outages were caused by"), Some(4));
        assert_eq!(month(Lang::En, "May users expect more?"), None);
        assert_eq!(month(Lang::De, "Schon im März fiel der Dienst aus"), Some(3));
        assert_eq!(month(Lang::Ko, "지난 5월 장애 당시"), Some(5));
        assert_eq!(month(Lang::Zh, "3个月来第二次"), None);
        assert_eq!(month(Lang::Zh, "7月18日曾出现故障"), Some(7));
        assert_eq!(month(Lang::En, "Between March and April"), None);
        assert_eq!(published_month("2023-02-08"), Some(2));
    }

    /// One pass finds what one search per name finds, in the same order.
    #[test]
    fn month_names_as_one_search_per_name() {
        for s in [
            "On January 21, 2026 and 3 Januari 2026 (Januar, Jänner), MayMay May in März, Maret; DecemberDecember",
            "no month here",
            "JuneJulyAugust Juni Juli Agustus Mai Mei Oktober Nopember Desember Dezember",
        ] {
            let mut searched = Vec::new();
            for (i, names) in MONTHS.iter().enumerate() {
                for name in *names {
                    searched.extend(s.match_indices(name).map(|(at, _)| (i, *name, at)));
                }
            }
            assert_eq!(month_names(s), searched, "{s}");
        }
    }

    #[test]
    fn days_are_placed_against_the_articles() {
        assert_eq!(published_day("2023-02-08"), Some(8));
        assert_eq!(published_day("2023-02"), None);
        assert_eq!(place(Day::OfMonth(2), Some(8)), Day::Relative(-6));
        assert_eq!(place(Day::OfMonth(28), Some(3)), Day::Relative(-5));
        assert_eq!(place(Day::OfMonth(2), None), Day::OfMonth(2));
        assert!(before(place(Day::OfMonth(2), Some(8)), Day::Relative(0)));
    }

    #[test]
    fn earlier_days() {
        assert!(before(Day::Relative(-2), Day::Relative(0)));
        assert!(!before(Day::Relative(0), Day::Relative(-1)));
        assert!(before(Day::OfMonth(18), Day::OfMonth(19)));
        assert!(before(Day::OfMonth(28), Day::OfMonth(2)));
        assert!(!before(Day::OfMonth(19), Day::OfMonth(19)));
    }
}
