"""Native Word charts in the briefing: a chart part under word/charts/ with its embedded workbook (Edit Data works in
Word and WPS), placed inline in a w:drawing. The chart XML is the deck's (deck_charts.chart_space_xml): one writer,
the same chart data, kinds, colours and number formats; its text is in the briefing's body face."""
from __future__ import annotations

from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.shared import Pt
from lxml import etree

from ...present.charts import ChartData
from ...present.labels import figure_name
from ...theme import HouseStyle
from ..chart_store import PartStore, made_before
from .names import docx_qn as qn
from .xml import sub, word_element

CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
RT_PACKAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def _for_the_page(xml: bytes, rid: str) -> bytes:
    """No frame around the chart (a printed figure has none), and c:externalData naming the embedded workbook, in
    the order the schema gives c:chartSpace (c:chart, c:spPr, c:txPr, c:externalData)."""
    root = etree.fromstring(xml)
    old = root.find(qn("c:spPr"))
    if old is not None:
        root.remove(old)
    frame = root.makeelement(qn("c:spPr"), {})
    etree.SubElement(frame, qn("a:noFill"))
    etree.SubElement(etree.SubElement(frame, qn("a:ln")), qn("a:noFill"))
    root.find(qn("c:chart")).addnext(frame)
    sub(root, ("c:externalData", {"r:id": rid}, [("c:autoUpdate", {"val": 0})]), qn)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_chart(doc, run, data: ChartData, theme: HouseStyle, width: float, height: float, number: int,
              parts: PartStore | None = None) -> None:
    """The chart, `width` x `height` points, inline in `run`; `number` is its 图n (names the parts and the drawing)."""
    faces = (theme.fonts.brief_latin, theme.fonts.brief_body)
    made = made_before(parts, data, faces, True)
    if made is None:  # python-pptx's chart machinery, only for a chart not made before
        from .charts import chart_space_xml

        made = chart_space_xml(data, theme, faces, True, parts)
    xml, workbook = made
    package = doc.part.package
    chart_part = Part(PackURI(f"/word/charts/chart{number}.xml"), CT_CHART, b"", package)
    sheet = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"), CT_XLSX, workbook, package)
    # python-docx has no chart part: a generic Part whose bytes are set once its relationship id is known (the
    # private attribute its blob property reads; python-docx has no setter)
    chart_part._blob = _for_the_page(xml, chart_part.relate_to(sheet, RT_PACKAGE))
    rid = doc.part.relate_to(chart_part, RT_CHART)
    cx, cy = int(Pt(width)), int(Pt(height))
    # values (the title, the alt text) are attributes, escaped by lxml: a chart title cannot break the markup
    run._r.append(word_element(("w:drawing", {}, [
        ("wp:inline", {"distT": 0, "distB": 0, "distL": 0, "distR": 0}, [
            ("wp:extent", {"cx": cx, "cy": cy}),
            ("wp:effectExtent", {"l": 0, "t": 0, "r": 0, "b": 0}),
            ("wp:docPr", {"id": 1000 + number, "name": figure_name(number), "descr": data.alt_text(), "title": data.title}),
            ("wp:cNvGraphicFramePr",),
            ("a:graphic", {}, [("a:graphicData", {"uri": C}, [("c:chart", {"r:id": rid})])])])]),
        ("w", "wp", "a", "c", "r")))
