"""Write generator/render/font_widths.json: for every character, the widest advance among the faces that draw our documents.

The deck and the briefing name the official faces (微软雅黑, 仿宋_GB2312, Arial …). The PDF copies draw them with the
free faces of assets/fonts/fonts.conf, and an office PC with the real ones. Lines are fitted with this table, so a line
that fits by the table fits in every mapped face, in regular and in bold: the PDF breaks where the measurement said.
CJK ideographs are one em in all of them; Latin letters are where they differ (Liberation Sans's `W` is 7% wider
than Noto Sans CJK's).

Run on a machine with the Debian packages of .ci/run installed: `python tools/font_widths.py`. The table is shipped,
so measuring gives the same result on machines without those fonts.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "generator" / "render" / "font_widths.json"
UPM = 1000
LATIN_END = 0x2000  # Latin, Greek, Cyrillic; General Punctuation (“” — …) onwards is drawn in the CJK face
# the faces fonts.conf maps the official ones to, in the weights the documents use
FACES = ("Noto Sans CJK SC:regular", "Noto Sans CJK SC:bold", "Noto Serif CJK SC:regular", "Noto Serif CJK SC:bold",
         "AR PL UKai CN", "AR PL UMing CN", "Liberation Sans:regular", "Liberation Sans:bold",
         "Liberation Serif:regular", "Liberation Serif:bold")


def advances(path: str, index: int) -> dict[int, float]:
    """Advance widths in em by code point (Basic Multilingual Plane only)."""
    from fontTools.ttLib import TTCollection, TTFont

    collection = path.lower().endswith((".ttc", ".otc"))
    holder = TTCollection(path, lazy=True) if collection else TTFont(path, lazy=True)
    font = holder.fonts[index] if collection else holder
    try:
        upm = font["head"].unitsPerEm
        hmtx = font["hmtx"].metrics
        return {cp: hmtx[name][0] / upm for cp, name in font.getBestCmap().items() if cp <= 0xFFFF and name in hmtx}
    finally:
        holder.close()


def widest(faces: dict[str, dict[int, float]]) -> dict[int, int]:
    table: dict[int, int] = {}
    for widths in faces.values():
        for cp, em in widths.items():
            table[cp] = max(table.get(cp, 0), math.ceil(em * UPM))
    return table


def main() -> int:
    from generator.publish.fonts import installed_face
    from generator.render.fit import width_runs

    faces: dict[str, dict[int, float]] = {}
    for pattern in FACES:
        found = installed_face(pattern)
        if found is None:
            print(f"{pattern}: not installed; install the packages of .ci/run first", file=sys.stderr)
            return 1
        faces[pattern] = advances(str(found[0]), found[1])
    # the briefing sets figures and Latin text in Times New Roman (Liberation Serif in the PDFs): its page model
    # measures them with that face, CJK and shared punctuation (hint eastAsia) with the table above
    serif = widest({k: {cp: em for cp, em in v.items() if cp < LATIN_END} for k, v in faces.items()
                    if k.startswith("Liberation Serif")})
    data = {"upm": UPM, "faces": list(FACES), "runs": width_runs(widest(faces)), "latin_serif": width_runs(serif)}
    TABLE.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)}: {len(data['runs'])} runs, {TABLE.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
