"""Read one YAML file safely into plain Python data, keeping line:column for every key and value.

libyaml (through PyYAML) composes the node tree, with a mark on every node, in a few milliseconds; ruamel's
pure-Python composer took 70 ms for the seed conference. Plain scalars are read by YAML 1.2's core schema, as
before: yes/no/on/off and 9:30 stay text, 010 is ten, only true/false are booleans.
"""
from __future__ import annotations

import datetime
import errno
import math
import os
import re
import stat
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor
from yaml.error import MarkedYAMLError, YAMLError
from yaml.nodes import MappingNode, SequenceNode
from yaml.resolver import Resolver

from .. import limits
from ..errors import Finding
from ..messages import N_, _
from .numerals import written_digits

MAX_BYTES = limits.CONTENT_BYTES  # the bounds live in generator/limits.py, with their reasons
MAX_DEPTH = limits.CONTENT_DEPTH
MAX_LINES = limits.CONTENT_LINES
INT_DIGITS = limits.INT_DIGITS
# Characters XML 1.0 cannot hold; they would corrupt a .pptx/.docx, so they are refused at the door.
# C0, DEL and C1 (U+0085 …), lone surrogates (a "\ud800" escape: no UTF-8 can write it) and U+FFFE/U+FFFF: no
# document can hold them; UNPRINTABLE is the one rule, for the raw text, its escapes and what a template renders.
# Also the direction controls (U+202A–202E, U+2066–2069, U+200E/200F, U+061C): text shows other than it is written
# (a figure "\u202e12" shows as 21 in every output), and the line and paragraph separators U+2028/2029, which YAML
# reads as line breaks where an editor shows none
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
                         r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_CONTROL = UNPRINTABLE
_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_STR = "tag:yaml.org,2002:str"
_STANDARD_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                  "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
                  "tag:yaml.org,2002:seq", "tag:yaml.org,2002:timestamp"}

Path_ = tuple  # a path into the data: ('parts', 0, 'themes', 2, 'metrics', 0, 'value')


