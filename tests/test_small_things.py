"""Small things (#28): a port in use is said as such; `template -o` into a missing folder is refused and the template
it writes opens on a sample slide per layout."""
from __future__ import annotations

import socket

from pptx import Presentation


def test_a_port_in_use_is_named_with_what_to_do(make_project, run):
    folder = make_project()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _out, err = run(folder, "serve", "--port", str(port), "--no-pdf")
    assert code == 1
    assert err.strip() == f"错误：端口 {port} 已被占用，请换用 --port"


def test_template_into_a_missing_folder_is_refused(make_project, run):
    folder = make_project()
    code, _out, err = run(folder, "template", "-o", "没有的文件夹/模板.pptx")
    assert code == 1
    assert err.strip() == "错误：文件夹 没有的文件夹 不存在；请先建好它，或换一个位置"
    assert not (folder / "没有的文件夹").exists()


def test_the_template_opens_on_a_sample_slide_per_layout(make_project, run):
    folder = make_project()
    code, _out, err = run(folder, "template", "-o", "模板.pptx")
    assert code == 0, err
    prs = Presentation(str(folder / "模板.pptx"))
    layouts = list(prs.slide_layouts)
    assert len(prs.slides) == len(layouts) > 3
    assert [s.slide_layout.name for s in prs.slides] == [layout.name for layout in layouts]
    for slide in prs.slides:  # each sample says which layout it shows, in its title or first placeholder
        texts = [sh.text_frame.text for sh in slide.placeholders if sh.has_text_frame and sh.text_frame.text]
        assert texts and slide.slide_layout.name in texts[0]
