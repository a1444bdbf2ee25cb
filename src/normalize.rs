//! Text normalisation shared by dictionary names and article text, so that
//! both meet in the same form: lower case, full-width to ASCII, German umlauts
//! and `ß` folded, Latin diacritics dropped, whitespace runs as one space,
//! middle dots unified, traditional Chinese characters to simplified.
//!
//! [`normalize_into`] records, for every output byte, the source offset of the
//! char it came from, so matches map back to the text they were found in.

use std::sync::LazyLock;

/// Traditional -> simplified pairs (`data/t2s.txt`: one pair a line).
const T2S: &str = include_str!("../data/t2s.txt");

/// First code point of the CJK Unified Ideographs block the table covers.
const HAN_START: u32 = 0x4e00;

/// Simplified form of every char of U+4E00..=U+9FFF (0 = unchanged): one
/// lookup per Han char on the hot path.
static T2S_TABLE: LazyLock<Vec<u32>> = LazyLock::new(|| {
    let mut table = vec![0u32; 0x9fff - HAN_START as usize + 1];
    for line in T2S.lines().filter(|l| !l.starts_with('#')) {
        let mut p = line.chars();
        if let (Some(t), Some(s)) = (p.next(), p.next())
            && let Some(slot) = (t as u32).checked_sub(HAN_START).and_then(|i| table.get_mut(i as usize))
        {
            *slot = s as u32;
        }
    }
    table
});

pub(crate) fn simplified(c: char) -> char {
    let to = T2S_TABLE[(c as u32 - HAN_START) as usize];
    if to == 0 { c } else { char::from_u32(to).unwrap_or(c) }
}

/// Fold one char; pushes one or more chars to `out`.
#[inline]
pub(crate) fn fold(c: char, out: &mut impl FnMut(char)) {
    match c {
        'A'..='Z' => out(c.to_ascii_lowercase()),
        '`' => out('\''),
        '\0'..='\x7f' => out(c),
        // full-width ASCII
        '\u{ff01}'..='\u{ff5e}' => {
            let a = char::from_u32(c as u32 - 0xfee0).unwrap_or(c);
            out(a.to_ascii_lowercase())
        }
        'ä' | 'Ä' => {
            out('a');
            out('e')
        }
        'ö' | 'Ö' => {
            out('o');
            out('e')
        }
        'ü' | 'Ü' => {
            out('u');
            out('e')
        }
        'ß' | 'ẞ' => {
            out('s');
            out('s')
        }
        'à' | 'á' | 'â' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Å' => out('a'),
        'ç' | 'Ç' => out('c'),
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => out('e'),
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => out('i'),
        'ñ' | 'Ñ' => out('n'),
        'ò' | 'ó' | 'ô' | 'õ' | 'Ò' | 'Ó' | 'Ô' | 'Õ' => out('o'),
        'ù' | 'ú' | 'û' | 'Ù' | 'Ú' | 'Û' => out('u'),
        '’' | '‘' | '´' | 'ʼ' => out('\''),
        '·' | '・' | 'ㆍ' | '･' | '∙' | '•' => out('·'),
        '–' | '—' | '‐' | '‑' => out('-'),
        '\u{4e00}'..='\u{9fff}' => out(simplified(c)),
        _ if c.is_uppercase() => c.to_lowercase().for_each(&mut *out),
        _ => out(c),
    }
}

/// Normalise `src` into `out`, appending to `map` the offset (plus `base`) in
/// `src` of the char behind every output byte. Whitespace runs become one space.
pub(crate) fn normalize_into(src: &str, base: usize, out: &mut String, map: &mut Vec<u32>) {
    let mut last_space = out.ends_with(' ');
    out.reserve(src.len());
    map.reserve(src.len());
    for (i, c) in src.char_indices() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                map.push((base + i) as u32);
                last_space = true;
            }
            continue;
        }
        last_space = false;
        // ASCII fast path: one byte in, one byte out
        if c.is_ascii() {
            out.push(if c == '`' { '\'' } else { c.to_ascii_lowercase() });
            map.push((base + i) as u32);
            continue;
        }

        let at = (base + i) as u32;
        fold(c, &mut |f| {
            let before = out.len();
            out.push(f);
            map.extend(std::iter::repeat_n(at, out.len() - before));
        });
    }
}

