"""The 一图读懂 long image as HTML and CSS (the accessible text version that publish/long_image.py photographs)."""
from __future__ import annotations

from pathlib import Path

from ...present.compiled import CompiledTexts

# the long image's template compiled once on this machine (present/compiled.py): here, so that the build can hand it
# its memory without importing the renderer; the code hangs on the template and the environment document.py makes
COMPILED = CompiledTexts("long image", Path(__file__).with_name("document.py"))
