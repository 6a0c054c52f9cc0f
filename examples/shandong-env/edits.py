"""The editor's edits to the ingest draft of the 山东 report, applied one by one and logged: the count in EDITS.md.

    python -m generator ingest tests/ingest/corpus/xinwen_2018_shandong_env.txt -o /tmp/01-环境质量.yaml
    python examples/shandong-env/edits.py /tmp/01-环境质量.yaml /tmp/final.yaml /tmp/edits.txt

writes the final conference (the same as conferences/01-环境质量.yaml) and the numbered list of edits. Each assert
checks that the draft still reads as it did when the edit was made: if ingest changes, the script says where.
"""
import sys

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

with open(sys.argv[1], encoding="utf-8") as source:
    draft = yaml.safe_load(source)
log: list[tuple[str, str, str]] = []  # (section, edit, why)


def edit(section, what, why=""):
    log.append((section, what, why))


d = draft
themes = [t for p in d["parts"] for t in p["themes"]]
air, eco, water, law, fix = themes
m = {x["id"]: x for t in themes for x in t["metrics"]}
by_value = {x["value"]: x for x in m.values()}
S = "The conference"
assert d["title"] == "2018年上半年全省环境质量状况及中央环保督察反馈意见整改落实进展"  # ingest's, kept
assert len(d["parts"]) == 1 and d["parts"][0]["title"] == d["title"]  # ingest's: one part, the conference's title
edit(S, "header comment: the ingest's draft instructions → where the text comes from and that every figure was checked")

S = "Theme 空气质量 (ta)"
air["title"] = "空气质量持续改善"
assert air["lead"].startswith("上半年，全省细颗粒物（PM2.5）平均浓度为{{ ma }}")  # ingest's, kept
edit(S, "title: 待补充（主题标题） → 空气质量持续改善")
air_new = {"id": air["id"], "title": air["title"], "message": "细颗粒物平均浓度{{ ma.growth_text }}"}
edit(S, "message: added (the default read a pollution level, 细颗粒物…55μg/m³, as an achievement)")
s1 = air["highlights"].pop(0)
assert s1.startswith("2018年，山东有史以来")
fix["highlights"].insert(0, s1)
edit(S, "highlight moved to the 督察 theme: 2018年…全省生态环境保护大会…隆重召开 (about the campaign, not the air)")
assert air["highlights"][1].startswith("上半年，全省细颗粒物")
air["highlights"][1] = "环境空气质量综合指数平均为{{ mf }}，{{ mf.growth_text }}。"
edit(S, "air highlight (7 figures in one bullet, six of them the theme's cards) → its one figure not on a card: "
        "环境空气质量综合指数平均为{{ mf }}，{{ mf.growth_text }}。")
first, rest = air["narrative"].split("\n\n", 1)
assert first.startswith(s1)
air["narrative"] = first[len(s1):] + "\n\n" + rest
edit(S, "narrative: the 大会 sentence taken out (it went to the 督察 theme)")
assert m["mg"]["label"] == "环境空气质量优良率"  # ingest's now (the subject named before it in the sentence)
assert [c["values"] for c in air["charts"][0]["series"]] == [["ma", "mb", "mc", "md"]]  # ingest's chart, kept
air_new.update({k: v for k, v in air.items() if k not in air_new})
d["parts"][0]["themes"][0] = air_new

S = "Theme 水环境 (tc)"
water_new = {"id": water["id"], "title": "水环境质量持续改善"}
edit(S, "title: 待补充（主题标题） → 水环境质量持续改善")
water_new.update({k: v for k, v in water.items() if k not in water_new})
d["parts"][0]["themes"][2] = water_new
labels = [("mk", "国控地表水断面水质优良（Ⅰ-Ⅲ类）比例", "国控地表水断面水质优良比例", "shorter on a card"),
          ("mr", "黑臭水体", "城市建成区黑臭水体", "where they are: 17市城市建成区的165个黑臭水体")]
for mid, was, now, why in labels:
    assert m[mid]["label"] == was, (mid, m[mid]["label"])
    m[mid]["label"] = now
    edit(S, f"{mid}.label: {was} → {now} ({why})")
assert m["mk"]["comparison"] == {"base_label": "去年同期", "points": 0}  # ingest's now (较去年同期持平)
assert [x["id"] for x in water["metrics"] if x.get("key")] == ["mk", "mm", "mq", "mt"]  # ingest's now: the rates

S = "Theme 督察整改 (te)"
assert fix["title"] == "推进督察反馈问题整改" and fix["lead"].startswith("中央第三环境保护督察组")  # ingest's
fix["narrative"] = s1 + "\n\n" + fix["narrative"]
edit(S, "narrative: the 大会 sentence from the air theme put first")
assert m["mac"]["label"] == "根据督察反馈意见细化分解的主要问题"
m["mac"]["label"] = "督察反馈主要问题已完成整改"
edit(S, "mac.label: 根据督察反馈意见细化分解的主要问题 → 督察反馈主要问题已完成整改 (what the 23项 are)")
assert m["mac"].pop("key")
edit(S, "mac.key: removed (已完成23项 is said in its sentence; a lone card would take it out of the bullet)")

editorial = len(log)
S = "Confirmations (the check itself)"
for x in [x for p in d["parts"] for t in p["themes"] for x in t["metrics"]]:
    x["status"] = "已核对"
    edit(S, f"{x['id']}.status: 待核对 → 已核对 ({x['label']} {x['value']}{x['unit']}, checked against the text line by line)")

for p in d["parts"]:
    for t in p["themes"]:
        if t.get("narrative"):
            t["narrative"] = LiteralScalarString(t["narrative"].rstrip() + "\n")
header = """# yaml-language-server: $schema=../../assets/schema/conference.schema.json
# 山东省政府新闻办2018年7月25日新闻发布会，出自真实文本 tests/ingest/corpus/xinwen_2018_shandong_env.txt（来源见该目录 SOURCES.md）。
# 由 python -m generator ingest 生成草稿，每个数字都已与原文逐句核对（status: 已核对；note 保留 ingest 摘录的原句）。
# 原文没有的数字一个不写；对草稿的每一处改动记在 ../EDITS.md。
"""
y = YAML()
y.allow_unicode = True
y.width = 4096
y.indent(mapping=2, sequence=2, offset=0)
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write(header)
    y.dump(d, out)
with open(sys.argv[3], "w", encoding="utf-8") as out:
    section = None
    for n, (sec, what, _why) in enumerate(log, 1):
        if sec != section:
            count = sum(1 for s, _, _ in log if s == sec)
            out.write(f"\n## {sec} ({count})\n\n")
            section = sec
        out.write(f"{n}. {what}\n")
print("editorial", editorial, "total", len(log))
