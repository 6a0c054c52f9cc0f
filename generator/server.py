"""The build server: one resident process that has imported the generator, from which each command is forked, so that
`python -m generator build` after an edit does not pay Python's imports again (about 0.3 s of the 0.5 s an edit took:
pydantic's models, python-pptx, python-docx, jinja2, lxml). Gradle's daemon and mypy's dmypy do the same.

A served command sees what it would see in a process of its own:
- it runs in a process forked from the server for it alone, and the server never reads content, a theme or the build
  store (it only imports code), so the command reads every file afresh, as a fresh process does;
- it runs in the caller's folder, with the caller's environment, umask, resource limits and module search path, on the
  caller's own standard input, output and error (passed over the socket: a terminal is still a terminal);
- the caller exits with its status, and passes on Ctrl-C (SIGINT), SIGTERM and SIGHUP; a caller killed outright
  (a time limit's SIGKILL) takes its command with it.

Code never goes stale. The socket's name is a hash of where the code comes from (the package's folder, the interpreter,
its flags and search path, the locale and PYTHON* variables). Before each command the server checks that none of the
files it imported has changed (each module's file and every file of the package: size and time), and if one has,
it declines and ends: the command runs in its own process, and so does every command until a server is started again.

A server starts only when asked (`python -m generator server start`) or after a command run by hand at a terminal;
a script, CI or a test never starts one, but uses one that runs. It ends after IDLE seconds with no command, or on
`python -m generator server stop`. `GENERATOR_SERVER=off` runs every command in its own process. Where fork or Unix
sockets are missing, every command runs in its own process.

This module is imported by every `python -m generator` before anything else, so the client's side uses the standard
library only and stays quick (a few milliseconds).
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import socket
import stat
import struct
import sys
import time
from pathlib import Path

IDLE = 30 * 60  # seconds without a command before a server ends
# The commands a server runs: each reads its files afresh and ends. Not watch and serve (resident themselves, with
# their own workers and converters) nor server (which manages this).
SERVED = frozenset({"check", "deck", "brief", "build", "pdf", "sign", "ingest", "layouts", "template", "schema",
                    "new", "sheet"})
PACKAGE = Path(__file__).resolve().parent
OFF = ("0", "off", "no", "false")
_REPLY = struct.Struct("!cq")  # b"P" the command's pid, b"X" its exit status, b"D" declined (run it yourself)
_LENGTH = struct.Struct("!I")


def enabled() -> bool:
    return (os.environ.get("GENERATOR_SERVER", "").strip().lower() not in OFF and hasattr(os, "fork")
            and hasattr(socket, "AF_UNIX") and hasattr(socket, "send_fds"))


def command_of(argv: list[str]) -> str | None:
    """The subcommand, found as argparse finds it: the first word after the global options (--lang X, --debug).
    Anything else before it (an abbreviation, -h) is left to the command line in its own process."""
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--lang":
            i += 2
        elif word.startswith("--lang=") or word == "--debug":
            i += 1
        else:
            return None if word.startswith("-") else word
    return None


def runtime_dir(make: bool = False) -> Path | None:
    """A folder only this user can enter: $XDG_RUNTIME_DIR/press-generator, else /tmp/press-generator-<uid>. None
    when it is missing (and not to be made: a caller only looks), or is not private (someone else's, or open to
    others)."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(base) / "press-generator" if base else Path("/tmp") / f"press-generator-{os.getuid()}"
    try:
        if make:
            folder.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(folder)
    except OSError:
        return None
    private = stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o077
    return folder if private else None


