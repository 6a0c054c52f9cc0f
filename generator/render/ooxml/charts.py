"""Resolved chart data -> native, editable PowerPoint charts (with their embedded workbook), combo charts included."""
from __future__ import annotations

import copy
import math
from functools import lru_cache

from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_PATTERN
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Pt

from ...present.charts import ChartData, decimals, nice_ceiling, written_digits
from ...present.labels import DERIVED_MARK, chart_frame_name
from ...theme import HouseStyle, contrast, legible
from ...vocabulary import ChartKind, chart_kind
from ...writer import normalise_workbook
from ..chart_store import PartStore, chart_key, made_before
from .names import pptx_qn as qn
from .text_style import rgb, set_font_xml
from .xml import Spec, element


def native_type(kind: ChartKind) -> XL_CHART_TYPE:
    """The python-pptx chart type a kind starts from; a combo starts as clustered columns and gets its line after."""
    return XL_CHART_TYPE[kind.native]


def number_format(values, unit: str = "") -> str:
    """Data labels in each figure's own precision (General shows 60 and 98.8 as written), with % for shares."""
    return "General" + ('"%"' if unit == "%" else "")


def axis_format(values, unit: str = "") -> str:
    """Axis ticks are round numbers: no decimals unless every figure is below 10."""
    present = [abs(v) for v in values if v is not None]
    d = decimals(values) if present and max(present) < 10 else 0
    return ("0." + "0" * d if d else "0") + ('"%"' if unit == "%" else "")


def category_chart_data(data: ChartData):
    cd = _pinned_chart_data()()  # with XlsxWriter (0.05 s): only where a chart is made
    cd.categories = data.categories
    for s in data.series:
        cd.add_series(s.name, s.values, number_format=number_format(s.values, s.unit))
    return cd


@lru_cache(maxsize=1)
def _pinned_chart_data():
    """python-pptx's CategoryChartData whose workbook XlsxWriter dates 2000-01-01 itself (it dated it now, and the
    workbook was unzipped and zipped again to pin the date: a millisecond a chart); writer.normalise_workbook then
    pins only the entries' headers."""
    from contextlib import contextmanager
    from datetime import datetime, timezone
    from functools import cached_property

    from pptx.chart.data import CategoryChartData
    from pptx.chart.xlsx import CategoryWorkbookWriter
    from xlsxwriter import Workbook

    class PinnedWorkbookWriter(CategoryWorkbookWriter):
        @contextmanager
        def _open_worksheet(self, xlsx_file):
            workbook = Workbook(xlsx_file, {"in_memory": True})
            workbook.set_properties({"created": datetime(2000, 1, 1, tzinfo=timezone.utc)})
            worksheet = workbook.add_worksheet()
            yield workbook, worksheet
            workbook.close()

    class PinnedChartData(CategoryChartData):
        @cached_property
        def _workbook_writer(self):
            return PinnedWorkbookWriter(self)

    return PinnedChartData


class BuiltChart:
    """Chart data whose chart XML and workbook are already made (chart_space_xml). python-pptx's add_chart and
    insert_chart ask their chart data for these two only (ChartPart.new: xml_bytes(chart_type), xlsx_blob), so a
    deck whose charts were all made before never loads its chart-data module and XlsxWriter (0.05 s); the deck tests
    add every chart through this class."""

    def __init__(self, xml: bytes, workbook: bytes):
        self._built = (xml, workbook)

    def xml_bytes(self, chart_type) -> bytes:
        return self._built[0]

    @property
    def xlsx_blob(self) -> bytes:
        return self._built[1]


def add_native_chart(slide, data: ChartData, x, y, cx, cy, theme: HouseStyle, themed: bool = False,
                     parts: PartStore | None = None):
    """Add the chart as a graphic frame; returns the frame (its descr carries the alt text). With `themed` (the
    deck's theme part holds the house colours) series colours name the theme's accents."""
    built = built_chart(data, theme, themed, parts)
    holder = next((ph for ph in slide.placeholders
                   if ph.placeholder_format.type == PP_PLACEHOLDER.CHART and ph.element.tag == qn("p:sp")), None)
    if holder is not None:  # the layout's chart placeholder takes the chart, at the place the slide gives it
        frame = holder.insert_chart(native_type(chart_kind(data.kind)), built)
        frame.left, frame.top, frame.width, frame.height = x, y, cx, cy
    else:
        frame = slide.shapes.add_chart(native_type(chart_kind(data.kind)), x, y, cx, cy, built)
    frame.name = chart_frame_name(data.id)
    frame._element.nvGraphicFramePr.cNvPr.set("descr", data.alt_text())
    return frame


