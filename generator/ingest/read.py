"""Raw press text (.txt, .docx, .pdf) -> clean blocks: extraction damage undone, headings and bullets told apart."""
from __future__ import annotations

import contextlib
import logging
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .. import limits
from ..content.numerals import from_cn
from ..errors import GeneratorError
from ..messages import _
from .units import is_unit

BULLETS = "▶►◆◇●•■□★☆▪"
TERMINAL = "。！？；"
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "，。、；：？！（）《》“”‘’【】—…·"
_FULL = str.maketrans("０１２３４５６７８９％．：，；（）－−∶", "0123456789%.:，；（）--:")
HEADING_MAX = 32
# the heading of the glossary a report ends with: 《政府工作报告》名词术语解释, …有关内容名词注释
GLOSSARY_LINE = re.compile(r"名词(?:术语)?(?:解释|注释)$|^(?:名词|术语)(?:解释|说明)$")
# a dateline stands alone: 2021年10月18日 / （2023年1月9日） / 2018-08-02 田勇 (a post's date and author)
# a report's dateline says where it was delivered: ——2025年1月13日在…市第九届人民代表大会第四次会议上
DATE_LINE = re.compile(r"^[（(—\s]*(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日|(?:19|20)\d{2}-\d{1,2}-\d{1,2})"
                       r"(?:[）)]?\s*\S{0,8}|在[^。；！？，]{2,40}?(?:会议|大会)上[）)]?)$")
# a speaker's line under a report's title: 镇江市人民政府市长 徐曙海, 市长 王某某 (an office, then a name)
BYLINE = re.compile(r"^[^\s，。；：:！？\d]{0,20}?(?:省长|市长|区长|县长|州长|旗长|盟长|主席|主任|局长|厅长|部长|书记|代市长|"
                    r"代省长|代区长|代县长)\s?[\u4e00-\u9fff·]{2,4}$")
_FULL_FIGURES = str.maketrans("０１２３４５６７８９％．－−", "0123456789%.--")
# a year in Chinese numerals, digit by digit (二〇二四年, 二○二四年, 二零二四年; 二O二四年 as typed with a Latin O): the same
# digits, as a full-width year's are (a year of a span too: 二〇二一—二〇二五年); then a month and a day after a year
# (二〇二四年十月二十八日 -> 2024年10月28日), so that a title, a dateline or a figure's time reads as one in digits.
# Numerals that are no year (十二年, 二十年来, 一二三年) and months with no year before them (一至九月) stay as written.
_CN_ZERO = "〇○零OＯ"
_CN_YEAR_DIGITS = rf"(?:一九|二[{_CN_ZERO}])[一二三四五六七八九{_CN_ZERO}]{{2}}"
_CN_YEAR = re.compile(rf"(?<![一二三四五六七八九十{_CN_ZERO}]){_CN_YEAR_DIGITS}"
                      rf"(?=年|\s*[-—–～~至到]\s*{_CN_YEAR_DIGITS}年)")
_CN_YEAR_TABLE = str.maketrans(_CN_ZERO + "一二三四五六七八九", "0" * len(_CN_ZERO) + "123456789")
_CN_MONTH_DAY = re.compile(r"(?<=(?:19|20)\d\d年)(?P<month>十[一二]|[一二三四五六七八九十])月"
                           r"(?:(?P<day>[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日)?")


def _digits_dates(line: str) -> str:
    """Years in Chinese numerals as digits, and the month and day after a year (see _CN_YEAR)."""
    if not any(c in line for c in "一二三四五六七八九十"):
        return line
    line = _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_YEAR_TABLE), line)

    def month_day(m: re.Match[str]) -> str:
        month, day = from_cn(m.group("month")), from_cn(m.group("day") or "")
        return f"{month}月" + (f"{day}日" if day and day <= 31 else (m.group(0)[len(m.group("month")) + 1:]))

    return _CN_MONTH_DAY.sub(month_day, line)


@dataclass
class Block:
    """A paragraph, a bullet item, a heading or a table, with the line it started on in the source."""

    kind: str  # "heading", "bullet", "text", "table"
    text: str  # a table's: its caption (表1 2024年主要经济指标), or ""
    line: int
    bullet: str = ""
    level: int = 2  # a heading's: 1 for a part (一、 第一部分), 2 for a theme
    rank: int = 4  # a heading's place in the numbering: 0 一、, 1 （一） 第一，【】, 2 1., 3 （1）, 4 none (a short line)
    header: list[str] = field(default_factory=list)  # a table's column labels, when it has a header row
    rows: list[list[str]] = field(default_factory=list)  # a table's rows: the row label, then its cells
    row_lines: list[int] = field(default_factory=list)  # a table's: the line each row stands on in the source


MAX_SOURCE_BYTES = limits.INGEST_BYTES


def read_source(path: Path) -> str:
    """The text of a .txt, .docx or .pdf file, or a clear refusal: every bound of limits.py's ingest part is kept
    here, before the text is analysed (a bomb is refused before anything is unpacked)."""
    text = _read_text(path)
    if len(text) > limits.INGEST_TEXT_CHARS:
        raise GeneratorError(_("{value}: gives {value2:,} characters of text; a press text may be at most {value3:,} (give "
                               "the part for one conference)", value=path.as_posix(), value2=len(text),
                               value3=limits.INGEST_TEXT_CHARS))
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if len(line) > limits.INGEST_LINE_CHARS:
            raise GeneratorError(_("{value}:{line}: a line of {value2:,} characters; a line may be at most {value3:,} "
                                   "(break it into paragraphs)", value=path.as_posix(), line=number, value2=len(line),
                                   value3=limits.INGEST_LINE_CHARS))
    return text


