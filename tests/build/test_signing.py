"""Sign-off and redline: `sign` records what a leader approved; later builds write the briefing with tracked changes
from it. Accepting every change gives the current briefing's text, rejecting every change gives the signed one's."""
from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import zipfile

import docx
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.render.ooxml.tracked_changes import redline
from tests.conftest import DRAFT, ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def make(paragraphs: list[str], cells: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if cells:
        table = document.add_table(rows=len(cells), cols=len(cells[0]))
        for i, row in enumerate(cells):
            for j, text in enumerate(row):
                table.cell(i, j).text = text
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def body(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml")).find(f"{W}body")


def resolved(data: bytes, accept: bool) -> list[str]:
    """The paragraphs' texts after accepting (or rejecting) every tracked change, as Word would."""
    tree = body(data)
    keep, drop = ("ins", "del") if accept else ("del", "ins")
    for element in list(tree.iter(f"{W}{drop}")):
        parent = element.getparent()
        if parent.tag == f"{W}rPr":  # a paragraph mark: the paragraph goes
            paragraph = parent.getparent().getparent()
            paragraph.getparent().remove(paragraph)
        elif parent.tag == f"{W}trPr":
            row = parent.getparent()
            row.getparent().remove(row)
        else:
            parent.remove(element)
    for element in list(tree.iter(f"{W}{keep}")):
        parent = element.getparent()
        if parent is None:
            continue
        if parent.tag in (f"{W}rPr", f"{W}trPr"):
            parent.remove(element)
            continue
        for child in list(element):
            element.addprevious(child)
        parent.remove(element)
    for text in tree.iter(f"{W}delText"):
        text.tag = f"{W}t"
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in tree.iter(f"{W}p")]


def texts(data: bytes) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body(data).iter(f"{W}p")]


def changes(data: bytes) -> list[tuple[str, str]]:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    return [(m.group(1), re.sub(r"<[^>]+>", "", m.group(2))) for m in re.finditer(r"<w:(ins|del) [^>]*>(.*?)</w:\1>", xml)]


def test_a_changed_figure_is_struck_whole_and_the_new_one_inserted_whole():
    old = make(["全市地区生产总值2458.8亿元，增长5.1%。", "第二段。"])
    new = make(["全市地区生产总值2460.1亿元，增长5.1%。", "第二段。"])
    marked, n = redline(old, new, "新闻办", "")
    assert changes(marked) == [("del", "2458.8"), ("ins", "2460.1")] and n == 2


def test_deleted_and_inserted_paragraphs_and_a_changed_cell():
    old = make(["保持。", "这一段删去。", "结尾。"], [["指标", "数值"], ["粮食产量", "151.8"]])
    new = make(["保持。", "结尾。", "新增一段。"], [["指标", "数值"], ["粮食产量", "152.0"]])
    marked, n = redline(old, new, "新闻办", "")
    assert ("del", "这一段删去。") in changes(marked) and ("ins", "新增一段。") in changes(marked)
    assert ("del", "151.8") in changes(marked) and ("ins", "152.0") in changes(marked)
    assert n == 4
    deleted_marks = body(marked).findall(f".//{W}pPr/{W}rPr/{W}del")
    assert len(deleted_marks) == 1  # the deleted paragraph's mark goes with it


def test_an_unchanged_briefing_has_no_changes_and_the_same_text():
    data = make(["一。", "二。"], [["a", "b"]])
    marked, n = redline(data, data, "新闻办", "")
    assert n == 0 and texts(marked) == texts(data) and not changes(marked)


paragraph = st.text(alphabet="增长亿元万吨12345.%，。", min_size=1, max_size=12)


@settings(max_examples=30, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=6), st.lists(paragraph, min_size=1, max_size=6))
def test_accepting_every_change_gives_the_current_text_and_rejecting_gives_the_signed(old, new):
    signed, current = make(old), make(new)
    marked, _ = redline(signed, current, "新闻办", "")
    assert resolved(marked, accept=True) == texts(current)
    assert resolved(marked, accept=False) == texts(signed)


def _project(tmp_path, content=ROOT / "content"):
    shutil.copytree(content, tmp_path / "content")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    return tmp_path


def test_sign_then_edit_then_build_writes_the_redline(tmp_path, run):
    project = _project(tmp_path)
    code, out, _ = run(project, "sign")
    assert code == 0 and "01-转型发展" in out and "签发" in out
    folder = project / "output" / "01-转型发展"
    record = json.loads((folder / "签发" / "签发记录.json").read_text(encoding="utf-8"))
    assert set(record["files"]) == {"01-转型发展-发布材料.docx", "01-转型发展-发布会.pptx"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", record["signed_at"]) and len(record["content_sha256"]) == 64
    redlined = folder / "01-转型发展-修改对照.docx"
    assert not changes(redlined.read_bytes())  # just signed: nothing changed yet
    conference = project / "content" / "conferences" / "01-转型发展.yaml"
    text = conference.read_text(encoding="utf-8")
    assert "value: 15\n" in text
    conference.write_text(text.replace("value: 15\n", "value: 16\n", 1), encoding="utf-8")
    code, _, _ = run(project, "build", "--no-pdf")
    assert code == 0
    assert ("del", "15") in changes(redlined.read_bytes()) and ("ins", "16") in changes(redlined.read_bytes())
    page = (project / "output" / "index.html").read_text(encoding="utf-8")
    n = len(changes(redlined.read_bytes()))
    assert f"其后有 {n} 处修改" in page and "已签发（" in page
    assert "01-%E8%BD%AC%E5%9E%8B%E5%8F%91%E5%B1%95-%E4%BF%AE%E6%94%B9%E5%AF%B9%E7%85%A7.docx" in page  # its link
    signed = (folder / "签发" / "01-转型发展-发布材料.docx").read_bytes()
    assert record["files"]["01-转型发展-发布材料.docx"] == hashlib.sha256(signed).hexdigest()  # kept as signed


def test_a_draft_is_never_signed_and_an_unsigned_build_writes_no_redline(tmp_path, run):
    project = _project(tmp_path, DRAFT)
    code, _, err = run(project, "sign")
    assert code == 1 and err.strip()  # the gaps, named
    assert not (project / "output").exists() or not list((project / "output").rglob("签发*"))
    code, _, _ = run(project, "build", "--no-pdf")
    assert code == 0 and not list((project / "output").rglob("*修改对照.docx"))
    assert "已签发" not in (project / "output" / "index.html").read_text(encoding="utf-8")
