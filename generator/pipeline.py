"""Builds: plan every output, skip what is up to date, render the rest (in parallel), then hand all bytes to the writer."""
from __future__ import annotations

import os
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from .cache import ChartCache, Manifest, font_metrics, generator_fingerprint, sha
from .present.charts import ChartData, chart_data
from .render.fit import Measurer, font_file
from .content.loader import LoadedConference, Project
from .content.model import Conference, Series, file_stem
from .writer import normalise_zip, write_bytes, zip_stamp
from .theme import Theme, load_theme, resolve_asset

SUFFIX = {"deck": "发布会.pptx", "brief": "发布材料.docx"}


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    charts_drawn: int = 0
    charts_cached: int = 0


@dataclass(frozen=True)
class Job:
    kind: str
    loaded: LoadedConference
    path: Path
    key: str  # the output's path inside out/, as the manifest names it
    inputs: str  # fingerprint of everything the output is made from


# ---------------------------------------------------------------- work done in worker processes


def render_deck(series: Series, conf: Conference, theme: Theme, measure: Measurer, logo: bytes | None,
                template: bytes | None) -> bytes:
    from .render.deck import deck_bytes

    return normalise_zip(deck_bytes(series, conf, theme, measure, logo, template), zip_stamp(conf.date))


def render_chart(data: ChartData, theme: Theme) -> bytes:
    from .render.chart_image import chart_png

    return chart_png(data, theme)


def render_brief(series: Series, conf: Conference, theme: Theme, images: dict[str, bytes],
                 reference: bytes | None) -> bytes:
    from .render.briefing import briefing_bytes

    return normalise_zip(briefing_bytes(series, conf, theme, images, reference), zip_stamp(conf.date))


class _Inline(Executor):
    """Runs tasks in this process: --jobs 1, or when there is one task only (no pool start-up to pay)."""

    def submit(self, fn, *args, **kwargs):
        from concurrent.futures import Future

        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future, as a pool would
            future.set_exception(exc)
        return future


def _executor(jobs: int, tasks: int, preload: set[str]) -> Executor:
    """A pool of forked workers. Libraries that several workers will use are imported here first, so each worker
    starts with them loaded; a library only one task needs is left to that worker, to import in parallel."""
    if jobs <= 1 or tasks <= 1:
        return _Inline()
    if "fork" in get_all_start_methods():
        if "deck" in preload:
            import generator.render.deck  # noqa: F401
        if "brief" in preload:
            import generator.render.briefing  # noqa: F401
        if "chart" in preload:
            from .render.chart_image import _pyplot

            _pyplot()
        return ProcessPoolExecutor(max_workers=min(jobs, tasks), mp_context=get_context("fork"))
    return ProcessPoolExecutor(max_workers=min(jobs, tasks))


# ---------------------------------------------------------------- planning and running


def _read(path: Path | None) -> bytes:
    return path.read_bytes() if path else b""


def build(project: Project, conferences: list[LoadedConference], out: Path, kinds: tuple[str, ...],
          jobs: int | None = None, use_cache: bool = True) -> BuildResult:
    """Render everything that changed, in memory first, then write: a failure leaves every earlier output as it was."""
    theme = load_theme(project.root, project.series.theme)
    logo_path = resolve_asset(project.root, theme.logo, "logo") if theme.logo else None
    logo = _read(logo_path) or None
    measure_file = font_file(theme, project.root)
    theme_path = resolve_asset(project.root, project.series.theme, "theme")
    template = _read(resolve_asset(project.root, theme.deck_template, "deck_template")) if theme.deck_template else None
    reference = (_read(resolve_asset(project.root, theme.brief_reference, "brief_reference"))
                 if theme.brief_reference else None)
    shared = sha(generator_fingerprint(), _read(project.series_path), _read(theme_path), logo or b"",
                 _read(Path(measure_file)) if measure_file else b"", template or b"", reference or b"")
    manifest = Manifest.load(out) if use_cache else Manifest(out / ".cache" / "manifest.json")
    result = BuildResult()
    todo: list[Job] = []
    for loaded in conferences:
        for kind in kinds:
            stem = file_stem(loaded.model)
            key = f"{stem}/{stem}-{SUFFIX[kind]}"
            job = Job(kind, loaded, out / key, key, sha(shared, kind, _read(loaded.path)))
            if use_cache and manifest.up_to_date(job.path, key, job.inputs):
                result.skipped.append(job.path)
            else:
                todo.append(job)
    if not todo:
        return result
    charts = ChartCache(out)
    look = theme.model_dump_json()
    wanted: dict[str, tuple[ChartData, str]] = {}  # chart key -> (data, cache key) for the briefings to build
    for job in todo:
        if job.kind == "brief":
            conf = job.loaded.model
            for t in conf.themes():
                for c in t.charts:
                    data = chart_data(c, conf, conf.source or project.series.title)
                    wanted[f"{job.key}#{c.id}"] = (data, sha(generator_fingerprint(), look, repr(data)))
    images: dict[str, bytes] = {}
    to_draw = {}
    for name, (data, key) in wanted.items():
        cached = charts.get(key) if use_cache else None
        if cached is not None:
            images[key] = cached
            result.charts_cached += 1
        else:
            to_draw[key] = data
    workers = jobs or os.cpu_count() or 1
    rendered: dict[str, bytes] = {}
    decks = [j for j in todo if j.kind == "deck"]
    briefs = [j for j in todo if j.kind == "brief"]
    measure = Measurer(measure_file, font_metrics(out, measure_file) if decks and use_cache else None)
    counts = {"deck": len(decks), "brief": len(briefs), "chart": len(to_draw)}
    preload = {kind for kind, n in counts.items() if n > 2 or (kind != "chart" and n > 1)}
    with _executor(workers, len(decks) + len(to_draw) + len(briefs), preload) as pool:
        deck_futures = {j.key: pool.submit(render_deck, project.series, j.loaded.model, theme, measure, logo, template)
                        for j in decks}
        chart_futures = {key: pool.submit(render_chart, data, theme) for key, data in to_draw.items()}
        for key, future in chart_futures.items():
            images[key] = future.result()
        brief_futures = {}
        for j in briefs:
            conf = j.loaded.model
            own = {name.split("#", 1)[1]: images[key] for name, (_, key) in wanted.items() if name.startswith(j.key + "#")}
            brief_futures[j.key] = pool.submit(render_brief, project.series, conf, theme, own, reference)
        for key, future in {**deck_futures, **brief_futures}.items():
            rendered[key] = future.result()
    result.charts_drawn = len(to_draw)
    for job in sorted(todo, key=lambda j: j.key):
        result.written.append(write_bytes(job.path, rendered[job.key]))
        manifest.record(job.key, job.inputs, rendered[job.key])
    if use_cache:
        for key in to_draw:
            charts.put(key, images[key])
        manifest.save()
    return result
