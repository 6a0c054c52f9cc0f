"""The one place for colours, fonts and sizes, read from the theme file; adapters for pptx, docx and matplotlib."""
from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from . import limits
from .content.model import SCRIPT_SLOTS, Label, Line, ScriptWording, check_template
from .content.source import Source, SourceError, load_yaml, resolved
from .errors import ContentError, GeneratorError
from .messages import _
from .vocabulary import SLIDE_KINDS


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


Hex = str


# Every text colour on the fill it sits on: (text, fill, large, where). WCAG 2.1 AA asks 4.5:1, or 3:1 for large text
# (here: 24 pt and up). Decorative colours (accent rules, chart series) carry no text and are not listed.
TEXT_ON_FILL = (
    ("text", "white", False, "body text on slides"),
    ("text", "light", False, "labels on key cards"),
    ("text", "gap", False, "the 草稿 mark and highlighted gaps"),
    ("muted", "white", False, "leads, units and source lines"),
    ("muted", "light", False, "details on key cards"),
    ("primary", "white", True, "slide titles"),
    ("primary", "light", True, "figures on key cards"),
    ("primary_dark", "light", False, "units on key cards"),
    ("white", "primary", False, "cover, closing and agenda numbers"),
)


def luminance(hex_colour: str) -> float:
    """Relative luminance after WCAG 2.1."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


SERIES_CONTRAST = 1.5  # a series colour against a chart's white: the shipped gold is 2.4:1; white on white is 1:1


class Colours(_Strict):
    primary: Hex = "B71C1C"
    primary_dark: Hex = "7F0000"
    accent: Hex = "C9A227"
    text: Hex = "222222"
    muted: Hex = "5F5F5F"
    light: Hex = "FBF5EC"
    gap: Hex = "FFD54F"  # behind a draft's missing figures and its 草稿 mark (dark text on it)
    white: Hex = "FFFFFF"
    grid: Hex = "D9D9D9"
    axis: Hex = "A6A6A6"
    series: list[Hex] = Field(default_factory=lambda: ["B71C1C", "C9A227", "4F6D8F", "7A9A5B", "8C6A8D", "3E8E8E"], min_length=1)

    @field_validator("*", mode="after")
    @classmethod
    def _hex(cls, v):
        for item in v if isinstance(v, list) else [v]:
            if not (isinstance(item, str) and len(item) == 6 and all(c in "0123456789abcdefABCDEF" for c in item)):
                raise ValueError(_("expected a colour as 6 hex digits like B71C1C, got {item!r}", item=item))
        return v

    @field_validator("series", mode="after")
    @classmethod
    def _seen(cls, v: list[str]) -> list[str]:
        """Series are drawn on the white of a chart: a white one drew bars and slices nobody sees."""
        for c in v:
            if contrast(c, "FFFFFF") < SERIES_CONTRAST:
                raise ValueError(_("colour {value} is hardly seen on a chart's white ({ratio:.1f}:1, at least "
                                   "{need:g}:1); choose a darker one", value=c, ratio=contrast(c, "FFFFFF"),
                                   need=SERIES_CONTRAST))
        return v

    @model_validator(mode="after")
    def _readable(self) -> Colours:
        """Every text colour must read on its fill, or the theme is refused with the two colours and the ratio."""
        c = self
        for fg, bg, large, where in TEXT_ON_FILL:
            need = 3.0 if large else 4.5
            ratio = contrast(getattr(c, fg), getattr(c, bg))
            if ratio < need:
                raise ValueError(_("colours.{fg} {value} on colours.{bg} {value2} ({where}): contrast {ratio:.1f}:1, below the "
                                   "{need:g}:1 that WCAG 2.1 AA asks; darken or lighten one", fg=fg,
                                   value=getattr(c, fg), bg=bg, value2=getattr(c, bg), where=where, ratio=ratio,
                                   need=need))
        return self


# a typeface name as OOXML takes it (w:rFonts, a:latin): 1 to 31 characters, or Word and PowerPoint ask to repair
def _face(v: str) -> str:
    """A typeface name is printable: a tab or a line break in it named a face no machine has, in every run."""
    for ch in v:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            raise ValueError(_("the name holds U+{code:04X}; a typeface name is the name the font menu shows",
                               code=ord(ch)))
    return v


Face = Annotated[str, StringConstraints(min_length=1, max_length=limits.FONT_NAME_CHARS, strip_whitespace=True),
                 AfterValidator(_face)]


class Fonts(_Strict):
    deck_latin: Face = "Arial"
    deck_ea: Face = "微软雅黑"
    brief_title: Face = "方正小标宋简体"
    brief_body: Face = "仿宋_GB2312"
    brief_heading1: Face = "黑体"
    brief_heading2: Face = "楷体_GB2312"
    brief_page_number: Face = "宋体"
    brief_latin: Face = "Times New Roman"
    chart: Face = "Noto Sans CJK SC"
    measure_file: str | None = None
    pdf_font_map: str | None = Field(
        "assets/fonts/fonts.conf", description="fontconfig file for the PDF copies: which free face draws each official face")


MIN_SIZE = 6  # points: smaller cannot be read


def legible(size: float) -> float:
    """A size derived from the theme's (two points smaller for a badge, say), never below the smallest it allows."""
    return max(float(MIN_SIZE), size)


