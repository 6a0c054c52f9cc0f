"""`serve`: the output folder over HTTP on 127.0.0.1, as a live preview.

Only regular files inside the output folder are served (a link that leads out of it, a hidden file, a FIFO or a
malformed path is refused with 4xx, never a traceback), and nothing is cached by the browser. Every HTML page gets a
small script that listens on /__events (Server-Sent Events):

- `previews`: slide previews just remade (their links, as the page writes them): the page swaps those pictures in
  place, before the rest of the build is done;
- `building`: a save is being built: until the reload the page says that its PDFs and previews may be older than
  the documents (a page opened meanwhile is told at once);
- `reload`: a build finished: the page reloads;
- `problems`: the content did not pass `check`: the page shows each problem at its file and line until a save
  that passes.
"""
from __future__ import annotations

import errno
import functools
import html
import json
import os
import posixpath
import stat
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import GeneratorError
from ..messages import _

EVENTS = "/__events"
HEARTBEAT_SECONDS = 15

# what the open page is told, in its reader's language
PROBLEMS_TITLE = "内容未通过检查，页面仍是上次生成的结果"
PROBLEMS_HINT = "改正以下位置后保存，页面会自动更新："
BUILDING = "正在生成，完成后本页自动刷新……"
REBUILDING = "正在按刚保存的内容重新生成：完成前，本页的 PDF 和幻灯片预览可能是旧版"

LIVE_SCRIPT = """<script id="press-live">
(() => {
  const events = new EventSource("/__events");
  events.onopen = () => { document.documentElement.dataset.live = "open"; };
  const banner = (id, tag, role, css) => {  // the page's own notice, made once and kept
    let el = document.getElementById(id);
    if (!el) {
      el = document.createElement(tag);
      el.id = id;
      el.setAttribute("role", role);
      el.style.cssText = css;
      document.body.appendChild(el);
    }
    return el;
  };
  const box = () => banner("press-problems", "section", "alert",
    "position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;z-index:9999;"
    + "background:#fff4f4;color:#600;border-top:4px solid #b00;padding:1rem 1.25rem;font:14px/1.6 sans-serif");
  events.addEventListener("previews", (e) => {
    const stamp = Date.now();
    const fresh = new Set(JSON.parse(e.data));
    for (const img of document.querySelectorAll("img")) {
      const src = (img.getAttribute("src") || "").split("?")[0];
      if (fresh.has(src)) { img.src = src + "?v=" + stamp; img.dataset.fresh = stamp; }
    }
  });
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("building", (e) => {
    banner("press-building", "p", "status", "position:fixed;top:0;left:0;right:0;margin:0;z-index:9998;"
      + "background:#fff3bf;color:#5c3d00;padding:.4rem 1rem;font:14px/1.6 sans-serif;text-align:center"
    ).textContent = JSON.parse(e.data).text;
  });
  events.addEventListener("problems", (e) => {
    const said = JSON.parse(e.data);
    document.getElementById("press-building")?.remove();  // the build ended: nothing was rewritten
    const el = box();
    el.replaceChildren();
    const h = document.createElement("h2");
    h.textContent = said.title;
    h.style.cssText = "margin:0 0 .5rem;font-size:1.1rem";
    const p = document.createElement("p");
    p.textContent = said.hint;
    const list = document.createElement("ul");
    for (const line of said.lines) {
      const li = document.createElement("li");
      const code = document.createElement("code");
      code.textContent = line;
      li.appendChild(code);
      list.appendChild(li);
    }
    el.append(h, p, list);
  });
})();
</script>
"""


