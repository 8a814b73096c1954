"""Reading raw input: bytes to text, text to pages of ``Line``s.

Holds decoding (UTF-8 with or without BOM, UTF-16 with BOM, GB18030 and Big5
detected), format detection (plain text or hOCR; ALTO and PAGE are recognised
so the error can say so), page splitting at form feeds and the script
detection (zh-Hans / zh-Hant). It does not change any character: that is the
normalize stage's work, under named rules.

>>> lines = lines_from_text("第一行\\n\\n　　第二行\\f第三行\\f")
>>> [(l.page, l.lineno, l.blank_before, l.indent, l.text) for l in lines]
[(1, 1, 0, 0.0, '第一行'), (1, 3, 1, 2.0, '第二行'), (2, 3, 0, 0.0, '第三行')]
"""
from __future__ import annotations

import functools
import re

from .model import Line


class InputError(ValueError):
    """Input that cannot be read; the message is one line for the user."""


# The most frequent Han characters of Chinese text, simplified and traditional
# forms: a right decoding of GB18030 or Big5 bytes gives mostly these, a wrong
# one gives rare characters.
_COMMON = set(
    "的一是不了在人有我他这個个们們中来來上大为為和国國地到以说說时時要就出会會可也你对對生能而子那得于"
    "着著下自之年过過发發后後作里裡用道行所然家种種事成方多经經么麼去法学學如都同现現当當没沒动動面起看定"
    "天分还還进進好小部其些主样樣理心她本前开開但因只从從想实實日军軍者意无無力它与與长長把机機十民第公此"
    "已工使情明性知全三又关關点點正业業外将將两兩高间間由问問很最重并並物手应應战戰向头頭文体體政美相见見"
    "被利什二等产產或新己制身果加西斯月话話合回特代内內信表化老给給世位次度门門任常先海通教儿兒原东東声聲"
    "提立及比员員解水名真论論处處走义義各入几幾口认認条條平系气氣题題活尔爾更别別打女变變四神总總何电電数數"
    "安少报報才结結反受目太量再感建务務做接必场場件计計管期市直德资資命山金指克许許统統区區保至队隊形社便"
    "空决決治展马馬科司五基眼书書非则則听聽白却界达達光放强強即像难難且权權思王象完设設式色路记記南品住告"
    "类類求据據程北边邊死张張该該交规規万萬取拉格望觉覺术術领領共确確传傳师師观觀清今切院让讓识識候带帶导導"
    "争爭运運笑飞飛风風步改收根干造言联聯持组組每济濟车車亲親极極林服快办辦议議往元英士证證近失转轉夫令准"
    "布始怎呢存未远遠叫台单單影具罗羅字爱愛击擊流备備兵连連调調深商算质質团團集百需价價花党黨华華城石级級"
    "整府离離况況亚亞请請技际際约約示复復病息究线線似官火断斷精满滿支视視消越器容照须須九增研写寫称稱企八"
    "功吗嗎包片史委乎查轻輕易早曾除农農找装裝广廣显顯吧阿李标標谈談吃图圖念六引历歷首医醫局突专專费費号號"
    "尽盡另周较較注语語仅僅考落青随隨选選列武红紅响響虽雖推势勢参參希古众眾构構房半节節土投某案黑维維革划"
    "劃敌敵致陈陳律足态態护護七兴興派孩验驗责責营營星够夠章音跟志底站严嚴巴例防族供效续續施留讲講型料终終"
    "答紧緊黄黃绝絕奇察母京段依批群项項故按河米围圍江织織害斗双雙境客纪紀采舉举杀殺攻父苏蘇密低朝友诉訴止"
    "细細愿願千值仍男钱錢破网網热熱助倒育属屬坐帝限船脸臉职職速刻乐樂否刚剛威毛状狀率甚独獨球般普怕弹彈校"
    "苦创創假久错錯承印晚兰蘭试試股拿脑腦预預谁誰益阳陽若哪微尼继繼送急血惊驚伤傷素药藥适適波夜省初喜卫衛"
    "源食险險待述陆陸习習置居劳勞财財环環排福纳納欢歡雷警获獲模充负負云雲停木游龙龍树樹疑层層冷洲冲衝射略"
    "范竟句室异異激汉漢村哈策演简簡卡罪判担擔州静靜退既衣您宗积積余痛检檢差富灵靈协協角占配征修皮挥揮胜勝"
    "降阶階审審沉坚堅善妈媽刘劉读讀啊超免压壓银銀买買皇养養伊怀懷执執副乱亂抗犯追帮幫宣佛岁歲航优優怪香著"
    "田铁鐵控税稅左右份穿艺藝背阵陣草脚腳概恶惡块塊顿頓敢守酒岛島托央户戶烈洋哥索胡款靠评評版宝寶座释釋景"
    "顾顧弟登货貨互付伯慢欧歐换換闻聞危忙核暗姐介坏壞讨討丽麗良序升监監临臨亮露永呼味野架域沙掉括鱼魚杂雜"
    "误誤湖讯訊日月年记記者报報电電")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def _common_share(text: str) -> float:
    han = _HAN.findall(text[:20000])
    if not han:
        return 0.0
    return sum(1 for c in han if c in _COMMON) / len(han)