@dataclass
class Source:
    """A loaded YAML file: its plain data and where each key and value stands (1-based line, col)."""

    file: str
    data: object
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    written: dict[Path_, int] = field(default_factory=dict)  # a number written with trailing zeros: its decimals
    unkept: dict[Path_, str] = field(default_factory=dict)  # a number a float cannot keep: what is wrong with it

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Position of the value (or key) at path, or of the nearest enclosing one that is known."""
        table = self.keys if key else self.values
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), (1, 1))

    def finding(self, path: Path_, message: str, severity: str = "error", key: bool = False,
                metrics: tuple[str, ...] = (), gap: bool = False, shows: str = "") -> Finding:
        line, col = self.where(path, key=key)
        return Finding(self.file, line, col, readable_path(path, self.data), message, severity, metrics, gap, shows)


def format_path(path: Path_, data: object = None) -> str:
    """The path as an editor reads it (see readable_path); kept under its old name for the callers."""
    return readable_path(path, data)


# the fields an editor meets in a path, by their names in the catalogue (others keep their YAML key)
FIELDS = {"value": N_("value"), "unit": N_("unit"), "year": N_("year"), "label": N_("label"), "title": N_("title"),
          "date": N_("date"), "source": N_("source"), "note": N_("note"), "comparison": N_("comparison"),
          "growth": N_("growth"), "rank": N_("rank"), "rate": N_("rate"), "base_value": N_("base value"),
          "base_year": N_("base year"), "increase": N_("increase"), "percent": N_("percent"), "points": N_("points"),
          "times": N_("times"), "highlights": N_("highlights"), "narrative": N_("narrative"), "lead": N_("lead"),
          "message": N_("message"), "id": N_("id"), "slug": N_("slug"), "number": N_("number"), "type": N_("type"),
          "categories": N_("categories"), "series": N_("series"), "values": N_("values"), "parts": N_("parts"),
          "total": N_("total"), "status": N_("status"), "publish": N_("publish"), "withhold": N_("withhold"),
          "derived": N_("derived"), "start": N_("start"), "end": N_("end"), "kind": N_("kind"), "basis": N_("basis"),
          "position": N_("position"), "wording": N_("wording"), "venue": N_("venue"), "themes": N_("themes"),
          "metrics": N_("metrics"), "structures": N_("structures"), "charts": N_("charts"), "speakers": N_("speakers"),
          "share_of": N_("share of"), "ratio_of": N_("ratio of"), "same_as": N_("same as"), "key": N_("key"),
          "qualifier": N_("qualifier"), "date_note": N_("date note"), "conferences": N_("conferences"),
          "theme": N_("theme"), "name": N_("name"), "text": N_("text"), "scope": N_("scope")}


def _short(text: object) -> str:
    text = str(text)
    return text if len(text) <= 16 else text[:15] + "…"


def _item(container: str, n: int, item: object) -> str:
    """One list item in a path: a part or theme by its title, a metric, structure or chart by its id."""
    title = item.get("title") if isinstance(item, dict) else None
    ident = item.get("id") if isinstance(item, dict) else None
    if container == "parts" and isinstance(item, dict):
        return _("part {n} “{title}”", n=n, title=_short(title)) if title else _("part {n}", n=n)
    if container == "themes":
        return _("theme “{title}”", title=_short(title)) if title else _("theme {n}", n=n)
    if container in ("metrics", "structures", "charts") and isinstance(ident, str) and ident:
        return {"metrics": _("metric {id}", id=ident), "structures": _("structure {id}", id=ident),
                "charts": _("chart {id}", id=ident)}[container]
    if container == "highlights":
        return _("highlight {n}", n=n)
    return _("item {n}", n=n)


def readable_path(path: Path_, data: object = None) -> str:
    """('parts', 1, 'themes', 0, 'metrics', 0, 'value') -> 第2部分「…」› 主题「经济发展跃上新台阶」› 指标 gdp › 数值:
    1-based, parts and themes by title, metrics by id, fields by their names; a list's own key is left out where its
    item names it."""
    shown: list[str] = []
    node = data
    for i, p in enumerate(path):
        if isinstance(p, int):
            container = str(path[i - 1]) if i else ""
            item = node[p] if isinstance(node, list) and 0 <= p < len(node) else None
            if shown and container in ("parts", "themes", "metrics", "structures", "charts", "highlights"):
                shown.pop()
            shown.append(_item(container, p + 1, item))
            node = item
        else:
            shown.append(_(FIELDS[p]) if p in FIELDS else str(p))
            node = node.get(p) if isinstance(node, dict) else None
    return " › ".join(shown)


def resolved(path: Path) -> Path:
    """path.resolve(), a loop of links raised as the OSError (ELOOP) it is, as the callers expect: Python 3.11's
    pathlib raises RuntimeError for it (a series entry, theme or logo linked to itself ended in exit 3)."""
    try:
        return path.resolve()
    except RuntimeError:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path)) from None


class SourceError(Exception):
    """Raised when a file cannot be read as YAML at all; carries one finding."""

    def __init__(self, finding: Finding):
        self.finding = finding
        super().__init__(str(finding))


def read_text(path: Path, shown: str) -> str:
    """Decode a content file: UTF-8 (with or without BOM), CRLF accepted; anything else is refused in plain words."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would hang the read, /dev/zero never end it
            raise SourceError(Finding(shown, 0, 0, "", _("not a regular file (a device, pipe or folder); point at a .yaml "
                                                          "file")))
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # bounded before it starts
    except FileNotFoundError:
        raise SourceError(Finding(shown, 0, 0, "", _("file not found")))
    except OSError as exc:
        raise SourceError(Finding(shown, 0, 0, "", _("cannot read the file ({reason})", reason=exc.strerror)))
    if len(raw) > MAX_BYTES:
        raise SourceError(Finding(shown, 1, 1, "", _("file is over {kb} KB; a content file may be at most {kb} KB",
                                                      kb=MAX_BYTES // 1024)))
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        raise SourceError(Finding(shown, 1, 1, "", _("file is saved as UTF-16; save it as UTF-8")))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = ""
        try:
            raw.decode("gb18030")
            guess = _(" (it looks like GBK/GB18030, as Notepad saves on Chinese Windows)")
        except UnicodeDecodeError:
            pass
        raise SourceError(Finding(shown, line, col, "",
                                  _("file is not UTF-8{guess}; save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)",
                                    guess=guess)))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.count("\n") + 1
    if lines > MAX_LINES:  # refused before the YAML parser spends a minute on it
        raise SourceError(Finding(shown, 1, 1, "", _("file has {lines:,} lines; a content file may have at most {most:,}",
                                                      lines=lines, most=MAX_LINES)))
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise SourceError(Finding(shown, line, col, "", _("control character U+{code:04X} is not allowed; delete it",
                                                                  code=ord(bad.group()))))
    return text


_OPEN_QUOTE = re.compile(r"""^\s*(?:-\s+)?[\w.-]+:\s+(["'])""")


def _unclosed_quote(text: str, error_line: int) -> tuple[int, int] | None:
    """A value opened with a quote and never closed makes YAML fail far below; find the line that opened it."""
    for n, line in enumerate(text.split("\n")[:error_line], 1):
        m = _OPEN_QUOTE.match(line)
        if m and line.count(m.group(1)) % 2 == 1:
            return n, m.end()
    return None


_KEY = r"^(?P<lead>[ ]*(?:-[ ]+)*)(?P<key>[A-Za-z_][\w.-]*)"
_FW_COLON = re.compile(_KEY + r"[ ]*(?P<mark>：)")
_FW_SPACE_AFTER = re.compile(_KEY + r":(?P<mark>\u3000)|^[ ]*(?P<dash>-)(?P<mark2>\u3000)")
_FW_INDENT = re.compile(r"^[ ]*(?P<mark>\u3000)")
_FLOW = re.compile(_KEY + r":[ ]+\[(?P<items>[^\]\"']*)\]")
_BLOCK = re.compile(_KEY + r":[ ]*[|>][-+0-9]*[ ]*(?:#.*)?$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def fullwidth_syntax(text: str) -> tuple[int, int, str] | None:
    """A full-width colon, comma or space where YAML wants its half-width one (a Chinese input method's commonest
    slip): line, column and message, at the line where it stands. Text inside block scalars (narrative: |) and
    comments is the editor's own and is left alone."""
    block_indent = None
    for n, line in enumerate(text.split("\n"), 1):
        if block_indent is not None:
            if not line.strip() or _indent(line) > block_indent:
                continue
            block_indent = None
        if line.lstrip().startswith("#"):
            continue
        m = _FW_INDENT.match(line)
        if m:
            return n, m.start("mark") + 1, _("line {line} uses a full-width space “\u3000” for indentation; indent with "
                                             "half-width spaces", line=n)
        m = _FW_COLON.match(line)
        if m:
            return n, m.start("mark") + 1, _("line {line} uses a full-width colon “：”; type a half-width “:”", line=n)
        m = _FW_SPACE_AFTER.match(line)
        if m:
            col = (m.start("mark") if m.group("mark") else m.start("mark2")) + 1
            return n, col, _("line {line} uses a full-width space after “{sign}”; type a half-width space",
                             line=n, sign="-" if m.group("dash") else ":")
        m = _FLOW.match(line)
        if m and "，" in m.group("items"):
            return n, m.start("items") + m.group("items").index("，") + 1, _(
                "line {line} uses a full-width comma “，” between list items; type a half-width “,”", line=n)
        if _BLOCK.match(line):
            block_indent = _indent(line)
    return None


def _out_of_step(text: str, exc: MarkedYAMLError) -> str | None:
    """A line whose indentation fits none of the levels above: name it and the line it should line up with."""
    mark = exc.problem_mark
    problem = exc.problem or ""
    if mark is None:
        return None
    lines = text.split("\n")
    n = mark.line + 1
    if n > len(lines) or not lines[n - 1].strip():
        return None
    here = _indent(lines[n - 1])
    prev = next((k for k in range(n - 1, 0, -1) if lines[k - 1].strip() and not lines[k - 1].lstrip().startswith("#")),
                None)
    if prev is None:
        return None
    above = lines[prev - 1]
    key_col = _indent(above) + (len(above.lstrip(" ")) - len(above.lstrip(" ").lstrip("- ")))
    if "mapping values are not allowed" in problem:
        if here > key_col and re.match(r"^[ ]*(?:-[ ]+)?[^:#]+:[ ]+\S", above):
            return _("line {line} is indented deeper than line {prev}, whose field already has its value; start it "
                     "at column {col} like the fields it belongs with", line=n, prev=prev, col=key_col + 1)
        return None
    if "expected <block end>" in problem or "did not find expected" in problem:
        return _("line {line} starts at column {here}, out of step with line {prev}, which starts at column {col}; "
                 "lines of one level start at the same column", line=n, here=here + 1, prev=prev, col=key_col + 1)
    return None


def _yaml_problem(exc: MarkedYAMLError) -> str:
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    if "found character '\\t'" in problem or "\\t" in problem:
        return _("tab character used for indentation; indent with spaces")
    if "found duplicate key" in problem or "duplicate key" in str(exc):
        key = re.search(r'duplicate key "?([^"\s]+)"?', str(exc))
        return (_("duplicate key {key!r}: each key may appear once in a mapping", key=key.group(1)) if key
                else _("duplicate key"))
    if ("expected <block end>" in problem or "did not find expected key" in problem
            or "did not find expected '-' indicator" in problem):  # libyaml's words for a line out of step
        return _("indentation does not line up with the lines above (check the spaces at the start of this line)")
    if "mapping values are not allowed" in problem:
        return _("a colon followed by a space inside a value: put the value in quotes")
    return _("YAML syntax: {problem}", problem=problem)


class _CoreSchema(Resolver):
    """YAML 1.2's core schema for plain scalars (PyYAML's own resolver is YAML 1.1's)."""

    yaml_implicit_resolvers: dict = {}


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("float", r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
                 |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
                 |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
                 |[-+]?\.(?:inf|Inf|INF)
                 |\.(?:nan|NaN|NAN))$""", "-+0123456789."),
    ("int", r"""^(?:[-+]?0b[0-1_]+
               |[-+]?0o?[0-7_]+
               |[-+]?[0-9_]+
               |[-+]?0x[0-9a-fA-F_]+)$""", "-+0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("timestamp", r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                     |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
                     (?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
                     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", "0123456789"),
):
    _CoreSchema.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern, re.X), list(_first))


class _Constructor(SafeConstructor):
    """YAML 1.2 integers: 010 is ten (1.1 read it as octal eight); 0o, 0x and 0b prefixes; _ as a separator."""

    def construct_yaml_int(self, node):
        text = self.construct_scalar(node).replace("_", "")
        if len(text) > INT_DIGITS:  # Python refuses past 4,300 digits in a sentence about sys.set_int_max_str_digits
            raise ValueError(_("a whole number of {n:,} digits is out of range: figures must stay below 10^15",
                               n=len(text.lstrip("+-"))))
        sign = -1 if text.startswith("-") else 1
        text = text.lstrip("+-")
        for prefix, base in (("0b", 2), ("0o", 8), ("0x", 16)):
            if text.startswith(prefix):
                return sign * int(text[2:], base)
        return sign * int(text, 10)


_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)
try:
    from yaml.cyaml import CParser as _Parser
except ImportError:  # PyYAML built without libyaml
    _Parser = None


class _Loader(_Parser or yaml.SafeLoader, _Constructor, _CoreSchema):  # type: ignore[misc]
    """libyaml's parser and composer (PyYAML's pure-Python ones where libyaml is missing), the 1.2 core schema."""

    _tags: dict[tuple, str] = {}  # (text, implicit) -> the tag a plain or quoted scalar resolves to

    def resolve(self, kind, value, implicit):
        """A scalar's tag depends on its text alone (no path resolvers are added): the resolver's patterns are tried
        once for each text (id:, value:, unit: … repeat in every file; each was matched against up to five)."""
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = self._tags.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(self._tags) < 100_000:
                self._tags[key] = tag
        return tag

    def __init__(self, text: str):
        if _Parser is not None:
            _Parser.__init__(self, text)
        else:
            yaml.SafeLoader.__init__(self, text)
        _Constructor.__init__(self)
        _CoreSchema.__init__(self)


# where an anchor can stand: a node's properties open it, after a space, a line's start or a flow indicator (R&D,
# 研发&创新 are text); a text without one is spared the event stream, 5 ms a conference
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:])&[^\s\[\]{},]", re.MULTILINE)


def _refuse_anchors(text: str, shown: str) -> None:
    """Anchors and aliases (& and *) are refused. The composed tree keeps no anchors, so where a & could be one, the
    event stream (libyaml's too, a few ms) is read for them."""
    if not _MAYBE_ANCHOR.search(text):
        return
    for event in yaml.parse(text, Loader=_Loader):
        if getattr(event, "anchor", None):
            mark = event.start_mark
            raise SourceError(Finding(shown, mark.line + 1, mark.column + 1, "",
                                      _("anchors and aliases (& and *) are not allowed in content files; write the "
                                        "value out")))


def load_yaml(path: Path, shown: str) -> Source:
    """Parse one file into a Source; raise SourceError with file:line:col on any YAML problem."""
    return parse_yaml(read_text(path, shown), shown)


def parse_yaml(text: str, shown: str) -> Source:
    """Parse a content file's text as `load_yaml` does (also for `new`, whose file must pass what check reads)."""
    bad = UNPRINTABLE.search(text)
    if bad:  # read_text refused these in a file's raw text; a text made here gets the same rule
        at_line = text.count("\n", 0, bad.start()) + 1
        raise SourceError(Finding(shown, at_line, bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1, "",
                                  _("control character U+{code:04X} is not allowed; delete it", code=ord(bad.group()))))
    if "\t" in text:
        for n, line in enumerate(text.split("\n"), 1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                raise SourceError(Finding(shown, n, len(line) - len(stripped) + 1, "",
                                          _("tab character used for indentation; indent with spaces")))
    slip = fullwidth_syntax(text)
    if slip:
        raise SourceError(Finding(shown, *slip[:2], "", slip[2]))
    try:
        _refuse_anchors(text, shown)
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
        source = Source(shown, None)
        if root is None:
            raise SourceError(Finding(shown, 1, 1, "", _("file is empty; it should hold a mapping of fields (key: value)")))
        source.values[()] = (root.start_mark.line + 1, root.start_mark.column + 1)
        source.data = _from_node(root, (), source, loader)
        for path, problem in source.unkept.items():
            raise SourceError(source.finding(path, problem))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at_line, at_col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        unclosed = _unclosed_quote(text, at_line)
        if unclosed:
            raise SourceError(Finding(shown, unclosed[0], unclosed[1], "",
                                      _("a quoted value is not closed: add the closing quote on this line")))
        lines = text.split("\n")
        line_text = lines[at_line - 1] if at_line <= len(lines) else ""
        if re.match(r"^\s*(?:-\s+|[\w.-]+:\s+)+\{[{%]", line_text):  # - {{ gdp }}增长: YAML read {{ as its own
            raise SourceError(Finding(shown, at_line, line_text.index("{") + 1, "", _(
                "a value that begins with {{{{ or {{% is read as YAML's own braces: put the whole value in quotes")))
        opened = exc.context_mark if (exc.context or "").startswith("while parsing a flow") else None
        if opened is not None:  # said at the bracket, not where libyaml gave up (it blamed a line's indentation)
            raise SourceError(Finding(shown, opened.line + 1, opened.column + 1, "", _(
                "a list [ or a mapping {{ opened here is not closed: add the closing ] or }}, or write the items on "
                "lines of their own")))
        after = re.match(r"""^\s*(?:-\s+)?[\w.-]+:\s+(["'])[^"']*\1\s*[^\s#]""", line_text)
        if after:  # '{title}'出席: the quotes closed before the value ended
            raise SourceError(Finding(shown, at_line, at_col, "", _(
                "text follows the closing quote: put the whole value in quotes, or none of it")))
        raise SourceError(Finding(shown, at_line, at_col, "", _out_of_step(text, exc) or _yaml_problem(exc)))
    except ValueError as exc:  # a scalar the YAML library could not construct
        raise SourceError(Finding(shown, 1, 1, "", _("YAML value: {problem}", problem=exc)))
    except YAMLError as exc:
        raise SourceError(Finding(shown, 1, 1, "", _("YAML: {problem}", problem=str(exc).splitlines()[0])))
    except RecursionError:
        raise SourceError(Finding(shown, 1, 1, "", _("nesting too deep; check the indentation")))
    return source


def _refuse(node, source: Source, message: str) -> SourceError:
    return SourceError(Finding(source.file, node.start_mark.line + 1, node.start_mark.column + 1, "", message))


def _check_node(node, source: Source, depth: int) -> None:
    """What a content file may not hold: explicit tags, impossible dates, deep nesting (anchors: _refuse_anchors)."""
    if node.tag not in _STANDARD_TAGS:
        raise _refuse(node, source, _("YAML tag {tag} is not allowed; remove it",
                                      tag=str(node.tag).replace('tag:yaml.org,2002:', '!!')))
    if depth > MAX_DEPTH:
        raise _refuse(node, source, _("nesting deeper than {depth} levels; check the indentation", depth=MAX_DEPTH))
    if isinstance(node.value, str) and not node.style and _DATE.match(node.value):
        try:  # the YAML library would fail later without saying where
            datetime.date(*map(int, node.value.split("-")))
        except ValueError as exc:
            raise _refuse(node, source, _("{date} is not a valid date ({problem}); write it as 2025-10-22",
                                          date=node.value, problem=exc))


def _figure(node, value: float, path: Path_, source: Source) -> float:
    """A number as the outputs will print it, or refused where they could not print what the file writes.

    A zero has no sign: -0.00 was printed as -0.00亿元 (and -0.0 as 0, dropping the decimal written). A number of more
    significant digits than a float keeps was printed changed (2000.12345678901234567 as 2000.1234567890124): it is
    refused with what would have been printed. Sizes out of range (1e309 is inf) are the model's to say."""
    if value == 0:
        return 0.0
    if not math.isfinite(value) or abs(value) >= 1e15:
        return value
    try:
        written = Decimal(node.value.replace("_", "").strip())
    except InvalidOperation:
        return value
    if written != Decimal(repr(value)) and not source.unkept:  # said with its field once the data is whole
        source.unkept[path] = _("{text} has more digits than a number keeps: the outputs would print {shown}; round "
                                "it to at most {most} significant digits", text=node.value.strip(),
                                most=limits.FIGURE_DIGITS, shown=f"{Decimal(repr(value)):f}")
    return value


def _from_node(node, path: Path_, source: Source, constructor, depth: int = 1):
    """Plain dict/list/scalars from composed nodes, recording where each key and value starts."""
    _check_node(node, source, depth)

    if isinstance(node, MappingNode):
        mapping: dict = {}
        for key_node, value_node in node.value:
            _check_node(key_node, source, depth)
            key = key_node.value if key_node.tag == _STR else str(constructor.construct_object(key_node, deep=True))
            kpath = path + (key,)
            if key in mapping:
                raise SourceError(Finding(source.file, key_node.start_mark.line + 1, key_node.start_mark.column + 1, "",
                                          _("duplicate key {key!r}: each key may appear once in a mapping", key=key)))
            source.keys[kpath] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            line, col = value_node.start_mark.line + 1, value_node.start_mark.column + 1
            if getattr(value_node, "style", None) in ("|", ">"):
                line += 1  # a block scalar's text starts on the line after its indicator
            source.values[kpath] = (line, col)
            mapping[key] = _from_node(value_node, kpath, source, constructor, depth + 1)
        return mapping
    if isinstance(node, SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            source.values[path + (i,)] = (item.start_mark.line + 1, item.start_mark.column + 1)
            items.append(_from_node(item, path + (i,), source, constructor, depth + 1))
        return items
    try:  # text is what it says: the constructor's long way round returns node.value (a third of a file's reading)
        value = node.value if node.tag == _STR else constructor.construct_object(node, deep=True)
    except ValueError as exc:  # said at the value, not at the file's first line
        raise _refuse(node, source, str(exc)) from None
    if isinstance(value, str):  # a quoted "\0" or "\uFFFE" escape gets past the check of the raw text
        bad = _CONTROL.search(value)
        if bad:
            raise _refuse(node, source, _("control character U+{code:04X} (written as an escape) is not allowed: "
                                          "documents cannot hold it; delete it", code=ord(bad.group())))
    if isinstance(value, datetime.datetime):
        return value.date() if (value.hour, value.minute, value.second) == (0, 0, 0) else value
    if isinstance(value, float):
        value = _figure(node, value, path, source)
    if isinstance(value, float) and written_digits(node.value):  # 6.0: the float forgets the zero the file writes
        source.written[path] = written_digits(node.value)
    return value
