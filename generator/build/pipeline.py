"""The pipeline: load -> check -> present -> render -> write -> publish; incremental and parallel.

`run` is what deck, brief, build and pdf do; `build` plans the documents, skips what is up to date, presents each
conference once, renders the rest (in parallel) and hands all bytes to the writer.
"""
from __future__ import annotations

import importlib.util
import os
import time
from collections import Counter
from concurrent.futures import as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content.checks import placeholders
from ..content.loader import LoadedConference, Project
from ..errors import ContentError, Finding, GeneratorError, UsageError
from ..messages import _
from ..present.charts import ChartData
from ..present.names import output_key
from ..present.view import ConferenceView, present
from ..project import load_checked, select
from ..render.fit import Measurer, font_file
from ..theme import HouseStyle, load_theme, named_assets, resolve_asset
from ..writer import commit, discard, normalise_zip, stage, write_bytes, zip_stamp
from .fingerprint import generator_fingerprint
from .kinds import KINDS, Inputs, OutputKind, documents
from .memory import font_metrics, remember_in_user_store
from .signing import make_redlines
from .store import ChartParts, ChartPictures, SlideRecords, Store, build_store, sha
from .up_to_date import Manifest
from .workers import EarlyPool, KeptWorkers, executor


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    charts_drawn: int = 0
    charts_cached: int = 0
    views: dict[Path, ConferenceView] = field(default_factory=dict)  # conference file -> its view, as presented


@dataclass(frozen=True)
class Job:
    kind: OutputKind
    loaded: LoadedConference
    path: Path
    key: str  # the output's path inside out/, as the manifest names it
    inputs: str  # fingerprint of everything the output is made from


@dataclass(frozen=True)
class Shared:
    """What every job of a build reads besides its own conference, read once: the assets and their joint hash."""

    logo: bytes | None
    template: bytes | None
    reference: bytes | None
    measure_file: str | None
    digest: str


@dataclass(frozen=True)
class Stores:
    pictures: ChartPictures
    parts: ChartParts | None
    slides: SlideRecords | None
    store: Store  # the build folder's store: the sections above are views of its one root, pruned as one


# ---------------------------------------------------------------- work done in worker processes


def render_document(kind: str, view: ConferenceView, inputs: Inputs) -> bytes:
    made = KINDS[kind].render(view, inputs)  # type: ignore[misc]
    return normalise_zip(made, inputs.stamp) if KINDS[kind].package else made


def render_documents(kinds: tuple[str, ...], view: ConferenceView, inputs: tuple[Inputs, ...]) -> list[bytes]:
    """One conference's documents of one family, one after the other in one worker (see OutputKind.family)."""
    return [render_document(kind, view, given) for kind, given in zip(kinds, inputs)]


def render_chart(data: ChartData, theme: HouseStyle) -> bytes:
    from ..render.chart_image import chart_png

    return chart_png(data, theme)


# ---------------------------------------------------------------- planning and running


def _read(path: Path | None) -> bytes:
    return path.read_bytes() if path else b""


