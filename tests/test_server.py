"""The build server (generator/server.py): a served command behaves as the same command in its own process (same
bytes written, same messages, same exit status, in the caller's folder, environment and umask), never runs code
older than the files on disk, and a server is never started by a command that no one typed at a terminal."""
from __future__ import annotations

import ast
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from generator import server

ROOT = Path(__file__).resolve().parent.parent


def test_the_command_is_found_after_the_global_options():
    assert server.command_of(["build", "--no-pdf"]) == "build"
    assert server.command_of(["--lang", "en", "--debug", "check"]) == "check"
    assert server.command_of(["--lang=en", "deck"]) == "deck"
    assert server.command_of(["--la", "en", "deck"]) is None  # an abbreviation: left to argparse in its own process
    assert server.command_of(["-h"]) is None
    assert server.command_of([]) is None
    assert {"watch", "serve", "server"}.isdisjoint(server.SERVED)


def test_the_key_follows_the_interpreter_not_the_callers_folder(monkeypatch):
    path = ["/some/project", *sys.path[1:]]
    key = server.code_key(path)
    assert server.code_key(["/another/project", *sys.path[1:]]) == key  # sys.path[0]: the caller's folder
    assert server.code_key([*path, "/more"]) != key
    monkeypatch.setenv("PYTHONHASHSEED", "7")
    assert server.code_key(path) != key
    monkeypatch.delenv("PYTHONHASHSEED")
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # a served command takes the caller's locale
    assert server.code_key(path) == key


def test_off_and_without_a_folder_nothing_is_served(monkeypatch, tmp_path):
    monkeypatch.setenv("GENERATOR_SERVER", "off")
    assert server.served(["build"]) is None
    monkeypatch.setenv("GENERATOR_SERVER", "")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "missing"))
    assert server.served(["build"]) is None
    assert not (tmp_path / "missing").exists()  # a caller only looks; it makes no folder
    open_to_all = tmp_path / "open"
    (open_to_all / "press-generator").mkdir(parents=True)
    os.chmod(open_to_all / "press-generator", 0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(open_to_all))
    assert server.runtime_dir(make=True) is None  # another user could put a socket there


