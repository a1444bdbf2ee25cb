//! Text normalisation shared by dictionary names and article text, so that
//! both meet in the same form: lower case, full-width to ASCII, German umlauts
//! and `ß` folded, Latin diacritics dropped, whitespace runs as one space,
//! middle dots unified, traditional Chinese characters to simplified.
//!
//! [`normalize_into`] records, for every output byte, the source offset of the
//! char it came from, so matches map back to the text they were found in.

use std::sync::LazyLock;

/// Traditional -> simplified pairs for the characters outage news uses.
const T2S: &str = "當当機机網网絡络無无務务體体軟软問问題题斷断線线連连訊讯復复說说時时間间發发現现錯错誤误應应\
戶户計计雲云數数據据實实際际災灾電电話话號号門门開开關关啟启臺台灣湾為为們们這这個个來来後后與与對对業业報报導导響响\
統统經经點点過过還还進进運运達达遲迟緩缓處处區区國国亞亚歐欧華华東东陸陆韓韩臉脸書书訂订閱阅頁页載载傳传郵邮帳账錄录\
認认證证碼码驗验擊击駭骇纜缆負负擁拥擠挤維维護护補补滾滚動动週周長长鐘钟萬万億亿幾几則则條条異异狀状態态癱瘫瘓痪潰溃\
藍蓝畫画遊游戲戏騰腾裡里裏里寶宝買买賣卖車车飛飞釘钉視视頻频嗶哔優优夠够贊赞團团餓饿閒闲魚鱼愛爱藝艺銀银錢钱幣币購购\
衛卫鐵铁鋪铺聞闻記记稱称將将並并於于從从讓让產产設设備备佈布測测試试標标準准級级層层範范圍围總总結结構构環环塊块輸输\
變变換换離离損损壞坏儲储檔档遺遗陣阵擾扰獲获頓顿緊紧嚴严響响顯显示示雙双邊边權权擬拟務务罰罚費费價价漲涨營营雜杂隊队\
廣广場场資资訊讯級级齊齐憑凭歷历屆届確确復复蘋苹貓猫搜搜尋寻狀状隱隐滿满驅驱態态誰谁們们樣样幫帮觀观點点";

static T2S_TABLE: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    let chars: Vec<char> = T2S.chars().collect();
    let mut v: Vec<(char, char)> = chars.chunks_exact(2).map(|p| (p[0], p[1])).collect();
    v.sort_unstable();
    v.dedup_by_key(|p| p.0);
    v
});

fn simplified(c: char) -> char {
    let t = &*T2S_TABLE;
    t.binary_search_by_key(&c, |p| p.0).map_or(c, |i| t[i].1)
}

/// Fold one char; pushes one or more chars to `out`.
#[inline]
fn fold(c: char, out: &mut impl FnMut(char)) {
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
        _ if c.is_uppercase() => c.to_lowercase().for_each(|l| out(l)),
        _ => out(c),
    }
}

/// Normalise `src` into `out`, appending to `map` the offset (plus `base`) in
/// `src` of the char behind every output byte. Whitespace runs become one space.
pub(crate) fn normalize_into(src: &str, base: usize, out: &mut String, map: &mut Vec<u32>) {
    let mut last_space = out.ends_with(' ');
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
        let at = (base + i) as u32;
        fold(c, &mut |f| {
            let before = out.len();
            out.push(f);
            map.extend(std::iter::repeat_n(at, out.len() - before));
        });
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
