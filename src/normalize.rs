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
廣广場场資资訊讯級级齊齐憑凭歷历屆届確确復复蘋苹貓猫搜搜尋寻狀状隱隐滿满驅驱態态誰谁們们樣样幫帮觀观點点\
續续約约類类覺觉親亲觀观議议讀读寫写聽听語语請请謝谢識识歲岁壓压廠厂廳厅歷历曆历醫医單单嚴严圖图園园圓圆場场壞坏夢梦學学對对層层島岛帶带帳账幣币廣广張张彈弹強强徵征態态懷怀戰战擔担擴扩擇择於于會会極极樂乐樣样權权歡欢殺杀氣气漢汉爭争爾尔牆墙獨独盡尽監监盤盘確确禮礼種种穩稳競竞筆笔節节簡简糧粮紀纪紅红紙纸組组絕绝絲丝綠绿編编練练績绩織织繼继罷罢聯联聲声職职肅肃腦脑舉举舊旧艦舰蘭兰蟲虫術术製制複复規规許许訴诉診诊詢询詳详誌志調调談谈論论諾诺講讲警警豐丰貝贝財财貨货質质費费賽赛趕赶趨趋軍军較较輪轮轉转辦办農农迴回遠远適适遷迁選选邊边鄉乡釋释針针鈴铃銷销鋼钢鍵键閉闭闆板陳陈隨随險险雖虽雞鸡難难靈灵靜静頂顶項项順顺預预領领頭头額额顏颜願愿類类風风餘余館馆馬马驅驱髮发鬥斗鳥鸟麗丽麥麦齡龄龍龙倆俩價价儀仪兒儿內内兩两冊册凍冻剛刚劃划劇剧動动勝胜勞劳勢势勵励匯汇協协卻却廈厦參参吳吴員员啟启喚唤嗎吗嘗尝噸吨壇坛墳坟奪夺奮奋婦妇媽妈孫孙寧宁審审專专尋寻屆届屬属幫帮幹干廢废彌弥彙汇徑径恆恒惡恶慣惯憂忧懸悬撥拨擋挡攝摄敗败敵敌暫暂曉晓暢畅櫃柜檢检歸归殘残決决況况減减濟济濃浓濕湿滅灭潔洁烏乌熱热燈灯爐炉獎奖瑪玛畢毕療疗盜盗眾众礎础禍祸窮穷竊窃築筑簽签籌筹糾纠紛纷細细終终給给綁绑綜综緒绪縣县縮缩繩绳翹翘聖圣脅胁腳脚膽胆臨临興兴艱艰莊庄葉叶著着蓋盖蘇苏虛虚蝦虾衝冲裝装見见覽览觸触訓训託托詐诈該该誠诚課课謀谋謠谣豬猪貿贸賬账賴赖贈赠跡迹蹤踪軌轨輔辅輛辆輝辉辭辞遞递鄰邻醜丑鉅巨銳锐鏈链鑰钥閃闪閣阁闖闯陰阴霧雾韌韧頒颁頗颇頸颈顧顾颱台駐驻駕驾騎骑騙骗驚惊鬆松鹽盐黃黄黨党龜龟傳传債债傷伤僅仅僱雇優优兇凶劍剑勁劲匱匮廚厨厲厉吋寸嚇吓嘯啸嚮向圍围執执堅坚報报場场塵尘墜坠壯壮壽寿夾夹奧奥妝妆孿孪宮宫寢寝寵宠將将屍尸嶺岭幾几庫库廬庐弒弑彥彦徹彻憶忆懇恳懶懒戀恋掛挂採采揚扬換换損损搶抢撐撑撲扑擠挤擾扰攜携敘叙斃毙曬晒權权棄弃槍枪樓楼標标樞枢橋桥檔档欄栏歎叹毀毁氈毡淚泪淨净淺浅渦涡溝沟滄沧漁渔潛潜澀涩瀏浏灑洒炸炸煙烟爛烂牽牵犧牺獲获瓊琼畝亩痠酸瘋疯癢痒皺皱盞盏睏困瞭了矯矫礦矿稅税穀谷窩窝竄窜筧笕篩筛糰团紋纹納纳純纯紹绍絞绞綱纲網网緣缘緯纬縫缝總总繞绕纖纤罈坛羅罗聰聪脹胀膠胶臟脏艙舱艷艳蔥葱薦荐藍蓝蘋苹虧亏螢萤補补襯衬訝讶評评詞词誇夸認认誘诱誼谊諸诸謎谜譜谱讚赞貞贞貫贯貴贵貸贷賀贺賓宾賜赐賠赔賣卖賦赋賺赚購购趙赵軸轴輕轻轄辖辯辩遜逊遙遥鄭郑銅铜鋪铺錦锦錶表鍋锅鎖锁鎮镇鏡镜鐘钟鑑鉴閒闲閩闽闊阔隻只雜杂頌颂頑顽頻频飯饭飲饮飽饱餅饼養养饑饥騰腾骯肮鬧闹鮮鲜鴨鸭鵬鹏麵面黴霉鼓鼓齒齿";

/// First code point of the CJK Unified Ideographs block the table covers.
const HAN_START: u32 = 0x4e00;

/// Simplified form of every char of U+4E00..=U+9FFF (0 = unchanged): one
/// lookup per Han char on the hot path.
static T2S_TABLE: LazyLock<Vec<u32>> = LazyLock::new(|| {
    let mut table = vec![0u32; 0x9fff - HAN_START as usize + 1];
    let chars: Vec<char> = T2S.chars().collect();
    for p in chars.chunks_exact(2) {
        if let Some(slot) = (p[0] as u32).checked_sub(HAN_START).and_then(|i| table.get_mut(i as usize)) {
            *slot = p[1] as u32;
        }
    }
    table
});

fn simplified(c: char) -> char {
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