def _read_text(path: Path) -> str:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise GeneratorError(_("{value}: file not found, or not a regular file", value=path.as_posix()))
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise GeneratorError(_("{value}: {value2} MB; a press text may be at most {value3} MB (split it, or give the part for "
                               "one conference)", value=path.as_posix(), value2=path.stat().st_size // 1024 // 1024,
                               value3=MAX_SOURCE_BYTES // 1024 // 1024))
    if suffix in (".txt", ".text", ".md"):
        raw = path.read_bytes()
        # a byte-order mark says the encoding: UTF-16 (as Windows' Notepad saves “Unicode”), UTF-8 with a BOM
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                return raw.decode("utf-16")
            except UnicodeDecodeError:
                raise GeneratorError(_("{value}: begins as UTF-16 text but is not; save it as UTF-8",
                                       value=path.as_posix())) from None
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise GeneratorError(_("{value}: neither UTF-8 nor GBK text; save it as UTF-8", value=path.as_posix()))
    if suffix == ".docx":
        from docx import Document

        _refuse_zip_bomb(path)
        try:
            doc = Document(str(path))
        except Exception as exc:  # python-docx raises several kinds for a damaged file
            raise GeneratorError(_("{value}: not a readable .docx ({name})", value=path.as_posix(),
                                   name=type(exc).__name__)) from None
        return "\n\n".join(_docx_lines(doc))
    if suffix == ".pdf":
        from pypdf import PdfReader
        from pypdf.errors import LimitReachedError, PdfReadError, PyPdfError

        try:
            with _quiet_pypdf():
                reader = PdfReader(str(path))
                count = len(reader.pages)
            if count > limits.INGEST_PDF_PAGES:
                raise GeneratorError(_("{value}: {value2:,} pages; a press text may be at most {value3:,} pages (give the "
                                       "part for one conference)", value=path.as_posix(), value2=count,
                                       value3=limits.INGEST_PDF_PAGES))
            with _quiet_pypdf():
                pages = _pdf_pages(path, reader)
        except LimitReachedError:  # pypdf's own bound on what one stream may unpack to
            raise GeneratorError(_("{value}: a stream unpacks to more than {value2} MB; a decompression bomb, not a press "
                                   "text", value=path.as_posix(), value2=limits.INGEST_PDF_STREAM_BYTES // 1_000_000)) \
                from None
        except (PyPdfError, PdfReadError, OSError, ValueError) as exc:
            raise GeneratorError(_("{value}: not a readable PDF ({exc})", value=path.as_posix(), exc=exc)) from None
        text = "\n\n".join(pages)
        if len(re.sub(r"\s", "", text)) < 20:
            raise GeneratorError(_("{value}: the PDF has no text layer (a scanned image?); run OCR on it first, or paste its text "
                                   "into a .txt file", value=path.as_posix()))
        return text
    raise GeneratorError(_("{value}: cannot read {value2}; give a .txt, .docx or .pdf file", value=path.as_posix(),
                           value2=suffix or 'files without an extension'))


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf's own complaints (invalid pdf header, EOF marker not found) kept off stderr while it reads: what it
    could not read is said once, in our one line."""
    logger = logging.getLogger("pypdf")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)
        logger.propagate = propagate


def _pdf_pages(path: Path, reader) -> list[str]:
    """Each page's text, within limits.INGEST_PDF_SECONDS (a page whose content is built to be slow counts too)."""
    import time

    started = time.monotonic()
    pages: list[str] = []
    for page in reader.pages:
        if time.monotonic() - started > limits.INGEST_PDF_SECONDS:
            raise GeneratorError(_("{value}: reading its text took more than {value2:g} s by page {value3:,} of {value4:,}; "
                                   "give the part for one conference, or paste its text into a .txt file",
                                   value=path.as_posix(), value2=limits.INGEST_PDF_SECONDS, value3=len(pages) + 1,
                                   value4=len(reader.pages)))
        pages.append(page.extract_text() or "")
    return pages


def _refuse_zip_bomb(path: Path) -> None:
    """A .docx whose members would unpack past the bounds, refused from the sizes its zip directory declares (zipfile
    never unpacks a member past its declared size, so the declared sizes bound what python-docx can be made to hold)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise GeneratorError(_("{value}: not a readable .docx ({name})", value=path.as_posix(),
                               name=type(exc).__name__)) from None
    for m in members:
        if m.file_size > 1024 * 1024 and m.file_size > limits.INGEST_RATIO * max(m.compress_size, 1):
            raise GeneratorError(_("{value}: {name} unpacks {value2:,} times its packed size; a zip bomb, not a press text",
                                   value=path.as_posix(), name=m.filename,
                                   value2=m.file_size // max(m.compress_size, 1)))
    if sum(m.file_size for m in members) > limits.INGEST_UNPACKED_BYTES:
        raise GeneratorError(_("{value}: unpacks to more than {value2} MB; a press text's .docx is a few hundred KB (a zip "
                               "bomb, or pictures far too large)", value=path.as_posix(),
                               value2=limits.INGEST_UNPACKED_BYTES // 1024 // 1024))


def _docx_lines(doc) -> list[str]:
    """A .docx's paragraphs and tables in the order they stand; a table row is its cells, tab-separated (a merged
    cell once), as a table in a .txt is. The elements are named by WordprocessingML's namespace, read as lxml
    hands them over (no library internals)."""

    def qn(tag: str) -> str:
        return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag.split(":", 1)[1]

    lines: list[str] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
        elif child.tag == qn("w:tbl"):
            for tr in child.iter(qn("w:tr")):
                cells = ["".join(t.text or "" for t in tc.iter(qn("w:t"))).strip() for tc in tr.iter(qn("w:tc"))]
                lines.append("\t".join(c or "—" for c in cells))
    return lines


def normalise_line(line: str) -> str:
    """Undo what PDF extraction does to Chinese: spaces inside words and figures, full-width digits; and a year
    written in Chinese numerals (二〇二四年) is read as its digits, as a full-width one is."""
    line = re.sub(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]", " ", line)  # control characters: no document holds them
    line = re.sub(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", line)  # direction marks: check refuses them
    line = line.translate(_FULL).replace("\u3000", " ").replace("\t", " ")
    line = _digits_dates(line)  # 二〇二四年十月 -> 2024年10月: a year written digit by digit in numerals
    line = re.sub(r"^((?:[-*]\s+)?(?:\*\*)?附?[表图]\s*\d+)\s+(?=\S)", r"\1：", line)  # 表1 2024年… is not 表12024年
    line = re.sub(r"\[\d{1,3}\]", "", line)  # footnote markers (比上年下降[47]10.6%): no figure, and none to keep
    line = re.sub(r"(?<=\d)\s*\.\s*(?=\d)", ".", line)
    line = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", line)  # 1,234 -> 1234
    line = line.replace(",", "，").replace(";", "；").replace("(", "（").replace(")", "）")
    line = re.sub(r'"([^"]*)"', r"“\1”", line)
    line = line.replace('"', "”")
    # spaces between Chinese characters, Chinese punctuation and figures carry no meaning
    tight = f"[{_CJK}{_CJK_PUNCT}\\d%.:\\-‰]"
    for _pass in range(2):
        line = re.sub(rf"(?<={tight})\s+(?={tight})", "", line)
    line = re.sub(r"\s+", " ", line).strip()
    line = line.replace("．", ".").replace("：", "：")
    return line


_NO_START = set("年月日的了和与及等，、；：）》”")


def _is_heading(text: str) -> bool:
    """A short stand-alone phrase: a theme title (经济发展跃上新台阶) or a two-part banner (…扩大，…提升)."""
    # a year may stand in a heading (市交通运输局2024年工作总结); another figure may not
    if (not (4 <= len(text) <= HEADING_MAX) or any(p in text for p in TERMINAL + "：:")
            or re.search(r"\d", re.sub(r"(?:19|20)\d{2}年", "", text))):
        return False
    if text[0] in BULLETS or text[0] in _NO_START:
        return False
    halves = text.split("，")
    if len(halves) > 2:
        return False
    # a banner's two phrases are parallel; a sentence cut at a line end is not
    return len(halves) == 1 or abs(len(halves[0]) - len(halves[1])) <= 2


# numbered headings: 一、 （一） 1. 1、 【…】 — a heading whatever the blank lines around it
NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]{1,3}(?:、|\.(?!\d))|（[一二三四五六七八九十]{1,3}）|\d{1,2}(?:、|\.(?!\d))"
                      r"|【[^】]{2,30}】|（\d{1,2}）|第[一二三四五六七八九十]{1,3}(?:部分[，、：:]?|[章节][，、：:\s]?|[，、]))")
# a part, not a theme: 一、 一. 第一部分 第一章
PART_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}(?:、|\.(?!\d))|第[一二三四五六七八九十]{1,3}(?:部分|章))")
_RANKS = [(0, PART_NUMBER),
          (1, re.compile(r"^(?:（[一二三四五六七八九十]{1,3}）|第[一二三四五六七八九十]{1,3}(?:[，、]|节)|【)")),
          (2, re.compile(r"^\d{1,2}[.、]")), (3, re.compile(r"^（\d{1,2}）"))]


def heading_rank(heading: str) -> int:
    """Where a heading's number stands in the usual order 一、 > （一） > 1. > （1）; 4 for an unnumbered heading."""
    return next((rank for rank, pattern in _RANKS if pattern.match(heading)), 4)


# a heading set out by markup: ## 标题 (markdown), **标题** alone on its line (bold kept as markdown emphasis)
MARKDOWN_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s*(?P<text>[^#].*?)\s*#*$")
BOLD_LINE = re.compile(r"^\*\*(?P<text>[^*]{2,60}?)\*\*(?P<rest>.*)$")


def strip_number(heading: str) -> str:
    """A heading without its number (（一）经济发展跃上新台阶 -> 经济发展跃上新台阶); 【…】 loses its brackets."""
    m = NUMBERED.match(heading)
    if m and m.group(0).startswith("【"):
        return m.group(0)[1:-1] + heading[m.end():]
    rest = heading[m.end():].lstrip("，、：: ") if m else heading
    return rest or heading


# a sentence that opens with a list of months or quarters (5、6月份，…; 一、二、三季度，全市…分别…): the first is no
# heading number, the numbers running on (5, 6) before 月/季度
_PARTS_OPENING = re.compile(r"^(?P<a>\d{1,2}|[一二三四五六七八九十]{1,2})、(?P<b>\d{1,2}|[一二三四五六七八九十]{1,2})"
                            r"(?:[、和及与至到]|月|季度)")


def _parts_opening(line: str) -> bool:
    m = _PARTS_OPENING.match(line)
    if not m or not re.search(r"[，,。；]|\d(?:\.\d+)?(?:%|个百分点)", line):
        return False  # 一、二季度经济运行情况: a heading's number, then its title
    a, b = (int(x) if x.isdigit() else from_cn(x) for x in (m.group("a"), m.group("b")))
    return a is not None and b == a + 1


def _numbered_heading(line: str) -> tuple[str, str] | None:
    """(heading, rest) for a line that opens with a heading number: the heading runs to its first sentence end
    (（一）经济发展跃上新台阶。2024年…) or is the whole short line."""
    if not NUMBERED.match(line) or _parts_opening(line):
        return None
    end = min((line.find(p) for p in "。！？；" if p in line), default=-1)
    head, rest = (line[:end], line[end + 1:]) if end != -1 else (line, "")
    # a long numbered sentence with a figure in it (1.全市…达到2458.8亿元) is a list item, not a heading; a year
    # (一、“十四五”时期和2025年工作回顾) is no figure
    if len(head) > HEADING_MAX or (not rest and re.search(r"\d{2,}(?!\d|年)", head[4:]) and len(head) > 16):
        return None
    return head.rstrip("：:"), rest.strip()


def _marked_heading(line: str) -> tuple[str, str] | None:
    """(heading, rest) for a heading set out by markup: ## 标题, **标题** alone on its line, or **一、标题**正文 /
    **标题。**正文 (a bold lead that ends in a stop, or is numbered, opens the text it heads)."""
    md = MARKDOWN_HEADING.match(line)
    if md and len(md.group("text")) <= 60:
        return md.group("text").replace("**", "").strip(), ""
    bold = BOLD_LINE.match(line)
    if not bold:
        return None
    inner, rest = bold.group("text").strip(), bold.group("rest").strip()
    if len(inner) > 40 or re.search(r"[。！？；](?!$)", inner):
        return None
    if not rest:
        return inner.rstrip("。：:"), ""
    if inner[-1] in "。：:" or NUMBERED.match(inner):
        return inner.rstrip("。：:"), rest.replace("**", "")
    return None


# the gutter between two columns, as a layout-preserving PDF extraction (pdftotext -layout) pads it
_GUTTER = re.compile(r"(?:[ \u3000\t]{3,}|\u3000{2,})(?=\S)")


def split_columns(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A page set in two columns and extracted across them, each line holding a line of the left column, a gutter
    of spaces and a line of the right one, back into reading order: the whole left column, then the right.

    Two columns are recognised when most long lines have one gutter, with the right column starting at the same
    place give or take three characters (the left column's lines end where their text ends), and a column's worth of
    text on each side; a table (several gaps per row, short cells) or a text with the odd wide space is left alone.
    Lines keep their number in the source."""
    lines = [line for _, line in numbered]
    cuts: dict[int, tuple[int, int]] = {}  # line index -> (gutter start, right column start), one gutter only
    for i, line in enumerate(lines):
        gaps = [m for m in _GUTTER.finditer(line.rstrip()) if m.start() > 0 and line[:m.start()].strip()]
        if len(gaps) == 1:
            cuts[i] = (gaps[0].start(), gaps[0].end())
    long = [i for i, line in enumerate(lines) if len(line.strip()) >= 8]
    cut_lines = [i for i in long if i in cuts]
    if len(cut_lines) < 4:
        return numbered

    def median(values: list[int]) -> int:
        return sorted(values)[len(values) // 2]

    def indent(i: int) -> int:
        return len(lines[i]) - len(lines[i].lstrip(" \u3000\t"))

    column = median([cuts[i][1] for i in cut_lines])  # where the right column starts
    at_column = [i for i in cut_lines if abs(cuts[i][1] - column) <= 3]
    right_alone = [i for i in long if i not in cuts and abs(indent(i) - column) <= 3]
    if len(at_column) < 0.7 * len(cut_lines) or column < 12 or len(at_column) + len(right_alone) < 0.3 * len(long):
        return numbered
    # a column's worth of text on both sides (a two-column table of labels and values is not a page in columns)
    if (median([len(lines[i][:cuts[i][0]].strip()) for i in at_column]) < 10
            or median([len(lines[i][cuts[i][1]:].strip()) for i in at_column]) < 10):
        return numbered
    # and hardly a line running across the gutter without one
    across = [i for i in long if i not in cuts and len(lines[i].rstrip()) > column + 3 and indent(i) < column - 3]
    if len(across) > 0.1 * len(long):
        return numbered
    left: list[tuple[int, str]] = []
    right: list[tuple[int, str]] = []
    for i, (n, line) in enumerate(numbered):
        cut = cuts.get(i)
        if cut is not None and abs(cut[1] - column) <= 3:
            left.append((n, line[:cut[0]].rstrip()))
            right.append((n, line[cut[1]:].rstrip()))
        elif line.strip() and indent(i) >= column - 3:  # a line of the right column alone: the left one is blank there
            left.append((n, ""))
            right.append((n, line.strip()))
        else:  # a line of the left column alone, a blank, or one that spans both (a title); blank on the right
            left.append((n, line.rstrip()))
            right.append((n, ""))
    return left + [(left[-1][0] if left else 0, "")] + right


# a table's cells: tab-separated, or set apart by two spaces or more (a layout-preserving extraction)
_CELL_GAP = re.compile(r"\t+|[ \u3000]{2,}")
# a figure cell: 2458.8, 5.1%, -0.3, 1,234, or a unit after it (2458.8亿元); — or … for a value not given
NUMERIC_CELL = re.compile(r"^(?:[-+]?\d+(?:\.\d+)?(?!年)[^\d\s]{0,5}|[—–\-…/]+)$")
TABLE_CAPTION = re.compile(r"^附?表\s*\d+")
# a chart's caption (图1 2020-2024年地区生产总值及其增长速度): the chart is not in the text, so the caption is no part
# of a paragraph; joined to the next line it would give that paragraph its span
FIGURE_CAPTION = re.compile(r"^(?:\*\*)?附?图\s*\d+(?:[：:\s]|$)")


_LIST_MARK = re.compile(r"^\s*[-*+]\s+(?=\S)")
_FOOTNOTE = re.compile(r"\[\d{1,3}\]")


def _table_line(raw: str) -> str:
    """A line as a table row reads it: no markdown list mark (- 纱 万吨 2984.0 9.8), no bold marks, no <br>, no
    footnote markers ([8])."""
    line = raw.translate(_FULL_FIGURES)  # ２９８４．０ and －７．３ are figures in a table too
    return _FOOTNOTE.sub("", _LIST_MARK.sub("", line).replace("**", "").replace("<br>", ""))


def _cells(raw: str) -> list[str]:
    return [normalise_line(c) for c in _CELL_GAP.split(raw.strip()) if c.strip()]


# a row as a PDF's plain extraction gives it, one space apart: 地区生产总值（亿元） 2458.8 5.1
_FIGURE_TOKEN = r"(?:[-+]?\d+(?:\.\d+)?%?|[—–…/-]+)"
_SPACED_ROW = re.compile(rf"^(?P<label>[^\s\d][^\s]*)(?P<cells>(?:\s+{_FIGURE_TOKEN})+)$")


# a row of words and figures one space apart, its label spaced out (卷 烟) and a unit between (纱 万吨 2984.0 9.8)
_WORDS_ROW = re.compile(rf"^(?P<label>[^\s+\-].*?)\s+(?P<cells>{_FIGURE_TOKEN}(?:\s+{_FIGURE_TOKEN})*)$")


def _row_cells(raw: str) -> list[str]:
    """A line's cells: tab- or space-aligned columns, or a label and figures one space apart; else none."""

    line = _table_line(raw).strip()
    if _CELL_GAP.search(line):
        return _cells(line)
    m = _SPACED_ROW.match(line) or _WORDS_ROW.match(line)
    if not m or not re.search(f"[{_CJK}]", m.group("label")):  # a label has words (15-59岁 does; 2024 5.1 none)
        return []
    words = m.group("label").split()
    unit: list[str] = []
    for k in (3, 2, 1):  # the unit cell, spaced out or not (亿 吨, 万千瓦)
        if len(words) > k and is_unit("".join(words[-k:])):
            unit, words = ["".join(words[-k:])], words[:-k]
            break
    return [normalise_line("".join(words)), *unit, *m.group("cells").split()]


def _header_cells(raw: str, count: int) -> list[str]:
    """The line above a table's rows as its header: as many cells as a row, none a figure; words spaced out letter
    by letter (单 位 产 量) joined two by two until the count is right."""
    line = _table_line(raw).strip()
    cells = _cells(line) if _CELL_GAP.search(line) else [normalise_line(c) for c in line.split()]
    while len(cells) > count:
        pair = next((k for k in range(len(cells) - 1) if len(cells[k]) == 1 and len(cells[k + 1]) == 1), None)
        if pair is None:
            break
        cells[pair:pair + 2] = [cells[pair] + cells[pair + 1]]
    if any(len(c) == 1 for c in cells):  # 城 市 农 村 over three figures: letters that make no header
        return []
    return cells if len(cells) == count and not any(NUMERIC_CELL.match(c) for c in cells) else []


def _figure_label(cell: str) -> bool:
    """Whether a row's first cell is a figure rather than a label (60周岁及以上 is a label; 2458.8亿元 is not one)."""

    m = re.fullmatch(r"[-+]?\d+(?:\.\d+)?(?P<rest>.*)", cell)
    return bool(re.fullmatch(r"[—–\-…/]+", cell)) or bool(m and (not m.group("rest") or is_unit(m.group("rest"))))


def _data_row(cells: list[str]) -> bool:
    """A row label (words) and figure cells, at least one of them a figure; a cell may be a unit (万吨, a 单位
    column's)."""

    return (len(cells) >= 2 and not _figure_label(cells[0]) and len(cells[0]) <= 40
            and not re.search(r"[。，；！？]", cells[0])  # a label is no sentence
            and all(NUMERIC_CELL.match(c) or is_unit(c) for c in cells[1:])
            and any(re.match(r"[-+]?\d", c) for c in cells[1:]))


# a header cell over a table's row labels (指标, 项目 …), not over a column of figures
# a news report's opening words (本报讯, 新华社…电, （记者 …）): a paragraph's start, whatever the line before ends with
NEWS_OPENER = re.compile(r"^(?:本报讯|本报[^\s，。,]{0,8}电|新华社[^\s，。,]{0,10}电|[（(]\s*记者)")
STUB_HEADER = re.compile(r"^(?:指\s*标|项\s*目|名\s*称|类\s*别|分\s*组|地\s*区|行\s*业|产\s*品|品\s*名|年\s*份|区\s*域|"
                         r"序\s*号)(?:名称)?$")
_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _pipe_cells(raw: str) -> list[str] | None:
    """A markdown table row's cells (| a | b |), cleaned; None for a line that is no such row."""
    line = raw.strip()
    if line.count("|") < (3 if line.startswith("|") else 2):  # | a | b | or a | b | (no outer bars, no --- row)
        return None
    cells = line.split("|")
    cells = cells[1:] if line.startswith("|") else cells
    cells = cells[:-1] if line.endswith("|") else cells
    return [normalise_line(_table_line(c)) for c in cells]


def _pipe_table(lines: list[str], i: int) -> tuple[int, list[str], list[list[str]], list[int]] | None:
    """A markdown table from line i: its last line, its header (the row above the --- row) and its rows; a table
    set as two halves side by side (指标 增长 指标 增长) is read as one column pair after the other."""
    rows: list[list[str]] = []
    at: list[int] = []
    header: list[str] = []
    k = i
    while k < len(lines):
        if _PIPE_SEPARATOR.match(lines[k].strip()):
            if len(rows) == 1 and not header:
                header = rows.pop()
                at.pop()
            k += 1
            continue
        cells = _pipe_cells(lines[k])
        if cells is None:
            break
        rows.append(cells)
        at.append(k)
        k += 1
    at = [a for a, r in zip(at, rows) if any(c for c in r)]
    rows = [r for r in rows if any(c for c in r)]
    if not header and rows and not any(re.match(r"[-+]?\d", c) for c in rows[0][1:]):  # no --- row: the first row
        header, rows, at = rows[0], rows[1:], at[1:]
    if not rows or not any(re.match(r"[-+]?\d", c) for r in rows for c in r[1:]):
        return None
    width = max(len(r) for r in [header, *rows])
    if header and all(header) and len(header) == width - 1 and not STUB_HEADER.search(header[0]):
        # | 绝对数(亿元) | 比上年增长(%) | over 地区生产总值 | 617.50 | 5.2 |: the row labels' column has no header cell, so
        # the header names the figure columns from the second on (padded on the right, 617.50 took the rate's %)
        header = ["", *header]
    header, rows = header + [""] * (width - len(header)), [r + [""] * (width - len(r)) for r in rows]
    for j in range(1, width):  # a column's header one cell to its left, over an empty column
        if not header[j] and any(r[j] for r in rows) and header[j - 1] and not any(r[j - 1] for r in rows):
            header[j], header[j - 1] = header[j - 1], ""
    keep = [j for j in range(width) if header[j] or any(r[j] for r in rows)]
    header, rows = [header[j] for j in keep], [[r[j] for j in keep] for r in rows]
    half = len(header) // 2
    if half >= 2 and len(header) % 2 == 0 and header[:half] == header[half:]:
        at = at + [a for a, r in zip(at, rows) if any(r[half:])]
        rows = [r[:half] for r in rows] + [r[half:] for r in rows if any(r[half:])]
        header = header[:half]
    at = [a for a, r in zip(at, rows) if r[0] and not _figure_label(r[0])]
    rows = [r for r in rows if r[0] and not _figure_label(r[0])]
    return (k - 1, header, rows, at) if rows else None


_BARS_ONLY = re.compile(r"^\|+$")


def _cell_line(raw: str) -> str | None:
    """A line of a table flattened to one cell a line (食品烟酒 |, -0.5 |, or a figure alone: 0.0), as its cell; ''
    for a bare | line (a row's end); None for a line that is no such cell."""
    line = _table_line(raw).strip()
    if _BARS_ONLY.match(line):
        return ""
    if line.endswith("|") and line.count("|") == 1 + line.startswith("|") and len(line) <= 32:
        cell = normalise_line(line.strip("|"))
        return cell if cell and not re.search(r"[。；！？]", cell) else None
    return line if NUMERIC_CELL.match(line) and not _BARS_ONLY.match(line) else None


def _cell_per_line_table(lines: list[str], i: int) -> tuple[tuple[int, list[str], list[list[str]], list[int]] | None,
                                                            int]:
    """A table an HTML-to-text step flattened to one cell a line: each cell a short line ending in | (a figure may
    stand alone), rows set apart by bare | lines (食品烟酒 | / -0.5 | / | / | / 衣 着 | / -0.8 | …); its header is the
    first row when no cell of it is a figure. Without bare | lines, each label (a cell that is no figure) after a
    figure starts a row. None when the lines from i make no such table (two rows with figures at least); and the
    index of the run's last line either way (no line of a run that made none starts another try)."""
    cells: list[tuple[int, str]] = []  # (line index, cell); '' for a row's end
    k = i
    while k < len(lines):
        if not lines[k].strip():
            k += 1
            continue
        cell = _cell_line(lines[k])
        if cell is None:
            break
        cells.append((k, cell))
        k += 1
    bars = any(c == "" for _, c in cells)
    groups: list[list[tuple[int, str]]] = [[]]
    for at, cell in cells:
        figure = bool(NUMERIC_CELL.match(cell))
        if cell == "":
            groups.append([])
        elif not bars and not figure and groups[-1] and NUMERIC_CELL.match(groups[-1][-1][1]):
            groups.append([(at, cell)])
        else:
            groups[-1].append((at, cell))
    groups = [g for g in groups if g]
    last = max((at for at, _ in cells), default=i)
    if not groups or not any(line.endswith("|") for line in (lines[a].strip() for a, _ in cells)):
        return None, last
    header: list[str] = []
    if not any(NUMERIC_CELL.match(c) for _, c in groups[0]):
        header = [c for _, c in groups.pop(0)]
    rows = [g for g in groups if len(g) >= 2 and not NUMERIC_CELL.match(g[0][1])
            and all(NUMERIC_CELL.match(c) for _, c in g[1:])]
    if len(rows) < 2:
        return None, last
    return (last, header, [[c for _, c in g] for g in rows], [g[0][0] for g in rows]), last


def _joined_row(lines: list[str], k: int, count: int) -> tuple[list[str], int] | None:
    """A table row broken over two or three lines (its label, its label's end, its figures), as a row and the index
    of its last line; None when the lines do not make one. A label broken inside its brackets joins without a space."""
    text = lines[k].strip()
    for last in (k + 1, k + 2):
        if last >= len(lines) or not lines[last].strip() or re.match(r"\d", text) is not None:
            return None
        glue = "" if text.count("（") > text.count("）") else " "
        text = text + glue + lines[last].strip()
        cells = _row_cells(text)
        if _data_row(cells) and len(cells) == count:
            return cells, last
    return None


def find_tables(source: list[tuple[int, str]]) -> dict[int, tuple[int, list[str], list[list[str]], list[int]]]:
    """Tables among the lines: start index -> (end index, header, rows). Two rows or more with the same number of
    cells, each a label and figures, blank lines between them allowed (a PDF or .docx spaces them out), and a label
    broken over two lines joined (社会消费品零售总额（亿|元）); the line before them is the header when it has as many
    cells, none a figure."""
    found: dict[int, tuple[int, list[str], list[list[str]], list[int]]] = {}
    lines = [line for _, line in source]
    cells = [_row_cells(line) for line in lines]
    i = 0
    tried_to = -1  # the last line of a run of one-cell lines that made no table
    while i < len(lines):
        piped = _pipe_table(lines, i) if _pipe_cells(lines[i]) is not None else None
        if piped is None and i > tried_to and lines[i].strip().endswith("|") and _cell_line(lines[i]):
            piped, tried_to = _cell_per_line_table(lines, i)
        if piped is not None:
            found[i] = piped
            i = piped[0] + 1
            continue
        if not _data_row(cells[i]):
            i += 1
            continue
        rows, end, k = [list(cells[i])], i, i + 1
        at = [i]
        while k < len(lines):
            text = lines[k].strip()
            if not text:
                k += 1
                continue
            joined = _joined_row(lines, k, len(rows[0]))
            if _data_row(cells[k]) and len(cells[k]) == len(rows[0]):
                rows.append(list(cells[k]))
                at.append(k)
                end = k
            elif joined is not None:  # 社会消费品零售总额（亿|元）|738.4 5.6: a row its extraction broke over lines
                row, end = joined
                rows.append(row)
                at.append(k)
                k = end
            elif (len(text) <= 8 and not re.search(r"\d", text) and rows[-1][0].count("（") > rows[-1][0].count("）")):
                rows[-1][0] += normalise_line(text)  # the rest of a label the column was too narrow for
                end = k
            else:
                break
            k += 1
        if len(rows) >= 2:
            start = i
            before = i - 1
            while before >= 0 and not lines[before].strip():
                before -= 1
            header = _header_cells(lines[before], len(rows[0])) if before >= 0 else []
            if header:
                start = before
            found[start] = (end, header, rows, at)
        i = end + 1
    return found


def _wrap_width(lines: list[str]) -> int:
    """The width lines were cut at (PDF text, a fixed-width .txt), or 0: most lines end mid-sentence, and those share
    a length, give or take two characters. (Text with a paragraph a line ends nearly every line with a sentence end.)"""
    long = [line for line in lines if len(line) > 8]
    cut = [len(line) for line in long if line[-1] not in TERMINAL]
    if len(long) < 4 or len(cut) < 0.5 * len(long):
        return 0
    common = max(set(cut), key=cut.count)
    return common if sum(abs(n - common) <= 2 for n in cut) >= 0.6 * len(cut) else 0


def blocks(text: str) -> tuple[list[Block], list[tuple[int, str]]]:
    """Rejoin broken lines into paragraphs and bullet items; headings are numbered lines (一、 （一） 1. 【】) or short
    stand-alone lines. Blank lines are not needed: a line that follows a sentence end starts a paragraph, unless the
    text is cut at one width (then a full-width line that ends a sentence may still run on).

    Returns the blocks and the lines that could not be placed (noise such as scattered banner characters).
    """
    out: list[Block] = []
    unplaced: list[tuple[int, str]] = []
    source = _page_lines(text)
    tables = find_tables(source)
    lines = [(n, normalise_line(_LIST_MARK.sub("", line))) for n, line in source]  # - item: a list mark, no minus
    width = _wrap_width([line for _, line in lines])
    skip_to = -1
    for i, (n, line) in enumerate(lines):
        if i <= skip_to or not line:
            continue
        if i in tables:
            skip_to, header, rows, row_at = tables[i]
            caption = _take_caption(out, lines[max(i - 6, 0)][0])
            out.append(Block("table", caption, n, header=header, rows=rows, row_lines=[lines[a][0] for a in row_at]))
            continue
        if (len(line) <= 2 and not re.search(r"\d", line)) or \
                (FIGURE_CAPTION.match(line) and len(line) <= 60 and line[-1] not in TERMINAL):
            unplaced.append((n, line))  # a chart's caption stands for a chart the text does not hold
            continue
        _place_line(out, n, line, _surroundings(out, lines, i, source[i][1], width))
    return out, unplaced


def _page_lines(text: str) -> list[tuple[int, str]]:
    """The numbered lines of a text, page by page (pdftotext ends each with a form feed): each page may set its
    columns elsewhere, so each is split into its columns on its own."""
    source: list[tuple[int, str]] = []
    start = 1
    for page in text.replace("\r\n", "\n").replace("\r", "\n").split("\f"):
        page_lines = page.split("\n")
        source += split_columns(list(enumerate(page_lines, start)))
        start += len(page_lines) - 1
    return source


def _take_caption(out: list[Block], near: int) -> str:
    """A table's caption, taken off the blocks read before it (from line `near` on): 表1 2024年主要经济指标, then
    单位：万元 and header words that made no header row (指标 全国 / 城市 农村), or a 单位 line alone above it."""
    caption = ""
    between: list[Block] = []
    k = len(out) - 1
    while k >= 0 and out[k].kind != "table" and out[k].line >= near and len(between) < 4:
        text = out[k].text.replace("**", "")
        if TABLE_CAPTION.match(text):
            caption = text
            break
        if not (re.match(r"^[（(]?单位[:：]", text) or (len(text) <= 30 and not re.search(r"[。；！？\d]", text))):
            break
        between.append(out[k])
        k -= 1
    if caption:
        del out[k:]
        caption = "".join([caption, *(b.text for b in reversed(between))])
    elif between and re.match(r"^[（(]?单位[:：]", between[0].text):
        caption = out.pop().text  # a 单位 line alone just above the table
    return caption


@dataclass
class _Surroundings:
    """What placing a line needs to know of the lines and the blocks around it."""

    previous: Block | None  # the block before it
    ended: bool  # that block is complete: it ends a sentence, or is a table, its caption, a 单位 line or a dateline
    blank_before: bool
    blank_after: bool
    has_next: bool  # a line follows it
    dateline_next: bool  # the next line is a dateline (2018-08-02 田勇): this one is the headline above it
    indented: bool  # the raw line opens with a space
    after_full_line: bool  # the line before it runs to the width the text is cut at


def _surroundings(out: list[Block], lines: list[tuple[int, str]], i: int, raw: str, width: int) -> _Surroundings:
    """The surroundings of line i (`raw` as the source writes it), for telling a new block from a broken line."""
    previous = out[-1] if out else None
    ended = previous is not None and (previous.text[-1:] in TERMINAL or previous.kind == "table"
                                      or bool(TABLE_CAPTION.match(previous.text))
                                      or bool(re.match(r"^[（(]?单位[:：]", previous.text))
                                      or bool(DATE_LINE.match(previous.text)) or bool(BYLINE.match(previous.text)))
    return _Surroundings(previous, ended, blank_before=i == 0 or not lines[i - 1][1],
                         blank_after=i + 1 >= len(lines) or not lines[i + 1][1], has_next=i + 1 < len(lines),
                         dateline_next=i + 1 < len(lines) and bool(DATE_LINE.match(lines[i + 1][1])),
                         indented=raw[:1] in (" ", "\u3000", "\t"),
                         after_full_line=bool(width) and len(lines[i - 1][1]) >= width - 2)


def _place_line(out: list[Block], n: int, line: str, around: _Surroundings) -> None:
    """Places a line of text (line n of the source): a heading, a bullet item, a new paragraph, or the rest of the
    block before it (a line broken mid-sentence, or a full line of wrapped text)."""
    previous = around.previous
    opens = previous is None or previous.kind == "heading" or around.ended or around.blank_before
    numbered = _numbered_heading(line) if opens else None
    marked = _marked_heading(line) if (opens or line.startswith("#")) else None
    if marked:
        title, rest = marked
        out.append(Block("heading", title, n, level=1 if PART_NUMBER.match(title) else 2, rank=heading_rank(title)))
        if rest:
            out.append(Block("text", rest, n))
        return
    line = _LIST_MARK.sub("", line.replace("**", ""))  # emphasis and list marks: the words stay, the marks go
    if not line:
        return
    if len(line) <= 30 and BYLINE.match(line) and (previous is None or previous.line >= n - 8):
        out.append(Block("text", line, n))  # a speaker's line near the top (市长 徐曙海): a fact, never a title
        return
    if previous is None and not around.blank_after and _is_heading(line) and around.has_next and \
            not NUMBERED.match(line):
        out.append(Block("heading", line, n))  # the document's first line, short and with no stop: its title
        return
    if previous is None and around.dateline_next and len(line) <= 60 and line[-1:] not in TERMINAL:
        out.append(Block("heading", line, n))  # a headline over its dateline (山东发布2018上半年…): the title
        return
    if (previous is not None and previous.kind == "heading" and len(out) == 1 and around.blank_after
            and not around.blank_before and _is_heading(line) and not NUMBERED.match(line)):
        out.append(Block("heading", line, n))  # a subtitle under the title, a blank line below it: no paragraph's start
        return
    if len(line) <= 30 and GLOSSARY_LINE.search(line.strip("*# ")):
        out.append(Block("heading", line.strip("*# "), n))  # …名词注释: the glossary's heading, on a line of its own
        return
    if DATE_LINE.match(line):
        out.append(Block("text", line, n))  # a dateline is a line of its own, never the start of a paragraph
        return
    if line[0] in BULLETS:
        out.append(Block("bullet", line[1:].lstrip(" ．.。"), n, line[0]))  # a trailing "." may be 602.|8
    elif line.startswith("——") and len(line) > 4:  # ——经济实力持续增强。…: a work report's list item
        out.append(Block("bullet", line.lstrip("—").strip(), n, "—"))
    elif numbered:
        out.append(Block("heading", numbered[0], n, level=1 if PART_NUMBER.match(line) else 2,
                         rank=heading_rank(line)))
        if numbered[1]:
            out.append(Block("text", numbered[1], n))
    elif around.blank_before and around.blank_after and _is_heading(line):
        out.append(Block("heading", line, n))
    elif previous and previous.kind not in ("heading", "table") and not around.ended and not (
            around.blank_before and NEWS_OPENER.match(line)):
        previous.text += line  # a line broken mid-sentence, even across a blank line (never before 本报讯 …)
    elif (previous and previous.kind not in ("heading", "table") and not around.blank_before and not around.indented
          and around.after_full_line):
        previous.text += line  # a full line of wrapped text that happened to end a sentence
    else:
        out.append(Block("text", line, n))
