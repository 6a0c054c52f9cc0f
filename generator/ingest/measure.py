"""Measure `ingest` against a hand-checked gold set (tools/ingest_report.py, tests/ingest): recall, signs, years,
tables, precision, labels. Two gold formats are read:

- the old one (tests/ingest/NAME_gold.yaml): `figures` as [value, unit, year or null], values as written;
- the new one (tests/ingest/corpus/NAME_gold.yaml): `kind`, `doc_year` and `figures` as mappings with value (signed),
  unit, kind, year or span (2021-2025), label (a keyword), line, and optionally target, table, qualifier, and
  from_found: a figure added to complete the set, after a hand check of a figure ingest found that the set left out.
  Such figures count for precision only: recall, signs, years, table recall and labels are measured on the rest, so
  a completed set cannot flatter them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .figures import Figure, analyse


@dataclass
class Gold:
    value: float
    unit: str
    year: int | None
    span: tuple[int, int] | None = None
    label: str = ""
    line: int | None = None
    table: bool = False
    target: bool = False
    signed: bool = True  # the old format gives values as written: no sign to check
    from_found: bool = False  # added after a hand check of what ingest found: counts for precision only


@dataclass
class GoldSet:
    kind: str
    doc_year: int | None
    figures: list[Gold]


def _span(text) -> tuple[int, int] | None:
    if text is None:
        return None
    parts = [int(p) for p in str(text).replace("—", "-").split("-") if p.strip()]
    return (parts[0], parts[-1]) if parts else None


def read_gold(path: Path) -> GoldSet:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: list[Gold] = []
    for item in data.get("figures") or []:
        if isinstance(item, (list, tuple)):  # the old format: [value, unit, year]
            value, unit, year = item
            out.append(Gold(float(value), str(unit), year, signed=False))
        else:
            out.append(Gold(float(item["value"]), str(item.get("unit", "")), item.get("year"), _span(item.get("span")),
                            str(item.get("label", "")), item.get("line"), bool(item.get("table")),
                            bool(item.get("target")), from_found=bool(item.get("from_found"))))
    return GoldSet(str(data.get("kind", "")), data.get("doc_year"), out)


@dataclass
class Scores:
    gold: int = 0
    found: int = 0
    matched: int = 0
    sign_checked: int = 0
    sign_right: int = 0
    year_right: int = 0
    undated: int = 0
    undated_wrong: int = 0
    table_gold: int = 0
    table_matched: int = 0
    precise: int = 0  # found figures that match a gold figure (value, unit)
    found_on_gold_lines: int = 0  # found figures on a line the gold set has a figure on (its coverage)
    matched_on_gold_lines: int = 0
    labelled: int = 0
    label_hits: int = 0
    themes: int = 0
    units: dict[str, int] = field(default_factory=dict)
    misses: list[Gold] = field(default_factory=list)
    wrong_sign: list[tuple[Gold, Figure]] = field(default_factory=list)
    wrong_year: list[tuple[Gold, Figure]] = field(default_factory=list)
    extra: list[Figure] = field(default_factory=list)

    def ratio(self, part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.precise / self.found if self.found else 1.0

    @property
    def covered_precision(self) -> float:
        """Precision over the lines the gold set covers: a gold set that leaves paragraphs out does not count their
        figures as wrong."""
        return self.matched_on_gold_lines / self.found_on_gold_lines if self.found_on_gold_lines else 1.0

    @property
    def year(self) -> float:
        return self.year_right / self.matched if self.matched else 1.0

    @property
    def table_recall(self) -> float | None:
        return self.ratio(self.table_matched, self.table_gold)

    @property
    def undated_wrong_share(self) -> float | None:
        return self.ratio(self.undated_wrong, self.undated)

    @property
    def label_rate(self) -> float | None:
        return self.ratio(self.label_hits, self.labelled)


def _year_right(g: Gold, f: Figure) -> bool:
    if g.span:
        got = f.span or ((f.start, f.year) if f.start else None)
        return got is not None and got[0] == g.span[0] and (got[1] in (g.span[1], None))
    return f.year == g.year


def score(text: str, gold: GoldSet) -> Scores:
    """Each gold figure matched to an unused found figure of the same size and unit, the nearest in lines first."""
    themes, _ = analyse(text)
    found = [f for t in themes for f in t.figures]
    s = Scores(found=len(found), themes=len(themes))
    for f in found:
        s.units[f.unit] = s.units.get(f.unit, 0) + 1
    pool: dict[tuple[float, str], list[int]] = {}
    for i, f in enumerate(found):
        pool.setdefault((round(abs(f.number), 6), f.unit), []).append(i)
    used: set[int] = set()
    measured = [g for g in gold.figures if not g.from_found]
    s.gold = len(measured)
    # the set's own figures first, then those added from what ingest found (precision only)
    for g in sorted(measured, key=lambda g: g.line or 0) + [g for g in gold.figures if g.from_found]:
        candidates = [i for i in pool.get((round(abs(g.value), 6), g.unit), []) if i not in used]
        if not candidates:
            if not g.from_found:
                s.misses.append(g)
                s.table_gold += g.table
            continue
        i = min(candidates, key=lambda i: abs(found[i].line - g.line) if g.line is not None else 0)
        used.add(i)
        f = found[i]
        if g.from_found:
            continue
        s.table_gold += g.table
        s.matched += 1
        s.table_matched += g.table
        if g.signed:
            s.sign_checked += 1
            if (f.number < 0) == (g.value < 0):
                s.sign_right += 1
            else:
                s.wrong_sign.append((g, f))
        if _year_right(g, f):
            s.year_right += 1
        else:
            s.wrong_year.append((g, f))
        if g.year is None and g.span is None:
            s.undated += 1
            s.undated_wrong += f.year is not None
        if g.label:
            s.labelled += 1
            s.label_hits += bool(f.label) and (g.label in f.label or f.label in g.label)
    s.precise = len(used)
    s.extra = [f for i, f in enumerate(found) if i not in used]
    lines = {g.line for g in gold.figures if g.line is not None}
    if lines:
        covered = [i for i, f in enumerate(found) if f.line in lines]
        s.found_on_gold_lines = len(covered)
        s.matched_on_gold_lines = sum(i in used for i in covered)
    else:
        s.found_on_gold_lines, s.matched_on_gold_lines = s.found, s.precise
    return s