def decode(data: bytes, errors: str = "strict") -> tuple[str, list[str]]:
    """Bytes to text, with the warnings the reader wants the user to see.

    >>> decode("中文".encode("gb18030"))[0]
    '中文'
    >>> decode(b"\\xef\\xbb\\xbfabc")[0]
    'abc'
    """
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), warnings
        except UnicodeDecodeError as e:
            raise InputError("not valid UTF-16 although it starts with a UTF-16 BOM "
                             "(byte offset %d)" % e.start) from None
    if errors == "strict" and b"\x00" in data[:65536]:
        raise InputError("looks like a binary file (NUL byte at offset %d); "
                         "reflow reads text, hOCR, ALTO or PAGE XML"
                         % data.index(b"\x00"))
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError as e:
        utf8_error = e
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_common_share(text), enc, text))
    candidates.sort(key=lambda c: -c[0])
    if candidates and candidates[0][0] >= 0.3:
        _, enc, text = candidates[0]
        warnings.append("decoded as %s (not UTF-8)" % enc.upper())
        return text, warnings
    if errors == "replace":
        text = data.decode("utf-8", errors="replace")
        n = text.count("\ufffd")
        warnings.append("%d undecodable byte sequence%s replaced by U+FFFD"
                        % (n, "" if n == 1 else "s"))
        return text, warnings
    raise InputError("not UTF-8, GB18030 or Big5 text: undecodable byte 0x%02x at offset %d "
                     "(use --errors replace to go on)"
                     % (data[utf8_error.start], utf8_error.start))


def detect_format(text: str) -> str:
    """text, hocr, alto or page, from the content.

    >>> detect_format('<html><body><div class="ocr_page">')
    'hocr'
    >>> detect_format("新华社北京7月28日电")
    'text'
    """
    head = text[:4096].lstrip().lower()
    if not head.startswith("<"):
        return "text"
    from .ocrxml import sniff_format  # the XML readers import this module
    got = sniff_format(text)
    if got != "text":
        return got
    if "ocr_page" in head or "ocr_line" in head or "ocrx_word" in head or \
            ("<html" in head and "ocr" in text[:200000].lower()):
        return "hocr"
    if "<alto" in head:
        return "alto"
    if "<pcgts" in head:
        return "page"
    return "text"


_LEAD = re.compile(r"^[ \t\u3000\u00a0]+")


def _indent(ws: str) -> float:
    return sum(1.0 if c == "\u3000" else 2.0 if c == "\t" else 0.5 for c in ws)


def lines_from_text(text: str) -> list[Line]:
    """Split text into non-blank lines, pages at form feeds.

    Line numbers count source lines over the whole input; a form feed starts a
    new page (a trailing one makes no empty page). White space around a line
    is taken off: leading as its indent, a trailing ideographic space as a
    mark that a headline's phrase space fell at the line end.

    >>> [(l.text, l.indent, l.phrase_space_after) for l in lines_from_text("　　正文\\n秋粮收获进度过半　\\n")]
    [('正文', 2.0, False), ('秋粮收获进度过半', 0.0, True)]
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    out: list[Line] = []
    lineno = 0
    for pno, page in enumerate(pages, 1):
        if pno > 1:
            lineno -= 1  # a page starts on the source line where the form feed is
        blank = 0
        for raw in page.split("\n"):
            lineno += 1
            stripped = raw.rstrip()
            if not stripped.strip():
                blank += 1
                continue
            m = _LEAD.match(stripped)
            indent = _indent(m.group(0)) if m else 0.0
            out.append(Line(stripped[m.end():] if m else stripped, pno, lineno,
                            blank_before=blank, indent=indent,
                            phrase_space_after="\u3000" in raw[len(stripped):]))
            blank = 0
    return out


@functools.lru_cache(maxsize=1)
def _traditional_only() -> frozenset[str]:
    """The characters OpenCC's t2s changes: traditional forms (computed once)."""
    import opencc
    chars = "".join(chr(c) for c in range(0x4E00, 0xA000))
    conv = opencc.OpenCC("t2s").convert(chars)
    return frozenset(a for a, b in zip(chars, conv) if a != b) if len(conv) == len(chars) \
        else frozenset()


def detect_lang(text: str) -> str:
    """zh-Hant when traditional-only characters dominate, else zh-Hans.

    >>> detect_lang("颱風「海鷗」持續朝東北方向移動")
    'zh-Hant'
    >>> detect_lang("台风“海鸥”持续向东北方向移动")
    'zh-Hans'
    """
    # the first 600 Han characters of the first 3000, as one string
    han = _NOT_HAN.sub("", text[:3000])[:600]
    if not han:
        return "zh-Hans"
    changed = len(_traditional_pattern().findall(han))
    return "zh-Hant" if changed / len(han) > 0.04 else "zh-Hans"


_NOT_HAN = re.compile("[^\u3400-\u4dbf\u4e00-\u9fff]+")   # what _HAN does not match


@functools.lru_cache(maxsize=1)
def _traditional_pattern() -> re.Pattern:
    """A pattern of one traditional-only character (a class of ranges: a
    regex scan counts them faster than a test of each character)."""
    points = sorted(map(ord, _traditional_only()))
    if not points:
        return re.compile("(?!)")     # (no OpenCC table: nothing is traditional-only)
    parts, start = [], 0
    for k in range(1, len(points) + 1):
        if k == len(points) or points[k] != points[k - 1] + 1:
            lo, hi = re.escape(chr(points[start])), re.escape(chr(points[k - 1]))
            parts.append(lo if start == k - 1 else "%s-%s" % (lo, hi))
            start = k
    return re.compile("[%s]" % "".join(parts))
