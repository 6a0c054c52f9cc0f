"""Write requirements.lock: the exact version of every package the project and its test and pictures extras need
(their whole dependency closure), as installed in the environment CI tests in. Run it there after a dependency change:

    python tools/lock.py

Use it as a constraints file, so the README's commands install exactly these versions:

    pip install -e ".[test]" -c requirements.lock
"""
from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

import tomllib
from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
EXTRAS = ("test", "pictures")


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [Requirement(r) for r in project["dependencies"]]
    todo += [Requirement(r) for extra in EXTRAS for r in project["optional-dependencies"][extra]]
    found: dict[str, str] = {}
    env = default_environment()
    while todo:
        req = todo.pop()
        name = _name(req.name)
        if req.marker is not None and not req.marker.evaluate({**env, "extra": ""}):
            continue
        if name in found:
            continue
        dist = metadata.distribution(req.name)
        found[name] = dist.version
        for text in dist.requires or []:
            sub = Requirement(text)
            if sub.marker is None or sub.marker.evaluate({**env, "extra": ""}) or any(
                    sub.marker.evaluate({**env, "extra": e}) for e in req.extras):
                todo.append(sub)
    return found


def main() -> int:
    pins = closure()
    head = list((__doc__ or "").strip().splitlines())
    text = "".join(f"# {line}".rstrip() + "\n" for line in head)
    text += f"# Python {sys.version_info.major}.{sys.version_info.minor}, {len(pins)} packages\n"
    text += "".join(f"{name}=={version}\n" for name, version in sorted(pins.items()))
    (ROOT / "requirements.lock").write_text(text, encoding="utf-8")
    print(f"wrote requirements.lock: {len(pins)} packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