def _size(default: float, most: float, least: float = MIN_SIZE, why: str = "") -> float:
    """A size with the bounds of its role: the most that still fits its place on a 16:9 or 4:3 slide."""
    return Field(default, ge=least, le=most, description=why or None)


class Sizes(_Strict):
    """Points. Each role has its own bounds, so that a theme `check` accepts gives slides whose text fits its place."""

    cover_title: float = _size(36, 60)
    cover_subtitle: float = _size(22, 32)
    title: float = _size(28, 40)
    title_min: float = _size(20, 32, why="Titles shrink to this before breaking into two lines")
    body: float = _size(22, 28, 18)
    body_min: float = _size(18, 24, 18, "Body text never shrinks below this (readability)")
    key_number: float = _size(44, 60)
    key_number_min: float = _size(26, 36)
    key_label: float = _size(16, 24)
    key_detail: float = _size(13, 18)
    chart_text: float = _size(14, 20)
    source: float = _size(11, 14)
    page_number: float = _size(11, 14)
    closing: float = _size(54, 96)
    notes: float = _size(12, 24)

    @property
    def smallest(self) -> float:
        """The smallest text the theme sets on a slide (its source line, its cards' details): nothing drawn in a box
        of its own, a key card's text say, is set smaller; a line that cannot fit at it is left out instead."""
        return legible(min(self.source, self.key_detail))

    @model_validator(mode="after")
    def _minimum_below_size(self) -> Sizes:
        for size, least in (("title", "title_min"), ("body", "body_min"), ("key_number", "key_number_min")):
            if getattr(self, least) > getattr(self, size):
                raise ValueError(_("sizes.{least} {value:g} is larger than sizes.{size} {value2:g}; text shrinks from {size} down "
                                   "to {least}", least=least, value=getattr(self, least), size=size,
                                   value2=getattr(self, size)))
        return self


