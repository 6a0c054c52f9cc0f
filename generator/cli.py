"""Command line: thin commands, heavy imports inside them, one exit boundary (0 ok, 1 user error, 2 usage, 3 bug)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import messages
from .arguments import undecodable
from .errors import ContentError, GeneratorError, UsageError
from .messages import _
from .parsing import parser

EXIT_OK, EXIT_USER, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


def main(argv: list[str] | None = None) -> int:
    """Messages in Chinese unless --lang en or an English locale asks for English (messages.py)."""
    before = messages.language()
    messages.use(messages.from_arguments(sys.argv[1:] if argv is None else argv))
    try:
        return _main(argv)
    finally:
        messages.use(before)


def _main(argv: list[str] | None) -> int:
    if bad := undecodable(sys.argv[1:] if argv is None else argv):  # before argparse, which would print its usage
        return print(bad, file=sys.stderr) or EXIT_USAGE
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
        print(_("{n} error(s); nothing was written.", n=n), file=sys.stderr)
        return EXIT_USER
    except UsageError as exc:
        print(_("error: {problem}", problem=exc), file=sys.stderr)
        return EXIT_USAGE
    except GeneratorError as exc:
        print(_("error: {problem}", problem=exc), file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print(_("error: interrupted; finished outputs are intact"), file=sys.stderr)
        return EXIT_USER
    except BrokenPipeError:  # the output was piped into a command that stopped reading (head)
        return EXIT_OK
    except OSError as exc:  # the file system said no: a permission, a full disk, a path that is a file …
        print(_("error: cannot write or read {file}: {reason}. Check that the folder exists, that you may write there "
                "and that the disk has room; nothing already written was damaged", file=exc.filename or _("a file"),
                reason=exc.strerror or exc), file=sys.stderr)
        return EXIT_USER
    except Exception as exc:  # a bug, not a content problem: say so
        if args.debug:
            raise
        print(_("error: internal error: {kind}: {problem}\nThis is a bug in the generator, not in your content. Rerun "
                "with --debug for the traceback.", kind=type(exc).__name__, problem=exc), file=sys.stderr)
        return EXIT_BUG


def cmd_check(args) -> int:
    from .build.pipeline import load

    project, _theme, findings = load(Path(args.content))
    for f in findings:
        print(f)
    n_err = sum(1 for f in findings if f.severity == "error")
    n_warn = sum(1 for f in findings if f.severity == "warning")
    n_held = sum(1 for f in findings if f.severity == "withheld")  # listed, never a problem (not even --strict)
    metrics = sum(len(c.model.metrics()) for c in project.conferences)
    print(_("checked {n} conference(s), {metrics} metrics: {errors} error(s), {warnings} warning(s)",
            n=len(project.conferences), metrics=metrics, errors=n_err, warnings=n_warn)
          + (_(", {n} item(s) withheld", n=n_held) if n_held else ""))
    if args.strict and n_warn:
        print(_("error: --strict: warnings count as errors"), file=sys.stderr)
        return EXIT_USER
    return EXIT_OK


BUILDS = {"deck": (("deck",), False, False), "brief": (("brief",), False, False),  # kinds, PDF copies, page
          "build": (("deck", "brief", "release", "release_text", "script", "infographic", "open_data", "datapackage"),
                    True, True),
          "pdf": (("deck", "brief"), True, False)}


def cmd_build(args) -> int:
    """deck, brief, build and pdf."""
    from .build.commands import build_outputs
    from .report import Report

    kinds, pdf, page = BUILDS[args.command]
    build_outputs(args, kinds, Report(), pdf and not getattr(args, "no_pdf", False), page)
    return EXIT_OK


def cmd_live(args) -> int:
    """watch and serve: rebuild on every save (serve also serves the page and refreshes it)."""
    from .build.commands import serve_outputs, watch_outputs
    from .report import Report

    return serve_outputs(args, Report, BUILDS["build"][0]) if args.command == "serve" else watch_outputs(args, Report)


def cmd_sign(args) -> int:
    from .build.commands import sign_outputs
    from .report import Report

    return sign_outputs(args, Report())


def cmd_schema(args) -> int:
    from .content.schema import write_schemas

    for path in write_schemas(Path(args.out)):
        print(_("wrote {file}", file=path.as_posix()))
    return EXIT_OK


def cmd_ingest(args) -> int:
    from .ingest.draft import ingest

    r = ingest(Path(args.source), Path(args.output), args.force)
    print(_("read {file}: {themes} theme(s), {paragraphs} highlight(s)/paragraph(s), {figures} figure(s) -> {metrics} "
            "metric candidate(s), every one marked 待核对", file=args.source, themes=r.themes, paragraphs=r.paragraphs,
            figures=r.figures, metrics=r.metrics))
    for line, text in r.unplaced:
        print(_("  could not place line {line}: {text!r}", line=line, text=text))
    for what in r.left_out:
        print(_("  left out: {what}", what=what))
    print(_("wrote {file}; run `python -m generator check` after adding it to series.yaml", file=args.output))
    return EXIT_OK


def cmd_layouts(args) -> int:
    from .build.commands import describe_layouts

    template = Path(args.template) if args.template else None
    for line in describe_layouts(template, Path(args.content), Path(args.out) if args.out else None, args.theme):
        print(line)
    return EXIT_OK


def cmd_template(args) -> int:
    from .build.commands import write_template

    for line in write_template(Path(args.output), Path(args.content), args.force):
        print(line)
    return EXIT_OK


def cmd_new(args) -> int:
    from .content.scaffold import new_conference

    path = new_conference(Path(args.content), args.slug, args.title)
    print(_("wrote {file} and added it to series.yaml", file=path.as_posix()))
    return EXIT_OK


def cmd_sheet(args) -> int:
    if args.sheet_command == "export":
        from .sheet.export import export

        for path in export(Path(args.content), Path(args.out), args.only, Path(args.output) if args.output else None):
            print(_("wrote {file}", file=path.as_posix()))
        return EXIT_OK
    from .sheet.apply import apply

    done = apply(Path(args.content), Path(args.workbook), args.dry_run, args.force)
    for line in (*done.lines, *done.notes):
        print(line)
    if not done.lines:
        print(_("{file}: no figure differs from the content; nothing to write", file=args.workbook))
        return EXIT_OK
    if args.dry_run:
        print(_("--dry-run: {n} change(s) shown and checked, nothing written", n=len(done.lines)))
        return EXIT_OK
    for path in done.written:
        print(_("wrote {file}: {n} change(s)", file=path.as_posix(), n=len(done.lines)))
    return cmd_check(argparse.Namespace(content=args.content, strict=False))


def cmd_server(args) -> int:
    from . import server
    from .build.commands import import_for_a_server  # run: what `start` starts in the background (server.py)

    return server.serve(main, import_for_a_server) if args.action == "run" else server.manage(args.action)


COMMANDS = {"check": cmd_check, "deck": cmd_build, "brief": cmd_build, "build": cmd_build, "pdf": cmd_build,
            "serve": cmd_live, "watch": cmd_live, "ingest": cmd_ingest, "layouts": cmd_layouts, "template": cmd_template,
            "schema": cmd_schema, "new": cmd_new, "sheet": cmd_sheet, "sign": cmd_sign, "server": cmd_server}