@pytest.fixture(scope="module")
def runtime():
    """A folder of its own for the servers of these tests (short: a socket's path has at most 107 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="pg-", dir="/tmp"))
    folder.chmod(0o700)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _env(runtime: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GENERATOR_SERVER"}
    return {**env, "XDG_RUNTIME_DIR": str(runtime), **more}


def _generator(cwd: Path, env: dict, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120, **kw)


@pytest.fixture(scope="module")
def running(runtime):
    """A server started as an editor starts one, stopped at the end."""
    started = _generator(ROOT, _env(runtime), "server", "start")
    assert started.returncode == 0, started.stderr
    yield runtime
    _generator(ROOT, _env(runtime), "server", "stop")


def _served(runtime: Path) -> int:
    status = _generator(ROOT, _env(runtime), "server", "status").stdout
    [count] = re.findall(r"已执行 (\d+) 条命令", status)
    return int(count)


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _project(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "assets", folder / "assets")
    return folder


def test_a_served_build_writes_what_its_own_process_writes(running, tmp_path):
    here, there = _project(tmp_path, "here"), _project(tmp_path, "there")
    before = _served(running)
    own = _generator(here, _env(running, GENERATOR_SERVER="off"), "build", "--no-pdf", "--out", "out")
    served = _generator(there, _env(running), "build", "--no-pdf", "--out", "out")  # relative: the caller's folder
    assert _served(running) == before + 1
    assert (own.returncode, served.returncode) == (0, 0), served.stderr
    mine, theirs = _outputs(here / "out"), _outputs(there / "out")
    assert mine.keys() == theirs.keys() and len(mine) > 10
    # the build's record of what it wrote names its folder; everything handed out is the same to the byte
    assert {k: v for k, v in mine.items() if not k.startswith(".cache/")} == \
           {k: v for k, v in theirs.items() if not k.startswith(".cache/")}
    timing = "用时"  # the one line that differs from run to run
    assert [line for line in own.stdout.splitlines() if timing not in line] == \
           [line for line in served.stdout.splitlines() if timing not in line]


def test_a_served_command_fails_as_its_own_process_does(running, make_project):
    folder = make_project((ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
                          .replace("value:", "value: [", 1))
    for args in (("check",), ("build", "--no-pdf"), ("build", "--only", "9"), ("build", "--bogus")):
        before = _served(running)
        own = _generator(folder, _env(running, GENERATOR_SERVER="off"), *args)
        served = _generator(folder, _env(running), *args)
        assert _served(running) == before + 1  # a bad option too: argparse says so in the served process
        assert (served.returncode, served.stdout, served.stderr) == (own.returncode, own.stdout, own.stderr)
        assert own.returncode in (1, 2) and "Traceback" not in served.stderr


def test_a_served_command_takes_the_callers_language_and_umask(running, make_project):
    folder = make_project()
    before = _served(running)
    # served by the same server: a locale that names no installed one turns UTF-8 mode on (PEP 538), with the
    # same encodings, so the same code key
    english = _generator(folder, _env(running, LANG="en_US.UTF-8"), "check")
    assert "checked 1 conference(s)" in english.stdout
    assert _served(running) == before + 1
    private = _generator(folder, _env(running), "deck", "--out", "private", preexec_fn=lambda: os.umask(0o077))
    assert private.returncode == 0, private.stderr
    [deck] = (folder / "private").rglob("*.pptx")
    assert deck.parent.stat().st_mode & 0o077 == 0  # the folder it made, by the caller's umask


def test_a_command_not_typed_at_a_terminal_starts_no_server(tmp_path, make_project):
    folder = make_project()
    runtime = Path(tempfile.mkdtemp(prefix="pg-", dir="/tmp"))
    try:
        done = _generator(folder, _env(runtime), "deck", stdin=subprocess.DEVNULL)
        assert done.returncode == 0, done.stderr
        assert not (runtime / "press-generator").exists()
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


def test_a_killed_servers_socket_is_passed_over(make_project):
    folder = make_project()
    runtime = Path(tempfile.mkdtemp(prefix="pg-", dir="/tmp"))
    try:
        assert _generator(ROOT, _env(runtime), "server", "start").returncode == 0
        [sock] = (runtime / "press-generator").glob("*.sock")
        os.kill(server.control(sock, "status")["pid"], signal.SIGKILL)
        done = _generator(folder, _env(runtime), "deck")  # its socket is left, and refuses: run here
        assert done.returncode == 0, done.stderr
        assert "没有正在运行的构建服务" in _generator(ROOT, _env(runtime), "server", "status").stdout
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


@pytest.mark.slow
def test_changed_code_is_never_served(tmp_path, make_project):
    """A server of a copy of the package; one of its files is then edited: the next command runs in its own process
    (with the edited code) and the server ends."""
    folder = make_project()
    code = tmp_path / "code"
    shutil.copytree(ROOT / "generator", code / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    runtime = Path(tempfile.mkdtemp(prefix="pg-", dir="/tmp"))
    env = _env(runtime)
    try:
        assert _generator(code, env, "server", "start").returncode == 0
        status = _generator(code, env, "server", "status").stdout
        assert str(code / "generator") in status and "已执行 0 条命令" in status
        args = ("check", "--content", str(folder / "content"))
        assert _generator(code, env, *args).returncode == 0
        assert "已执行 1 条命令" in _generator(code, env, "server", "status").stdout  # served
        messages = code / "generator" / "messages.py"
        messages.write_text(messages.read_text(encoding="utf-8").replace(
            '"""The one message catalogue', '"""Edited. The one message catalogue'), encoding="utf-8")
        assert _generator(code, env, *args).returncode == 0  # declined: run with the edited code
        deadline = __import__("time").monotonic() + 10
        while "没有正在运行的构建服务" not in _generator(code, env, "server", "status").stdout:
            assert __import__("time").monotonic() < deadline, "the stale server did not end"
    finally:
        _generator(code, env, "server", "stop")
        shutil.rmtree(runtime, ignore_errors=True)


def test_a_server_has_imported_every_module_a_build_imports(tmp_path):
    """What a served command imports itself is read from disk for every command: a module left out of the server's
    imports costs each build its import again. Checked in a fresh interpreter, as the server starts."""
    project = _project(tmp_path, "p")
    script = ("import os, sys; os.chdir(sys.argv[1])\n"
              "from generator.build.commands import import_for_a_server\n"
              "from generator.cli import main\n"
              "import_for_a_server(); before = set(sys.modules)\n"
              "assert main(['build', '--no-pdf', '--jobs', '1']) == 0\n"
              "print(sorted(m for m in set(sys.modules) - before if m.startswith(('generator', 'pptx', 'docx'))))")
    done = subprocess.run([sys.executable, "-c", script, str(project)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


def test_a_server_holds_code_only():
    """Nothing a command computes is in the server to be inherited: after its imports, every memo of the package is
    empty (a memo filled at import from a file or the environment would outlive the file's next edit), but for the
    XML names (qn: "a:rPr" -> "{http://…}rPr"), a pure function of the code."""
    script = ("import functools, sys\n"
              "from generator.build.commands import import_for_a_server\n"
              "import_for_a_server()\n"
              "filled = {f.__wrapped__.__qualname__ for m in list(sys.modules.values())\n"
              "          if m.__name__.startswith('generator')\n"
              "          for f in vars(m).values() if hasattr(f, 'cache_info') and f.cache_info().currsize}\n"
              "print(sorted(filled))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert set(ast.literal_eval(done.stdout.splitlines()[-1])) <= {"pptx_qn", "docx_qn"}


def test_a_served_command_ends_with_its_caller(running, tmp_path):
    """A caller killed outright (a time limit's SIGKILL) takes its command with it, as its own process would."""
    import time

    folder = _project(tmp_path, "p")
    caller = subprocess.Popen([sys.executable, "-m", "generator", "build", "--no-pdf"], cwd=folder, env=_env(running),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    [sock] = (running / "press-generator").glob("*.sock")
    deadline = time.monotonic() + 30
    while not server.control(sock, "status")["running"]:
        assert time.monotonic() < deadline and caller.poll() is None, "the build was not served"
        time.sleep(0.01)
    caller.kill()
    caller.wait()
    deadline = time.monotonic() + 15
    while server.control(sock, "status")["running"]:
        assert time.monotonic() < deadline, "the served build outlived its caller"
        time.sleep(0.05)


def test_a_command_typed_at_a_terminal_leaves_a_server_for_the_next(make_project):
    """At a terminal (its standard input and error a tty) a command starts a server in the background once it has
    run; the next command is served."""
    import pty
    import time

    folder = make_project()
    runtime = Path(tempfile.mkdtemp(prefix="pg-", dir="/tmp"))
    env = _env(runtime)
    leader, follower = pty.openpty()
    try:
        typed = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=folder, env=env, stdin=follower,
                               stdout=follower, stderr=follower, timeout=120)
        assert typed.returncode == 0
        deadline = time.monotonic() + 60
        while not list((runtime / "press-generator").glob("*.sock")):
            assert time.monotonic() < deadline, "no server was started"
            time.sleep(0.1)
        [sock] = (runtime / "press-generator").glob("*.sock")
        while server.control(sock, "status") is None:
            assert time.monotonic() < deadline, "the server did not answer"
            time.sleep(0.1)
        assert _generator(folder, env, "check").returncode == 0
        assert server.control(sock, "status")["served"] == 1
    finally:
        os.close(leader)
        os.close(follower)
        _generator(ROOT, env, "server", "stop")
        shutil.rmtree(runtime, ignore_errors=True)