def add_chart_part(deck, slide, data: ChartData) -> str:
    """The chart's part related to the slide, without its frame (a replayed slide's XML holds the frame); returns
    the relationship id. The same part add_native_chart makes, through the same python-pptx call."""
    return slide.part.add_chart_part(native_type(chart_kind(data.kind)),
                                     built_chart(data, deck.theme, not deck.designer, deck.parts))


def built_chart(data: ChartData, theme: HouseStyle, themed: bool, parts: PartStore | None) -> BuiltChart:
    """The deck's chart part (in the deck's faces), made or made before, as python-pptx's chart calls take it."""
    return BuiltChart(*chart_space_xml(data, theme, (theme.fonts.deck_latin, theme.fonts.deck_ea), themed, parts))


def chart_space_xml(data: ChartData, theme: HouseStyle, faces: tuple[str, str], themed: bool,
                    parts: PartStore | None = None) -> tuple[bytes, bytes]:
    """The styled chart part's XML and its embedded workbook, for the deck and the briefing alike: one writer, the
    same chart data, kinds and styling. With `parts`, a chart made before with the same data and look is reused."""
    cached = made_before(parts, data, faces, themed)
    if cached is not None:
        return cached
    from pptx.chart.chart import Chart
    from pptx.oxml import parse_xml

    cd = category_chart_data(data)
    chart_space = parse_xml(cd.xml_bytes(native_type(chart_kind(data.kind))))
    style_chart(Chart(chart_space, None), data, theme, faces, themed)  # the styling touches no workbook
    from lxml import etree

    xml = etree.tostring(chart_space, xml_declaration=True, encoding="UTF-8", standalone=True)
    workbook = normalise_workbook(cd.xlsx_blob)  # fixed bytes, so that equal charts are equal files
    if parts is not None:
        parts.put(chart_key(parts, data, faces, themed), xml, workbook)
    return xml, workbook


def style_chart(chart, data: ChartData, theme: HouseStyle, faces: tuple[str, str], themed: bool) -> None:
    """The house look on a native chart: text faces and sizes, series colours, labels, axes, derived points."""
    kind = chart_kind(data.kind)
    _positive_axis_ids(chart._chartSpace)
    _style_text(chart, theme, faces)
    chart.has_title = False  # the slide title or the caption says what the chart is; a second title would crowd it
    if kind.shape == "parts":
        _style_pie(chart, data, kind, theme)
    else:
        _style_axes(chart, data, kind, theme)
        if kind.shape == "columns_and_line":
            add_secondary_line(chart, data, theme)
    every_label_shown(chart._chartSpace)
    if themed:
        name_theme_colours(chart._chartSpace, theme)


def name_theme_colours(chart_space, theme: HouseStyle) -> None:
    """Series and point colours as the theme's accent slots (schemeClr accent1-6), which theme_part fills with the
    same series colours: the chart looks the same, and a chart recoloured through the theme changes with it."""
    from .theme_part import scheme_colours

    slots: dict[str, str] = {}
    for slot, colour in scheme_colours(theme).items():
        if slot.startswith("accent"):
            slots.setdefault(colour.upper(), slot)
    for ser in chart_space.iter(qn("c:ser")):
        for sp_pr in [*ser.findall(qn("c:spPr")), *(d.find(qn("c:spPr")) for d in ser.findall(qn("c:dPt")))]:
            if sp_pr is None:
                continue
            for clr in sp_pr.iter(qn("a:srgbClr")):
                accent = slots.get((clr.get("val") or "").upper())
                if accent is not None:
                    themed = element(("a:schemeClr", {"val": accent}), ("a",))
                    for child in clr:  # keep tints and alphas
                        themed.append(child)
                    clr.getparent().replace(clr, themed)


def _positive_axis_ids(chart_space) -> None:
    """python-pptx writes axis ids as signed 32-bit numbers, often negative, where the schema asks for an unsigned
    int (a strict validator, and so a repair prompt, objects); keep each id and its cross references, made positive."""
    for el in chart_space.xpath(".//c:axId | .//c:crossAx"):
        value = int(el.get("val"))
        if value < 0:
            el.set("val", str(value & 0x7FFFFFFF))


