"""Render a deck through LibreOffice and lay its slides out as one PNG (docs/deck-contact-sheet.png).

Usage: python tools/contact_sheet.py output/01-转型发展/01-转型发展-发布会.pptx docs/deck-contact-sheet.png
Needs soffice and pdftoppm (Debian: libreoffice-impress, poppler-utils).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image


def main(deck: str, target: str, columns: int = 6, dpi: int = 30) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, deck], check=True, capture_output=True)
        pdf = next(Path(tmp).glob("*.pdf"))
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), f"{tmp}/s"], check=True)
        pages = [Image.open(p).convert("RGB") for p in sorted(Path(tmp).glob("s-*.png"))]
    w, h = pages[0].size
    rows = (len(pages) + columns - 1) // columns
    gap = 6
    sheet = Image.new("RGB", (columns * (w + gap) + gap, rows * (h + gap) + gap), "#9a9a9a")
    for i, page in enumerate(pages):
        r, c = divmod(i, columns)
        sheet.paste(page, (gap + c * (w + gap), gap + r * (h + gap)))
    sheet.save(target, optimize=True)
    print(f"{len(pages)} slides -> {target} {sheet.size}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
