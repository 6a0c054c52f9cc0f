"""The one resource policy: every bound on what an input may make the tool do, with a name and the reason for it.

A press office runs the tool on files from many hands (a designer's template, a statistician's workbook, a text from
another bureau), so every input is bounded where it is read: a file past a bound is refused with one line naming the
file, its line or field, and the bound. The README's "Limits" table lists each of these with what the user sees, and
tests/hostile/ holds a hostile input for each. Nothing here imports anything: every stage may read it.
"""
from __future__ import annotations

# ---------------------------------------------------------------- content files (content/source.py)
CONTENT_BYTES = 2 * 1024 * 1024 + 512 * 1024  # a conference file is text of hundreds of lines; more is a mistake
CONTENT_LINES = 50_000  # a million tiny items took the YAML parser a minute to refuse
CONTENT_DEPTH = 40  # YAML nesting: the model is six levels deep
INT_DIGITS = 30  # digits of a whole number as written: figures stay below 10^15 (model.py), and past 4,300 digits
# Python refuses to read one at all, in a sentence about sys.set_int_max_str_digits said at the file's first line
SPEAKERS = 30  # people on a conference's platform besides the host: a 发布会 seats a handful; six go on a slide
# the lengths of a text field (content/model.py's Text, Line, Title, Label; the theme's host-script wording too)
TEXT_CHARS = 20_000  # a highlight, a narrative, a note: the seed's longest narrative is some 600 characters
LINE_CHARS = 300  # a lead, a source line, a message, a part of the host's script (主持词): a sentence or two
TITLE_CHARS = 80  # a title: it must fit a slide's title
LABEL_CHARS = 40  # a label, a name, how the host names a speaker: it must fit a key card

# ---------------------------------------------------------------- narratives (present/narrative.py, present/sandbox.py)
TEMPLATE_NODES = 2_000  # jinja nodes in one text: the seed's longest narrative has 120
EXPRESSION_DEPTH = 24  # nesting of one expression ((((…)))), - - - x, a.b.c …): Python's compiler stops near 100
IF_DEPTH = 8  # {% if %} inside {% if %}: jinja's generated code indents once a level, Python stops at 100
VALUE_CHARS = TEXT_CHARS  # any string a template makes on its way, the longest text field's own bound
VALUE_ITEMS = 10_000  # any list, tuple or range a template makes or walks
POWER_DIGITS = 300  # a power whose result would have more digits is refused before it is computed
NARRATIVE_SECONDS = 2.0  # one text renders in microseconds; past this it is refused with its line
# a rendered text may be no longer than its field may be written: content/model.py's Line (300) and Text (20,000)

# ---------------------------------------------------------------- derived formulas (content/checks.py)
FORMULA_CHARS = 500  # 'gdp - gdp.increase' is a handful of characters
FORMULA_DEPTH = 24  # nesting of a formula's parentheses and signs; Python's parser recurses on each

# ---------------------------------------------------------------- the download page's template (publish/page.py)
PAGE_TEMPLATE_BYTES = 512 * 1024  # the shipped page template is 6 KB
PAGE_SECONDS = 2.0  # the page renders in milliseconds; a template that takes longer is looping away
PAGE_CHARS = 5_000_000  # a page that writes more is building something no browser wants

# ---------------------------------------------------------------- theme and logo (theme.py)
FONT_NAME_CHARS = 31  # OOXML's typeface names (w:rFonts, a:latin) take 1 to 31 characters
UNIT_CHARS = 10  # 万千瓦时, 元/平方米: a unit longer than this squeezes the briefing's table columns below zero
LOGO_BYTES = 5 * 1024 * 1024  # a logo is tens of kilobytes
LOGO_PIXELS = 16_000_000  # 4000×4000; a bigger picture is a mistake, or a decompression bomb
LOGO_SIDE = 16  # pixels: a thinner picture scales to a zero-size shape
LOGO_ASPECT = 8  # the longer side at most this many times the shorter: a logo is drawn in a corner box
IMAGE_TEXT_BYTES = 1024 * 1024  # a PNG's text chunks (tEXt, zTXt, iTXt) together, decompressed
FONT_FILE_BYTES = 64 * 1024 * 1024  # measure_file: Noto Sans CJK's collection is 20 MB
FONT_MAP_BYTES = 1024 * 1024  # pdf_font_map: the shipped fontconfig map is 8 KB