def _style_text(chart, theme: HouseStyle, faces: tuple[str, str]) -> None:
    chart.font.size = Pt(theme.sizes.chart_text)
    chart.font.color.rgb = rgb(theme.colours.text)
    defrpr = chart._chartSpace.find(qn("c:txPr")).find(qn("a:p")).find(qn("a:pPr")).find(qn("a:defRPr"))
    set_font_xml(defrpr, *faces)


def _labels(plot, fmt: str, theme: HouseStyle, position=None) -> None:
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = fmt
    labels.number_format_is_linked = False
    labels.show_value = True
    labels.font.size = Pt(theme.sizes.chart_text)
    if position is not None:
        labels.position = position
    unwrapped(plot._element.find(qn("c:dLbls")))


_LABEL_LOOK = ("c:numFmt", "c:spPr", "c:txPr", "c:dLblPos")  # CT_DLbls' group order, before c:showLegendKey


def every_label_shown(chart_space) -> None:
    """Every point shows its value. A point's own label (a derived point's, a doughnut slice's) makes python-pptx
    add its series a c:dLbls whose own showVal=0 would hide the series' other labels (it overrides the plot's): that
    c:dLbls takes the plot's number format, text and position and shows values; a point's label without a number
    format takes the plot's."""
    for plot in chart_space.find(qn("c:chart")).find(qn("c:plotArea")):
        shared = plot.find(qn("c:dLbls"))
        if shared is None:
            continue
        for labels in (ser.find(qn("c:dLbls")) for ser in plot.findall(qn("c:ser"))):
            if labels is None or labels.find(qn("c:delete")) is not None:
                continue
            anchor = labels.find(qn("c:showLegendKey"))
            for tag in _LABEL_LOOK:
                if labels.find(qn(tag)) is None and shared.find(qn(tag)) is not None and anchor is not None:
                    anchor.addprevious(copy.deepcopy(shared.find(qn(tag))))
            labels.find(qn("c:showVal")).set("val", "1")
            fmt = shared.find(qn("c:numFmt"))
            for point in labels.findall(qn("c:dLbl")):
                if point.find(qn("c:numFmt")) is None and fmt is not None:  # after c:idx, c:layout, c:tx
                    before = [e for e in (point.find(qn(t)) for t in ("c:idx", "c:layout", "c:tx")) if e is not None]
                    before[-1].addnext(copy.deepcopy(fmt))


def unwrapped(holder) -> None:
    """Labels set on one line: a renderer that finds a label's box narrow (LibreOffice: a pie's outside labels, a
    value axis's ticks) would otherwise wrap 25.4% as 25.4 / %, parting the figure from its unit."""
    body = holder.find(qn("c:txPr")).find(qn("a:bodyPr"))
    body.set("wrap", "none")


def _style_axes(chart, data: ChartData, kind: ChartKind, theme: HouseStyle) -> None:
    primary = data.primary
    chart.has_legend = len(primary) > 1 or bool(data.secondary)
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(theme.sizes.chart_text)
    plot = chart.plots[0]
    if hasattr(plot, "gap_width"):
        plot.gap_width = 80
        if len(primary) > 1:
            plot.overlap = -10
    line = kind.native.startswith("LINE")
    values = [v for s in primary for v in s.values]
    _labels(plot, number_format(values, primary[0].unit), theme,
            None if kind.stacked or line else XL_LABEL_POSITION.OUTSIDE_END)
    for i, series in enumerate(plot.series):
        colour = rgb(theme.colours.series[i % len(theme.colours.series)])
        if line:
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(2.5)
            series.smooth = False
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
        shown = [k for k, value in enumerate(data.series[i].values) if value is not None]
        whole = bool(shown) and all(data.series[i].is_derived(k) for k in shown)
        if whole:  # every point computed: the series itself is hatched, so its legend key is too
            _mark_derived(series, colour, theme, line)
        for k, value in enumerate(data.series[i].values):
            derived = data.series[i].is_derived(k)
            if derived and not whole:
                _mark_derived(series.points[k], colour, theme, line)
            if derived or written_digits(value):
                _marked_label(series.points[k], point_format(value, primary[0].unit), theme,
                              None if kind.stacked or line else XL_LABEL_POSITION.OUTSIDE_END, derived)
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = rgb(theme.colours.grid)
    value_axis.tick_labels.font.size = Pt(legible(theme.sizes.chart_text - 2))
    value_axis.tick_labels.number_format = axis_format(values, primary[0].unit)
    value_axis.tick_labels.number_format_is_linked = False
    unwrapped(value_axis._element)
    value_axis.format.line.fill.background()
    top = data.axis_max()
    if top is not None:
        value_axis.minimum_scale = 0
        value_axis.maximum_scale = top
    chart.category_axis.tick_labels.font.size = Pt(theme.sizes.chart_text)
    if kind.horizontal and top is not None:  # ticks across the chart's width: few enough to stand upright
        value_axis.major_unit = tick_step(top, HORIZONTAL_TICKS)
    if kind.horizontal:  # bars are drawn bottom-up; read them top-down like the table
        chart.category_axis.reverse_order = True
        # the value axis crosses at the last category, which reversed is the bottom: keep it there
        chart.value_axis._element.find(qn("c:crosses")).set("val", "max")
    chart.category_axis.format.line.color.rgb = rgb(theme.colours.axis)


