#!/usr/bin/env python3
"""Generate a CC-NEWS-like news crawl for the whole-process benchmarks of the
`classify` example (BENCHMARKS.md, "Firehose: WARC and JSON Lines").

    python3 benches/firehose.py OUT_DIR [--mb 200] [--seed 18]

writes

- OUT_DIR/firehose.warc.gz: a WARC file gzipped record by record, as
  Common Crawl's CC-NEWS is, of at least --mb MB (compressed): a warcinfo
  record, then per page a request and a response record (HTTP headers,
  charset declared in Content-Type: EUC-KR for a third of the Korean pages,
  GBK for a third of the Chinese ones, ISO-8859-1 for a third of the German
  ones, UTF-8 otherwise), and now and then a metadata record and a response
  that is an image or a redirect;
- OUT_DIR/firehose.jsonl: the same pages, one JSON object per line
  ({"id", "url", "published", "text"}: the page's HTML as text).

About 95% of the pages are news that reports no outage and 5% outage
reports, in the five languages. The article texts are the project's own:
tests/gold (the labelled set: its non-outage articles, including the hard
negatives, and its outage reports), data/samples and benches/data/firehose
(everyday news). Each page wraps one in varied page boilerplate: site
navigation, a cookie banner, share buttons, related-article lists, an
advertisement, scripts and styles, a footer. Standard library only.
"""

import argparse
import gzip
import json
import os
import random
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["ko", "zh", "id", "de", "en"]

SITE = {
    "ko": ["한빛뉴스", "새벽일보", "테크비즈데일리", "누리경제"],
    "zh": ["晨光日报", "新知网", "华东财经", "数码时报"],
    "id": ["Kabar Nusantara", "Warta Kita", "Harian Teknologi", "Suara Pagi"],
    "de": ["Tagesblick", "Rheinkurier", "Netzwelt Heute", "Nordspiegel"],
    "en": ["Daily Ledger", "Tech Courier", "Morning Post Online", "Metro Wire"],
}
NAV = {
    "ko": ["정치", "경제", "사회", "국제", "문화", "스포츠", "IT·과학", "오피니언", "포토", "많이 본 뉴스"],
    "zh": ["首页", "国内", "国际", "财经", "科技", "体育", "娱乐", "评论", "视频", "热点"],
    "id": ["Beranda", "Nasional", "Ekonomi", "Olahraga", "Teknologi", "Hiburan", "Gaya Hidup", "Opini", "Foto", "Terpopuler"],
    "de": ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Digital", "Wissen", "Meinung", "Video", "Meistgelesen"],
    "en": ["Home", "Politics", "Business", "Tech", "Sport", "Culture", "Science", "Opinion", "Video", "Most read"],
}
COOKIE = {
    "ko": "이 사이트는 서비스 개선을 위해 쿠키를 사용합니다. 계속 이용하시면 쿠키 사용에 동의하는 것으로 간주합니다.",
    "zh": "本网站使用Cookie以改善您的浏览体验。继续浏览即表示您同意我们使用Cookie。",
    "id": "Situs ini menggunakan cookie untuk meningkatkan pengalaman Anda. Dengan melanjutkan, Anda menyetujui penggunaan cookie.",
    "de": "Wir verwenden Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten. Mit der weiteren Nutzung stimmen Sie zu.",
    "en": "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.",
}
SHARE = {
    "ko": ["공유하기", "페이스북", "카카오톡", "링크 복사", "구독하기"],
    "zh": ["分享到", "微信", "微博", "复制链接", "订阅"],
    "id": ["Bagikan", "Facebook", "WhatsApp", "Salin tautan", "Berlangganan"],
    "de": ["Teilen", "Facebook", "WhatsApp", "Link kopieren", "Abonnieren"],
    "en": ["Share", "Facebook", "WhatsApp", "Copy link", "Subscribe"],
}
RELATED = {"ko": "관련 기사", "zh": "相关阅读", "id": "Baca juga", "de": "Mehr zum Thema", "en": "Related stories"}
AD = {"ko": "광고", "zh": "广告", "id": "Iklan", "de": "Anzeige", "en": "Advertisement"}
FOOTER = {
    "ko": "무단 전재 및 재배포 금지. 모든 권리 보유.",
    "zh": "版权所有，未经授权禁止转载。",
    "id": "Hak cipta dilindungi undang-undang.",
    "de": "Alle Rechte vorbehalten. Nachdruck nur mit Genehmigung.",
    "en": "All rights reserved. Reproduction without permission is prohibited.",
}
LEGACY = {"ko": "EUC-KR", "zh": "GBK", "de": "ISO-8859-1"}


