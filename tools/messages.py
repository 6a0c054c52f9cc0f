"""The message catalogue's upkeep: extract every message id the code passes to _() or N_() into
generator/locale/zh_CN/LC_MESSAGES/generator.po (new ids with an empty translation, ids no longer used dropped),
then compile the .po into generator.mo (what gettext reads at run time).

    python tools/messages.py            # extract, then compile
    python tools/messages.py --check    # exit 1 when an id lacks its Chinese or the .mo is stale (as the tests do)
"""
from __future__ import annotations

import argparse
import ast
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "generator" / "locale" / "zh_CN" / "LC_MESSAGES" / "generator.po"
MO = PO.with_suffix(".mo")
# argparse's own words, which it asks of the catalogue through messages.argparse_gettext
ARGPARSE = ("usage: ", "options", "positional arguments", "show this help message and exit",
            "the following arguments are required: %s", "unrecognized arguments: %s",
            "invalid choice: %(value)r (choose from %(choices)s)", "argument %(argument_name)s: %(message)s",
            "expected one argument", "invalid %(type)s value: %(value)r", "%(prog)s: error: %(message)s\n",
            "ambiguous option: %(option)s could match %(matches)s")
TABLES = (ROOT / "generator" / "arguments.py", ROOT / "generator" / "parsing.py")
HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: zh_CN\\n"\n')


def extract(root: Path = ROOT / "generator") -> dict[str, list[str]]:
    """Every literal first argument of _() and N_() in the package -> where it is used."""
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, []).append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}")
    for path in TABLES:  # the command line's table: its help texts are message ids too
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            texts = []
            if isinstance(node, ast.keyword) and node.arg == "help":
                texts.append(node.value)
            elif isinstance(node, ast.Dict):
                texts += [v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant) and k.value == "help"]
                texts += [v.elts[0] for v in node.values if isinstance(v, ast.Tuple) and v.elts]
            for text in texts:
                if isinstance(text, ast.Constant) and isinstance(text.value, str):
                    found.setdefault(text.value, []).append(f"{path.relative_to(ROOT).as_posix()}:{text.lineno}")
    for msgid in ARGPARSE:
        found.setdefault(msgid, []).append("argparse")
    return found


def _unquote(s: str) -> str:
    return ast.literal_eval(s)


def read_po(path: Path | None = None) -> dict[str, str]:
    """msgid -> msgstr (the header's empty id left out)."""
    path = path or PO
    entries: dict[str, str] = {}
    msgid = msgstr = None
    target = None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if line.startswith("msgid "):
            if msgid:
                entries[msgid] = msgstr or ""
            msgid, msgstr, target = _unquote(line[6:]), "", "id"
        elif line.startswith("msgstr "):
            msgstr, target = _unquote(line[7:]), "str"
        elif line.startswith('"') and target:
            if target == "id":
                msgid = (msgid or "") + _unquote(line)
            else:
                msgstr = (msgstr or "") + _unquote(line)
        elif not line or line.startswith("#"):
            target = None if not line else target
    if msgid:
        entries[msgid] = msgstr or ""
    return entries


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def write_po(entries: dict[str, str], where: dict[str, list[str]], path: Path | None = None) -> None:
    path = path or PO
    out = [HEADER]
    for msgid in sorted(entries):
        out.append(f"#: {' '.join(where.get(msgid, [])[:3])}\nmsgid {_quote(msgid)}\nmsgstr {_quote(entries[msgid])}\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out), encoding="utf-8")


def compile_mo(entries: dict[str, str]) -> bytes:
    """GNU .mo bytes (the format gettext.GNUTranslations reads), translated entries only, ids sorted."""
    items = sorted((k, v) for k, v in entries.items() if v)
    items.insert(0, ("", "Content-Type: text/plain; charset=UTF-8\nLanguage: zh_CN\n"))
    ids = [k.encode("utf-8") for k, _ in items]
    strs = [v.encode("utf-8") for _, v in items]
    n = len(items)
    ids_start = 7 * 4 + 16 * n
    id_offsets, data = [], b""
    for s in ids:
        id_offsets.append((len(s), ids_start + len(data)))
        data += s + b"\0"
    str_offsets, pos = [], ids_start + len(data)
    for s in strs:
        str_offsets.append((len(s), pos))
        pos += len(s) + 1
    header = struct.pack("<7I", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    table = b"".join(struct.pack("<2I", *o) for o in id_offsets) + b"".join(struct.pack("<2I", *o) for o in str_offsets)
    return header + table + data + b"".join(s + b"\0" for s in strs)


def problems() -> list[str]:
    """What --check and the tests refuse: an id without Chinese, a translation whose {fields} differ, a stale .mo."""
    import string

    entries, used = read_po(), extract()
    out = [f"no Chinese for {msgid!r} ({', '.join(used[msgid][:2])})" for msgid in used if not entries.get(msgid)]

    def fields(s: str) -> set[str]:
        try:
            return {f for _, f, _, _ in string.Formatter().parse(s) if f is not None}
        except ValueError:
            return {"<unbalanced braces>"}

    for msgid, msgstr in entries.items():
        if msgstr and "%(" not in msgid and fields(msgid) != fields(msgstr):
            out.append(f"the translation of {msgid!r} has fields {sorted(fields(msgstr))}, not {sorted(fields(msgid))}")
    if not MO.is_file() or MO.read_bytes() != compile_mo(entries):
        out.append(f"{MO.name} is not compiled from its .po: run `python tools/messages.py`")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="report, change nothing")
    args = ap.parse_args()
    if not args.check:
        used = extract()
        old = read_po() if PO.is_file() else {}
        write_po({msgid: old.get(msgid, "") for msgid in used}, used)
        MO.write_bytes(compile_mo(read_po()))
    found = problems()
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
