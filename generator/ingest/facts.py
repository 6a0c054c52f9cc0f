"""A conference's own facts as a report of it states them: its title (通报了…), date (7月25日, the year from the
headline or the dateline), host (由…主持), speakers (邀请…通报) and source (the headline and its dateline); and the
sentences that only say so (who attended, who hosted), which are no highlight. Only words of the text are taken."""
from __future__ import annotations

import datetime
import re

from .read import DATE_LINE, Block

# the titles a role ends with, before the person's name: 省环保厅巡视员葛为砚, 市统计局副局长张三
TITLES = (r"(?:巡视员|调研员|处长|科长|厅长|局长|主任|部长|司长|省长|市长|县长|区长|书记|主席|院长|秘书长|总经理|董事长|"
          r"发言人|负责人|总工程师|总经济师|总规划师|总师|大使|委员)")
PERSON = rf"(?P<role>[^，。；、：“”]{{2,30}}?{TITLES})(?P<name>[\u4e00-\u9fff]{{2,3}})"
# 由…主持, and a report's 召开…新闻发布会，市委宣传部外宣办主任某某主持 (the host after the conference's name)
HOST = re.compile(rf"(?:发布会|记者会|吹风会)?由{PERSON}主持|(?:发布会|记者会|吹风会)[，,]\s*{PERSON.replace('?P<', '?P<h_')}主持")
SPEAKER = re.compile(rf"(?:邀请|请){PERSON}(?:出席|通报|介绍|发布|解读|就)")
SUBJECT = re.compile(r"(?:通报|介绍|发布|解读)了?(?P<subject>[^，。；！？]{6,70}?)(?:，|。|；|并|$)")
# a report that names the conference only: 我市召开上半年国民经济运行新闻发布会
HELD = re.compile(r"(?:举行|召开)了?(?P<subject>[^，。；！？“”]{4,40}?(?:新闻发布会|发布会|记者会|吹风会))")
EVENT = re.compile(r"(?P<month>\d{1,2})月(?P<day>\d{1,2})日[^。]{0,30}?(?:举行|召开)[^。]{0,12}(?:新闻发布会|发布会|记者会|吹风会)")
ISO = re.compile(r"(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
WRITTEN = re.compile(r"(?P<year>(?:19|20)\d{2})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日")
HEADLINE_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})(?:年|上半年|下半年|前三季度|一季度|全年)")
# a sentence that only tells of the conference itself: who hosted, who attended, where it was held
META = re.compile(r"(?:发布会|记者会|吹风会)由[^。]*主持|(?:发布会|记者会|吹风会)[，,][^。，]{2,40}主持[。]?$|"
                  r"(?:参加|出席)(?:了)?(?:本次|今天的)?(?:新闻)?(?:发布会|记者会)|"
                  r"(?:记者|媒体|新闻单位)[^。]{0,6}参加|(?:举行|召开)(?:了)?(?:新闻)?(?:发布会|记者会|吹风会)[^。]*"
                  r"(?:邀请|请)[^。]*(?:通报|介绍|发布|出席)")


def is_meta(sentence: str) -> bool:
    """A sentence with no figure that only says who hosted or attended the conference, or that it was held."""
    if not any(word in sentence for word in ("发布会", "记者会", "吹风会", "记者", "媒体", "新闻单位")):
        return False  # the words every such sentence has: most sentences are passed at once
    return bool(META.search(sentence)) and not re.search(r"\d+(?:\.\d+)?(?:%|万|亿|个|件|项|人)", sentence)


def _date(found: list[Block], opening: str) -> tuple[datetime.date, str] | None:
    """The conference's date: its day from the sentence that says it was held (7月25日，…举行新闻发布会), its year from
    a dateline of the same or the next months (2018-08-02), else the headline's (2018上半年…)."""
    event = EVENT.search(opening)
    if not event:
        return None
    month, day = int(event.group("month")), int(event.group("day"))
    head = [b.text for b in found[:3]]
    year = None
    how = ""
    for text in head:
        dated = ISO.search(text) or WRITTEN.search(text)
        if dated and DATE_LINE.match(text):
            year = int(dated.group("year")) - (int(dated.group("month")) < month)
            how = f"发稿日期{dated.group(0)}"
            break
    if year is None and found and found[0].kind == "heading":
        m = HEADLINE_YEAR.search(found[0].text)
        if m:
            year, how = int(m.group("year")), f"标题“{found[0].text}”"
    try:
        date = datetime.date(year, month, day) if year and 1980 <= year <= 2099 else None
    except ValueError:  # 2月30日: no date
        date = None
    return (date, f"原文作“{event.group('month')}月{event.group('day')}日”，年份据{how}。") if date else None


def conference_facts(found: list[Block], everything: str | None = None) -> dict:
    """The facts a report of the conference states about it, as draft fields (only those it states). `found`: the
    blocks of the text's opening (its headline, dateline and first paragraphs); `everything`: the whole text, where
    the host may be named at its end (the blocks' text if not given)."""
    text_blocks = [b for b in found if b.kind == "text"]
    opening = next((b.text for b in text_blocks[:3] if EVENT.search(b.text) or SPEAKER.search(b.text)), "")
    facts: dict = {}
    subject = SUBJECT.search(opening) or HELD.search(opening)
    if subject:
        # …落实相关工作进展情况 -> …落实进展: the words a title does without
        title = re.sub(r"(?:的)?(?:有关|相关)?(?:工作)?(进展)?情况$", r"\1", subject.group("subject"))
        title = re.sub(r"(?:有关|相关)工作(?=进展$)", "", title).strip("“”")
        if 4 <= len(title) <= 80:
            facts["title"] = title
    headline = found[0].text if found and found[0].kind == "heading" else ""
    dateline = next((b.text for b in found[1:3] if DATE_LINE.match(b.text)), "")
    if headline:  # 《headline》（author，date）: the dateline's date and the words after it (its author)
        stamp = ISO.search(dateline) or WRITTEN.search(dateline)
        by = dateline[stamp.end():].strip(" ）)") if stamp else ""
        when = stamp.group(0) if stamp else ""
        facts["source"] = f"《{headline}》" + (f"（{'，'.join(p for p in (by, when) if p)}）" if when else "")
    dated = _date(found, opening)
    if dated:
        facts["date"], facts["date_note"] = dated
    everything = "".join(b.text for b in text_blocks) if everything is None else everything
    host = HOST.search(everything)
    if host:
        facts["host"] = {"name": host.group("name") or host.group("h_name"), "role": host.group("role") or host.group("h_role")}
    speakers = [{"name": m.group("name"), "role": m.group("role")} for m in SPEAKER.finditer(opening)]
    if speakers:
        facts["speakers"] = speakers
    return facts