class HostScript(ScriptWording):
    """The house wording of the host's script (主持词), each part a template whose slots content fills (content/model.py
    SCRIPT_SLOTS names them); a conference's `script:` overrides any part. The deck's notes say the same words where
    they say the same thing (present/labels.py speakers_notes, handover)."""

    # bounded as a conference's own wording is (a Line each, a Label for how a person is named: limits.LINE_CHARS,
    # LABEL_CHARS): a part of 100,000 characters went into the 主持词 and the deck's notes whole
    greeting: Line = "各位记者朋友，大家好！欢迎出席{subject}。"
    purpose: Line = "今天举行的是系列发布会的第{number}场，主题是“{title}”。"
    purpose_one: Line = "本场发布会的主题是“{title}”。"
    host: Line = "我是{role}{name}，今天由我主持发布会。"
    person: Label = "{role}{name}"
    speakers: Line = "出席今天发布会的有：{people}。"
    introduction: Line = "出席今天发布会的有关负责同志将介绍情况，并回答记者朋友的提问。"  # when the content names no speaker
    unnamed: Label = "有关负责同志"  # whom the host gives the floor to when the content names no speaker
    order: Line = "今天的发布会主要介绍{count}方面情况：{talks}。"
    handover: Line = "下面请{speakers}介绍有关情况。"
    questions: Line = "下面进入答记者问环节。请记者朋友举手示意，提问前请先通报所在新闻机构，每次提一个问题。现在开始提问。"
    closing: Line = "本场发布会到此结束。感谢各位发布人，感谢各位记者朋友，谢谢大家！"

    @field_validator("*", mode="after")
    @classmethod
    def _slots(cls, v: str | None, info: ValidationInfo) -> str | None:
        """The conference's slots for its parts; the house's own parts (introduction, unnamed) have none."""
        return check_template(v, SCRIPT_SLOTS.get(info.field_name or "", ()))

    def over(self, wording: ScriptWording | None) -> HostScript:
        """This wording with a conference's own parts in place of the house's."""
        if wording is None:
            return self
        return self.model_copy(update={k: v for k, v in wording.model_dump().items() if v is not None})


class HouseStyle(_Strict):
    """The look, read from the theme file (assets/theme.yaml): colours, fonts, sizes, logo and templates."""

    name: Label = "默认"  # PowerPoint's and Word's theme name (Design tab): 100,000 characters went into every file
    colours: Colours = Field(default_factory=Colours)
    fonts: Fonts = Field(default_factory=Fonts)
    sizes: Sizes = Field(default_factory=Sizes)
    logo: str | None = None
    page_template: str = "assets/templates/index.html.j2"
    deck_template: str | None = Field(None, description="A designer's .pptx: decks are built on its master and layouts")
    deck_layouts: dict[Literal[tuple(SLIDE_KINDS)], str] = Field(  # type: ignore[valid-type]
        default_factory=dict, description="Slide kind -> layout name in deck_template (defaults: PowerPoint's names)")
    brief_reference: str | None = Field(None, description="A .docx whose styles, page setup, header and footer the briefing takes")
    brief_charts: Literal["native", "picture"] = Field(
        "native", description="native: Word charts an editor can change (Edit Data); picture: matplotlib PNGs at 200 dpi")
    script: HostScript = Field(default_factory=HostScript, description=(
        "The host's script (主持词): the house wording of each part, with {slots}; a conference's script: overrides it"))

    @field_validator("deck_layouts", mode="after")
    @classmethod
    def _layouts_of_a_template(cls, v: dict, info: ValidationInfo) -> dict:
        if v and not info.data.get("deck_template"):  # they named layouts of no file, and were dropped unsaid
            raise ValueError(_("deck_layouts maps slide kinds to the layouts of deck_template, but no deck_template is "
                               "set: set deck_template, or remove deck_layouts"))
        return v
    _source: Source | None = PrivateAttr(None)  # the theme file as read: where each field stands, for refusals

    def at(self, field: str) -> str:
        """Where a field is written, as a refusal names it: the theme file, the field's line and column, and the
        field (assets/theme.yaml:40:18: brief_reference); the field alone for a theme not read from a file."""
        if self._source is None:
            return field
        line, col = self._source.where(tuple(field.split(".")))
        return f"{self._source.file}:{line}:{col}: {field}"


@contextmanager
def said_at(theme: HouseStyle, field: str) -> Iterator[None]:
    """A refusal of the file a theme field names (the designer's template or reference document, read by render/),
    said at the theme file's line of that field, as the theme's other refusals of the files it names are: the readers
    begin each message with the name they were handed (the file's path, or the field's name), which gives way to the
    theme file, the line, the field and the path."""
    value = str(getattr(theme, field))
    try:
        yield
    except ContentError:
        raise
    except GeneratorError as exc:
        problem = str(exc)
        for name in (value, field):
            if problem.startswith(name + ": "):
                problem = problem[len(name) + 2:]
                break
        raise GeneratorError(f"{theme.at(field)} {value!r}: {problem}") from None


