//! Stage 0, decode: bytes of any common news-page encoding to UTF-8.
//!
//! A byte-order mark decides first (UTF-8, UTF-16LE/BE). Then valid UTF-8 is
//! UTF-8, and so is UTF-8 with a few broken bytes (they become U+FFFD).
//! Anything else goes to `chardetng`'s guess (EUC-KR, GB18030/GBK, Big5,
//! Shift_JIS, Windows-1252, ...) and is decoded by `encoding_rs`.
//!
//! Offsets in the facts of [`Classifier::classify_bytes`](crate::Classifier::classify_bytes)
//! index the decoded text, [`Decoded::text`].

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// Text decoded from bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The UTF-8 text (borrowed when the input was valid UTF-8 without a BOM).
    pub text: Cow<'a, str>,
    /// The encoding it was decoded from (WHATWG name, lower case: `utf-8`,
    /// `euc-kr`, `gbk`, `gb18030`, `big5`, `shift_jis`, `windows-1252`, `utf-16le`).
    pub encoding: &'static str,
    /// Whether malformed bytes were replaced with U+FFFD.
    pub had_errors: bool,
}

/// Share of invalid bytes up to which text still counts as (damaged) UTF-8.
const MAX_BROKEN_UTF8_SHARE: f64 = 0.01;

/// Decode `bytes`, detecting their encoding.
///
/// ```
/// let (euc_kr, _, _) = encoding_rs::EUC_KR.encode("카카오톡 장애");
/// let d = outage_news::decode(&euc_kr);
/// assert_eq!(d.text, "카카오톡 장애");
/// assert_eq!(d.encoding, "euc-kr");
/// ```
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    decode_declared(bytes, None)
}

/// [`decode`], with the `declared` encoding (an HTTP `Content-Type`
/// charset) tried after a byte-order mark and valid non-ASCII UTF-8: it is
/// taken when the bytes decode in it without error. A page's own
/// `<meta charset>` is tried after that and before detection, on the same
/// terms.
pub(crate) fn decode_declared<'a>(bytes: &'a [u8], declared: Option<&'static Encoding>) -> Decoded<'a> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Decoded { text, encoding: name(enc), had_errors };
    }
    // valid UTF-8 beyond ASCII is UTF-8 whatever is declared (legacy text
    // is next to never valid UTF-8; a page mislabelled as Latin-1 often is)
    let utf8 = std::str::from_utf8(bytes).ok();
    if let Some(s) = utf8.filter(|s| declared.is_none() || !s.is_ascii()) {
        return Decoded { text: Cow::Borrowed(s), encoding: "utf-8", had_errors: false };
    }
    if let Some(d) = declared.and_then(|enc| cleanly(bytes, enc)) {
        return d;
    }
    if let Some(s) = utf8 {
        return Decoded { text: Cow::Borrowed(s), encoding: "utf-8", had_errors: false };
    }
    if let Some(d) = meta_charset(bytes).and_then(|enc| cleanly(bytes, enc)) {
        return d;
    }
    if mostly_utf8(bytes) {
        return Decoded { text: String::from_utf8_lossy(bytes), encoding: "utf-8", had_errors: true };
    }
    let mut detector = chardetng::EncodingDetector::new();
    // a bounded sample decides: a 20 MB page needs no more than its start
    detector.feed(&bytes[..bytes.len().min(64 * 1024)], bytes.len() <= 64 * 1024);
    let enc = detector.guess(None, true);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded { text, encoding: name(enc), had_errors }
}

/// `bytes` decoded in `enc`, if they are valid in it.
fn cleanly<'a>(bytes: &'a [u8], enc: &'static Encoding) -> Option<Decoded<'a>> {
    // a page declaring UTF-16 in ASCII is not UTF-16 (as browsers read it)
    let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE { UTF_8 } else { enc };
    let text = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
    Some(Decoded { text, encoding: name(enc), had_errors: false })
}