HORIZONTAL_TICKS = 4  # intervals at most on a bar chart's value axis: LibreOffice turns crowded ticks on their side


def tick_step(top: float, most: int) -> float:
    """The smallest round step (1, 2, 2.5, 5 times a power of ten) that divides 0..top into at most `most` parts."""
    step = 10 ** math.floor(math.log10(top / most)) if top > 0 else 1.0
    while True:
        for k in (1, 2, 2.5, 5):
            if top / (k * step) <= most + 1e-9:
                return k * step
        step *= 10


def _mark_derived(point, colour, theme: HouseStyle, line: bool) -> None:
    """A computed figure is drawn hatched (a hollow marker on a line), so it never passes for a stated one. `point`
    is a point, or a whole series when all its points are computed (its legend key is then drawn alike)."""
    if line:
        point.marker.format.fill.solid()
        point.marker.format.fill.fore_color.rgb = rgb(theme.colours.white)
        point.marker.format.line.color.rgb = colour
        return
    fill = point.format.fill
    fill.patterned()
    fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
    fill.fore_color.rgb = colour
    fill.back_color.rgb = rgb(theme.colours.white)
    point.format.line.color.rgb = colour


def point_format(value: float | None, unit: str = "") -> str:
    """A point's own label format: the decimals its source writes (6.0, which General would show as 6)."""
    digits = written_digits(value)
    return ("0." + "0" * digits if digits else "General") + ('"%"' if unit == "%" else "")


def _marked_label(point, fmt: str, theme: HouseStyle, position, derived: bool = True) -> None:
    """A point's own data label: a derived one's figure followed by ※ (the chart's note says what it means), a
    figure written with trailing zeros in its written decimals; on one line like every label."""
    label = point.data_label
    label.font.size = Pt(theme.sizes.chart_text)
    if position is not None:
        label.position = position
    d_lbl = label._dLbl
    # python-pptx's point label has no number format: c:numFmt follows c:idx (CT_DLbl's order)
    code = f'{fmt}"{DERIVED_MARK}"' if derived else fmt
    d_lbl.find(qn("c:idx")).addnext(element(("c:numFmt", {"formatCode": code, "sourceLinked": "0"}),
                                            ("c",)))
    unwrapped(d_lbl)


SMALL_SLICE = 0.08  # a slice under this share of the whole has its label outside it: inside, the figure spills over
OUTWARD = 0.2  # how far (a fraction of the chart's height) a doughnut's small-slice label moves out of the ring
ASPECT = 1.4  # the width of a round chart's frame over its height, as the deck and the briefing draw it


