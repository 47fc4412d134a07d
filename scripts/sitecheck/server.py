"""Serves the built site on 127.0.0.1 (a free port) from a background thread.

Pages link root-relatively (/de/work/permit/), so file:// URLs would not work.
Every response carries the headers of the site's `_headers` file (the strict
Content-Security-Policy etc., see docs/hosting.md), as a production server
configured from docs/hosting.md would send them, so every check runs under them.
"""
from __future__ import annotations

import functools
import http.server
import os
import sys
import threading

# The checker measures pages inside iframes of a page of its own; a request carrying this in
# its query is part of that harness, and is served with the policy relaxed for framing only
# (no `frame-ancestors`, and `frame-src 'self'`), everything else as it is.
CHECK_FRAME_QUERY = "lotse-check-frame"


def read_headers_file(directory: str) -> list[tuple[str, str]]:
    """The headers `_headers` (Netlify/Cloudflare format) gives every path (`/*`)."""
    path = os.path.join(directory, "_headers")
    headers: list[tuple[str, str]] = []
    if not os.path.exists(path):
        return headers
    in_all = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if not line[0].isspace():
                in_all = line.strip() == "/*"
                continue
            if in_all and ":" in line:
                name, value = line.strip().split(":", 1)
                headers.append((name.strip(), value.strip()))
    return headers


class _Handler(http.server.SimpleHTTPRequestHandler):
    site_headers: list[tuple[str, str]] = []

    protocol_version = "HTTP/1.1"   # keep-alive: one connection per browser, not per file
    disable_nagle_algorithm = True  # else every response waits ~40 ms for a delayed ACK

    def log_message(self, format, *args):  # quiet
        pass

    def end_headers(self):
        # Tells linkchecker this host may be checked without its politeness delay.
        self.send_header("LinkChecker", "local test server")
        framed = CHECK_FRAME_QUERY in self.path.partition("?")[2]
        for name, value in self.site_headers:
            if framed and name.lower() == "content-security-policy":
                value = "; ".join([d.strip() for d in value.split(";")
                                   if not d.strip().startswith("frame-ancestors")]
                                  + ["frame-src 'self'"])
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        # Serve the site's own 404 page, like a configured production server would.
        if code == 404:
            import os
            page = os.path.join(self.directory, "404.html")
            if os.path.exists(page):
                with open(page, "rb") as f:
                    body = f.read()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
        super().send_error(code, message, explain)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A client that hangs up (a frame navigated away, a checker's timeout) is not a problem
        # of the site; anything else is printed as before.
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


class SiteServer:
    def __init__(self, directory: str):
        self.headers = read_headers_file(directory)
        handler_class = type("_SiteHandler", (_Handler,), {"site_headers": self.headers})
        handler = functools.partial(handler_class, directory=directory)
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="site-server",
                                       daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
