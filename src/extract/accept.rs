//! Which hits count: when an ambiguous name counts (context in the document,
//! the sentence or the clause), names that are only the channel of an
//! announcement ("posted on X"), and places that only say where the
//! newsroom is (a dateline) or where an organisation is based.

use super::clauses::Clauses;
use super::{IdSet, Sentence, is_disruption};
use crate::language::Lang;
use crate::lexicon::{Cue, Hit, Kind, Lexicon};
use crate::normalize::floor_boundary;

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

/// Whether a clause around `h` says something is disrupted; a clause that
/// only lists names ("Facebook, Instagram and WhatsApp went down") reaches
/// on to its neighbours.
fn disrupted_in_clause(text: &str, s: &Sentence, h: &Hit, clauses: &Clauses) -> bool {
    let disrupted = |c: &std::ops::Range<usize>| s.hits.iter().any(|o| is_disruption(o) && c.contains(&o.start));
    // only names and a few small words ("and Instagram", "melainkan juga
    // Instagram dan WhatsApp", "和微博")
    let only_names = |c: &std::ops::Range<usize>| {
        let mut rest = 0;
        let mut at = c.start;
        for o in s.hits.iter().filter(|o| matches!(o.kind, Kind::Service | Kind::Provider)) {
            if o.start >= at && o.end <= c.end {
                rest += words(&text[at..o.start]);
                at = o.end;
            }
        }
        rest += words(&text[at..c.end]);
        // "along with big sites including Google and Facebook": a list
        let listed = || {
            text[c.clone()].split_whitespace().any(|w| {
                matches!(w, "including" | "darunter" | "termasuk" | "seperti" | "inklusive" | "einschließlich")
            })
        };
        at != c.start && (rest <= 3 || listed())
    };
    fn words(t: &str) -> usize {
        t.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
    }
    // a name may hold a separator itself ("X, formerly Twitter")
    let here = clauses.of(h.start).start..clauses.of(h.end.saturating_sub(1).max(h.start)).end;
    if disrupted(&here) {
        return true;
    }
    if !only_names(&here) {
        return false;
    }
    for forward in [true, false] {
        let mut c = here.clone();
        for _ in 0..8 {
            let next = if forward {
                if c.end + 1 >= s.range.end {
                    break;
                }
                clauses.of(c.end + 1)
            } else {
                // the last char of the clause before, past the separator
                let Some((sep, _)) = text[..c.start].char_indices().next_back() else { break };
                match text[..sep].char_indices().next_back() {
                    Some((last, _)) if sep > s.range.start => clauses.of(last),
                    _ => break,
                }
            };
            if next == c {
                break;
            }
            c = next;
            if disrupted(&c) {
                return true;
            }
            if !only_names(&c) {
                break;
            }
        }
    }
    false
}

/// Nouns of a company or organisation: a place right before one says where
/// it is based ("the French payment processor", "des spanischen
/// Telefonica-Konzerns", "中国最大在线旅游公司"), not where users were hit.
const ORGANISATION_NOUNS: &[&str] = &[
    "company",
    "firm",
    "giant",
    "group",
    "provider",
    "processor",
    "operator",
    "conglomerate",
    "Konzern",
    "Konzerns",
    "Unternehmen",
    "Verband",
    "Anbieter",
    "perusahaan",
    "raksasa",
    "公司",
    "企业",
    "集团",
    "运营商",
    "企業",
    "集團",
    "기업",
    "업체",
    "회사",
    "運營商",
    "银行",
    "銀行",
    "은행",
];

/// Whether a place names an organisation's home: an organisation noun
/// within the next two words (or eight CJK chars) of its clause.
fn describes_organisation(text: &str, h: &Hit) -> bool {
    let after = &text[h.end..floor_boundary(text, h.end + 40)];
    let clause = after.split([',', '.', ';', ':', '，', '。', '、']).next().unwrap_or("");
    // Hangul and Han names stand without spaces before their noun
    let cjk = text[h.start..h.end].chars().any(|c| c >= '\u{2e80}');
    if !cjk {
        // Latin: the next two words (a noun may carry it as a compound head)
        clause
            .split_whitespace()
            .take(2)
            .any(|w| ORGANISATION_NOUNS.iter().any(|n| w.trim_end_matches(|c: char| !c.is_alphanumeric()).ends_with(n)))
    } else {
        let near = &clause[..floor_boundary(clause, 24)];
        // (not past 的 or 等: "澳大利亚等地的大量企业用户" are users there)
        let near = near.split(['的', '等', '、']).next().unwrap_or("");
        ORGANISATION_NOUNS.iter().any(|n| near.contains(n))
    }
}

/// How many lines from the top a dateline may stand on (the headline, a
/// subtitle, the first paragraph).
const DATELINE_LINES: usize = 4;