def _style_pie(chart, data: ChartData, kind: ChartKind, theme: HouseStyle) -> None:
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.RIGHT
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(theme.sizes.chart_text)
    plot = chart.plots[0]
    series = data.series[0]
    hole = bool(kind.options.get("hole"))  # a doughnut's labels sit on its slices; a pie's outside them
    _labels(plot, number_format(series.values, series.unit), theme, None if hole else XL_LABEL_POSITION.OUTSIDE_END)
    plot.data_labels.show_category_name = False
    total = sum(v for v in series.values if v is not None and v > 0)
    start = _turned(chart, [(v or 0.0) / total if total else 0.0 for v in series.values]) if hole else 0.0
    for i, point in enumerate(plot.series[0].points):
        fill_hex = theme.colours.series[i % len(theme.colours.series)]
        colour = rgb(fill_hex)
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = colour
        point.format.line.color.rgb = rgb(theme.colours.white)
        share = (series.values[i] or 0.0) / total if total else 0.0
        if series.is_derived(i):
            _mark_derived(point, colour, theme, line=False)
        if series.is_derived(i) or written_digits(series.values[i]):
            _marked_label(point, point_format(series.values[i], series.unit), theme,
                          None if hole else XL_LABEL_POSITION.OUTSIDE_END, series.is_derived(i))
        if hole:  # the label in whichever of the text colour and white reads better where it stands
            small = share < SMALL_SLICE
            behind = theme.colours.white if small or series.is_derived(i) else fill_hex
            label = point.data_label
            label.show_value, label.show_category_name = True, False
            label.font.size = Pt(theme.sizes.chart_text)
            label.font.color.rgb = rgb(max((theme.colours.text, theme.colours.white), key=lambda c: contrast(c, behind)))
            if small:
                _moved_out(label._dLbl, start + share / 2)
        start += share


def _turned(chart, shares: list[float]) -> float:
    """Turn a doughnut with small slices so that the first one's middle points to half past one (45°), where the
    chart's frame leaves room outside the ring for its label; returns where the first slice starts now (a share of
    the whole, clockwise from twelve o'clock)."""
    small = next((k for k, share in enumerate(shares) if share < SMALL_SLICE), None)
    if small is None:
        return 0.0
    start = (0.125 - sum(shares[:small]) - shares[small] / 2) % 1.0
    angle = chart._chartSpace.find(".//" + qn("c:firstSliceAng"))
    if angle is not None:
        angle.set("val", str(round(start * 360) % 360))
    return round(start * 360) % 360 / 360


def _moved_out(d_lbl, middle: float) -> None:
    """A doughnut slice's label moved from the ring to just outside it, along the slice's middle (`middle` is the
    share of the whole before it, clockwise from twelve o'clock): a doughnut has no outside position of its own."""
    angle = 2 * math.pi * middle
    dx, dy = OUTWARD * math.sin(angle) / ASPECT, -OUTWARD * math.cos(angle)
    layout = element(("c:layout", {}, [("c:manualLayout", {}, [("c:x", {"val": f"{dx:.4f}"}),
                                                               ("c:y", {"val": f"{dy:.4f}"})])]), ("c",))
    d_lbl.find(qn("c:idx")).addnext(layout)


def _secondary_axes(val_id: str, cat_id: str, fmt: str, scale: list) -> tuple:
    """A right-hand value axis for the line, and the hidden category axis it crosses."""
    value_axis: Spec = ("c:valAx", {}, [
        ("c:axId", {"val": val_id}), ("c:scaling", {}, [("c:orientation", {"val": "minMax"}), *scale]),
        ("c:delete", {"val": "0"}), ("c:axPos", {"val": "r"}), ("c:numFmt", {"formatCode": fmt, "sourceLinked": "0"}),
        ("c:majorTickMark", {"val": "out"}), ("c:minorTickMark", {"val": "none"}), ("c:tickLblPos", {"val": "nextTo"}),
        ("c:crossAx", {"val": cat_id}), ("c:crosses", {"val": "max"}), ("c:crossBetween", {"val": "between"})])
    category_axis: Spec = ("c:catAx", {}, [
        ("c:axId", {"val": cat_id}), ("c:scaling", {}, [("c:orientation", {"val": "minMax"})]), ("c:delete", {"val": "1"}),
        ("c:axPos", {"val": "b"}), ("c:majorTickMark", {"val": "none"}), ("c:minorTickMark", {"val": "none"}),
        ("c:tickLblPos", {"val": "nextTo"}), ("c:crossAx", {"val": val_id}), ("c:crosses", {"val": "autoZero"}),
        ("c:auto", {"val": "1"}), ("c:lblAlgn", {"val": "ctr"}), ("c:lblOffset", {"val": "100"}),
        ("c:noMultiLvlLbl", {"val": "0"})])
    return element(value_axis, ("c",)), element(category_axis, ("c",))