def code_key(path: list[str] | None = None) -> str:
    """Where this process's code comes from, and what its interpreter fixed at start-up. sys.path[0] is the caller's
    folder under `python -m`, so it is left out: a served command gets the caller's own search path. The locale is
    not part of it: a served command takes the caller's (LC_CTYPE, and the encodings of its streams)."""
    path = sys.path if path is None else path
    env = sorted((k, v) for k, v in os.environ.items() if k.startswith("PYTHON"))
    # UTF-8 mode as the encodings it gives: a Python under the C locale turns it on and sets LC_CTYPE=C.UTF-8 for its
    # children (PEP 538), so the server it starts has it off with the same encodings
    flags = {name: getattr(sys.flags, name) for name in dir(sys.flags)
             if not name.startswith(("_", "n_")) and name not in ("count", "index", "utf8_mode")}
    origin = (str(PACKAGE), sys.executable, sys.version, sorted(flags.items()), sys.warnoptions,
              sorted(sys._xoptions.items()), path[1:], env, sys.getfilesystemencoding(),
              sys.getfilesystemencodeerrors(), _preferred_encoding())
    return hashlib.sha256(repr(origin).encode("utf-8", "surrogateescape")).hexdigest()[:24]


def _preferred_encoding() -> str:
    """What open() writes without an encoding (locale.getpreferredencoding, without importing locale)."""
    import codecs

    if sys.flags.utf8_mode:
        return "utf-8"
    try:
        import _locale

        return codecs.lookup(_locale.nl_langinfo(_locale.CODESET)).name
    except (ImportError, AttributeError, LookupError):
        return "?"


def socket_path(folder: Path, key: str) -> Path:
    return folder / f"{key}.sock"


# --- the caller's side ------------------------------------------------------------------------------------------------

def served(argv: list[str]) -> int | None:
    """Run the command in a server of this code if one runs: its exit status; None when none runs or it declines
    (the caller then runs the command itself)."""
    if not enabled() or command_of(argv) not in SERVED:
        return None
    folder = runtime_dir()
    if folder is None:
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(str(socket_path(folder, code_key())))
        data = _framed(_request(argv))  # a folder deleted under us or a closed standard stream raise: run it here
        sent = socket.send_fds(conn, [data], [0, 1, 2])
        conn.sendall(data[sent:])
        kind, pid = _reply(conn)
    except (OSError, ValueError):  # none runs (no socket, or one left by a server that was killed)
        conn.close()
        return None
    if kind != b"P":
        conn.close()
        return None
    with conn:
        return _wait(conn, int(pid))


def _request(argv: list[str]) -> dict:
    import resource

    limits = {}
    for name in dir(resource):
        if name.startswith("RLIMIT_"):
            with contextlib.suppress(OSError, ValueError):
                limits[name] = resource.getrlimit(getattr(resource, name))
    for fd in (0, 1, 2):
        os.fstat(fd)  # raises when the caller has closed one: then it runs the command itself
    umask = os.umask(0o022)
    os.umask(umask)
    streams = {name: [getattr(sys, name).encoding, getattr(sys, name).errors]
               for name in ("stdin", "stdout", "stderr") if getattr(sys, name) is not None}
    return {"argv": argv, "argv0": sys.argv[0], "cwd": os.getcwd(), "env": dict(os.environ), "umask": umask,
            "limits": limits, "path": sys.path, "streams": streams}


def _framed(message: dict) -> bytes:
    """A message as sent: its length, then its JSON (ASCII: undecodable names, surrogates, survive as escapes)."""
    data = json.dumps(message).encode("ascii")
    return _LENGTH.pack(len(data)) + data


def _read_exactly(conn: socket.socket, size: int, have: bytes = b"") -> bytes:
    """`size` bytes from the socket, after those already `have`; fewer when the other side closed it first."""
    while len(have) < size:
        chunk = conn.recv(size - len(have))
        if not chunk:
            break
        have += chunk
    return have


def _reply(conn: socket.socket) -> tuple[bytes, int]:
    data = _read_exactly(conn, _REPLY.size)
    if len(data) < _REPLY.size:
        return b"", 0
    kind, number = _REPLY.unpack(data)
    return kind, number