/// The newsroom's datelines, where the article was filed and not where its
/// users are ("Liputan6.com, Jakarta -", "JAKARTA, KOMPAS.com -", "BERLIN
/// (dpa) -", "【本報台北訊】", "新华社北京12月3日电", "[서울=뉴시스]"): the
/// prefix of one of the first lines, in text offsets.
fn datelines(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n').take(DATELINE_LINES) {
        let start = at;
        at += line.len();
        // (past a date marker that cleaning left, "date 2024-09 ")
        let body = line.strip_prefix("date ").and_then(|l| l.split_once(' ')).map_or(line, |(_, rest)| rest);
        let base = start + (line.len() - body.len());
        let head = &body[..floor_boundary(body, 80)];
        // a bracket at the start that names a news agency or desk: "【本報台北訊】",
        // "（中央社記者台北3日電）", "[서울=뉴시스]"
        if let Some(open) = head.chars().next().filter(|c| matches!(c, '【' | '[' | '(' | '（' | '〔'))
            && let Some(close) = head.find(match open {
                '【' => '】',
                '[' => ']',
                '〔' => '〕',
                '(' => ')',
                _ => '）',
            })
        {
            let inner = &head[open.len_utf8()..close];
            if ["讯", "訊", "电", "電", "报", "報", "记者", "記者", "="].iter().any(|m| inner.contains(m)) {
                out.push(base..base + close);
            }
            continue;
        }
        // "新华社北京12月3日电", "中新网上海12月3日电": an agency, a place, a day, 电
        if let Some(end) = head.find(['电', '電']).filter(|&e| e <= 45)
            && head[..end].contains('日')
            && ["社", "网", "網", "报", "報"].iter().any(|m| head[..end].contains(m))
        {
            out.push(base..base + end);
            continue;
        }
        // Latin: "Source, PLACE -", "PLACE, Source -", "PLACE (Agency) -"
        let dash = [" - ", " – ", " — ", " -- "].iter().filter_map(|d| head.find(d)).min();
        if let Some(end) = dash {
            let prefix = &head[..end];
            let words = prefix.split_whitespace().count();
            let sourced = prefix.contains(['(', ','])
                && (prefix.contains(".com")
                    || prefix.contains(".co")
                    || prefix.contains('(')
                    || prefix.split([' ', ',']).any(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_uppercase())));
            // no sentence in it ("Bisnis.com, JAKARTA": a domain's dot is no full stop)
            let phrase = prefix.split_whitespace().all(|w| !w.ends_with('.') && !w.contains(['!', '?']));
            if (1..=6).contains(&words) && sourced && phrase {
                out.push(base..base + end);
            }
        }
    }
    out
}

/// Words of a user's own device or app.
const USER_DEVICES: &[&str] = &[
    "device",
    "phone",
    "smartphone",
    "router",
    "modem",
    "your app",
    "the app",
    "perangkat",
    "ponsel",
    "HP",
    "gawai",
    "aplikasi",
    "Gerät",
    "Handy",
    "Smartphone",
    "App",
    "기기",
    "휴대폰",
    "스마트폰",
    "폰",
    "앱",
    "공유기",
    "手机",
    "设备",
    "路由器",
    "光猫",
    "APP",
];

/// Whether a restart word is about a user's device or app ("restart your
/// phone", "menyalakan ulang (restart) perangkat", "휴대폰을 껐다 켜"): a
/// device word within a few words of it in its sentence.
fn restarts_a_device(text: &str, sentence: &std::ops::Range<usize>, h: &Hit) -> bool {
    let before = &text[floor_boundary(text, h.start.saturating_sub(24).max(sentence.start))..h.start];
    let after = &text[h.end..floor_boundary(text, (h.end + 32).min(sentence.end))];
    USER_DEVICES.iter().any(|d| before.contains(d) || after.contains(d))
}

/// Decide, for every hit, whether it counts (ambiguous names need context).
pub(super) fn accept(lex: &Lexicon, lang: Lang, text: &str, sentences: &[Sentence]) -> Vec<bool> {
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
    let datelines = datelines(text);
    let mut flat = Vec::new();
    for s in sentences {
        let clauses = std::cell::OnceCell::new();
        flat.extend(s.hits.iter().map(|h| {
            let entry = lex.entry(h.entry);
            // the medium of an announcement ("posted on X") is not affected
            if matches!(entry.kind, Kind::Service | Kind::Provider) && near_channel(s, h) {
                return false;
            }
            // where users complain or count reports ("auf Twitter", "微博上"):
            // affected only where its clause says it is disrupted
            if entry.channel && !disrupted_in_clause(text, s, h, clauses.get_or_init(|| Clauses::new(text, &s.range))) {
                return false;
            }
            if entry.kind == Kind::Region
                && (describes_organisation(text, h) || datelines.iter().any(|d| d.start <= h.start && h.end <= d.end))
            {
                return false;
            }
            // a user's phone or app turned off and on is no restart by the provider
            if entry.kind == Kind::Mitigation && entry.id == "restart" && restarts_a_device(text, &s.range, h) {
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
                // generic words ("down", "Panne"): only next to a named service,
                // or a disruption next to a common word for one ("die Website
                // brach zusammen")
                Kind::Symptom | Kind::Cause | Kind::Mitigation | Kind::Status => s.hits.iter().any(|o| {
                    (!o.ambiguous && matches!(o.kind, Kind::Service | Kind::Provider))
                        || (entry.kind == Kind::Symptom && o.kind == Kind::Cue(Cue::ServiceWord))
                }),
                _ => true,
            }
        }));
    }
    flat
}