/// The charset an HTML page declares in its first 4 KiB:
/// `<meta charset="euc-kr">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta").map(|i| from + i) {
        let end = lower[at..].iter().position(|&b| b == b'>').map_or(lower.len(), |e| at + e);
        let tag = &lower[at..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = tag[c + 7..].trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
                let len =
                    rest.iter().position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace());
                if let Some(enc) = Encoding::for_label(&rest[..len.unwrap_or(rest.len())]) {
                    return Some(enc);
                }
            }
        }
        from = end.max(at + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn name(enc: &'static Encoding) -> &'static str {
    match enc.name() {
        "UTF-8" => "utf-8",
        "EUC-KR" => "euc-kr",
        "GBK" => "gbk",
        "gb18030" => "gb18030",
        "Big5" => "big5",
        "Shift_JIS" => "shift_jis",
        "EUC-JP" => "euc-jp",
        "windows-1252" => "windows-1252",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "ISO-8859-2" => "iso-8859-2",
        "windows-1251" => "windows-1251",
        "KOI8-R" => "koi8-r",
        _ if enc == UTF_8 => "utf-8",
        other => other,
    }
}

/// UTF-8 with a few broken bytes: valid multi-byte sequences present (or
/// plain ASCII), and invalid bytes rare.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let mut invalid = 0usize;
    let mut multibyte = 0usize;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                multibyte += s.bytes().filter(|b| *b >= 0xc0).count();
                break;
            }
            Err(e) => {
                let (good, after) = rest.split_at(e.valid_up_to());
                multibyte += good.iter().filter(|b| **b >= 0xc0).count();
                let bad = e.error_len().unwrap_or(after.len()).max(1);
                invalid += bad;
                rest = &after[bad.min(after.len())..];
                if rest.is_empty() || invalid as f64 > MAX_BROKEN_UTF8_SHARE * bytes.len() as f64 + 8.0 {
                    break;
                }
            }
        }
    }
    // legacy single-byte text (Windows-1252 umlauts) has no valid sequences at
    // all; legacy double-byte text (EUC-KR, GBK) is mostly invalid
    multibyte > 4 * invalid && invalid as f64 <= MAX_BROKEN_UTF8_SHARE * bytes.len() as f64 + 8.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_round_trip() {
        let ko = "카카오톡과 카카오페이가 데이터센터 화재로 먹통이 됐다. 이용자들은 메시지를 보낼 수 없었다.";
        let zh = "微信出现大面积故障，大量用户无法发送消息，腾讯表示正在紧急修复。";
        let tw = "微軟服務當機，大量用戶無法登入電子郵件，公司表示正在調查原因。";
        let ja = "マイクロソフトのメールサービスで障害が発生し、利用者が接続できなくなった。";
        let de = "Störung bei der Telekom: Über Nacht fielen DSL-Anschlüsse in München aus.";
        for (text, enc, want) in [
            (ko, encoding_rs::EUC_KR, "euc-kr"),
            (zh, encoding_rs::GB18030, "gbk"),
            (tw, encoding_rs::BIG5, "big5"),
            (ja, encoding_rs::SHIFT_JIS, "shift_jis"),
            (de, encoding_rs::WINDOWS_1252, "windows-1252"),
        ] {
            let (bytes, _, _) = enc.encode(text);
            let d = decode(&bytes);
            assert_eq!(d.text, text, "{want}");
            // GB18030 text is a GBK superset: either name is right
            assert!(d.encoding == want || (want == "gbk" && d.encoding == "gb18030"), "{} for {want}", d.encoding);
        }
    }

    #[test]
    fn declared_and_meta_charsets() {
        let (euc, _, _) = encoding_rs::EUC_KR.encode("카카오톡 장애로 메시지 전송이 안 된다");
        let d = decode_declared(&euc, Encoding::for_label(b"euc-kr"));
        assert_eq!((d.encoding, d.had_errors), ("euc-kr", false));
        // a declaration the bytes are not valid in is passed over
        let (gbk, _, _) = encoding_rs::GBK.encode("微信出现大面积故障，大量用户无法发送消息。");
        assert_ne!(decode_declared(&gbk, Some(encoding_rs::SHIFT_JIS)).encoding, "shift_jis");
        // valid UTF-8 wins over a Latin-1 label; ASCII takes the label
        let d = decode_declared("Störung".as_bytes(), Encoding::for_label(b"iso-8859-1"));
        assert_eq!((d.text.as_ref(), d.encoding), ("Störung", "utf-8"));
        assert_eq!(decode_declared(b"ok", Encoding::for_label(b"iso-8859-1")).encoding, "windows-1252");
        // <meta charset> before detection
        let mut page =
            b"<html><head><meta http-equiv='Content-Type' content='text/html; charset=GBK'></head><body>".to_vec();
        page.extend_from_slice(&gbk);
        assert_eq!(decode(&page).encoding, "gbk");
        let mut page = b"<meta charset=\"windows-1252\"><p>".to_vec();
        page.extend_from_slice(&encoding_rs::WINDOWS_1252.encode("Die Störung dauerte an.").0);
        assert_eq!(decode(&page).text, "<meta charset=\"windows-1252\"><p>Die Störung dauerte an.");
        assert_eq!(meta_charset(b"<meta charset=nonsense><meta charset='euc-kr'>"), Some(encoding_rs::EUC_KR));
        assert_eq!(meta_charset(b"<meta charset"), None);
    }

    #[test]
    fn boms_and_broken_utf8() {
        let mut utf16 = vec![0xff, 0xfe];
        for u in "Outlook down".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        let d = decode(&utf16);
        assert_eq!((d.text.as_ref(), d.encoding), ("Outlook down", "utf-16le"));
        let d = decode(b"\xef\xbb\xbfOutlook down");
        assert_eq!((d.text.as_ref(), d.encoding), ("Outlook down", "utf-8"));
        let mut broken = "카카오톡 장애가 발생했다. 메시지 전송이 안 된다.".as_bytes().to_vec();
        broken.insert(10, 0xff);
        let d = decode(&broken);
        assert_eq!(d.encoding, "utf-8");
        assert!(d.had_errors && d.text.contains('\u{fffd}') && d.text.contains("장애"));
        assert_eq!(decode(b"").text, "");
    }
}
