#!/usr/bin/env python3
"""A real HTTP(S) server for the HTTP channel tests (python3 standard library only).

Listens on 127.0.0.1, port chosen by the system, and writes that port to --port-file (written
to a temporary name then renamed, so a reader never sees half a number). Every request is
recorded in --store as <n>.body (the raw body) and <n>.json (method, path, headers in order,
client port, status answered); summary.json holds the request count, the distinct
Idempotency-Key values seen, and the distinct client ports (one per TCP connection).

Answers:
  POST /status/<code>   that status (a Location header for 3xx), whatever else is set
  the first --fail-first N requests otherwise: 503 (with Retry-After when --retry-after)
  the first --fail-attachments N requests carrying X-Fluxd-Attachment-Of otherwise: 503
  anything else: 200 with a small JSON body

With --parent-pid it exits by itself once that process is gone (a test program killed before
its fixture could stop the server).
"""
import argparse
import http.server
import json
import os
import ssl
import threading
import time


def write_atomically(path, data):
    temp = path + ".tmp"
    with open(temp, "wb") as out:
        out.write(data)
    os.replace(temp, path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--store", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--retry-after", default="")
    parser.add_argument("--fail-attachments", type=int, default=0)
    parser.add_argument("--tls-cert", default="")
    parser.add_argument("--tls-key", default="")
    parser.add_argument("--parent-pid", type=int, default=0)
    options = parser.parse_args()
    os.makedirs(options.store, exist_ok=True)

    lock = threading.Lock()
    state = {"requests": 0, "keys": [], "ports": [], "attachments": 0}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, so the client can reuse its connection

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            with lock:
                state["requests"] += 1
                number = state["requests"]
                key = self.headers.get("Idempotency-Key")
                if key is not None and key not in state["keys"]:
                    state["keys"].append(key)
                port = self.client_address[1]
                if port not in state["ports"]:
                    state["ports"].append(port)
                status, extra = self.decide(number)
                write_atomically(os.path.join(options.store, "%d.body" % number), body)
                record = {
                    "method": "POST",
                    "path": self.path,
                    "headers": [[name, value] for name, value in self.headers.items()],
                    "client_port": port,
                    "status": status,
                }
                write_atomically(os.path.join(options.store, "%d.json" % number),
                                 json.dumps(record, indent=1).encode())
                summary = {
                    "requests": state["requests"],
                    "idempotency_keys": state["keys"],
                    "connections": len(state["ports"]),
                }
                write_atomically(os.path.join(options.store, "summary.json"),
                                 json.dumps(summary, indent=1).encode())
            answer = json.dumps({"received": number, "status": status}).encode()
            self.send_response(status)
            for name, value in extra:
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def decide(self, number):
            if self.path.startswith("/status/"):
                code = int(self.path.split("/")[2])
                return code, ([("Location", "/elsewhere")] if 300 <= code < 400 else [])
            if self.headers.get("X-Fluxd-Attachment-Of") is not None:
                state["attachments"] += 1
                if state["attachments"] <= options.fail_attachments:
                    return 503, []
            if number <= options.fail_first:
                extra = [("Retry-After", options.retry_after)] if options.retry_after else []
                return 503, extra
            return 200, []

        def log_message(self, format, *args):  # to stderr, which the fixture keeps in a log
            super().log_message(format, *args)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if options.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(options.tls_cert, options.tls_key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    if options.parent_pid:
        # A test program killed before its fixture could stop us must not leave us running.
        def watch_parent():
            while os.getppid() == options.parent_pid:
                time.sleep(0.5)
            os._exit(0)

        threading.Thread(target=watch_parent, daemon=True).start()
    write_atomically(options.port_file, str(server.server_address[1]).encode())
    server.serve_forever()


if __name__ == "__main__":
    main()
