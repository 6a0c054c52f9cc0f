"""Every plotted point shows its value, on the reopened chart parts of the shipped deck and briefing: a derived
point's own label (ending in ※) once switched its series' other labels off (a series c:dLbls with showVal=0), so
图4's 2024 bar and 图9's 13.1% bar showed no figure. And a small slice's label stands outside its slice."""
from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from generator.present.labels import DERIVED_MARK
from generator.render.ooxml.charts import SMALL_SLICE

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
PLOTS = ("barChart", "lineChart", "pieChart", "doughnutChart")


def chart_parts(path) -> list[tuple[str, etree._Element]]:
    with zipfile.ZipFile(path) as z:
        return [(n, etree.fromstring(z.read(n))) for n in z.namelist()
                if n.split("/")[-2:-1] == ["charts"] and n.endswith(".xml")]


def shown(labels) -> bool | None:
    flag = None if labels is None else labels.find(f"{C}showVal")
    return None if flag is None else flag.get("val") == "1"


def points(ser) -> list[tuple[int, float]]:
    return [(int(pt.get("idx")), float(pt.find(f"{C}v").text)) for pt in ser.iterfind(f"{C}val//{C}pt")]


@pytest.fixture(scope="module", params=["deck", "brief"])
def parts(request):
    path, _ = request.getfixturevalue(f"built_{request.param}")
    found = chart_parts(path)
    assert found
    return found


def test_every_point_shows_its_value_and_a_derived_one_its_mark(parts):
    derived = 0
    for name, root in parts:
        for plot in (p for tag in PLOTS for p in root.iter(C + tag)):
            for ser in plot.findall(f"{C}ser"):
                own = {int(d.find(f"{C}idx").get("val")): d for d in ser.findall(f"{C}dLbls/{C}dLbl")}
                hatched = {int(d.find(f"{C}idx").get("val")) for d in ser.findall(f"{C}dPt")
                           if d.find(f".//{A}pattFill") is not None}
                if ser.find(f"{C}spPr/{A}pattFill") is not None:  # the whole series is hatched
                    hatched |= {idx for idx, _ in points(ser)}
                for idx, _ in points(ser):
                    label = own.get(idx)
                    visible = shown(label) if label is not None else None
                    if visible is None:
                        visible = shown(ser.find(f"{C}dLbls"))
                    if visible is None:
                        visible = shown(plot.find(f"{C}dLbls"))
                    assert visible, (name, idx)
                    fmt = label.find(f"{C}numFmt") if label is not None else None
                    marked = fmt is not None and fmt.get("formatCode").endswith(f'"{DERIVED_MARK}"')
                    assert marked == (idx in hatched), (name, idx)
                    derived += marked
    assert derived  # the seed's 2020 bases, 规上工业增速, …


def test_a_small_slices_label_stands_outside_it(parts):
    moved = 0
    for name, root in parts:
        for plot in (p for tag in ("pieChart", "doughnutChart") for p in root.iter(C + tag)):
            ser = plot.find(f"{C}ser")
            values = points(ser)
            total = sum(v for _, v in values)
            own = {int(d.find(f"{C}idx").get("val")): d for d in ser.findall(f"{C}dLbls/{C}dLbl")}
            for idx, value in values:
                if value / total >= SMALL_SLICE:
                    continue
                label = own.get(idx)
                if plot.tag == C + "pieChart":  # a pie's labels are all outside
                    where = (label if label is not None and label.find(f"{C}dLblPos") is not None
                             else plot.find(f"{C}dLbls")).find(f"{C}dLblPos")
                    assert where.get("val") == "outEnd", (name, idx)
                else:
                    assert label is not None and label.find(f"{C}layout/{C}manualLayout") is not None, (name, idx)
                moved += 1
    assert moved  # the doughnuts' 6.2% and 5.2%


def test_a_series_of_computed_points_is_hatched_as_a_series_so_its_legend_key_is(parts):
    """When every point of a series is computed (the 2020 bases), the hatching is the series' own fill, which the
    legend key draws, not each point's over a solid series (the review's L4: a solid key beside hatched bars)."""
    whole = 0
    for name, root in parts:
        for ser in root.iter(f"{C}ser"):
            own = {int(d.find(f"{C}idx").get("val")): d for d in ser.findall(f"{C}dLbls/{C}dLbl")}
            idxs = [idx for idx, _ in points(ser)]
            marked = [idx for idx in idxs if idx in own and own[idx].find(f"{C}numFmt") is not None
                      and own[idx].find(f"{C}numFmt").get("formatCode").endswith(f'"{DERIVED_MARK}"')]
            if idxs and len(marked) == len(idxs) and ser.getparent().tag in (f"{C}barChart",):
                whole += 1
                assert ser.find(f"{C}spPr/{A}pattFill") is not None, name
                assert not ser.findall(f"{C}dPt"), name
    assert whole  # the seed's 2020 bars
