"""Units as ingest reads them: a list of compound units and the general rule that any measure word (量词) after a
figure is its unit. The reader (tables' unit columns) and the figure finder share it."""
from __future__ import annotations

import re

# units as a list of whole words (compound units first: 亿千瓦时 is one unit, not 亿 and a stray 千瓦时) ...
BASE_UNITS = ["个百分点", "百分点", "%", "‰", "倍",
              "微克/立方米", "毫克/立方米", "标准立方米", "立方米", "平方公里", "平方千米", "平方米", "平米", "公里", "千米",
              "厘米", "毫米", "米", "公顷", "亩",
              "千瓦小时", "千瓦时", "瓦时", "千瓦", "兆瓦", "吉瓦", "瓦", "千伏安", "千伏", "伏安",
              "μg/m3", "μg/m³", "mg/m3", "mg/m³", "mg/L", "μg/L", "分贝",
              "吨标准煤", "吨标煤", "标准煤", "吨公里", "人公里", "蒸吨", "吨", "千克", "公斤", "毫克", "微克", "克",
              "标准箱", "标箱", "人次", "架次", "车次", "班次", "艘次", "户次", "批次", "场次", "人日",
              "美元", "欧元", "港元", "日元", "英镑", "元", "GB", "TB", "PB", "℃", "摄氏度",
              "/10万", "/十万", "/万"]  # 发病率238.76/10万: a rate per 100,000
# ... and the general rule: any one measure word (量词) of this class after a figure is its unit (15个, 3列, 2对, 8部)
MEASURE_WORDS = "个件项家户人名位所座台辆套张条处场次批届期轮起株头只匹艘架列对种部枚点篇本册份首幅片块根支栋间层道口眼棵盏" \
                "宗单例床校园笔趟班站段节门针剂粒颗盒箱袋桶罐集款组类桩孔吨亩度升斤成岁线天卷"
MAGNITUDE = r"(?:万亿|千亿|百亿|亿|千万|百万|十万|万|千|百)"
_BASE = "|".join(map(re.escape, BASE_UNITS))
# a measure word that starts a duration or a name is no unit: 5个月, 5个季度, 3个工作日, 2个小时, 10点30分
_ONE_WORD = rf"(?:个(?![月工小钟季])|点(?!\d)|[{MEASURE_WORDS.replace('个', '').replace('点', '')}])"
_UNIT_WORD = rf"(?:{_BASE}|{_ONE_WORD})"
_PER = rf"(?:/(?:{MAGNITUDE}?{_UNIT_WORD}|年|日|小时|月))"  # 万元/人, 万吨/年: a unit per another, or per time
# a magnitude alone is a unit only when it can stand alone (参保人数150万, 4.8亿): 110千伏 is no 110千
_ALIAS = r"(?:（[套间台个户座家辆件张]）)?"  # 180万套（间）, 14.8万台（套）: a second measure word the unit stands for too
UNIT = (rf"(?:(?P<mag>{MAGNITUDE})(?P<more2>余|多)?(?P<base2>{_UNIT_WORD}{_PER}?{_ALIAS})"
        rf"|(?P<more>余|多)?(?P<mag3>{MAGNITUDE})?(?P<base>{_UNIT_WORD}{_PER}?{_ALIAS})"  # 750余万人次
        rf"|(?P<more3>余|多)?(?P<magonly>万亿|千万|百万|亿|万)(?P<more4>余|多)?)")  # 120余万, 3万多
UNITS = sorted(BASE_UNITS + list(MEASURE_WORDS), key=len, reverse=True)  # the list a table's unit is checked against
_UNIT_ONLY = re.compile(rf"^(?:{MAGNITUDE}?{_UNIT_WORD}{_PER}?|{MAGNITUDE})$")


def is_unit(text: str) -> bool:
    """Whether a word reads as a unit: 亿元, 万千瓦时, 万元/人, 列, 万 (a table's column or cell)."""
    return bool(_UNIT_ONLY.match(re.sub(r"(?<=.)[（(][^（）()]{1,3}[）)]$", "", text)))  # 万台（套）: an alias aside


def superscripts(unit: str) -> str:
    """A unit's powers as the page shows them: a text layer or web page loses the superscript (μg/m3 is μg/m³)."""
    return re.sub(r"(?<=[/·]m)([23])$|^(k?m)([23])$", lambda m: (m.group(2) or "") + "²³"[int(m.group(1) or m.group(3)) - 2],
                  unit)