def load_articles():
    """(lang, is_outage, headline, body paragraphs) of the project's own texts."""
    out = []
    for label in sorted((ROOT / "tests/gold").glob("*.json")):
        meta = json.loads(label.read_text(encoding="utf-8"))
        text = label.with_suffix(".txt").read_text(encoding="utf-8")
        out.append((meta["lang"], bool(meta["is_outage"]), text))
    for f in sorted((ROOT / "benches/data/firehose").glob("*.txt")):
        out.append((f.name[:2], False, f.read_text(encoding="utf-8")))
    for f in sorted((ROOT / "data/samples").iterdir()):
        if f.suffix == ".txt":  # the markdown and HTML ones carry their own markup
            # en-01, de-02, ... : the outage samples are the first two of each language
            outage = f.name[3:5] in ("01", "02")
            out.append((f.name[:2], outage, f.read_text(encoding="utf-8")))
    articles = []
    for lang, outage, text in out:
        paras = [p.strip() for p in text.split("\n") if p.strip()]
        if lang in LANGS and len(paras) >= 2:
            articles.append((lang, outage, paras[0], paras[1:]))
    return articles


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def page(rng, lang, headline, paras, headlines, n, published):
    site = rng.choice(SITE[lang])
    host = f"www.{site.lower().replace(' ', '')}.example"
    slug = f"/news/{published[:10].replace('-', '/')}/{n:08d}"
    url = f"https://{host}{slug}"
    nav = "".join(f'<li><a href="/{i}">{esc(w)}</a></li>' for i, w in enumerate(rng.sample(NAV[lang], 7)))
    related = "".join(
        f'<li><a href="/news/{rng.randrange(10**8):08d}">{esc(h)}</a></li>' for h in rng.sample(headlines, 6)
    )
    share = "".join(f'<a class="share" href="#">{esc(s)}</a>' for s in SHARE[lang])
    script = "var _q=window._q||[];" + "".join(
        f"_q.push(['set','k{i}','{rng.randrange(10**9):x}']);" for i in range(rng.randrange(20, 120))
    )
    style = "".join(f".c{i}{{margin:{rng.randrange(20)}px;color:#{rng.randrange(1 << 24):06x}}}" for i in range(rng.randrange(10, 60)))
    body = "".join(f"<p>{esc(p)}</p>" for p in paras)
    meta_date = (
        f'<meta property="article:published_time" content="{published}">' if rng.random() < 0.6 else ""
    )
    ld = (
        f'<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",'
        f'"headline":{json.dumps(headline, ensure_ascii=False)},"datePublished":"{published}"}}</script>'
        if rng.random() < 0.5
        else ""
    )
    html = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{esc(headline)} | {esc(site)}</title>"
        f'<meta property="og:title" content="{esc(headline)}"><meta property="og:site_name" content="{esc(site)}">'
        f'<meta property="og:url" content="{url}">{meta_date}<link rel="canonical" href="{url}">'
        f"<style>{style}</style><script>{script}</script>{ld}</head><body>"
        f'<div class="cookie">{esc(COOKIE[lang])}</div>'
        f'<header><a class="logo" href="/">{esc(site)}</a><nav><ul>{nav}</ul></nav></header>'
        f'<main><article><h1>{esc(headline)}</h1><div class="byline"><time datetime="{published}">{published[:10]}</time></div>'
        f'<div class="share">{share}</div>{body}'
        f'<div class="ad">{esc(AD[lang])}</div></article>'
        f'<aside><h2>{esc(RELATED[lang])}</h2><ul>{related}</ul></aside></main>'
        f"<footer><p>{esc(FOOTER[lang])}</p><p>© {esc(site)}</p></footer></body></html>"
    )
    return url, html