def _line_series_look(colour: str, white: str, fmt: str, text_size: float, text: str) -> tuple:
    """The line's stroke, its markers and its data labels (above each point, in the text colour: a series colour
    such as gold is too pale for text on white)."""
    solid: Spec = ("a:solidFill", {}, [("a:srgbClr", {"val": colour})])
    shape: Spec = ("c:spPr", {}, [("a:ln", {"w": "34925", "cap": "rnd"}, [solid, ("a:round",)])])
    marker: Spec = ("c:marker", {}, [("c:symbol", {"val": "circle"}), ("c:size", {"val": "8"}), ("c:spPr", {}, [
        solid, ("a:ln", {}, [("a:solidFill", {}, [("a:srgbClr", {"val": white})])])])])
    labels: Spec = ("c:dLbls", {}, [
        ("c:numFmt", {"formatCode": fmt, "sourceLinked": "0"}),
        ("c:spPr", {}, [("a:noFill",), ("a:ln", {}, [("a:noFill",)])]),
        ("c:txPr", {}, [("a:bodyPr",), ("a:lstStyle",), ("a:p", {}, [
            ("a:pPr", {}, [("a:defRPr", {"sz": str(int(text_size * 100)), "b": "1"},
                            [("a:solidFill", {}, [("a:srgbClr", {"val": text})])])]),
            ("a:endParaRPr", {"lang": "zh-CN"})])]),
        ("c:dLblPos", {"val": "t"}), ("c:showLegendKey", {"val": "0"}), ("c:showVal", {"val": "1"}),
        ("c:showCatName", {"val": "0"}), ("c:showSerName", {"val": "0"}), ("c:showPercent", {"val": "0"}),
        ("c:showBubbleSize", {"val": "0"})])
    return tuple(element(spec, ("c", "a")) for spec in (shape, marker, labels))


def add_secondary_line(chart, data: ChartData, theme: HouseStyle) -> None:
    """Turn the secondary series of a column chart into a line on a right-hand axis: the statistics-office combo.

    python-pptx has no API for it. The series keep their workbook references, so Edit Data still works.
    """
    plot_area = chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))
    bar = plot_area.find(qn("c:barChart"))
    sers = bar.findall(qn("c:ser"))
    n_primary = len(data.primary)
    cat_id, val_id = "50060001", "50060002"
    line = element(("c:lineChart", {}, [("c:grouping", {"val": "standard"}), ("c:varyColors", {"val": "0"})]), ("c",))
    values = [v for s in data.secondary for v in s.values]
    fmt = number_format(values, data.secondary[0].unit)
    for k, ser in enumerate(sers[n_primary:]):
        bar.remove(ser)
        ser = copy.deepcopy(ser)
        for tag in ("c:invertIfNegative", "c:spPr", "c:dLbls"):
            old = ser.find(qn(tag))
            if old is not None:
                ser.remove(old)
        colour = theme.colours.series[(n_primary + k) % len(theme.colours.series)]
        shape, marker, labels = _line_series_look(colour, theme.colours.white, fmt, theme.sizes.chart_text,
                                                  theme.colours.text)
        ser.find(qn("c:tx")).addnext(shape)
        shape.addnext(marker)
        marker.addnext(labels)
        ser.append(element(("c:smooth", {"val": "0"}), ("c",)))
        line.append(ser)
    for spec in (("c:marker", {"val": "1"}), ("c:axId", {"val": cat_id}), ("c:axId", {"val": val_id})):
        line.append(element(spec, ("c",)))
    bar.addnext(line)
    defrpr = line.find(".//" + qn("a:defRPr"))
    set_font_xml(defrpr, theme.fonts.deck_latin, theme.fonts.deck_ea)
    present = [v for v in values if v is not None]
    scale = []
    if present and min(present) >= 0:
        scale = [("c:max", {"val": f"{nice_ceiling(max(present) * 1.25):g}"}), ("c:min", {"val": "0"})]
    value_axis, category_axis = _secondary_axes(val_id, cat_id, axis_format(values, data.secondary[0].unit), scale)
    plot_area.findall(qn("c:valAx"))[-1].addnext(value_axis)
    value_axis.addnext(category_axis)
