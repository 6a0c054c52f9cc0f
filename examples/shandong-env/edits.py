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
edit(S, "header comment: the ingest's draft instructions → where the text comes from and that every figure was checked")

S = "Parts"
pa = d["parts"][0]
pa["title"] = "上半年全省环境质量状况"
edit(S, "pa.title: 待补充（篇章标题） → 上半年全省环境质量状况")
pa["themes"] = [air, water]
pb = {"id": "pb", "title": "污染防治攻坚与督察整改", "themes": [eco, law, fix]}
d["parts"].append(pb)
edit(S, "part pb added: id")
edit(S, "pb.title: 污染防治攻坚与督察整改")
edit(S, "pb.themes: the themes 生态补偿, 环保执法 and the 督察 theme moved under it (water stays in pa, after air)")

S = "Theme 空气质量 (ta)"
air["title"] = "空气质量持续改善"
edit(S, "title: 待补充（主题标题） → 空气质量持续改善")
air_new = {"id": air["id"], "title": air["title"],
           "lead": "上半年，全省细颗粒物平均浓度为{{ ma }}，{{ ma.growth_text }}；空气质量优良率为{{ mg }}，{{ mg.compare }}。",
           "message": "细颗粒物平均浓度{{ ma.growth_text }}"}
edit(S, "lead: added")
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
m["mg"]["label"] = "空气质量优良率"
edit(S, "mg.label: 优良率 → 空气质量优良率 (alone on a card it does not say of what)")
air_new.update({k: v for k, v in air.items() if k not in air_new})
air_new["charts"] = [{"id": "air_pollutants_chart", "type": "column", "title": "上半年主要污染物平均浓度", "unit": "μg/m³",
                      "categories": ["PM2.5", "PM10", "二氧化硫", "二氧化氮"],
                      "series": [{"name": "平均浓度", "values": ["ma", "mb", "mc", "md"]}]}]
edit(S, "charts: column chart of the four pollutants' average concentrations (55, 108, 18, 35μg/m³)")
pa["themes"][0] = air_new

S = "Theme 水环境 (tc)"
water_new = {"id": water["id"], "title": "水环境质量持续改善",
             "lead": "上半年，国控地表水断面水质优良比例为{{ mk }}，劣五类水体控制比例为{{ mm }}，均达到并优于年度约束性指标要求。"}
edit(S, "title: 待补充（主题标题） → 水环境质量持续改善")
edit(S, "lead: added")
water_new.update({k: v for k, v in water.items() if k not in water_new})
pa["themes"][1] = water_new
labels = [("mk", "国控地表水断面水质优良（Ⅰ-Ⅲ类）比例", "国控地表水断面水质优良比例", "shorter on a card"),
          ("ml", "达到并优于年度约束性指标要求", "优良比例优于年度约束性指标", "a verb phrase: say of what"),
          ("mn", "达到并优于年度约束性指标要求（二）", "劣五类比例优于年度约束性指标", "a verb phrase: say of what"),
          ("mp", "水质达到或优于Ⅲ类标准", "水质达到或优于Ⅲ类的水源地", "says what is counted"),
          ("mq", "达标率", "饮用水水源地水质达标率", "of what"),
          ("mr", "黑臭水体", "城市建成区黑臭水体", "where they are: 17市城市建成区的165个黑臭水体"),
          ("ms", "已整治", "已整治完成的黑臭水体", "of what"),
          ("mt", "总体整治完成率", "黑臭水体总体整治完成率", "of what")]
for mid, was, now, why in labels:
    assert m[mid]["label"] == was, (mid, m[mid]["label"])
    m[mid]["label"] = now
    edit(S, f"{mid}.label: {was} → {now} ({why})")
assert "comparison" not in m["mk"]
m["mk"]["comparison"] = {"base_label": "去年同期", "points": 0}
edit(S, "mk.comparison: added {base_label: 去年同期, points: 0} (较去年同期持平: the text writes no number, so ingest "
        "writes none)")
for mid, why in (("mo", "52个水源地, a count"), ("mp", "51个, a count"),
                 ("mq", "达标率98.1%: three cards, the two 水十条 ratios and the 黑臭水体 completion, say the theme"),
                 ("mr", "165个黑臭水体, a count")):
    assert m[mid].pop("key")
    edit(S, f"{mid}.key: removed ({why})")
m["mt"]["key"] = True
edit(S, "mt.key: true (黑臭水体总体整治完成率, a headline figure)")

S = "Theme 生态补偿 (tb)"
eco_new = {"id": eco["id"], "title": eco["title"], "lead": "生态补偿考核结果显示，上半年省级财政共补偿各市资金{{ mh }}。"}
edit(S, "lead: added (the title, 生态补偿, is ingest's: the paragraph's own topic words)")
eco_new.update({k: v for k, v in eco.items() if k not in eco_new})
pb["themes"][0] = eco_new

S = "Theme 环保执法 (td)"
law_new = {"id": law["id"], "title": law["title"], "lead": "上半年，全省环保部门实施处罚环境违法案件{{ mu }}，罚款{{ mv }}。"}
edit(S, "lead: added (the title, 环保执法, is ingest's: 环保执法方面，…)")
law_new.update({k: v for k, v in law.items() if k not in law_new})
for mid, was, now in (("mv", "罚款", "环境违法案件罚款"), ("mx", "罚款", "按日连续处罚案件罚款")):
    assert m[mid]["label"] == was, (mid, m[mid]["label"])
    m[mid]["label"] = now
    edit(S, f"{mid}.label: {was} → {now} (two metrics were both 罚款: the subject of the 其中 clause)")
law_new["charts"] = [{"id": "enforcement_cases_chart", "type": "bar", "title": "上半年各类环境违法案件", "unit": "件",
                      "categories": ["按日连续处罚", "查封、扣押", "限制生产、停产整治", "移送行政拘留", "移送涉嫌犯罪"],
                      "series": [{"name": "案件数", "values": ["mw", "my", "mz", "maa", "mab"]}]}]
edit(S, "charts: bar chart of the five kinds of case (21, 66, 28, 285, 81件)")
pb["themes"][1] = law_new

S = "Theme 督察整改 (te)"
fix_new = {"id": fix["id"], "title": "推进督察反馈问题整改",
           "lead": "中央第三环境保护督察组向我省反馈意见后，全省各级各部门迅速行动，落实整改方案，压实工作责任，"
                   "全面推进督察反馈问题整改工作。"}
edit(S, "title: 待补充（主题标题） → 推进督察反馈问题整改")
edit(S, "lead: added (the theme's first sentence)")
fix_new.update({k: v for k, v in fix.items() if k not in fix_new})
fix_new["narrative"] = s1 + "\n\n" + fix["narrative"]
edit(S, "narrative: the 大会 sentence from the air theme put first")
assert m["mac"]["label"] == "根据督察反馈意见细化分解的主要问题"
m["mac"]["label"] = "督察反馈主要问题已完成整改"
edit(S, "mac.label: 根据督察反馈意见细化分解的主要问题 → 督察反馈主要问题已完成整改 (what the 23项 are)")
assert m["mac"].pop("key")
edit(S, "mac.key: removed (已完成23项 is said in its sentence; a lone card would take it out of the bullet)")
pb["themes"][2] = fix_new

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