/// The bytes of `s` into `out` (replacing what it held), with the ASCII
/// letters lowercased and `ä`, `ö`, `ü` (either case) and `ß` spelled out as
/// [`fold`] does: `ae`, `oe`, `ue`, `ss`, two bytes for two, so offsets
/// stay. Not UTF-8 where it spells out only part of a char's normal form; a
/// matcher reading it wants its matches to cover whole chars of `s`.
pub(crate) fn fold_latin_bytes(s: &str, out: &mut Vec<u8>) {
    let b = s.as_bytes();
    out.clear();
    out.extend(b.iter().map(u8::to_ascii_lowercase));
    if b.is_ascii() {
        return;
    }
    // all four are U+00C0..U+00FF: lead byte 0xC3
    for (i, pair) in b.windows(2).enumerate() {
        if pair[0] == 0xc3 {
            let spelled: &[u8; 2] = match pair[1] {
                0xa4 | 0x84 => b"ae",
                0xb6 | 0x96 => b"oe",
                0xbc | 0x9c => b"ue",
                0x9f => b"ss",
                _ => continue,
            };
            out[i..i + 2].copy_from_slice(spelled);
        }
    }
}

/// Whether `c` (not whitespace, not ASCII) is its own normal form.
#[inline]
pub(crate) fn fixed_point(c: char) -> bool {
    match c {
        '\u{ac00}'..='\u{d7a3}' => true,
        '\u{4e00}'..='\u{9fff}' => simplified(c) == c,
        _ => {
            let mut same = true;
            let mut n = 0;
            fold(c, &mut |f| {
                n += 1;
                same &= f == c;
            });
            same && n == 1
        }
    }
}

/// `f(&s.to_lowercase())`, without allocating for a short ASCII `s` (a
/// word, or the rest of a word around a name).
pub(crate) fn lowercase<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    match buf.get_mut(..s.len()) {
        Some(lower) if s.is_ascii() => {
            lower.copy_from_slice(s.as_bytes());
            lower.make_ascii_lowercase();
            f(std::str::from_utf8(lower).expect("ASCII"))
        }
        _ => f(&s.to_lowercase()),
    }
}

/// Normalise a dictionary name (trimmed, same folding as the text).
pub(crate) fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut map = Vec::new();
    normalize_into(name.trim(), 0, &mut out, &mut map);
    out
}

/// The script a char belongs to, as far as language detection cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    Hangul,
    Han,
    Kana,
    Latin,
    Other,
    None,
}

pub(crate) fn script(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' => Script::Latin,
        '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' => Script::Hangul,
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' => Script::Han,
        '\u{3040}'..='\u{30ff}' => Script::Kana,
        _ if c.is_alphabetic() => Script::Other,
        _ => Script::None,
    }
}

/// A name's key, how names are compared: lower case, letters and digits only.
pub(crate) fn name_key(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).filter(|c| c.is_alphanumeric()).collect()
}

/// The largest char boundary of `s` at or below `at` (`str::floor_char_boundary`
/// is newer than the crate's minimum Rust).
pub(crate) fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds() {
        assert_eq!(normalize("Störung"), "stoerung");
        assert_eq!(normalize("Stoerung"), "stoerung");
        assert_eq!(normalize("ＯＵＴＬＯＯＫ  Down"), "outlook down");
        assert_eq!(normalize("微軟當機"), "微软当机");
        assert_eq!(normalize("아시아ㆍ태평양"), "아시아·태평양");
    }

    #[test]
    fn folds_latin_bytes() {
        let mut out = Vec::new();
        fold_latin_bytes("Größe ÜBER Ärger – Öl", &mut out);
        assert_eq!(out, "groesse ueber aerger – oel".as_bytes());
        // what `fold` makes of them, byte for byte
        let s = "AÄÖÜäöüß";
        fold_latin_bytes(s, &mut out);
        assert_eq!(out, normalize(s).as_bytes());
    }

    #[test]
    fn map_points_at_source_chars() {
        let src = "Größe  X";
        let mut out = String::new();
        let mut map = Vec::new();
        normalize_into(src, 10, &mut out, &mut map);
        assert_eq!(out, "groesse x");
        assert_eq!(map.len(), out.len());
        assert_eq!(map[0], 10);
        assert_eq!(map[out.len() - 1] as usize, 10 + src.len() - 1);
    }
}
