"""Serves the built site on 127.0.0.1 (a free port) from a background thread.

Pages link root-relatively (/de/work/permit/), so file:// URLs would not work.
"""
from __future__ import annotations

import functools
import http.server
import threading


class _Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"   # keep-alive: one connection per browser, not per file
    disable_nagle_algorithm = True  # else every response waits ~40 ms for a delayed ACK

    def log_message(self, format, *args):  # quiet
        pass

    def end_headers(self):
        # Tells linkchecker this host may be checked without its politeness delay.
        self.send_header("LinkChecker", "local test server")
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


class SiteServer:
    def __init__(self, directory: str):
        handler = functools.partial(_Handler, directory=directory)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
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
