"""PowerPoint sections (节): the deck's slides grouped as the conference is, so that an official finds, moves or hides
a theme's slides as one in PowerPoint's or WPS's slide sorter. python-pptx has no API for them: they are the
p14:sectionLst extension of presentation.xml, which LibreOffice ignores and PowerPoint and WPS read."""
from __future__ import annotations

import uuid

from lxml import etree

SECTIONS_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"  # the extension's registered id
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"


def add_sections(prs, sections: list[tuple[str, int, int]], seed: str) -> None:
    """`sections`: (name, first slide index, end index) in order, covering the deck; ids derive from `seed` and the
    name, so the same deck gives the same bytes. A template's other extensions are kept."""
    slide_ids = [sld.get("id") for sld in prs.slides._sldIdLst]
    root = prs.part._element
    ext_list = root.find(f"{{{P}}}extLst")
    if ext_list is None:
        ext_list = etree.SubElement(root, f"{{{P}}}extLst")  # the last child of p:presentation
    for old in ext_list.findall(f"{{{P}}}ext[@uri='{SECTIONS_URI}']"):
        ext_list.remove(old)
    ext = etree.SubElement(ext_list, f"{{{P}}}ext", uri=SECTIONS_URI)
    section_list = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    for k, (name, first, end) in enumerate(sections):
        if end <= first:
            continue
        guid = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{seed}/section/{k}/{name}")).upper() + "}"
        section = etree.SubElement(section_list, f"{{{P14}}}section", name=name, id=guid)
        ids = etree.SubElement(section, f"{{{P14}}}sldIdLst")
        for i in range(first, end):
            etree.SubElement(ids, f"{{{P14}}}sldId", id=slide_ids[i])