def resolve_asset(root: Path, rel: str, what: str) -> Path:
    """An asset path from a content or theme file: relative, inside the project, and present."""
    p = Path(rel)
    shown = rel if len(rel) <= 80 else rel[:77] + "…"
    if p.is_absolute() or ".." in p.parts:
        raise GeneratorError(_("{what} {rel!r}: asset paths must be relative and stay inside the project folder",
                               what=what, rel=shown))
    path = root / p
    try:
        resolved(path).relative_to(resolved(root))
        found = path.is_file()
    except ValueError:  # a link that leads out of the project: nothing of its target is read
        raise GeneratorError(_("{what} {rel!r}: links to a file outside the project folder; copy the file in",
                               what=what, rel=shown)) from None
    except OSError as exc:  # a name past the file system's bound (ENAMETOOLONG), a loop of links …
        raise GeneratorError(_("{what} {rel!r}: cannot be opened ({reason}); name a file of the project folder",
                               what=what, rel=shown, reason=exc.strerror or type(exc).__name__)) from None
    if not found:
        raise GeneratorError(_("{what} {rel!r}: file not found in {value}, or not a regular file", what=what,
                               rel=shown, value=root.as_posix()))
    return path


def named_assets(theme: HouseStyle) -> list[tuple[str | None, str]]:
    """The files a theme names besides its page template, as (path or None, field): checked when the theme is read,
    and read by a build."""
    return [(theme.logo, "logo"), (theme.fonts.measure_file, "fonts.measure_file"),
            (theme.fonts.pdf_font_map, "fonts.pdf_font_map"), (theme.deck_template, "deck_template"),
            (theme.brief_reference, "brief_reference")]


def load_theme(root: Path, rel: str, named_at: str = "theme") -> HouseStyle:
    """Read and validate the theme file (same error style as content); `named_at` says where the theme is named
    (series.yaml's line), for a theme file that is not there."""
    from .content.loader import validation_findings

    path = resolve_asset(root, rel, named_at)
    try:
        source = load_yaml(path, rel)
    except SourceError as exc:
        raise ContentError([exc.finding])
    try:
        theme = HouseStyle.model_validate(source.data)
    except ValidationError as exc:
        raise ContentError(validation_findings(exc, source, HouseStyle))
    theme._source = source
    at = theme.at  # the theme file and the line of the field that names a file: an editor goes there
    for name, what in (*named_assets(theme), (theme.page_template, "page_template")):
        if name:
            resolve_asset(root, name, at(what))
    if theme.logo:
        _check_image(resolve_asset(root, theme.logo, at("logo")), f"{at('logo')} {theme.logo!r}")
    if theme.fonts.measure_file:
        _check_font(resolve_asset(root, theme.fonts.measure_file, at("fonts.measure_file")),
                    f"{at('fonts.measure_file')} {theme.fonts.measure_file!r}")
    if theme.fonts.pdf_font_map:
        _check_font_map(resolve_asset(root, theme.fonts.pdf_font_map, at("fonts.pdf_font_map")),
                        f"{at('fonts.pdf_font_map')} {theme.fonts.pdf_font_map!r}")
    return theme