def _wait(conn: socket.socket, pid: int) -> int:
    """Pass signals on to the command's process until it sends its exit status."""
    import signal

    def forward(signum, _frame):
        with contextlib.suppress(OSError):
            os.kill(pid, signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)
    try:
        kind, status = _reply(conn)
    except OSError:
        kind, status = b"", 0
    if kind == b"X":
        return int(status)
    from .messages import _, use

    use()
    print(_("error: the build server's process for this command ended without an exit status (killed?); run it "
            "again, or with GENERATOR_SERVER=off in its own process"), file=sys.stderr)
    return 3


def start_after(argv: list[str]) -> None:
    """After a command typed at a terminal: start a server in the background for the next one, unless one runs."""
    if not (enabled() and command_of(argv) in SERVED and _at_terminal()):
        return
    folder = runtime_dir(make=True)
    if folder is not None and not _answers(socket_path(folder, code_key())):
        spawn()


def _at_terminal() -> bool:
    try:
        return os.isatty(0) and os.isatty(2)
    except OSError:
        return False


def _answers(path: Path) -> bool:
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(str(path))
        return True
    except OSError:
        return False
    finally:
        probe.close()


def spawn() -> None:
    """A server for this code (`python -m generator server run`, with this interpreter, its flags and environment: the
    same key), in the background, detached from the caller's terminal and output (a reader of the caller's output
    must not wait for the server)."""
    import subprocess

    flags = subprocess._args_from_interpreter_flags()  # type: ignore[attr-defined]  # the caller's -X, -W …
    subprocess.Popen([sys.executable, *flags, "-m", "generator", "server", "run"],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True, close_fds=True)


