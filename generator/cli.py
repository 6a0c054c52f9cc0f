"""Command line: thin commands, heavy imports inside them, one exit boundary (0 ok, 1 user error, 2 usage, 3 bug)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ContentError, GeneratorError, UsageError

EXIT_OK, EXIT_USER, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


def _project_options(p: argparse.ArgumentParser, out: bool = True) -> None:
    p.add_argument("--content", default="content", metavar="DIR", help="content folder holding series.yaml (default: content)")
    if out:
        p.add_argument("--out", default="output", metavar="DIR", help="output folder (default: output)")
        p.add_argument("--only", metavar="N", help="build one conference: its number (1) or file stem (01-转型发展)")
        p.add_argument("--jobs", type=int, default=None, metavar="N",
                       help="worker processes (default: the number of cores; 1 = no pool)")
        p.add_argument("--no-cache", action="store_true", help="rebuild everything, ignoring and not updating the cache")
        p.add_argument("--final", action="store_true",
                       help="refuse to build a draft: list every missing or unverified figure and editorial remark, write nothing")


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m generator",
                                 description="Press-conference decks and briefings from content files.")
    ap.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("check", help="validate all content: schema, arithmetic, missing values")
    _project_options(p, out=False)
    p.add_argument("--strict", action="store_true", help="treat warnings (missing values) as errors")
    p = sub.add_parser("deck", help="write one 16:9 .pptx per conference")
    _project_options(p)
    p = sub.add_parser("brief", help="write one .docx briefing per conference, next to its deck")
    _project_options(p)
    p = sub.add_parser("build", help="check, then write every output: decks, briefings, PDF copies, download page")
    _project_options(p)
    p.add_argument("--no-pdf", action="store_true",
                   help="skip the PDF copies and slide previews (LibreOffice): the quick loop while editing")
    p = sub.add_parser("pdf", help="PDF copies of the decks and briefings (through LibreOffice)")
    _project_options(p)
    p = sub.add_parser("serve", help="serve the output folder on 127.0.0.1 for a quick look")
    p.add_argument("--out", default="output", metavar="DIR", help="folder to serve (default: output)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    p = sub.add_parser("watch", help="rebuild whenever a content, template or theme file is saved")
    _project_options(p)
    p = sub.add_parser("ingest", help="raw press text (.txt, .docx, .pdf) in, a draft content file out")
    p.add_argument("source", help="the press text: .txt, .docx or .pdf")
    p.add_argument("-o", "--output", required=True, metavar="FILE",
                   help="draft to write, e.g. content/conferences/02-draft.yaml (refuses to overwrite)")
    p.add_argument("--force", action="store_true", help="overwrite the draft file if it exists")
    p = sub.add_parser("layouts", help="list a .pptx template's (or a built deck's) layouts and placeholders; write an "
                                       "annotated sample deck")
    p.add_argument("template", nargs="?", default=None,
                   help="a designer's template or a built deck (default: the house template made from the theme)")
    p.add_argument("--content", default="content", metavar="DIR",
                   help="content folder whose theme makes the house template (default: content)")
    p.add_argument("--out", default=None, metavar="FILE", help="annotated deck (default: output/<name>-版式说明.pptx)")
    p.add_argument("--theme", default=None, metavar="FILE", help="theme file whose deck_layouts mapping to show")
    p = sub.add_parser("template", help="write the house master and layouts as a .pptx for a designer to restyle")
    p.add_argument("-o", "--output", default="模板.pptx", metavar="FILE", help="the template to write (default: 模板.pptx)")
    p.add_argument("--content", default="content", metavar="DIR",
                   help="content folder whose theme and logo make it (default: content)")
    p.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    p = sub.add_parser("schema", help="write the JSON Schema of the content files (for VS Code)")
    p.add_argument("--out", default="assets/schema", metavar="DIR", help="folder for the schema files (default: assets/schema)")
    p = sub.add_parser("sheet", help="the figures in an Excel workbook for the statistics bureau, and their corrections back")
    sheet = p.add_subparsers(dest="sheet_command", metavar="ACTION", required=True)
    q = sheet.add_parser("export", help="write one workbook per conference: output/01-…/01-…-数据核对表.xlsx")
    _project_options(q, out=False)
    q.add_argument("--out", default="output", metavar="DIR", help="output folder (default: output)")
    q.add_argument("--only", metavar="N", help="one conference: its number (1) or file stem (01-转型发展)")
    q.add_argument("-o", "--output", default=None, metavar="FILE", help="the workbook to write (with --only)")
    q = sheet.add_parser("apply", help="take a returned workbook's changes into the content files, then check")
    _project_options(q, out=False)
    q.add_argument("workbook", help="the workbook the statistician returned (.xlsx)")
    q.add_argument("--dry-run", action="store_true", help="list the changes, write nothing")
    p = sub.add_parser("new", help="scaffold the next conference's content file")
    _project_options(p, out=False)
    p.add_argument("--slug", required=True, help="short title for file names, e.g. 民生保障")
    p.add_argument("--title", default=None, help="full title of the conference")
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its usage message
        return EXIT_USAGE if exc.code else EXIT_OK
    if not args.command:
        ap.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except ContentError as exc:
        for f in exc.findings:
            print(f, file=sys.stderr)
        n = sum(1 for f in exc.findings if f.severity == "error")
        print(f"{n} error(s); nothing was written.", file=sys.stderr)
        return EXIT_USER
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print("interrupted; finished outputs are intact", file=sys.stderr)
        return EXIT_USER
    except BrokenPipeError:  # the output was piped into a command that stopped reading (head)
        return EXIT_OK
    except OSError as exc:  # the file system said no: a permission, a full disk, a path that is a file …
        where = exc.filename or "a file"
        print(f"error: cannot write or read {where}: {exc.strerror or exc}. Check that the folder exists, that you "
              f"may write there and that the disk has room; nothing already written was damaged", file=sys.stderr)
        return EXIT_USER
    except Exception as exc:  # a bug, not a content problem: say so
        if args.debug:
            raise
        print(f"internal error: {type(exc).__name__}: {exc}\nThis is a bug in the generator, not in your content. "
              f"Rerun with --debug for the traceback.", file=sys.stderr)
        return EXIT_BUG


def cmd_check(args) -> int:
    from .build.pipeline import load

    project, _theme, findings = load(Path(args.content))
    for f in findings:
        print(f)
    n_err = sum(1 for f in findings if f.severity == "error")
    n_warn = len(findings) - n_err
    metrics = sum(len(c.model.metrics()) for c in project.conferences)
    print(f"checked {len(project.conferences)} conference(s), {metrics} metrics: {n_err} error(s), {n_warn} warning(s)")
    if args.strict and n_warn:
        print("--strict: warnings count as errors", file=sys.stderr)
        return EXIT_USER
    return EXIT_OK


def _build(args, kinds: tuple[str, ...], pdf: bool = False, page: bool = False, kept=None) -> int:
    from .build.up_to_date import options_key, unchanged
    from .report import Report

    report = Report()
    content, out = Path(args.content), Path(args.out)
    key = options_key(content, kinds, args.only, args.final, pdf, page)
    force = getattr(args, "force", False)  # watch's first build: everything made, and kept
    record = None if args.no_cache or force else unchanged(out, key, content)
    if record is not None:  # nothing read or written has changed: the libraries need not even be imported
        report.unchanged(record)
        return EXIT_OK
    from .build.pipeline import Options, run

    run(Options(content, out, kinds, args.only, args.jobs, not args.no_cache, pdf, page, args.final, key, force), report,
        kept)
    return EXIT_OK


def cmd_deck(args) -> int:
    return _build(args, ("deck",))


def cmd_brief(args) -> int:
    return _build(args, ("brief",))


def cmd_build(args) -> int:
    return _build(args, ("deck", "brief"), pdf=not args.no_pdf, page=True)


def cmd_pdf(args) -> int:
    return _build(args, ("deck", "brief"), pdf=True)


def cmd_serve(args) -> int:
    from .publish.serve import serve

    folder = Path(args.out)
    if not (folder / "index.html").is_file():
        raise GeneratorError(f"{folder.as_posix()}/index.html not found: run `python -m generator build` first")
    serve(folder, args.port)
    return EXIT_OK


def cmd_watch(args) -> int:
    from .build.workers import KeptWorkers
    from .publish.watch import watch

    # The first build runs in this process and makes everything (force), so that every module and cache the
    # renderers use is loaded here, and the charts and slides it makes are kept for the saves after it; then the
    # workers are forked from this warm process, once, and kept for the builds after it.
    first = argparse.Namespace(**{**vars(args), "jobs": 1, "force": True})
    builds = iter([first])
    with KeptWorkers(args.jobs) as kept:
        def rebuild() -> int:
            this = next(builds, args)  # the first build runs here alone (jobs 1): the workers come after it
            return _build(this, ("deck", "brief"), page=True, kept=None if this is first else kept)

        return watch(args, rebuild, kept)


def cmd_schema(args) -> int:
    from .content.schema import write_schemas

    for path in write_schemas(Path(args.out)):
        print(f"wrote {path.as_posix()}")
    return EXIT_OK


def cmd_ingest(args) -> int:
    from .ingest.draft import ingest

    r = ingest(Path(args.source), Path(args.output), args.force)
    print(f"read {args.source}: {r.themes} theme(s), {r.paragraphs} highlight(s)/paragraph(s), {r.figures} figure(s) "
          f"-> {r.metrics} metric candidate(s), every one marked 待核对")
    for line, text in r.unplaced:
        print(f"  could not place line {line}: {text!r}")
    for what in r.left_out:
        print(f"  left out: {what}")
    print(f"wrote {args.output}; run `python -m generator check` after adding it to series.yaml")
    return EXIT_OK


def _house_template(content: Path) -> bytes:
    """The house master and layouts from the project's theme and logo (the build's own reading of them)."""
    from .build.pipeline import load
    from .render.deck.house_template import template_bytes
    from .theme import resolve_asset

    project, theme, _ = load(content)
    logo = resolve_asset(project.root, theme.logo, "logo").read_bytes() if theme.logo else None
    return template_bytes(theme, logo, f"{project.series.organisers[0]}标志")


def cmd_layouts(args) -> int:
    from .render.deck.layouts import run_layouts

    mapping = {}
    if args.theme:
        from .theme import load_theme

        mapping = dict(load_theme(Path("."), args.theme).deck_layouts)
    template = Path(args.template) if args.template else None
    house = None if template is not None else _house_template(Path(args.content))
    stem = template.stem if template is not None else "模板"
    out = Path(args.out) if args.out else Path("output") / f"{stem}-版式说明.pptx"
    for line in run_layouts(template, out, mapping, house):
        print(line)
    return EXIT_OK


def cmd_template(args) -> int:
    from .render.deck.layouts import run_template

    out = Path(args.output)
    if out.exists() and not args.force:
        raise UsageError(f"{out.as_posix()} exists; use --force to overwrite it (a designer's edits would be lost)")
    for line in run_template(out, _house_template(Path(args.content))):
        print(line)
    return EXIT_OK


def cmd_new(args) -> int:
    from .content.scaffold import new_conference

    path = new_conference(Path(args.content), args.slug, args.title)
    print(f"wrote {path.as_posix()} and added it to series.yaml")
    return EXIT_OK


def cmd_sheet(args) -> int:
    if args.sheet_command == "export":
        from .sheet.export import export

        for path in export(Path(args.content), Path(args.out), args.only, Path(args.output) if args.output else None):
            print(f"wrote {path.as_posix()}")
        return EXIT_OK
    from .sheet.apply import apply

    lines, written = apply(Path(args.content), Path(args.workbook), args.dry_run)
    for line in lines:
        print(line)
    if not lines:
        print(f"{args.workbook}: no figure differs from the content; nothing to write")
        return EXIT_OK
    if args.dry_run:
        print(f"--dry-run: {len(lines)} change(s) shown, nothing written")
        return EXIT_OK
    for path in written:
        print(f"wrote {path.as_posix()}: {len(lines)} change(s)")
    return cmd_check(argparse.Namespace(content=args.content, strict=False))


COMMANDS = {"check": cmd_check, "deck": cmd_deck, "brief": cmd_brief, "build": cmd_build, "pdf": cmd_pdf,
            "serve": cmd_serve, "watch": cmd_watch, "ingest": cmd_ingest, "layouts": cmd_layouts, "template": cmd_template,
            "schema": cmd_schema, "new": cmd_new, "sheet": cmd_sheet}
