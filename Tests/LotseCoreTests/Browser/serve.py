#!/usr/bin/env python3
"""Serves a folder on 127.0.0.1 on a free port; prints the port, then serves until killed."""
import functools
import http.server
import signal
import sys

# The test runner may start us with SIGTERM ignored; make it end the server again.
signal.signal(signal.SIGTERM, signal.SIG_DFL)

folder = sys.argv[1]
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=folder)
handler.log_message = lambda *args: None
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
print(server.server_address[1], flush=True)
server.serve_forever()
