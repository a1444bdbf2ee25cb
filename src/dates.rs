//! Civil dates as day counts since 1970-01-01: ISO 8601 parsing and
//! printing, for placing an article's stated day and for incident times.

/// Days since 1970-01-01 of an ISO 8601 date (`2026-11-18`), month
/// (`2026-11`: its first day) or date-time (`2026-11-18T09:30:00Z`,
/// `+09:00` offsets, fractions of seconds ignored).
pub(crate) fn parse_time(s: &str) -> Option<f64> {
    let s = s.trim();
    if !is_iso8601(s) {
        return None;
    }
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        (!t.is_empty() && t.bytes().all(|c| c.is_ascii_digit())).then(|| t.parse().ok())?
    };
    let year = num(0..4)?;
    if b.get(4) != Some(&b'-') {
        return None;
    }
    let month = num(5..7)?;
    let day = if b.get(7) == Some(&b'-') { num(8..10)? } else { 1 };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut t = days_from_civil(year, month, day) as f64;
    if let Some(&sep) = b.get(10)
        && (sep == b'T' || sep == b' ')
    {
        let h = num(11..13).unwrap_or(0);
        let m = if b.get(13) == Some(&b':') { num(14..16).unwrap_or(0) } else { 0 };
        let sec = if b.get(16) == Some(&b':') { num(17..19).unwrap_or(0) } else { 0 };
        t += (h * 3600 + m * 60 + sec) as f64 / 86_400.0;
        // a UTC offset at the end: "+09:00", "-0500"
        let tail = &s[s.len().saturating_sub(6)..];
        if let Some(p) = tail.rfind(['+', '-']).filter(|_| s.len() > 19) {
            let sign = if tail.as_bytes()[p] == b'+' { -1.0 } else { 1.0 };
            let digits: String = tail[p + 1..].chars().filter(char::is_ascii_digit).collect();
            if digits.len() == 4
                && let (Ok(oh), Ok(om)) = (digits[..2].parse::<i64>(), digits[2..].parse::<i64>())
            {
                t += sign * (oh * 60 + om) as f64 / 1440.0;
            }
        }
    }
    Some(t)
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count (inverse of [`days_from_civil`]).
pub(crate) fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub(crate) fn format_date(t: f64) -> String {
    let (y, m, d) = civil_from_days(t.floor() as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

pub(crate) fn format_time(t: f64) -> String {
    let secs = ((t - t.floor()) * 86_400.0).round() as i64;
    let (secs, day) = if secs >= 86_400 { (0, t.floor() as i64 + 1) } else { (secs, t.floor() as i64) };
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60)
}

/// Whether `s` is an ISO 8601 date (`2025-03-01`), month (`2025-03`) or
/// date-time (`2025-03-01T09:30`, seconds, fractions, `Z` or an offset
/// optional; a space may stand for the `T`).
pub(crate) fn is_iso8601(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>, lo: u32, hi: u32| {
        b.get(r.clone()).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            && s[r].parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
    };
    if !num(0..4, 1000, 2999) || b.get(4) != Some(&b'-') || !num(5..7, 1, 12) {
        return false;
    }
    if b.len() == 7 {
        return true;
    }
    if b.get(7) != Some(&b'-') || !num(8..10, 1, 31) {
        return false;
    }
    if b.len() == 10 {
        return true;
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || !num(11..13, 0, 23) || b.get(13) != Some(&b':') {
        return false;
    }
    if !num(14..16, 0, 59) {
        return false;
    }
    let mut i = 16;
    if b.get(i) == Some(&b':') {
        if !num(i + 1..i + 3, 0, 60) {
            return false;
        }
        i += 3;
        if matches!(b.get(i), Some(b'.' | b',')) {
            let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return false;
            }
            i += 1 + digits;
        }
    }
    match &b[i..] {
        [] | [b'Z' | b'z'] => true,
        [b'+' | b'-', rest @ ..] => {
            let zone = std::str::from_utf8(rest).unwrap_or("");
            let (h, m) = match zone.len() {
                2 => (zone, "00"),
                4 => zone.split_at(2),
                5 if zone.as_bytes()[2] == b':' => (&zone[..2], &zone[3..]),
                _ => return false,
            };
            h.parse::<u8>().is_ok_and(|h| h <= 14)
                && m.parse::<u8>().is_ok_and(|m| m < 60)
                && h.bytes().chain(m.bytes()).all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_and_print() {
        assert_eq!(parse_time("1970-01-02"), Some(1.0));
        assert_eq!(format_date(parse_time("2026-11-18").unwrap()), "2026-11-18");
        assert_eq!(format_time(parse_time("2026-11-18T09:30:00Z").unwrap()), "2026-11-18T09:30:00Z");
        assert_eq!(format_time(parse_time("2026-11-18T09:30:00+09:00").unwrap()), "2026-11-18T00:30:00Z");
        assert_eq!(format_date(parse_time("2024-02").unwrap()), "2024-02-01");
        assert_eq!(parse_time("18.11.2026"), None);
        assert_eq!(parse_time("2026-13-01"), None);
        for z in [-1000, 0, 19_000, 20_500] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }
}