def _check_font_map(path: Path, what: str) -> None:
    """The PDF copies' font map is a fontconfig file: anything else was included by fontconfig with a warning nobody
    saw, and every PDF came out in fallback faces."""
    from lxml import etree

    if path.stat().st_size > limits.FONT_MAP_BYTES:
        raise GeneratorError(_("{what}: over {value} KB; a font map is a short fontconfig file", what=what,
                               value=limits.FONT_MAP_BYTES // 1024))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (etree.XMLSyntaxError, OSError, ValueError):
        root = None
    if root is None or root.tag != "fontconfig":
        raise GeneratorError(_("{what}: not a fontconfig file (<fontconfig> … </fontconfig>); start from "
                               "assets/fonts/fonts.conf", what=what))


MAX_LOGO_PIXELS = limits.LOGO_PIXELS  # a logo is small; a bigger picture is a mistake, or a decompression bomb


def _check_font(path: Path, what: str) -> None:
    """A measuring font the build can read: a TrueType/OpenType font or collection with the tables it measures."""
    if path.stat().st_size > limits.FONT_FILE_BYTES:
        raise GeneratorError(_("{what}: over {value} MB; use a font file (.ttf, .otf, .ttc)", what=what,
                               value=limits.FONT_FILE_BYTES // 1024 // 1024))
    with path.open("rb") as fh:
        magic = fh.read(4)
    if magic not in (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf"):
        raise GeneratorError(_("{what}: not a font file; use a .ttf, .otf or .ttc font", what=what))
    from fontTools.ttLib import TTCollection, TTFont

    try:
        holder = TTCollection(str(path), lazy=True) if magic == b"ttcf" else TTFont(str(path), lazy=True)
        try:
            font = holder.fonts[0] if magic == b"ttcf" else holder
            if not font.getBestCmap() or not font["hmtx"].metrics or not font["head"].unitsPerEm:
                raise ValueError(_("no character widths"))
        finally:
            holder.close()
    except Exception as exc:  # noqa: BLE001 (fontTools raises what it likes on a damaged file)
        raise GeneratorError(_("{what}: a damaged font file ({name}); use a .ttf, .otf or .ttc that opens in a font viewer",
                               what=what, name=type(exc).__name__)) from None


@contextmanager
def _quiet_open(path: Path) -> Iterator:
    """Pillow warns of a picture past 89 million pixels in two lines of Python before our own bound (LOGO_PIXELS)
    says it in one; past twice that it raises DecompressionBombError, which the caller says in one line."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(path) as im:
            yield im


def _check_image(path: Path, what: str) -> None:
    """A logo the documents can embed: a decodable PNG, JPEG, GIF or BMP of a sensible size."""
    from PIL import Image, PngImagePlugin, UnidentifiedImageError

    if path.stat().st_size > limits.LOGO_BYTES:
        raise GeneratorError(_("{what}: over {value} MB; a logo is a small picture", what=what,
                               value=limits.LOGO_BYTES // 1024 // 1024))
    PngImagePlugin.MAX_TEXT_CHUNK = PngImagePlugin.MAX_TEXT_MEMORY = limits.IMAGE_TEXT_BYTES  # zTXt bombs
    try:
        with _quiet_open(path) as im:
            if im.format not in ("PNG", "JPEG", "GIF", "BMP"):
                raise GeneratorError(_("{what}: the picture is {format}; use PNG or JPEG", what=what, format=im.format))
            if im.width * im.height > MAX_LOGO_PIXELS:
                raise GeneratorError(_("{what}: {width}×{height} pixels; a logo may have at most {MAX_LOGO_PIXELS:,} pixels (for "
                                       "example 800×400); scale it down", what=what, width=im.width,
                                       height=im.height, MAX_LOGO_PIXELS=MAX_LOGO_PIXELS))
            short, long = sorted((im.width, im.height))
            if short < limits.LOGO_SIDE or long > limits.LOGO_ASPECT * short:
                raise GeneratorError(_("{what}: {width}×{height} pixels; a logo is at least {LOGO_SIDE} pixels each way and at most "
                                       "{LOGO_ASPECT} times as wide as high (or high as wide)", what=what,
                                       width=im.width, height=im.height, LOGO_SIDE=limits.LOGO_SIDE,
                                       LOGO_ASPECT=limits.LOGO_ASPECT))
            im.load()  # a truncated file opens, but cannot be decoded
    except Image.DecompressionBombError:
        raise GeneratorError(_("{what}: far too many pixels; scale it down (for example 800×400)", what=what)) from None
    except ValueError:  # Pillow's "Decompressed Data Too Large": a text chunk that unpacks without end
        raise GeneratorError(_("{what}: its text chunks unpack to over {value} KB; save the picture again without metadata",
                               what=what, value=limits.IMAGE_TEXT_BYTES // 1024)) from None
    except (UnidentifiedImageError, OSError) as exc:
        problem = _("truncated or damaged") if "truncated" in str(exc) else _("not an image file")  # said in Chinese too
        raise GeneratorError(_("{what}: {problem}; use a PNG or JPEG that opens in an image viewer", what=what,
                               problem=problem)) from None
