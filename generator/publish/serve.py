"""`serve`: the output folder over HTTP on 127.0.0.1, for a quick look in a browser."""
from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                      ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                      ".pdf": "application/pdf", ".html": "text/html; charset=utf-8"}

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # keep the terminal for the address and errors


def make_server(folder: Path, port: int) -> ThreadingHTTPServer:
    handler = functools.partial(_Handler, directory=str(folder))
    return ThreadingHTTPServer(("127.0.0.1", port), handler)


def serve(folder: Path, port: int) -> None:
    server = make_server(folder, port)
    print(f"serving {folder.as_posix()} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