class Events:
    """What the open pages are told: each event numbered, kept briefly, waited for by every listener."""

    def __init__(self):
        self.changed = threading.Condition()
        self.said: list[tuple[int, str, str]] = []  # (number, event, data)
        self.count = 0
        self.closed = False
        self.problems: str | None = None  # the last `problems` event while the content still fails: a page opened
        # (or reloaded) meanwhile is told at once
        self.building: str | None = None  # likewise while a save is being built

    def tell(self, event: str, data) -> None:
        text = json.dumps(data, ensure_ascii=False)
        with self.changed:
            self.count += 1
            self.said = [*self.said[-50:], (self.count, event, text)]
            if event == "problems":
                self.problems, self.building = text, None
            elif event == "reload":
                self.problems = self.building = None
            elif event == "building":
                self.building = text
            self.changed.notify_all()

    def after(self, seen: int, timeout: float) -> list[tuple[int, str, str]]:
        with self.changed:
            self.changed.wait_for(lambda: self.closed or self.count > seen, timeout=timeout)
            return [e for e in self.said if e[0] > seen]

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                      ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                      ".pdf": "application/pdf", ".html": "text/html; charset=utf-8"}
    events: Events | None = None

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # keep the terminal for the address and errors

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a rebuilt file is always fetched again
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        if self.events is not None and urlsplit(self.path).path == EVENTS:
            self._stream(self.events)
            return
        super().do_GET()

    def send_head(self):
        """The file asked for, only if it is a regular file inside the folder, reached without leaving it."""
        target = self._target()
        if target is None:
            return None
        if target.suffix == ".html":
            return self._page(target)
        try:
            handle = open(target, "rb")  # noqa: SIM115 - the base class closes it after copying
            size = os.fstat(handle.fileno()).st_size
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Length", str(size))
        self.end_headers()
        return handle

    def _target(self) -> Path | None:
        try:
            path = unquote(urlsplit(self.path).path, errors="strict")
        except UnicodeDecodeError:
            self.send_error(HTTPStatus.BAD_REQUEST, "Bad path")
            return None
        root = Path(self.directory).resolve()
        parts = [p for p in posixpath.normpath(path).split("/") if p not in ("", ".")]
        if "\x00" in path or ".." in parts or any(p.startswith(".") for p in parts):
            self.send_error(HTTPStatus.BAD_REQUEST if "\x00" in path else HTTPStatus.NOT_FOUND, "Bad path")
            return None
        target = root.joinpath(*parts)
        if path.endswith("/") or not parts:
            target = target / "index.html"
        try:
            real = target.resolve(strict=True)
            mode = real.stat().st_mode
        except (OSError, ValueError, RuntimeError):
            if target.name == "index.html" and self.events is not None and not parts:
                return target  # not built yet: the page says so and waits
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        if not real.is_relative_to(root) or not stat.S_ISREG(mode):  # a link out of the folder, a FIFO, a folder
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        return real

    def _page(self, target: Path):
        import io

        try:
            body = target.read_bytes()
        except OSError:
            body = (f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>{BUILDING}</title>'
                    f"<body><p>{html.escape(BUILDING)}</p></body></html>").encode()
        if self.events is not None:
            script = LIVE_SCRIPT.encode()
            at = body.rfind(b"</body>")
            body = body[:at] + script + body[at:] if at >= 0 else body + script
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _stream(self, events: Events) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        seen = events.count
        try:
            if events.problems is not None or events.building is not None:
                for event, data in (("problems", events.problems), ("building", events.building)):
                    if data is not None:
                        self._send(event, data)
            else:
                self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while not events.closed:
                news = events.after(seen, HEARTBEAT_SECONDS)
                for number, event, data in news:
                    self._send(event, data)
                    seen = number
                if not news:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass  # the page was closed or reloaded

    def _send(self, event: str, data: str) -> None:
        self.wfile.write(f"event: {event}\ndata: {data}\n\n".encode())


class Server(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream never holds up the end


def make_server(folder: Path, port: int, events: Events | None = None) -> Server:
    handler = functools.partial(type("Handler", (_Handler,), {"events": events}), directory=str(folder))
    try:
        return Server(("127.0.0.1", port), handler)
    except OSError as exc:  # said about the port, not the disk (the command line's word for other OSErrors)
        if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
            raise GeneratorError(_("port {port} is in use; choose another with --port", port=port)) from None
        raise


def address(server: Server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


def serve(folder: Path, port: int) -> None:
    """The folder as it is, no watching (a built site to look at)."""
    server = make_server(folder, port)
    print(_("serving {folder} at {url} (Ctrl+C to stop)", folder=folder.as_posix(), url=address(server)), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


class LivePreview:
    """The server in a thread of its own, and what the builds tell the open pages."""

    def __init__(self, folder: Path, port: int):
        self.folder = folder
        self.events = Events()
        self.server = make_server(folder, port, self.events)
        self.thread = threading.Thread(target=self.server.serve_forever, name="serve", daemon=True)

    def __enter__(self) -> LivePreview:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.events.close()
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return address(self.server)

    def previews(self, paths: list[Path]) -> None:
        from urllib.parse import quote

        self.events.tell("previews", [quote(p.relative_to(self.folder).as_posix()) for p in paths])

    def building(self) -> None:
        self.events.tell("building", {"text": REBUILDING})

    def built(self) -> None:
        self.events.tell("reload", {})

    def problems(self, lines: list[str]) -> None:
        self.events.tell("problems", {"title": PROBLEMS_TITLE, "hint": PROBLEMS_HINT, "lines": lines})
