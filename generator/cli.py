"""Command line: thin commands, heavy imports inside them, one exit boundary (0 ok, 1 user error, 2 usage, 3 bug)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .arguments import SHEET_SPECS, SPECS
from .errors import ContentError, GeneratorError, UsageError

EXIT_OK, EXIT_USER, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


def _subcommands(sub, specs: dict[str, tuple[str, tuple]]) -> dict[str, argparse.ArgumentParser]:
    made = {}
    for name, (help_text, options) in specs.items():
        made[name] = p = sub.add_parser(name, help=help_text)
        for flags, kw in options:
            p.add_argument(*flags, **kw)
    return made


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m generator",
                                 description="Press-conference decks and briefings from content files.")
    ap.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error")
    made = _subcommands(ap.add_subparsers(dest="command", metavar="COMMAND"), SPECS)
    _subcommands(made["sheet"].add_subparsers(dest="sheet_command", metavar="ACTION", required=True), SHEET_SPECS)
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
    n_warn = sum(1 for f in findings if f.severity == "warning")
    n_held = sum(1 for f in findings if f.severity == "withheld")  # listed, never a problem (not even --strict)
    metrics = sum(len(c.model.metrics()) for c in project.conferences)
    print(f"checked {len(project.conferences)} conference(s), {metrics} metrics: {n_err} error(s), {n_warn} warning(s)"
          + (f", {n_held} item(s) withheld" if n_held else ""))
    if args.strict and n_warn:
        print("--strict: warnings count as errors", file=sys.stderr)
        return EXIT_USER
    return EXIT_OK


BUILDS = {"deck": (("deck",), False, False), "brief": (("brief",), False, False),  # kinds, PDF copies, page
          "build": (("deck", "brief", "release", "script", "infographic", "open_data", "datapackage"), True, True),
          "pdf": (("deck", "brief"), True, False)}


def cmd_build(args) -> int:
    """deck, brief, build and pdf."""
    from .build.commands import build_outputs
    from .report import Report

    kinds, pdf, page = BUILDS[args.command]
    build_outputs(args, kinds, Report(), pdf and not getattr(args, "no_pdf", False), page)
    return EXIT_OK


def cmd_serve(args) -> int:
    from .publish.serve import serve

    folder = Path(args.out)
    if not (folder / "index.html").is_file():
        raise GeneratorError(f"{folder.as_posix()}/index.html not found: run `python -m generator build` first")
    serve(folder, args.port)
    return EXIT_OK


def cmd_watch(args) -> int:
    from .build.commands import watch_outputs
    from .report import Report

    return watch_outputs(args, Report)


def cmd_sign(args) -> int:
    from .build.commands import sign_outputs
    from .report import Report

    return sign_outputs(args, Report())


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


COMMANDS = {"check": cmd_check, "deck": cmd_build, "brief": cmd_build, "build": cmd_build, "pdf": cmd_build,
            "serve": cmd_serve, "watch": cmd_watch, "ingest": cmd_ingest, "layouts": cmd_layouts, "template": cmd_template,
            "schema": cmd_schema, "new": cmd_new, "sheet": cmd_sheet, "sign": cmd_sign}