def warc_record(kind, fields, block):
    head = [f"WARC/1.0", f"WARC-Type: {kind}"] + [f"{k}: {v}" for k, v in fields] + [f"Content-Length: {len(block)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def member(data):
    c = zlib.compressobj(6, zlib.DEFLATED, 31)  # one gzip member
    return c.compress(data) + c.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--mb", type=float, default=200.0, help="size of the WARC.gz in MB (default 200)")
    ap.add_argument("--seed", type=int, default=18)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    articles = load_articles()
    outages = [a for a in articles if a[1]]
    others = [a for a in articles if not a[1]]
    headlines = {l: [a[2] for a in articles if a[0] == l] for l in LANGS}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    target = int(args.mb * 1e6)
    n = pages = outage_pages = 0
    with open(out / "firehose.warc.gz", "wb") as w, open(out / "firehose.jsonl", "w", encoding="utf-8") as j:
        written = w.write(member(warc_record("warcinfo", [("WARC-Date", "2025-03-01T00:00:00Z"),
            ("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000000>"),
            ("Content-Type", "application/warc-fields")], b"software: benches/firehose.py\r\nformat: WARC File Format 1.0\r\n")))
        while written < target:
            n += 1
            outage = rng.random() < 0.05
            lang, _, headline, paras = rng.choice(outages if outage else others)
            day = rng.randrange(1, 29)
            published = f"2025-03-{day:02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00+00:00"
            # paragraphs in varied order and number: no two pages the same
            body = paras[:1] + rng.sample(paras[1:], k=len(paras) - 1) if len(paras) > 2 else paras
            url, html = page(rng, lang, headline, body, headlines[lang], n, published)
            warc_date = f"2025-03-{day:02d}T23:59:{rng.randrange(60):02d}Z"
            rid = f"<urn:uuid:{rng.randrange(1 << 128):032x}>"
            charset = LEGACY.get(lang) if rng.random() < 1 / 3 else "UTF-8"
            codec = {"EUC-KR": "euc_kr", "GBK": "gbk", "ISO-8859-1": "latin-1"}.get(charset, "utf-8")
            payload = html.replace('<meta charset="utf-8">', "").encode(codec, errors="xmlcharrefreplace")
            http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset={charset}\r\n"
                    f"Content-Length: {len(payload)}\r\nServer: nginx\r\n\r\n").encode() + payload
            request = f"GET {url[url.index('/', 8):]} HTTP/1.1\r\nHost: {url[8:url.index('/', 8)]}\r\nUser-Agent: bench\r\n\r\n".encode()
            base = [("WARC-Date", warc_date), ("WARC-Target-URI", url)]
            written += w.write(member(warc_record("request", base + [("WARC-Record-ID", rid[:-2] + "1>"),
                ("Content-Type", "application/http; msgtype=request")], request)))
            written += w.write(member(warc_record("response", base + [("WARC-Record-ID", rid),
                ("Content-Type", "application/http; msgtype=response")], http)))
            if rng.random() < 0.05:
                meta = f"fetchTimeMs: {rng.randrange(50, 900)}\r\n".encode()
                written += w.write(member(warc_record("metadata", base + [("WARC-Record-ID", rid[:-2] + "2>"),
                    ("Content-Type", "application/warc-fields")], meta)))
            if rng.random() < 0.03:
                img = b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n" + os.urandom(rng.randrange(2000, 20000))
                written += w.write(member(warc_record("response", [("WARC-Date", warc_date),
                    ("WARC-Target-URI", url + ".jpg"), ("WARC-Record-ID", rid[:-2] + "3>"),
                    ("Content-Type", "application/http; msgtype=response")], img)))
            j.write(json.dumps({"id": url, "url": url, "published": warc_date, "text": html}, ensure_ascii=False))
            j.write("\n")
            pages += 1
            outage_pages += outage
    jsonl = (out / "firehose.jsonl").stat().st_size
    print(f"{pages} pages ({outage_pages} outage reports), firehose.warc.gz {written / 1e6:.0f} MB, "
          f"firehose.jsonl {jsonl / 1e6:.0f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
