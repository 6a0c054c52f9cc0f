"""The open data (issue 27): <stem>-数据.csv and datapackage.json, reopened with csv and json and checked against the
content: a BOM for Excel, the header is the schema's fields, every cell parses as its field's type, every published
metric is a row with its figures, withheld parts are empty, missing values are empty, signs are kept."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil

import pytest

from generator.content.loader import load_project
from generator.present.wording import num
from tests.conftest import FIXTURES, ROOT

STEM = "01-转型发展"


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark: Excel on a Chinese PC would misread it"
    return list(csv.DictReader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def parses(value: str, kind: str) -> bool:
    if value == "":
        return True  # the schema's missingValues
    if kind == "number":
        float(value)
        return "e" not in value.lower()
    if kind == "integer":
        return str(int(value)) == value
    if kind == "boolean":
        return value in ("true", "false")
    return kind == "string"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The shipped conference's CSV and datapackage.json, built by the pipeline like every kind (no deck needed)."""
    from generator.build.pipeline import build

    folder = tmp_path_factory.mktemp("open-data")
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "assets", folder / "assets")
    project = load_project(folder / "content", folder)
    made = build(project, project.conferences, folder / "output", ("open_data", "datapackage"), jobs=1).written
    assert sorted(p.name for p in made) == [f"{STEM}-数据.csv", "datapackage.json"]
    return folder


def test_the_csv_and_its_datapackage_agree_with_each_other(shipped):
    out = shipped / "output" / STEM
    data = (out / f"{STEM}-数据.csv").read_bytes()
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    [resource] = descriptor["resources"]
    assert (out / resource["path"]).read_bytes() == data
    assert resource["format"] == "csv" and resource["encoding"] == "utf-8" and resource["mediatype"] == "text/csv"
    assert resource["bytes"] == len(data) and resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    fields = resource["schema"]["fields"]
    rows = read_csv(data)
    assert list(rows[0]) == [f["name"] for f in fields]  # the header is the schema's fields, in order
    assert {f["type"] for f in fields} <= {"string", "number", "integer", "boolean"}
    for row in rows:
        for f in fields:
            assert parses(row[f["name"]], f["type"]), (row["id"], f["name"], row[f["name"]])
    ids = [r["id"] for r in rows]
    assert resource["schema"]["primaryKey"] == ["id"] and len(ids) == len(set(ids))


def test_every_published_metric_is_a_row_with_its_figures(shipped):
    project = load_project(shipped / "content", shipped)
    conf = project.conferences[0].model
    rows = {r["id"]: r for r in read_csv((shipped / "output" / STEM / f"{STEM}-数据.csv").read_bytes())}
    published = [m for m in conf.metrics().values() if m.publish]
    assert set(rows) == {m.id for m in published}
    for m in published:
        row = rows[m.id]
        assert row["label"] == m.label and row["unit"] == m.unit
        assert row["value"] == ("" if m.withheld("value") or m.value is None else num(m.value)), m.id
        assert row["year"] == (str(m.year) if m.year else "")
        assert row["derived"] == ("true" if m.derived and row["value"] else "false")
        assert row["source"] == (m.source or conf.source)
        if m.growth and not m.withheld("growth") and m.growth.rate is not None:
            assert float(row["growth_rate"]) == m.growth.rate
        if m.withheld("growth"):
            assert row["growth"] == row["growth_rate"] == ""
    gdp = rows["gdp"]
    assert gdp["rank"] == "全省第四位" and gdp["comparison"] == "较2020年增加836.2亿元" and gdp["base_year"] == "2020"
    assert gdp["status"] == ""  # the shipped conference is final


WITHHOLDING = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace(
    "        metrics:\n",
    "        metrics:\n"
    "          - id: secret\n"
    "            label: 保密指标\n"
    "            value: 777.7\n"
    "            unit: 亿元\n"
    "            key: true\n"
    "            publish: false\n"
    "            note: 尚未经统计部门核实\n"
    "          - id: revenue\n"
    "            label: 财政收入\n"
    "            value: 555.5\n"
    "            unit: 亿元\n"
    "            year: 2024\n"
    "            comparison: {base_year: 2023, base_value: 573.9, increase: -18.4}\n"
    "            growth: {rate: -3.2, kind: 同比, basis: 现价}\n"
    "            withhold: [value]\n"
    "            note: 数值待统计部门核实\n"
    "          - id: fall\n"
    "            label: 能耗强度\n"
    "            value: -4.5\n"
    "            unit: \"%\"\n"
    "            year: 2024\n"
    "            key: true\n",
    1,
)


def test_withheld_parts_are_empty_and_signs_are_kept(make_project, run):
    folder = make_project(WITHHOLDING)
    code, _, err = run(folder, "build", "--no-pdf", "--final", "--jobs", "1")
    assert code == 0, err
    out = folder / "output" / "02-测试"
    files = {p.name: p.read_bytes() for p in (out / "02-测试-数据.csv", out / "datapackage.json",
                                               out / "02-测试-一图读懂.html")}
    rows = {r["id"]: r for r in read_csv(files["02-测试-数据.csv"])}
    assert "secret" not in rows  # publish: false: no row at all
    revenue = rows["revenue"]
    assert revenue["value"] == "" and revenue["base_value"] == ""  # base + increase would give the value back
    assert revenue["growth_rate"] == "-3.2" and revenue["growth"] == "同比下降3.2%"
    assert revenue["increase"] == "-18.4" and revenue["comparison"] == "较2023年减少18.4亿元"
    assert rows["fall"]["value"] == "-4.5"
    assert ">-4.5</span>" in files["02-测试-一图读懂.html"].decode("utf-8")  # the long image keeps the sign too
    for name, data in files.items():
        text = data.decode("utf-8")
        for secret in ("777.7", "保密指标", "555.5", "573.9"):
            assert secret not in text, (secret, name)

