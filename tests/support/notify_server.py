#!/usr/bin/env python3
"""A webhook receiver on loopback for the notification tests: records every request
and answers with a script.

    notify_server.py LOG PORT_FILE [RESPONSE ...]

It listens on 127.0.0.1 on a free port, which it writes to PORT_FILE once it listens.
Each request is appended to LOG as one JSON line (method, path, headers, body,
and "at": when it arrived, in seconds). The responses answer the requests in order, the last one for every request after it:
"200", "500", "429:1" (a status with Retry-After: 1) or "hang" (never answers).
Default: 200.
"""
import http.server
import json
import os
import sys
import threading
import time

LOG, PORT_FILE = sys.argv[1], sys.argv[2]
SCRIPT = sys.argv[3:] or ["200"]
lock = threading.Lock()
served = [0]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        with lock:
            answer = SCRIPT[min(served[0], len(SCRIPT) - 1)]
            served[0] += 1
            with open(LOG, "a", encoding="utf-8") as log:
                log.write(json.dumps({"method": "POST", "path": self.path,
                                      "headers": dict(self.headers.items()),
                                      "body": body, "at": time.time()}) + "\n")
        if answer == "hang":
            time.sleep(120)
            return
        status, _, retry_after = answer.partition(":")
        self.send_response(int(status))
        if retry_after:
            self.send_header("Retry-After", retry_after)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(PORT_FILE + ".tmp", "w", encoding="utf-8") as f:
    f.write(str(server.server_address[1]))
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