def gaps(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Content file -> what keeps it a draft: missing and unverified figures, editorial remarks."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        if f.gap:
            out.setdefault(f.file, []).append(f)
    return out


class Presented(dict):
    """Conference file -> its view, presented once, when a job first asks for it: a series' first documents are
    rendering while this process presents the others (the twenty views of a series took 0.1 s before any worker
    had work)."""

    def __init__(self, project: Project, loaded: dict[Path, LoadedConference], drafts: dict[str, list[Finding]]):
        super().__init__()
        self.project, self.loaded, self.drafts = project, loaded, drafts

    def __missing__(self, path: Path) -> ConferenceView:
        conference = self.loaded[path]
        view = self[path] = present(self.project.series, conference.model, conference.source.file in self.drafts)
        return view


def _shared(project: Project, theme: HouseStyle) -> Shared:
    def asset(rel: str | None, what: str) -> bytes | None:
        return _read(resolve_asset(project.root, rel, what)) if rel else None

    logo = asset(theme.logo, "logo") or None
    measure_file = font_file(theme, project.root)
    template, reference = asset(theme.deck_template, "deck_template"), asset(theme.brief_reference, "brief_reference")
    theme_path = resolve_asset(project.root, project.series.theme, "theme")
    digest = sha(generator_fingerprint(), os.environ.get("SOURCE_DATE_EPOCH", ""),  # it dates the zip entries
                 _read(project.series_path), _read(theme_path), logo or b"",
                 _read(Path(measure_file)) if measure_file else b"", template or b"", reference or b"")
    return Shared(logo, template, reference, measure_file, digest)


def _plan(conferences: list[LoadedConference], out: Path, kinds: tuple[OutputKind, ...], shared: Shared,
          manifest: Manifest, skip_current: bool, result: BuildResult) -> list[Job]:
    """The jobs whose output is missing, changed by hand or made from other inputs; the rest are listed as skipped."""
    todo = []
    for loaded in conferences:
        for kind in kinds:
            key = output_key(loaded.model, kind.file_name)
            job = Job(kind, loaded, out / key, key, sha(shared.digest, kind.name, _read(loaded.path)))
            if skip_current and manifest.up_to_date(job.path, key, job.inputs):
                result.skipped.append(job.path)
            else:
                todo.append(job)
    return todo


def _stores(out: Path, theme: HouseStyle, shared: Shared, use_cache: bool, force: bool) -> Stores:
    salt = sha(generator_fingerprint(), theme.model_dump_json())  # the look
    store = build_store(out, salt, read=not force)
    slides = build_store(out, sha(salt, shared.digest), read=not force)  # slides hang on template, logo, font too
    pictures = build_store(out, salt, read=use_cache and not force)
    return Stores(ChartPictures(pictures), ChartParts(store) if use_cache else None,
                  SlideRecords(slides) if use_cache else None, store)


def _pictures(todo: list[Job], views: dict[Path, ConferenceView], theme: HouseStyle, stores: Stores,
              result: BuildResult) -> tuple[dict[str, dict[str, str]], dict[str, bytes], dict[str, ChartData]]:
    """For brief_charts: picture, each job's chart id -> picture key, the pictures kept, and those to draw."""
    wanted: dict[str, dict[str, str]] = {}
    images: dict[str, bytes] = {}
    to_draw: dict[str, ChartData] = {}
    if theme.brief_charts != "picture":  # native charts need no drawing
        return wanted, images, to_draw
    if importlib.util.find_spec("matplotlib") is None:  # an optional extra: only pictures need it
        raise GeneratorError(_("brief_charts: picture in the theme needs matplotlib, which is not installed: run "
                               "pip install -e \".[pictures]\", or set brief_charts: native"))
    for job in (j for j in todo if j.kind.pictures):
        own = wanted[job.key] = {}
        for t in views[job.loaded.path].themes:
            for data in t.charts:
                own[data.id] = key = stores.pictures.key(repr(data))
                cached = stores.pictures.get(key)
                if cached is not None:
                    images[key] = cached
                    result.charts_cached += 1
                else:
                    to_draw[key] = data
    return wanted, images, to_draw


def _render(todo: list[Job], views: dict[Path, ConferenceView], base: Inputs, pictures, jobs: int | None,
            early: EarlyPool | None, arrived) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Every job's bytes, and the pictures drawn; `arrived(key, bytes)` hears of each job's as it comes. Jobs showing
    pictures wait for them; when none is to be drawn they go first (an idle worker takes the first task, and the
    briefing's early worker is warm first: python-docx loads in half the time of python-pptx)."""
    wanted, images, to_draw = pictures
    counts = Counter(j.kind.name for j in todo)
    preload = {KINDS[name].warm for name, n in counts.items() if n > 1} | ({"pictures"} if len(to_draw) > 2 else set())
    ordered = sorted(todo, key=lambda j: j.kind.pictures == bool(to_draw))
    by_family: dict[tuple, list[Job]] = {}  # a conference's documents of one family go to one worker, in this order
    for job in ordered:
        by_family.setdefault((job.loaded.path, job.kind.family or job.kind.name), []).append(job)
    groups = list(by_family.values())
    waits = [bool(to_draw) and any(j.kind.pictures for j in group) for group in groups]
    with executor(jobs, len(groups) + len(to_draw), preload, early) as pool:
        def submit(group: list[Job]):
            inputs = tuple(replace(base, stamp=zip_stamp(job.loaded.model.date),
                                   images={cid: images[key] for cid, key in wanted.get(job.key, {}).items()})
                           for job in group)
            return pool.submit(render_documents, tuple(j.kind.name for j in group), views[group[0].loaded.path],
                               inputs)

        futures = {submit(group): group for group, wait in zip(groups, waits) if not wait}
        drawn = {key: pool.submit(render_chart, data, base.theme) for key, data in to_draw.items()}
        images.update({key: future.result() for key, future in drawn.items()})
        futures.update({submit(group): group for group, wait in zip(groups, waits) if wait})
        done = {}
        for future in as_completed(futures):
            for job, data in zip(futures[future], future.result()):
                done[job.key] = data
                arrived(job.key, data)
        return done, {k: images[k] for k in to_draw}


def build(project: Project, conferences: list[LoadedConference], out: Path, kinds: tuple[str, ...],
          jobs: int | None = None, use_cache: bool = True, findings: list[Finding] | None = None,
          theme: HouseStyle | None = None, early: EarlyPool | None = None, force: bool = False) -> BuildResult:
    """Render everything that changed, in memory first, then write: a failure leaves every earlier output as it was.

    `findings` are the checks' and `theme` the loaded house style (each read here when not given); a conference
    with gaps is built as a draft. `force` makes everything again, as without the cache, but keeps what it makes
    for the builds after (watch's first build)."""
    from ..content.checks import check_project

    drafts = gaps(check_project(project) if findings is None else findings)
    theme = theme or load_theme(project.root, project.series.theme)
    shared = _shared(project, theme)
    manifest = Manifest.load(out) if use_cache and not force else Manifest(out / ".cache" / "manifest.json")
    result = BuildResult()
    todo = _plan(conferences, out, documents(kinds), shared, manifest, use_cache and not force, result)
    if not todo:
        return result
    started = time.time() - 1.0  # kept entries used from here on are this build's (file times are coarser)
    stores = _stores(out, theme, shared, use_cache, force)
    views = result.views = Presented(project, {job.loaded.path: job.loaded for job in todo}, drafts)
    pictures = _pictures(todo, views, theme, stores, result)
    # a theme's own measuring font: its widths from the user's store, read here once for every worker; the shipped
    # widths (no font named) each worker reads itself, the warm ones while this process loads the content
    measured = use_cache and shared.measure_file and any("measure" in j.kind.needs for j in todo)
    base = Inputs(theme=theme, measure=Measurer(shared.measure_file, font_metrics(shared.measure_file) if measured else None),
                  logo=shared.logo, template=shared.template, reference=shared.reference, parts=stores.parts,
                  slides=stores.slides)
    # each document is staged on disk as its worker hands it over, while the others render, and all are put in place
    # once every one is made: a failure still leaves every earlier output as it was
    path_of = {job.key: job.path for job in todo}
    staged: dict[str, Path] = {}
    try:
        rendered, drawn = _render(todo, views, base, pictures, jobs, early,
                                  lambda key, data: staged.__setitem__(key, stage(path_of[key], data)))
        result.charts_drawn = len(drawn)
        for job in sorted(todo, key=lambda j: j.key):
            result.written.append(commit(staged.pop(job.key), job.path))
            manifest.record(job.key, job.inputs, rendered[job.key])
    finally:
        for left in staged.values():
            discard(left)
    if use_cache:
        for key, png in drawn.items():
            stores.pictures.put(key, png)
        manifest.save()
        stores.store.prune(since=started)
    return result


# ---------------------------------------------------------------- the commands' pipeline


def write_page(project: Project, out: Path, findings: list[Finding], theme: HouseStyle,
               known: dict[Path, ConferenceView] | None = None) -> Path:
    """The download page for every conference of the series (not only --only's): it links what is on disk.
    `known`: the views the build presented, by conference file (the others are presented here)."""
    return write_bytes(out / "index.html", page_html(project, out, findings, theme, known))


def page_html(project: Project, out: Path, findings: list[Finding], theme: HouseStyle,
              known: dict[Path, ConferenceView] | None = None) -> bytes:
    from ..present.view import present_series
    from ..publish.page import page_bytes

    template = resolve_asset(project.root, theme.page_template, "page_template")
    drafts = gaps(findings)  # the checks' findings of this run: no second run of the rules
    known = known or {}
    views = [known.get(c.path) or present(project.series, c.model, c.source.file in drafts) for c in project.conferences]
    return page_bytes(template, template.relative_to(project.root).as_posix(), present_series(project.series), views,
                      out, theme.colours)


def refuse_drafts(conferences: list[LoadedConference], findings: list[Finding]) -> None:
    """--final: every gap of the chosen conferences is an error, and nothing is written."""
    files = {c.source.file for c in conferences}
    found = [Finding(f.file, f.line, f.col, f.path, _("not final: {problem}", problem=f.message))
             for file, listed in gaps(findings).items() if file in files for f in listed]
    found += [Finding(f.file, f.line, f.col, f.path, _("not final: {problem}", problem=f.message))
              for c in conferences for f in placeholders(c)]
    if found:
        raise ContentError(found)


def load(content: Path) -> tuple[Project, HouseStyle, list[Finding]]:
    """project.load_checked, with the user's store given to what remembers work across runs (check, layouts); and
    the download page rendered as a build would render it, with no files beside it, and thrown away: a page
    template that fails only when rendered (a macro calling itself, a conference it names that the series lacks, a
    character no file can hold) is refused by `check` at its line, not by the build after the documents."""
    remember_in_user_store()
    project, theme, findings = load_checked(content)
    page_html(project, project.root / f".no-outputs-{os.getpid()}", findings, theme)
    return project, theme, findings


@dataclass(frozen=True)
class Options:
    content: Path
    out: Path
    kinds: tuple[str, ...]  # "deck", "brief"
    only: str | None = None
    jobs: int | None = None
    use_cache: bool = True
    pdf: bool = False
    page: bool = False
    final: bool = False  # refuse to build a draft
    record_as: str | None = None  # remember this build's inputs and outputs under this key (see up_to_date)
    force: bool = False  # make everything again, and keep it (see build)


def run(options: Options, report, kept: KeptWorkers | None = None) -> None:
    """Everything a build command does, in order; `report` is told each step (it prints, the pipeline does not).
    `kept`: workers kept across builds (watch's), used instead of forking new ones."""
    if options.jobs is not None and options.jobs < 1:
        raise UsageError("--jobs takes a whole number of 1 or more")
    recording = options.record_as and options.use_cache
    remember_in_user_store()  # before the early workers fork: they inherit it
    if recording:  # hashed before they are read (see up_to_date.input_hashes)
        from .up_to_date import content_files, input_hashes

        inputs = input_hashes(content_files(options.content), content=True)
    with EarlyPool(options.kinds, options.jobs, kept) as early:  # its workers import the renderers while this loads
        # the store was given above, before the fork; a series' files are read by the workers too
        project, theme, findings = load_checked(options.content, early.each)
        if recording:
            inputs.update(input_hashes(assets_read(project, theme)))
        chosen = select(project, options.only)
        report.start(shown_findings(chosen, findings))
        if options.final:
            refuse_drafts(chosen, findings)
        with report.step("文档 documents"):
            result = build(project, chosen, options.out, options.kinds, jobs=options.jobs,
                           use_cache=options.use_cache, findings=findings, theme=theme, early=early,
                           force=options.force)
        if "brief" in options.kinds:  # a signed briefing: its redline to the current one (signing.py)
            result.written += make_redlines(chosen, options.out)
    report.documents(result)
    if options.pdf or options.page:
        from .copies import PublishResult, make_long_images, make_pdfs

        published = PublishResult()
        if options.pdf:
            with report.step("PDF 与预览 PDF copies and previews"):
                font_map = (resolve_asset(project.root, theme.fonts.pdf_font_map, "fonts.pdf_font_map")
                            if theme.fonts.pdf_font_map else None)
                make_pdfs(chosen, options.out, published, font_map=font_map, fonts=theme.fonts)
            with report.step("一图读懂 long image (Chromium)"):
                make_long_images(chosen, options.out, published)
        if options.page:
            published.written.append(write_page(project, options.out, findings, theme, result.views))
        report.published(published)
    report.summary(options.out)
    # a build that skipped something (no LibreOffice: no PDFs) is not one to stop the next build early
    if recording and not report.notices:
        from .up_to_date import remember

        remember(options.out, options.record_as or "", inputs, report.outputs, report.shown())


def shown_findings(chosen: list[LoadedConference], findings: list[Finding]) -> list[Finding]:
    """The findings of what this build shows: the chosen conferences' (--only) and the series file's."""
    files = {c.source.file for c in chosen}
    return [f for f in findings if f.file in files or f.file.endswith("series.yaml")]


def assets_read(project: Project, theme: HouseStyle) -> list[Path]:
    """The files outside the content folder that a build reads: the theme and every asset it names."""
    named = [(project.series.theme, "theme"), *named_assets(theme), (theme.page_template, "page_template")]
    return [resolve_asset(project.root, rel, what) for rel, what in named if rel]