# ---------------------------------------------------------------- designer's files: pptx and docx (render/ooxml/package.py)
PACKAGE_BYTES = 50 * 1024 * 1024  # a designer's template with its pictures is a few megabytes
PACKAGE_ENTRIES = 2_000  # zip members: the shipped template has 60
PACKAGE_ENTRY_BYTES = 100 * 1024 * 1024  # one member unpacked
PACKAGE_UNPACKED_BYTES = 200 * 1024 * 1024  # all members unpacked: a zip bomb is refused before anything is unpacked
PACKAGE_RATIO = 200  # unpacked / packed for a member over 1 MB: XML packs about 10:1, a bomb 1000:1
SLIDE_EMU_LEAST = 914_400  # 1 inch: PowerPoint's smallest slide (ST_SlideSizeCoordinate)
SLIDE_EMU_MOST = 51_206_400  # 56 inches: PowerPoint's largest
PLACEHOLDER_SHARE = 0.05  # a title or body placeholder narrower or lower than this share of the slide holds no line
REFERENCE_PAGE_MM_MOST = 558.8  # a reference document's page: Word's largest (22 inches)
REFERENCE_TYPE_AREA_MM = 50  # room for text its margins leave each way: less (or a margin below zero) is no page

# ---------------------------------------------------------------- ingest's sources: .txt, .docx, .pdf (ingest/read.py)
INGEST_BYTES = 5 * 1024 * 1024  # a conference's press text is tens of KB; a bigger file is not one
INGEST_UNPACKED_BYTES = 50 * 1024 * 1024  # a .docx's members unpacked, all together: a press text's is a few hundred KB
INGEST_RATIO = 200  # unpacked / packed for a .docx member over 1 MB: XML packs about 10:1, a zip bomb 1000:1
INGEST_PDF_PAGES = 150  # a work report is 40 pages, a statistical communiqué 30; 20,000 pages took over a minute
INGEST_PDF_SECONDS = 6.0  # reading a PDF's text: pypdf takes 40 ms a page of Chinese, so 150 pages take about 6 s
INGEST_PDF_STREAM_BYTES = 75_000_000  # one PDF stream unpacked: pypdf's own bound (pypdf.Configuration), relied on
INGEST_TEXT_CHARS = 2_000_000  # the text a .docx or .pdf gives: what the largest .txt (INGEST_BYTES of Chinese) holds
FIGURE_DIGITS = 15  # significant digits of a figure ingest takes as a metric: a float keeps 15 exactly, so a longer
# one (a 59-digit figure) would be written changed; it stays in the text, named in the report
INGEST_LINE_CHARS = 50_000  # one line (a .docx paragraph): reading figures looks back along a clause, so a line of
# 2 MB without a stop took minutes; a paragraph longer than a highlight (20,000) is cut anyway

# ---------------------------------------------------------------- the statistician's workbook (sheet/apply.py)
WORKBOOK_BYTES = 20 * 1024 * 1024  # a workbook of a few hundred figures is tens of kilobytes
WORKBOOK_UNPACKED_BYTES = 10 * 1024 * 1024  # what openpyxl unpacks and holds (about 20 times that in memory)
WORKBOOK_PARTS = 2_000  # zip members
WORKBOOK_ROWS = 5_000  # rows read from the figures sheet: one a metric, and a series holds hundreds
WORKBOOK_COLUMNS = 40  # columns read: the sheet has twelve

# ---------------------------------------------------------------- builds (build/)
LOCK_WAIT_SECONDS = 3.0  # a second build into the same --out waits this long for the first, then says "busy"
HASH_FILE_BYTES = 64 * 1024 * 1024  # a file the up-to-date hash reads; a bigger one is named by size and time instead

# ---------------------------------------------------------------- the command line (arguments.py)
PORT_LEAST, PORT_MOST = 1, 65_535  # TCP