def control(path: Path, what: str) -> dict | None:
    """Ask the server at `path` for its status, or to stop: its answer, None when none answers."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.settimeout(10)
        conn.connect(str(path))
        conn.sendall(_framed({"control": what}))
        return json.loads(_read_all(conn) or b"null")
    except (OSError, ValueError):
        return None
    finally:
        conn.close()


def servers() -> list[Path]:
    folder = runtime_dir()
    return sorted(folder.glob("*.sock")) if folder is not None else []


def _read_all(conn: socket.socket) -> bytes:
    chunks = []
    while chunk := conn.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


# --- the server's side ------------------------------------------------------------------------------------------------

def _files() -> dict[str, tuple[int, int]]:
    """Every file the server's code came from: each imported module's, and every file of the package (templates,
    catalogues and tables it reads on first use)."""
    names = {getattr(m, "__file__", None) for m in list(sys.modules.values())}
    for root, dirs, files in os.walk(PACKAGE):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        names.update(os.path.join(root, f) for f in files)
    return {name: _signature(name) for name in names if name}


def _signature(name: str) -> tuple[int, int]:
    try:
        st = os.stat(name)
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


class Server:
    """Imports, then forks one process for each command it is sent, until idle or told to stop."""

    def __init__(self, path: Path, command, warm):
        self.path = path
        self.command, self.warm = command, warm
        self.files: dict[str, tuple[int, int]] = {}
        self.children: set[int] = set()
        self.served = 0
        self.started = time.time()
        self.last = time.monotonic()
        self.listener: socket.socket | None = None
        self.lock_fd = -1

    def run(self) -> int:
        import fcntl

        self.lock_fd = os.open(self.path.with_suffix(".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        for attempt in range(40):  # one that was just told to stop lets go within a moment
            try:
                fcntl.flock(self.lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if attempt == 39:
                    return 0  # another server of this code runs or is starting
                time.sleep(0.05)
        self.warm()
        self.files = _files()
        import gc

        gc.collect()
        gc.freeze()  # what was imported is never collected: a command's collections leave its pages shared
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        staged = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        listener.bind(str(staged))
        os.chmod(staged, 0o600)
        listener.listen(16)
        os.replace(staged, self.path)  # the socket appears only when the server is ready (a dead one's is replaced)
        self.listener = listener
        self.inode = os.stat(self.path).st_ino
        listener.settimeout(1.0)
        try:
            self._loop()
        finally:
            self._close()
        return 0

    def _loop(self) -> None:
        assert self.listener is not None
        while True:
            self._reap()
            if not self.children and time.monotonic() - self.last > IDLE:
                return
            if not self._ours():
                return  # the socket was removed or replaced: no caller can reach this server any more
            try:
                conn, _addr = self.listener.accept()
            except TimeoutError:
                continue
            self.last = time.monotonic()
            with conn:
                if self._handle(conn) == "stop":
                    return

    def _handle(self, conn: socket.socket) -> str:
        conn.settimeout(2)  # a caller sends its request at once; one that does not holds up the others no longer
        fds: list[int] = []
        try:
            uid = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))[1]
            if uid != os.getuid():
                return ""
            request, fds = self._receive(conn)
            if "control" in request:
                return self._control(conn, request["control"])
            if self._stale():
                conn.sendall(_REPLY.pack(b"D", 0))
                return "stop"
            if len(fds) != 3:
                conn.sendall(_REPLY.pack(b"D", 0))
                return ""
            pid = os.fork()
            if pid == 0:
                _command(self.command, conn, request, fds, (self.listener, self.lock_fd))  # never returns
            self.children.add(pid)
            self.served += 1
            return ""
        except (OSError, ValueError):
            return ""
        finally:
            for fd in fds:
                os.close(fd)

    def _receive(self, conn: socket.socket) -> tuple[dict, list[int]]:
        data, fds, _flags, _addr = socket.recv_fds(conn, 65536, 3)
        if len(data) < _LENGTH.size:
            raise ValueError("short request")
        (length,) = _LENGTH.unpack(data[:_LENGTH.size])
        data = _read_exactly(conn, length, data[_LENGTH.size:])
        if len(data) < length:
            raise ValueError("short request")
        return json.loads(data), fds

    def _control(self, conn: socket.socket, what: str) -> str:
        answer = {"pid": os.getpid(), "started": self.started, "served": self.served, "package": str(PACKAGE),
                  "python": sys.executable, "running": len(self.children), "stale": self._stale()}
        conn.sendall(json.dumps(answer).encode("utf-8"))
        return "stop" if what == "stop" else ""

    def _stale(self) -> bool:
        return any(_signature(name) != signature for name, signature in self.files.items())

    def _ours(self) -> bool:
        try:
            return os.stat(self.path).st_ino == self.inode
        except OSError:
            return False

    def _reap(self) -> None:
        for pid in list(self.children):
            try:
                done, _status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                self.children.discard(pid)

    def _close(self) -> None:
        if self._ours():
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        if self.listener is not None:
            self.listener.close()


def _command(command, conn: socket.socket, request: dict, fds: list[int], inherited: tuple) -> None:
    """In the forked process: become the caller's process, run the command, send its exit status, end."""
    import atexit
    import signal

    try:
        listener, lock_fd = inherited
        listener.close()
        os.close(lock_fd)
        for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD):
            signal.signal(signum, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        _become(request, fds)
        conn.settimeout(None)
        conn.sendall(_REPLY.pack(b"P", os.getpid()))
        _end_with_the_caller(conn)
    except BaseException:  # noqa: BLE001 - whatever failed, the caller runs the command itself
        try:
            conn.sendall(_REPLY.pack(b"D", 0))
        finally:
            os._exit(0)
    status = 3
    try:
        status = command(request["argv"])
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - cli.main catches everything else; this is its own failure
        import traceback

        traceback.print_exc()
    finally:
        import threading

        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        # as an ending interpreter does: join the threads left (a pool's manager), then the exit functions
        getattr(threading, "_shutdown", lambda: None)()
        atexit._run_exitfuncs()
        try:
            conn.sendall(_REPLY.pack(b"X", status))
        finally:
            os._exit(status)


def _end_with_the_caller(conn: socket.socket) -> None:
    """A command ends with its caller, as one in the caller's own process would: when the caller is gone (killed by
    a time limit, its terminal closed) the command is interrupted as by Ctrl-C (finished outputs are kept, a build's
    staged ones dropped), and ended outright if it has not stopped ten seconds later."""
    import signal
    import threading

    def watch() -> None:
        with contextlib.suppress(OSError):
            while conn.recv(1):  # the caller sends nothing more: an empty read is its end
                pass
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(10)
        os._exit(1)

    threading.Thread(target=watch, name="caller", daemon=True).start()


def _become(request: dict, fds: list[int]) -> None:
    import locale
    import resource

    for name, (soft, hard) in request["limits"].items():
        which = getattr(resource, name, None)
        if which is not None and resource.getrlimit(which) != (soft, hard):
            resource.setrlimit(which, (soft, hard))  # raising above this server's hard limit fails: declined
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()  # local time by the caller's TZ
    import tempfile

    tempfile.tempdir = None  # the caller's TMPDIR, should the server's imports have asked for one
    try:
        locale.setlocale(locale.LC_CTYPE, "")  # the caller's, as its interpreter set it at start-up
    except locale.Error:
        locale.setlocale(locale.LC_CTYPE, "C")
    os.umask(request["umask"])
    sys.path[:] = request["path"]
    sys.argv[:] = [request["argv0"], *request["argv"]]
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    streams = request["streams"]
    if "stdin" in streams:
        encoding, errors = streams["stdin"]
        sys.stdin = open(0, encoding=encoding, errors=errors, closefd=False)  # noqa: SIM115
    for target, name in ((1, "stdout"), (2, "stderr")):
        encoding, errors = streams.get(name, ("utf-8", "backslashreplace"))
        # as the interpreter opens them: stdout line-buffered only at a terminal, stderr always
        stream = io.TextIOWrapper(open(target, "wb", closefd=False), encoding=encoding, errors=errors,  # noqa: SIM115
                                  line_buffering=name == "stderr" or os.isatty(target))
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


def serve(command, warm) -> int:
    """`python -m generator server run`: serve this code's commands with `command` (the command line's main), after
    `warm` has imported what they use; 0 at once when another server of this code runs or is starting."""
    folder = runtime_dir(make=True)
    if folder is None:
        return 1
    return Server(socket_path(folder, code_key()), command, warm).run()


def manage(action: str) -> int:
    """`python -m generator server start|stop|status`."""
    from .messages import _

    folder = runtime_dir(make=True)
    if not enabled() or folder is None:
        print(_("the build server is off here (GENERATOR_SERVER=off, no fork or Unix sockets, or no private folder "
                "for its socket): every command runs in its own process"))
        return 1 if action == "start" else 0
    if action == "start":
        return _start(socket_path(folder, code_key()))
    answers = [answer for answer in (control(path, action) for path in servers()) if answer is not None]
    for answer in answers:
        state = (_("stopped") if action == "stop" else _("stale: declines commands and ends") if answer["stale"]
                 else _("ready"))
        print(_("build server {pid} for {package} ({python}): {state}; {served} command(s) served",
                pid=answer["pid"], package=answer["package"], python=answer["python"], state=state,
                served=answer["served"]))
    if not answers:
        print(_("no build server runs"))
    return 0


def _start(path: Path) -> int:
    from .messages import _

    answer = control(path, "status")
    if answer is not None and answer["stale"]:  # its code changed since it started: replace it
        control(path, "stop")
        answer = None
    if answer is None:
        spawn()
        deadline = time.monotonic() + 60
        while (answer := control(path, "status")) is None:
            if time.monotonic() > deadline:
                print(_("error: the build server did not start within a minute; commands run in their own process"),
                      file=sys.stderr)
                return 1
            time.sleep(0.05)
    print(_("build server {pid} ready: commands of this code run in processes forked from it, until it has been idle "
            "for {minutes} minutes or `python -m generator server stop`", pid=answer["pid"], minutes=IDLE // 60))
    return 0
