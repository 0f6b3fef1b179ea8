#!/usr/bin/env python3
"""fluxd crash soak: many flows into `fluxd run`, SIGKILL at random moments, then every check.

Usage (from the checkout, after a build):
  python3 tests/soak/soak.py --fluxd build/app/fluxd \
      --generator build/bench/fluxd-bench-generate [--invoices 2000] [--kills 20] [--seed 1]

What it does (python3 standard library only):
  1. Generates --invoices invoices with the benchmark generator (bench/generate.cpp: UBL and
     CII, ~5 % deliberately invalid for one known reason each, a referential, manifest.csv).
     Some become single-XML flows, others are packed into ZIP batches (IN_DP_E1_ZIP) of 2 to 8
     invoices of one partner. Truncated files (FLOW-MALFORMED-XML) always travel alone: one
     unreadable member refuses a whole ZIP. Every flow's bytes are distinct.
  2. Starts real destinations: the HTTP receiver of the channel tests (tests/route/http_sink.py,
     127.0.0.1, free port; its first --http-faults requests are answered 503) and, when run as
     root with /usr/sbin/sshd available (--sftp auto), a throw-away OpenSSH sshd for an SFTP
     channel. Recipient structures are routed at random (seeded) to the HTTP channel (~30 %),
     the SFTP channel (~20 %) or the default outbox directory.
  3. Runs `fluxd run` (workers 2, max_in_flight 4, stable_ms 0, rescan 1 s, delivery 1 s) while
     a feeder renames flows into inbox/<partner>/ a few at a time, and kills fluxd with SIGKILL
     --kills times, restarting it at once each time. The kills are spread over the intake (the
     k-th once k / (kills + 1) of the flows are dropped); each moment is random (seeded), of
     four kinds: during startup/recovery, a random delay after daemon.started, while a flow is
     in work/, and just after the HTTP receiver saw a request (between a delivery and its
     record).
  4. After the last restart, waits until every flow is finished (inbox/ and work/ empty, every
     dropped file a flow in a final status) and no delivery is pending, then sends SIGTERM,
     which must end fluxd with exit status 0.
  5. Checks (each problem printed; exit status 1 when there is any):
     - every dropped file is exactly one flow (file name and SHA-256), in a final status
       (IN_INTEGRE, IN_INTEGRE_PARTIEL, IN_REJETE; IN_INCIDENTE is a failure), consistent with
       its invoices, and is exactly once in done/ (kept) or failed/ (refused); inbox/ and work/
       are empty; no FLOW-DUPLICATE flow;
     - every generated invoice is exactly one invoice row, accepted (MISE_A_DISPOSITION) or
       rejected (REJETEE) as the manifest says, with exactly the manifest's fatal rule ids (as
       bench/check_outcomes.py compares them); the totals match the manifest;
     - the store's status history (`fluxd suivi follow --since-id 0`) shows exactly one final
       status per flow and exactly one MISE_A_DISPOSITION / REJETEE change per invoice;
     - every accepted invoice has exactly one delivery, delivered, through the channel its
       recipient is routed to, with the Idempotency-Key of its flow's SHA-256 and position, and
       is at its destination exactly once with its original bytes:
       one file (and its .meta.json) in the outbox or the SFTP folder, or exactly one
       Idempotency-Key at the HTTP receiver with a 200 answer (several requests with that key are
       retries, allowed); nothing anywhere for a rejected invoice, no file or key nobody expects;
     - every integration report (reports/<partner>/CR-<n>.json and .xml, exactly one pair per
       flow) agrees with the store, and each delivery a report claims exists at the destination;
     - `PRAGMA integrity_check` of the store says ok (sqlite3 CLI; Python's sqlite3 otherwise);
     - no daemon run exited by itself, every run not killed during startup reached
       daemon.started, no error or incident was logged (flow.incident, flow.*-failed…), and the
       last one stopped on SIGTERM with status 0 (a HANG is when nothing settles in time).
  Prints the figures (flows, invoices, accepted, rejected, kills survived, HTTP requests,
  retries, faults injected) and writes them to <work>/summary.json.

Exit status: 0 all checks passed, 1 a check failed (loss, duplicate, hang, incident…), 2 the
soak itself could not run (missing binary, generator failure), 77 no official XSD folder and
--require-xsd.

Runtime data goes to --work (default: a fresh folder under /tmp), kept after the run for
inspection (logs of every fluxd run in <work>/logs/), removed with --clean when everything
passed.
"""
import argparse
import collections
import concurrent.futures
import ctypes
import hashlib
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(os.path.dirname(HERE))
HTTP_SINK = os.path.join(SOURCE_DIR, "tests", "route", "http_sink.py")
FINAL_FLOW = {"IN_INTEGRE", "IN_INTEGRE_PARTIEL", "IN_REJETE", "IN_INCIDENTE"}
SOAK_MARK = ".fluxd-soak"

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
try:
    LIBC = ctypes.CDLL(None, use_errno=True)
except OSError:  # not Linux / no libc symbols: children are still stopped by the finally blocks
    LIBC = None


def die_with_parent():
    """preexec_fn: the child gets SIGKILL when the soak dies (a ctest timeout, Ctrl-C)."""
    if LIBC is not None:
        LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


T0 = time.monotonic()


def say(text):
    print("soak [%7.1fs] %s" % (time.monotonic() - T0, text), file=sys.stderr, flush=True)


def sha256_bytes(data):
    return hashlib.sha256(data).hexdigest()


def sha256_file(path):
    with open(path, "rb") as f:
        return sha256_bytes(f.read())


def listdir_files(folder, hidden=False):
    """Regular files of a folder (none when it does not exist)."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    return sorted(n for n in names
                  if (hidden or not n.startswith(".")) and os.path.isfile(os.path.join(folder, n)))


def walk_files(root):
    """(relative path, is_hidden) of every file under root."""
    out = []
    for folder, _dirs, files in os.walk(root):
        for name in files:
            rel = os.path.relpath(os.path.join(folder, name), root)
            out.append((rel, name.startswith(".")))
    return sorted(out)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_until(predicate, timeout, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def toml_string(text):
    return json.dumps(str(text))  # a JSON string is a valid TOML basic string


class Problems:
    def __init__(self):
        self.items = []

    def add(self, text):
        self.items.append(text)
        say("PROBLEM: " + text)

    def __bool__(self):
        return bool(self.items)


# ---- input ---------------------------------------------------------------------------------------

class Invoice:
    """One generated invoice file (a manifest row)."""

    def __init__(self, row, data):
        self.partner = row["partner"]
        self.name = row["file"]
        self.syntax = row["syntax"]
        self.expected = set(filter(None, row["rules"].split(",")))
        self.data = data
        self.recipient = recipient_of(data)
        self.flow = None  # the Flow it travels in
        self.delivery = None  # its delivery row once accepted

    @property
    def unreadable(self):
        return any(r.startswith("FLOW-") for r in self.expected)


class Flow:
    def __init__(self, partner, name, data, invoices, kind):
        self.partner = partner
        self.name = name
        self.data = data
        self.sha256 = sha256_bytes(data)
        self.invoices = invoices
        self.kind = kind  # "xml" or "zip"
        self.dropped_at = None
        for inv in invoices:
            inv.flow = self


BUYER = [re.compile(rb"<cac:AccountingCustomerParty>(.*?)</cac:AccountingCustomerParty>", re.S),
         re.compile(rb"<ram:BuyerTradeParty>(.*?)</ram:BuyerTradeParty>", re.S)]
SIRET_0009 = re.compile(rb'schemeID="0009"\s*>\s*([0-9A-Za-z]+)\s*<')


def recipient_of(data):
    for pattern in BUYER:
        m = pattern.search(data)
        if m:
            s = SIRET_0009.search(m.group(1))
            if s:
                return s.group(1).decode()
    return ""


def read_manifest(gen_dir):
    import csv
    with open(os.path.join(gen_dir, "manifest.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    invoices = []
    for row in rows:
        path = os.path.join(gen_dir, "data", "inbox", row["partner"], row["file"])
        with open(path, "rb") as f:
            invoices.append(Invoice(row, f.read()))
    return invoices


def make_zip(invoices):
    """A ZIP batch of the invoices, deterministic bytes (fixed dates)."""
    import io
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for inv in invoices:
            info = zipfile.ZipInfo(inv.name, date_time=(2026, 1, 2, 3, 4, 5))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, inv.data)
    return buffer.getvalue()


def make_flows(invoices, rng, zip_share):
    """Single-XML flows and ZIP batches (2 to 8 invoices of one partner), in a shuffled order."""
    by_partner = collections.defaultdict(list)
    flows = []
    for inv in invoices:
        if not inv.unreadable and rng.random() < zip_share:
            by_partner[inv.partner].append(inv)
        else:
            flows.append(Flow(inv.partner, inv.name, inv.data, [inv], "xml"))
    batch = 0
    for partner in sorted(by_partner):
        members = by_partner[partner]
        rng.shuffle(members)
        i = 0
        while i < len(members):
            n = rng.randint(2, 8)
            group = members[i:i + n]
            i += n
            batch += 1
            name = "batch-%04d-%s.zip" % (batch, group[0].name.split("-")[0])
            flows.append(Flow(partner, name, make_zip(group), group, "zip"))
    rng.shuffle(flows)
    return flows


# ---- destinations --------------------------------------------------------------------------------

class HttpReceiver:
    """tests/route/http_sink.py on 127.0.0.1, recording every request."""

    def __init__(self, folder, fail_first):
        self.folder = folder
        self.store = os.path.join(folder, "store")
        os.makedirs(folder, exist_ok=True)
        port_file = os.path.join(folder, "port")
        self.log = open(os.path.join(folder, "server.log"), "wb")
        self.proc = subprocess.Popen(
            [sys.executable, HTTP_SINK, "--port-file", port_file, "--store", self.store,
             "--fail-first", str(fail_first), "--parent-pid", str(os.getpid())],
            stdout=self.log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent)
        if not wait_until(lambda: self.proc.poll() is not None or os.path.exists(port_file), 15):
            raise RuntimeError("http_sink.py did not start")
        if self.proc.poll() is not None:
            raise RuntimeError("http_sink.py exited: see " + self.log.name)
        with open(port_file) as f:
            self.port = int(f.read().strip())

    def url(self):
        return "http://127.0.0.1:%d/invoices" % self.port

    def request_count(self):
        try:
            with open(os.path.join(self.store, "summary.json")) as f:
                return json.load(f)["requests"]
        except (OSError, ValueError):
            return 0

    def requests(self):
        """Every recorded request: dict with number, status, headers (lower-case names), body."""
        out = []
        n = 1
        while True:
            meta = os.path.join(self.store, "%d.json" % n)
            if not os.path.exists(meta):
                break
            with open(meta) as f:
                record = json.load(f)
            with open(os.path.join(self.store, "%d.body" % n), "rb") as f:
                body = f.read()
            headers = {}
            for name, value in record["headers"]:
                headers[name.lower()] = value
            out.append({"number": n, "status": record["status"], "path": record["path"],
                        "headers": headers, "body": body})
            n += 1
        return out

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


class SftpServer:
    """A throw-away OpenSSH sshd on 127.0.0.1 (as tests/route/sshd_fixture.cpp starts it)."""

    def __init__(self, folder):
        self.folder = folder
        os.makedirs(folder, exist_ok=True)
        self.target = os.path.join(folder, "target")
        os.makedirs(self.target, exist_ok=True)
        self.user = __import__("pwd").getpwuid(os.getuid()).pw_name
        keylog = os.path.join(folder, "keygen.log")
        for key in ("host_key", "user_key"):
            path = os.path.join(folder, key)
            for old in (path, path + ".pub"):
                if os.path.exists(old):
                    os.remove(old)
            with open(keylog, "ab") as log:
                subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "fluxd-soak",
                                "-f", path], check=True, stdout=log, stderr=log)
        self.private_key = os.path.join(folder, "user_key")
        shutil.copyfile(self.private_key + ".pub", os.path.join(folder, "authorized_keys"))
        out = subprocess.run(["ssh-keygen", "-l", "-E", "sha256", "-f",
                              os.path.join(folder, "host_key.pub")],
                             check=True, capture_output=True, text=True).stdout.split()
        if len(out) < 2 or not out[1].startswith("SHA256:"):
            raise RuntimeError("unexpected ssh-keygen -l output: %r" % out)
        self.pin = out[1][len("SHA256:"):]
        if os.getuid() == 0 and not os.path.exists("/run/sshd"):
            os.makedirs("/run/sshd", exist_ok=True)
            os.chmod("/run/sshd", 0o755)
        self.proc = None
        self.log = open(os.path.join(folder, "sshd.log"), "ab")
        for _attempt in range(5):
            self.port = free_port()
            config = os.path.join(folder, "sshd_config")
            with open(config, "w") as f:
                f.write("Port %d\nListenAddress 127.0.0.1\nHostKey %s\nPidFile %s\n"
                        "AuthorizedKeysFile %s\nPubkeyAuthentication yes\n"
                        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM yes\n"
                        "StrictModes no\nPermitRootLogin prohibit-password\nLogLevel INFO\n"
                        "Subsystem sftp internal-sftp\n"
                        % (self.port, os.path.join(folder, "host_key"),
                           os.path.join(folder, "sshd.pid"),
                           os.path.join(folder, "authorized_keys")))
            proc = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", config],
                                    stdout=self.log, stderr=subprocess.STDOUT,
                                    preexec_fn=die_with_parent)
            if wait_until(lambda: proc.poll() is not None or port_accepts(self.port), 10) \
                    and proc.poll() is None:
                self.proc = proc
                break
        if self.proc is None:
            raise RuntimeError("sshd did not start: see " + self.log.name)

    def url(self):
        return "sftp://127.0.0.1:%d%s" % (self.port, self.target)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


# ---- fluxd ---------------------------------------------------------------------------------------

class Fluxd:
    """`fluxd run` and the `fluxd suivi` queries, one run's log per start."""

    def __init__(self, binary, config, logs):
        self.binary = binary
        self.config = config
        self.logs = logs
        self.proc = None
        self.log_file = None
        self.runs = []  # dicts: log, started (daemon.started seen), rc, killed, self_exit

    def start(self):
        n = len(self.runs) + 1
        path = os.path.join(self.logs, "run-%03d.log" % n)
        self.log_file = open(path, "wb")
        self.proc = subprocess.Popen([self.binary, "run", "--config", self.config],
                                     stdout=self.log_file, stderr=subprocess.STDOUT,
                                     preexec_fn=die_with_parent)
        self.runs.append({"log": path, "pid": self.proc.pid, "rc": None, "killed": False,
                          "started_at": time.monotonic()})
        return self.runs[-1]

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def log_text(self):
        try:
            with open(self.runs[-1]["log"], "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def has_started(self):
        return '"event":"daemon.started"' in self.log_text()

    def kill(self):
        """SIGKILL; False when it had already exited by itself."""
        run = self.runs[-1]
        was_alive = self.proc.poll() is None
        if was_alive:
            self.proc.send_signal(signal.SIGKILL)
        run["rc"] = self.proc.wait()
        run["killed"] = was_alive
        self.log_file.close()
        return was_alive

    def terminate(self, timeout):
        """SIGTERM, then wait: the exit status, or None when it did not stop in time."""
        run = self.runs[-1]
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            run["rc"] = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            run["rc"] = self.proc.wait()
            run["hung"] = True
            self.log_file.close()
            return None
        self.log_file.close()
        return run["rc"]

    def suivi(self, *args):
        out = subprocess.run([self.binary, "suivi", *args, "--config", self.config],
                             capture_output=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError("fluxd suivi %s: exit %d: %s" % (
                " ".join(args), out.returncode, out.stderr.decode("utf-8", "replace").strip()))
        return json.loads(out.stdout.decode("utf-8", "replace") or "[]")

    def flows(self):
        page_size = 1000
        out = []
        page = 1
        while True:
            rows = self.suivi("flows", "--json", "--limit", str(page_size), "--page", str(page))
            out += rows
            if len(rows) < page_size:
                return out
            page += 1

    def deliveries(self, state=None):
        args = ["deliveries", "--json", "--limit", "100000000"]
        if state:
            args += ["--state", state]
        return self.suivi(*args)

    def flow(self, number):
        return self.suivi("flow", str(number), "--json")


def events(log_path):
    """The JSON log events of one run (lines that are not JSON are returned as text events)."""
    out = []
    try:
        with open(log_path, "rb") as f:
            for line in f.read().decode("utf-8", "replace").splitlines():
                line = line.strip()
                if not line:
                    continue
                try:
                    out.append(json.loads(line))
                except ValueError:
                    out.append({"event": "text", "msg": line, "level": "text"})
    except OSError:
        pass
    return out


# ---- the soak ------------------------------------------------------------------------------------

def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--fluxd", required=True, help="the fluxd binary")
    p.add_argument("--generator", required=True, help="the fluxd-bench-generate binary")
    p.add_argument("--invoices", type=int, default=2000, help="invoices generated (default 2000)")
    p.add_argument("--kills", type=int, default=20, help="SIGKILLs at least (default 20)")
    p.add_argument("--seed", type=int, default=1, help="seed of the generator and of every "
                   "random choice here (default 1)")
    p.add_argument("--work", default="", help="runtime folder (default: new under /tmp); wiped "
                   "first when it holds an earlier soak")
    p.add_argument("--xsd-dir", default="", help="official XSD folder (default: the "
                   "generator's, ../shared/corpus/xsd beside the checkout)")
    p.add_argument("--require-xsd", action="store_true",
                   help="exit 77 (skipped) without the official XSDs")
    p.add_argument("--zip-share", type=float, default=0.4,
                   help="share of the invoices sent in ZIP batches (default 0.4)")
    p.add_argument("--kill-interval", type=float, default=1.5,
                   help="mean seconds between a start and its kill (default 1.5)")
    p.add_argument("--http-faults", type=int, default=12,
                   help="the HTTP receiver answers 503 to its first N requests (default 12)")
    p.add_argument("--sftp", choices=["auto", "on", "off"], default="auto",
                   help="SFTP channel to a real sshd: auto = when root and /usr/sbin/sshd exist")
    p.add_argument("--settle-timeout", type=float, default=0,
                   help="seconds allowed after the last kill for everything to finish (default: "
                   "120 + 0.1 s per invoice)")
    p.add_argument("--clean", action="store_true", help="remove --work when everything passed")
    p.add_argument("--fluxd-workers", type=int, default=2)
    p.add_argument("--max-in-flight", type=int, default=4)
    return p.parse_args()


def prepare_work(args):
    work = args.work or os.path.join("/tmp", "fluxd-soak-%d-%d" % (args.seed, os.getpid()))
    work = os.path.abspath(work)
    if os.path.exists(work):
        if os.listdir(work) and not os.path.exists(os.path.join(work, SOAK_MARK)):
            raise SystemExit("soak: %s exists and is not a soak folder: refusing to wipe it" % work)
        shutil.rmtree(work)
    os.makedirs(work)
    open(os.path.join(work, SOAK_MARK), "w").close()
    return work


def generate(args, work):
    gen = os.path.join(work, "gen")
    cmd = [args.generator, "--out", gen, "--invoices", str(args.invoices), "--seed", str(args.seed)]
    if args.xsd_dir:
        cmd += ["--xsd-dir", args.xsd_dir]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit("soak: generator failed (%d): %s" % (out.returncode, out.stderr))
    say(out.stdout.strip())
    xsd_dir = ""
    with open(os.path.join(gen, "fluxd.toml"), encoding="utf-8") as f:
        m = re.search(r'^xsd_dir\s*=\s*"([^"]*)"', f.read(), re.M)
        if m and os.path.isdir(m.group(1)):
            xsd_dir = m.group(1)
    return gen, xsd_dir


def write_config(work, gen, xsd_dir, partners, routes, http, sftp, args):
    lines = [
        "# fluxd crash soak (tests/soak/soak.py): every path is relative to this folder.",
        "[data]", 'root = "data"', "",
        "[referential]",
        "structures = %s" % toml_string(os.path.relpath(
            os.path.join(gen, "referential", "structures.csv"), work)),
        "services = %s" % toml_string(os.path.relpath(
            os.path.join(gen, "referential", "services.csv"), work)), "",
    ]
    if xsd_dir:
        lines += ["[schemas]", "xsd_dir = %s" % toml_string(xsd_dir), ""]
    lines += [
        "[limits]", "max_flow_bytes = 1073741824", "max_invoices_per_flow = 500",
        "max_xml_depth = 64", "",
        "[daemon]", "workers = %d" % args.fluxd_workers,
        "max_in_flight = %d" % args.max_in_flight, "stable_ms = 0",
        "rescan_seconds = 1", "delivery_seconds = 1", "metrics_seconds = 5",
        'log_format = "json"', "",
        # Retries are quick and never give up: a dead letter would be an undelivered invoice.
        "[delivery]", "max_attempts = 1000", "retry_base_seconds = 1", "retry_max_seconds = 2", "",
        "[[channels]]", 'name = "receiver"', 'kind = "http"', "url = %s" % toml_string(http.url()),
        "timeout_ms = 10000", "",
    ]
    if sftp is not None:
        lines += ["[[channels]]", 'name = "sftp"', 'kind = "sftp"',
                  "url = %s" % toml_string(sftp.url()), "user = %s" % toml_string(sftp.user),
                  "private_key = %s" % toml_string(sftp.private_key),
                  "host_key_sha256 = %s" % toml_string(sftp.pin), "timeout_ms = 10000", ""]
    for structure, channel in sorted(routes.items()):
        if channel != "outbox":
            lines += ["[[routes]]", "structure = %s" % toml_string(structure),
                      "channel = %s" % toml_string(channel), ""]
    for partner in partners:
        lines += ["[[partners]]", "code = %s" % toml_string(partner),
                  "name = %s" % toml_string("Partenaire " + partner), ""]
    path = os.path.join(work, "fluxd.toml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return path


class Feeder(threading.Thread):
    """Renames the flows into inbox/<partner>/ a few at a time, spread over the kills: by the
    k-th kill at most (k + 1) / (kills + 1) of them are dropped, the rest after the last one."""

    def __init__(self, flows, staging, inbox, kills, rng, max_waiting=40):
        super().__init__(daemon=True)
        self.flows = flows
        self.staging = staging
        self.inbox = inbox
        self.kills = kills
        self.kills_done = 0  # set by the crash loop
        self.rng = rng
        self.max_waiting = max_waiting
        self.dropped = 0
        self.stop = False
        self.error = None

    def waiting(self):
        return sum(len(listdir_files(os.path.join(self.inbox, p)))
                   for p in {f.partner for f in self.flows})

    def run(self):
        try:
            n = len(self.flows)
            i = 0
            while i < n and not self.stop:
                allowed = n * (self.kills_done + 1) // (self.kills + 1)
                if i >= allowed or self.waiting() >= self.max_waiting:
                    time.sleep(0.02)
                    continue
                # A small burst: 1 to 4 flows at once, then a short random pause.
                for _ in range(self.rng.randint(1, 4)):
                    if i >= min(n, allowed):
                        break
                    flow = self.flows[i]
                    os.rename(os.path.join(self.staging, flow.partner, flow.name),
                              os.path.join(self.inbox, flow.partner, flow.name))
                    flow.dropped_at = time.monotonic()
                    i += 1
                    self.dropped = i
                time.sleep(self.rng.uniform(0.0, 0.03))
        except Exception as e:  # reported by the main thread
            self.error = repr(e)


def folder_count(root):
    return sum(len(listdir_files(os.path.join(root, p))) for p in os.listdir(root)) \
        if os.path.isdir(root) else 0


def crash_loop(args, rng, fluxd, feeder, http, data, problems, figures):
    """Starts fluxd, kills it --kills times at random moments, restarting it at once.

    Kinds of moment: during startup (schemas, referential, recovery of work/); a random delay
    after daemon.started; while a flow is in work/; just after the HTTP receiver got a request
    (the delivery may or may not be recorded yet)."""
    modes = collections.Counter()
    in_work_at_kill = 0
    work = os.path.join(data, "work")
    fluxd.start()
    total = len(feeder.flows)
    for k in range(args.kills):
        run = fluxd.runs[-1]
        # Kills follow the feed: the k-th comes once k / (kills + 1) of the flows are dropped,
        # so that the kills are spread over the whole intake whatever its speed.
        share = total * (k + 1) // (args.kills + 1)
        wait_until(lambda: feeder.dropped >= share or feeder.error or not feeder.is_alive(),
                   60 + 0.05 * total, 0.02)
        r = rng.random()
        if r < 0.15:
            mode = "startup"
            time.sleep(rng.uniform(0.0, 1.2))
        else:
            if not wait_until(lambda: fluxd.has_started() or not fluxd.alive(), 20, 0.01):
                problems.add("fluxd run %s did not reach daemon.started in 20 s (%s)"
                             % (run["pid"], run["log"]))
            if r < 0.50:
                mode = "timer"
                time.sleep(rng.uniform(0.05, max(0.1, 2 * args.kill_interval)))
            elif r < 0.80:
                mode = "flow-in-work"
                time.sleep(rng.uniform(0.0, 0.5))
                if wait_until(lambda: folder_count(work) > 0 or not fluxd.alive(), 4, 0.005):
                    time.sleep(rng.uniform(0.0, 0.04))
                else:
                    mode = "flow-in-work(none came)"
            else:
                mode = "after-http-request"
                before = http.request_count()
                if not wait_until(lambda: http.request_count() > before or not fluxd.alive(), 4,
                                  0.002):
                    mode = "after-http-request(none came)"
        in_work = folder_count(work)
        if not fluxd.kill():
            problems.add("fluxd run %s exited by itself with status %s before kill %d (%s)"
                         % (run["pid"], run["rc"], k + 1, run["log"]))
        else:
            modes[mode] += 1
            run["kill_mode"] = mode
            in_work_at_kill += 1 if in_work else 0
        feeder.kills_done = k + 1
        say("kill %2d/%d (%s): %d flows dropped, %d in work/ at the kill"
            % (k + 1, args.kills, mode, feeder.dropped, in_work))
        fluxd.start()
    figures["kill_modes"] = dict(modes)
    figures["kills_with_flow_in_work"] = in_work_at_kill


def settle(args, fluxd, feeder, flows, data, problems):
    """Waits until everything dropped is finished and no delivery is pending."""
    timeout = args.settle_timeout or (120 + 0.1 * args.invoices)
    deadline = time.monotonic() + timeout
    feeder.join(timeout)
    if feeder.is_alive():
        problems.add("the feeder did not drop every flow in %.0f s" % timeout)
        feeder.stop = True
        feeder.join()
    if feeder.error:
        problems.add("feeder: " + feeder.error)
    state = {}
    while time.monotonic() < deadline:
        if not fluxd.alive():
            problems.add("fluxd exited by itself while settling (status %s, %s)"
                         % (fluxd.proc.returncode, fluxd.runs[-1]["log"]))
            return False
        state = {"inbox": folder_count(os.path.join(data, "inbox")),
                 "work": folder_count(os.path.join(data, "work"))}
        if state["inbox"] == 0 and state["work"] == 0:
            rows = fluxd.flows()
            state["flows"] = len(rows)
            state["unfinished"] = sum(1 for r in rows if r["status"] not in FINAL_FLOW)
            if state["flows"] >= feeder.dropped and state["unfinished"] == 0:
                state["pending"] = len(fluxd.deliveries("pending"))
                if state["pending"] == 0:
                    say("settled: %d flows finished, no delivery pending" % len(rows))
                    return True
        time.sleep(1)
    problems.add("HANG: not settled %.0f s after the last kill: %s" % (timeout, state))
    return False


# ---- checks --------------------------------------------------------------------------------------

def fatal_rules(findings):
    return {f["rule"] for f in findings if f["severity"] == "fatal"}


def run_checks(args, work, data, fluxd, flows, invoices, routes, http, sftp, xsd_dir, problems,
               figures):
    store_path = os.path.join(data, "fluxd.sqlite")

    # -- flows: one per dropped file, final, in done/ or failed/ --------------------------------
    rows = fluxd.flows()
    by_sha = collections.defaultdict(list)
    for r in rows:
        by_sha[r["sha256"]].append(r)
    dropped = [f for f in flows if f.dropped_at is not None]
    flow_row = {}
    for f in dropped:
        matches = by_sha.get(f.sha256, [])
        if len(matches) != 1:
            problems.add("%s/%s: %d flows in the store (want exactly 1)"
                         % (f.partner, f.name, len(matches)))
            if not matches:
                continue
        r = matches[0]
        flow_row[f.name] = r
        if r["file"] != f.name or r["partner"] != f.partner:
            problems.add("%s/%s: recorded as %s/%s" % (f.partner, f.name, r["partner"], r["file"]))
        if r["status"] not in FINAL_FLOW - {"IN_INCIDENTE"}:
            problems.add("%s/%s: flow %s ended %s" % (f.partner, f.name, r["number"], r["status"]))
    known = {f.sha256 for f in dropped}
    figures["flows_by_status"] = dict(collections.Counter(r["status"] for r in rows))
    for r in rows:
        if r["sha256"] not in known:
            problems.add("flow %s (%s) was never dropped" % (r["number"], r["file"]))
        if r.get("duplicate_of") is not None:
            problems.add("flow %s (%s) is a FLOW-DUPLICATE of %s"
                         % (r["number"], r["file"], r["duplicate_of"]))
    for folder in ("inbox", "work"):
        left = walk_files(os.path.join(data, folder))
        if left:
            problems.add("%s/ still holds %d files: %s" % (folder, len(left), left[:5]))
    handed = collections.defaultdict(list)  # sha256 -> ["done/P/name", …]
    for folder in ("done", "failed"):
        root = os.path.join(data, folder)
        for rel, _hidden in walk_files(root):
            handed[sha256_file(os.path.join(root, rel))].append(folder + "/" + rel)
    for f in dropped:
        places = handed.get(f.sha256, [])
        r = flow_row.get(f.name)
        want = "done" if r and r["status"] in ("IN_INTEGRE", "IN_INTEGRE_PARTIEL") else "failed"
        if len(places) != 1 or not places[0].startswith(want + "/"):
            problems.add("%s/%s: handed off to %s (want exactly one file in %s/)"
                         % (f.partner, f.name, places or "nowhere", want))
    extra = [p for sha, ps in handed.items() if sha not in known for p in ps]
    if extra:
        problems.add("done/ and failed/ hold files never dropped: %s" % extra[:5])

    # -- invoices: the store's view, flow by flow ---------------------------------------------
    # flow number -> `suivi flow --json` (a few queries at a time: each is a process start)
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        numbers = [r["number"] for r in rows]
        details = dict(zip(numbers, pool.map(fluxd.flow, numbers)))
    deliveries = fluxd.deliveries()
    # `suivi deliveries` names the invoice by id, `suivi flow` by position and key: `suivi
    # export` joins them (an accepted invoice's key is unique: FR-DUPLICATE).
    exported = fluxd.suivi("export", "--format", "json")
    key_of_id = {e["invoice_id"]: (e["flow"], e["key"]) for e in exported}
    if len(exported) != sum(len(d["invoice_details"]) for d in details.values()):
        problems.add("suivi export lists %d invoices, the flows %d" % (
            len(exported), sum(len(d["invoice_details"]) for d in details.values())))
    delivery_by_flow_key = collections.defaultdict(list)
    for d in deliveries:
        if d["invoice_id"] not in key_of_id:
            problems.add("delivery of invoice %s: no such invoice" % d["invoice_id"])
            continue
        delivery_by_flow_key[key_of_id[d["invoice_id"]]].append(d)

    tally = collections.Counter()
    expected_dest = {}  # ("outbox"|"receiver"|"sftp", location) -> Invoice
    accepted_invoices = []
    for f in dropped:
        r = flow_row.get(f.name)
        if r is None:
            continue
        detail = details[r["number"]]
        docs = collections.defaultdict(list)
        for d in detail["invoice_details"]:
            docs[d["document"]].append(d)
        flow_fatal = fatal_rules(detail["findings"])
        n_acc = n_rej = 0
        for inv in f.invoices:
            tally["invoices"] += 1
            lenient = not xsd_dir and "XSD-SCHEMA" in inv.expected
            if inv.unreadable:
                tally["unreadable"] += 1
                if r["status"] != "IN_REJETE" or detail["invoice_details"] \
                        or flow_fatal != inv.expected:
                    problems.add("%s: expected a refused flow with %s; got %s, %d invoices, %s"
                                 % (inv.name, ",".join(sorted(inv.expected)), r["status"],
                                    len(detail["invoice_details"]),
                                    ",".join(sorted(flow_fatal)) or "no fatal finding"))
                continue
            name = inv.name
            got = docs.get(name, [])
            if f.kind == "xml" and not got and len(detail["invoice_details"]) == 1:
                got = detail["invoice_details"]  # a plain flow's document may carry another name
            if len(got) != 1:
                problems.add("%s: %d invoice rows in flow %s (want exactly 1)"
                             % (name, len(got), r["number"]))
                if not got:
                    continue
            d = got[0]
            fatal = fatal_rules(d["findings"]) | (flow_fatal if f.kind == "xml" else set())
            status = d["status"]
            if status == "MISE_A_DISPOSITION":
                n_acc += 1
                tally["accepted"] += 1
            elif status == "REJETEE":
                n_rej += 1
                tally["rejected"] += 1
            else:
                problems.add("%s: invoice ended %s (flow %s)" % (name, status, r["number"]))
            if inv.expected and not lenient:
                if status != "REJETEE" or fatal != inv.expected:
                    problems.add("%s: expected REJETEE with %s; got %s with %s"
                                 % (name, ",".join(sorted(inv.expected)), status,
                                    ",".join(sorted(fatal)) or "no fatal finding"))
            elif not inv.expected:
                if status != "MISE_A_DISPOSITION" or fatal:
                    problems.add("%s: expected MISE_A_DISPOSITION; got %s with %s"
                                 % (name, status, ",".join(sorted(fatal)) or "no fatal finding"))
            rows_d = delivery_by_flow_key.get((r["number"], d["key"]), [])
            if status == "MISE_A_DISPOSITION":
                accepted_invoices.append((inv, d))
                if len(rows_d) != 1:
                    problems.add("%s: %d delivery rows (want 1)" % (name, len(rows_d)))
                    continue
                row = rows_d[0]
                want_channel = routes.get(d["recipient"], "outbox")
                if row["channel"] != want_channel:
                    problems.add("%s: delivered through %s, routed to %s"
                                 % (name, row["channel"], want_channel))
                if row["state"] != "delivered":
                    problems.add("%s: delivery %s" % (name, row["state"]))
                want_key = "%s-%s" % (f.sha256[:32], d["position"])
                if row["idempotency_key"] != want_key:
                    problems.add("%s: Idempotency-Key %s, want %s (flow SHA-256, position)"
                                 % (name, row["idempotency_key"], want_key))
                if row["delivered_to"] != d["delivered_to"]:
                    problems.add("%s: delivery says %r, invoice says %r"
                                 % (name, row["delivered_to"], d["delivered_to"]))
                location = destination(row, data, sftp)
                if location in expected_dest:
                    problems.add("%s and %s share the destination %s"
                                 % (name, expected_dest[location].name, location))
                expected_dest[location] = inv
                inv.delivery = row
            elif rows_d:
                problems.add("%s: %s but has delivery rows %s" % (name, status, rows_d))
        if (n_acc, n_rej) != (r["accepted"], r["rejected"]):
            problems.add("flow %s (%s): says %d accepted / %d rejected, its invoices %d / %d"
                         % (r["number"], f.name, r["accepted"], r["rejected"], n_acc, n_rej))
        if f.invoices and not f.invoices[0].unreadable:
            want = ("IN_INTEGRE" if n_acc and not n_rej else
                    "IN_INTEGRE_PARTIEL" if n_acc else "IN_REJETE")
            if r["status"] != want:
                problems.add("flow %s (%s): %s with %d accepted / %d rejected (want %s)"
                             % (r["number"], f.name, r["status"], n_acc, n_rej, want))
    matched = sum(len(v) for v in delivery_by_flow_key.values())
    if matched != len(accepted_invoices):
        problems.add("%d delivery rows for %d accepted invoices"
                     % (len(deliveries), len(accepted_invoices)))
    for d in deliveries:
        if d["state"] != "delivered":
            problems.add("delivery of invoice %s (flow %s) is %s: %s"
                         % (d["invoice_id"], d["flow"], d["state"], d["last_error"]))

    want_acc = sum(1 for i in invoices if not i.expected)
    want_rej = sum(1 for i in invoices if i.expected and not i.unreadable)
    lenient = 0 if xsd_dir else sum(1 for i in invoices if "XSD-SCHEMA" in i.expected)
    if xsd_dir and (tally["accepted"], tally["rejected"]) != (want_acc, want_rej):
        problems.add("accepted / rejected: %d / %d, the manifest says %d / %d"
                     % (tally["accepted"], tally["rejected"], want_acc, want_rej))
    elif not xsd_dir and tally["accepted"] + tally["rejected"] != want_acc + want_rej:
        problems.add("accepted + rejected: %d, the manifest says %d"
                     % (tally["accepted"] + tally["rejected"], want_acc + want_rej))
    figures.update({"invoices": tally["invoices"], "accepted": tally["accepted"],
                    "rejected": tally["rejected"], "refused_unreadable": tally["unreadable"],
                    "manifest_accepted": want_acc, "manifest_rejected": want_rej,
                    "xsd_lenient_invoices": lenient})

    # -- destinations ------------------------------------------------------------------------
    check_directory("outbox", os.path.join(data, "outbox"), expected_dest, problems, figures)
    if sftp is not None:
        check_directory("sftp", sftp.target, expected_dest, problems, figures)
    http_ok = check_http(http, expected_dest, problems, figures)

    # -- reports -----------------------------------------------------------------------------
    reports = {}
    for rel, _hidden in walk_files(os.path.join(data, "reports")):
        m = re.match(r"^([^/]+)/CR-(\d+)\.(json|xml)$", rel)
        if not m:
            if not os.path.basename(rel).startswith("."):
                problems.add("reports/ holds an unexpected file %s" % rel)
            continue
        reports.setdefault(int(m.group(2)), {})[m.group(3)] = os.path.join(data, "reports", rel)
    for r in rows:
        got = reports.pop(r["number"], {})
        if set(got) != {"json", "xml"}:
            problems.add("flow %s: report files %s (want CR-%s.json and .xml)"
                         % (r["number"], sorted(got), r["number"]))
            if "json" not in got:
                continue
        with open(got["json"], encoding="utf-8") as f:
            report = json.load(f)
        detail = details[r["number"]]
        if report["status"] != detail["status"] or report["sha256"] != detail["sha256"]:
            problems.add("report CR-%s says %s, the store %s"
                         % (r["number"], report["status"], detail["status"]))
        store_invoices = {(i["position"], i["key"]): i for i in detail["invoice_details"]}
        if len(report["invoice_details"]) != len(store_invoices):
            problems.add("report CR-%s lists %d invoices, the store %d"
                         % (r["number"], len(report["invoice_details"]), len(store_invoices)))
        for i in report["invoice_details"]:
            s = store_invoices.get((i["position"], i["key"]))
            if s is None:
                problems.add("report CR-%s: invoice %s unknown to the store" % (r["number"],
                                                                              i["key"]))
                continue
            if i["status"] != s["status"] and not (i["status"] == "DEPOSEE"
                                                    and s["status"] == "MISE_A_DISPOSITION"):
                problems.add("report CR-%s: invoice %s %s, the store %s"
                             % (r["number"], i["number"], i["status"], s["status"]))
            if i["status"] == "DEPOSEE":
                figures["reports_written_before_delivery"] += 1
            if i["delivered_to"] or i["status"] == "MISE_A_DISPOSITION":
                figures["report_deliveries_checked"] += 1
                if i["delivered_to"] != s["delivered_to"]:
                    problems.add("report CR-%s: invoice %s delivered to %r, the store says %r"
                                 % (r["number"], i["number"], i["delivered_to"],
                                    s["delivered_to"]))
                    continue
                rows_d = delivery_by_flow_key.get((r["number"], i["key"]), [])
                if len(rows_d) != 1 or not delivered_at(rows_d[0], data, sftp, http_ok):
                    problems.add("report CR-%s claims invoice %s went to %s: not there"
                                 % (r["number"], i["number"], i["delivered_to"]))
    for number, files in sorted(reports.items()):
        problems.add("report CR-%d for no flow: %s" % (number, sorted(files.values())))

    check_history(fluxd, rows, exported, problems, figures)

    # -- the store itself --------------------------------------------------------------------
    figures["integrity_check"] = integrity_check(store_path)
    if figures["integrity_check"] != "ok":
        problems.add("PRAGMA integrity_check: %s" % figures["integrity_check"])
    # Deliveries free their spool files; a crash can leave a temporary file (hidden) or the
    # spool of a transaction that never committed: disk space only, counted, not a failure.
    spool = walk_files(os.path.join(data, "spool"))
    figures["spool_files_left"] = sum(1 for _rel, hidden in spool if not hidden)
    figures["spool_hidden_leftovers"] = sum(1 for _rel, hidden in spool if hidden)


def status_history(fluxd, idle=1.5, timeout=300):
    """Every status change the store recorded: `fluxd suivi follow --since-id 0 --json`, stopped
    (SIGTERM) once it has printed everything (nothing new for `idle` seconds)."""
    proc = subprocess.Popen([fluxd.binary, "suivi", "follow", "--since-id", "0", "--json",
                             "--interval-ms", "100", "--config", fluxd.config],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            preexec_fn=die_with_parent)
    lines = []
    last = [time.monotonic()]

    def read():
        for line in proc.stdout:
            lines.append(line)
            last[0] = time.monotonic()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and time.monotonic() - last[0] < idle:
        time.sleep(0.1)
    proc.terminate()
    proc.wait(10)
    reader.join(10)
    return [json.loads(line) for line in lines if line.strip()]


def check_history(fluxd, rows, exported, problems, figures):
    """Each flow reached exactly one final status once; each invoice was made available
    (MISE_A_DISPOSITION) or rejected exactly once, as the store's history tells."""
    history = status_history(fluxd)
    final_flow = collections.Counter()
    final_invoice = collections.defaultdict(list)
    for e in history:
        if e["kind"] == "flow" and e["to"] in FINAL_FLOW:
            final_flow[e["ref"]] += 1
        elif e["kind"] == "invoice" and e["to"] in ("MISE_A_DISPOSITION", "REJETEE"):
            final_invoice[e["ref"]].append(e["to"])
    for r in rows:
        if final_flow[r["number"]] != 1:
            problems.add("flow %s (%s): %d final statuses in its history (want exactly 1)"
                         % (r["number"], r["file"], final_flow[r["number"]]))
    for e in exported:
        changes = final_invoice.get(e["invoice_id"], [])
        if changes != [e["status"]]:
            problems.add("invoice %s (%s, flow %s): history %s for status %s (want exactly one)"
                         % (e["invoice_id"], e["number"], e["flow"], changes, e["status"]))
    figures["history_events"] = len(history)


def destination(row, data, sftp):
    """Where a delivery row says the invoice is: (channel, location) comparable across checks."""
    if row["channel"] == "receiver":
        return ("receiver", row["idempotency_key"])
    rel = os.path.join(row["recipient"], row["service"] or "_", row["file_name"])
    return (row["channel"], rel)


def delivered_at(row, data, sftp, http_ok):
    """Is the delivered invoice really where its delivery row says (checked independently)?"""
    channel, location = destination(row, data, sftp)
    where = row["delivered_to"]
    if channel == "receiver":
        return location in http_ok and where.startswith("http://127.0.0.1:")
    if channel == "sftp":
        return (sftp is not None and where == sftp.url() + "/" + location
                and os.path.isfile(os.path.join(sftp.target, location)))
    path = os.path.join(data, "outbox", location)
    return os.path.isfile(path) and os.path.realpath(where) == os.path.realpath(path)


def check_directory(channel, root, expected_dest, problems, figures):
    """Exactly the expected invoices (and their sidecars) with their bytes, nothing else."""
    want = {loc: inv for (ch, loc), inv in expected_dest.items() if ch == channel}
    found = walk_files(root)
    visible = {rel for rel, hidden in found if not hidden}
    hidden = [rel for rel, h in found if h]
    for rel, inv in sorted(want.items()):
        if rel not in visible:
            problems.add("%s: %s is not in the %s (%s)" % (inv.name, rel, channel, root))
            continue
        with open(os.path.join(root, rel), "rb") as f:
            if f.read() != inv.data:
                problems.add("%s: %s/%s differs from the invoice sent" % (inv.name, channel, rel))
        sidecar = rel[:-4] + ".meta.json" if rel.endswith(".xml") else rel + ".meta.json"
        if sidecar not in visible:
            problems.add("%s: no sidecar %s in the %s" % (inv.name, sidecar, channel))
        else:
            with open(os.path.join(root, sidecar), encoding="utf-8") as f:
                meta = json.load(f)
            if meta.get("invoice_number") != inv.delivery["invoice_number"]:
                problems.add("%s: sidecar %s names invoice %r" % (inv.name, sidecar,
                                                                meta.get("invoice_number")))
    sidecars = {rel[:-4] + ".meta.json" for rel in want if rel.endswith(".xml")}
    unexpected = sorted(visible - set(want) - sidecars)
    if unexpected:
        problems.add("the %s holds %d files no accepted invoice explains (duplicate or leak): %s"
                     % (channel, len(unexpected), unexpected[:5]))
    figures["%s_files" % channel] = len(visible)
    figures["%s_invoices" % channel] = len(want)
    figures["%s_hidden_leftovers" % channel] = len(hidden)
    if hidden:
        say("note: %d hidden temporary files left in the %s (crash leftovers, never a final name):"
            " %s" % (len(hidden), channel, hidden[:3]))


def check_http(http, expected_dest, problems, figures):
    """One Idempotency-Key per accepted HTTP invoice, answered 200 with its bytes; nothing else.

    Returns the Idempotency-Keys answered 200 (what a report may claim as delivered)."""
    want = {loc: inv for (ch, loc), inv in expected_dest.items() if ch == "receiver"}
    requests = http.requests()
    by_key = collections.defaultdict(list)
    keys_by_file = collections.defaultdict(set)
    ok_urls = set()
    faults = 0
    for q in requests:
        if q["status"] != 200:
            faults += 1
        if "x-fluxd-attachment-of" in q["headers"]:
            continue  # the generated flows carry no attachment; counted among requests
        key = q["headers"].get("idempotency-key", "")
        by_key[key].append(q)
        keys_by_file[q["headers"].get("x-fluxd-file-name", "")].add(key)
        if q["status"] == 200:
            ok_urls.add(key)
    for key, inv in sorted(want.items()):
        got = by_key.get(key, [])
        if not any(q["status"] == 200 for q in got):
            problems.add("%s: Idempotency-Key %s never answered 200 by the receiver (%d requests)"
                         % (inv.name, key, len(got)))
        for q in got:
            if q["body"] != inv.data:
                problems.add("%s: request %d carries other bytes" % (inv.name, q["number"]))
    for key in sorted(set(by_key) - set(want)):
        problems.add("the receiver got Idempotency-Key %r (%d requests) for no accepted invoice"
                     % (key, len(by_key[key])))
    for name, keys in sorted(keys_by_file.items()):
        if len(keys) > 1:
            problems.add("the receiver got %s under %d Idempotency-Keys: %s (duplicate)"
                         % (name, len(keys), sorted(keys)))
    invoice_requests = sum(len(v) for v in by_key.values())
    figures.update({"http_requests": len(requests), "http_keys": len(by_key),
                    "http_invoices": len(want), "http_retries": invoice_requests - len(by_key),
                    "http_503_answered": faults})
    return ok_urls


def integrity_check(store_path):
    if shutil.which("sqlite3"):
        out = subprocess.run(["sqlite3", store_path, "PRAGMA integrity_check"],
                             capture_output=True, text=True)
        return (out.stdout.strip() or out.stderr.strip()) or "no answer"
    with sqlite3.connect(store_path) as db:
        return "; ".join(r[0] for r in db.execute("PRAGMA integrity_check"))


def check_logs(fluxd, problems, figures):
    counts = collections.Counter()
    for i, run in enumerate(fluxd.runs):
        evs = events(run["log"])
        started = any(e.get("event") == "daemon.started" for e in evs)
        last = i == len(fluxd.runs) - 1
        if last and not started:
            problems.add("the last fluxd run never reached daemon.started (%s)" % run["log"])
        counts["runs_started"] += started
        for e in evs:
            ev = e.get("event", "")
            counts["event:" + ev] += 1
            if ev in ("flow.incident", "flow.recover-failed", "flow.claim-failed",
                      "flow.record-failed", "delivery.failed") or e.get("level") == "error":
                problems.add("%s: %s" % (os.path.basename(run["log"]), json.dumps(e)))
            if e.get("level") == "text":
                counts["non_json_lines"] += 1
    figures["runs"] = len(fluxd.runs)
    figures["runs_reaching_started"] = counts["runs_started"]
    figures["flows_recovered_logged"] = counts["event:flow.recovered"]
    figures["flows_finished_logged"] = counts["event:flow.finished"]
    figures["delivery_notices_logged"] = counts["event:notice"]
    figures["non_json_log_lines"] = counts["non_json_lines"]


def main():
    args = parse_args()
    for binary in (args.fluxd, args.generator):
        if not os.access(binary, os.X_OK):
            print("soak: not an executable: %s" % binary, file=sys.stderr)
            return 2
    args.fluxd = os.path.abspath(args.fluxd)
    args.generator = os.path.abspath(args.generator)
    if args.kills < 0 or args.invoices < 1:
        print("soak: --kills >= 0 and --invoices >= 1", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    work = prepare_work(args)
    say("work folder %s" % work)
    if LIBC is not None:
        LIBC.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)  # sshd's orphans come back to us
    gen, xsd_dir = generate(args, work)
    if not xsd_dir:
        if args.require_xsd:
            say("skipped: no official XSD folder (--xsd-dir)")
            return 77
        say("note: no official XSDs: XSD-SCHEMA invoices may be accepted or rejected")
    invoices = read_manifest(gen)
    flows = make_flows(invoices, rng, args.zip_share)
    if len({f.sha256 for f in flows}) != len(flows) or len({f.name for f in flows}) != len(flows):
        print("soak: two flows with the same bytes or name", file=sys.stderr)
        return 2
    partners = sorted({f.partner for f in flows})
    staging = os.path.join(work, "staging")
    for f in flows:
        os.makedirs(os.path.join(staging, f.partner), exist_ok=True)
        with open(os.path.join(staging, f.partner, f.name), "wb") as out:
            out.write(f.data)

    figures = collections.Counter()
    problems = Problems()
    http = sftp = fluxd = None
    started = time.monotonic()
    try:
        http = HttpReceiver(os.path.join(work, "http"), args.http_faults)
        if args.sftp != "off":
            usable = os.getuid() == 0 and os.access("/usr/sbin/sshd", os.X_OK) \
                and shutil.which("ssh-keygen")
            if usable or args.sftp == "on":
                try:
                    sftp = SftpServer(os.path.join(work, "sftp"))
                except Exception as e:  # auto: run without, say so
                    if args.sftp == "on":
                        raise
                    say("note: no SFTP channel: %s" % e)
            else:
                say("note: no SFTP channel (needs root and /usr/sbin/sshd)")
        recipients = sorted({i.recipient for i in invoices if i.recipient})
        routes = {}
        for r in recipients:
            x = rng.random()
            routes[r] = "receiver" if x < 0.3 else "sftp" if (x < 0.5 and sftp) else "outbox"
        config = write_config(work, gen, xsd_dir, partners, routes, http, sftp, args)
        data = os.path.join(work, "data")
        inbox = os.path.join(data, "inbox")
        for p in partners:
            os.makedirs(os.path.join(inbox, p), exist_ok=True)
        logs = os.path.join(work, "logs")
        os.makedirs(logs)
        fluxd = Fluxd(args.fluxd, config, logs)
        n_zip = sum(1 for f in flows if f.kind == "zip")
        say("%d invoices in %d flows (%d XML, %d ZIP); %d recipients: %d via HTTP, %d via SFTP, "
            "%d to the outbox; %d kills" % (
                len(invoices), len(flows), len(flows) - n_zip, n_zip, len(recipients),
                sum(1 for c in routes.values() if c == "receiver"),
                sum(1 for c in routes.values() if c == "sftp"),
                sum(1 for c in routes.values() if c == "outbox"), args.kills))
        feeder = Feeder(flows, staging, inbox, args.kills, random.Random(args.seed + 1))
        feeder.start()
        crash_loop(args, rng, fluxd, feeder, http, data, problems, figures)
        kills_done = time.monotonic()
        settled = settle(args, fluxd, feeder, flows, data, problems)
        figures["settle_seconds"] = round(time.monotonic() - kills_done, 1)
        rc = fluxd.terminate(60)
        if rc != 0:
            problems.add("SIGTERM: fluxd %s (want exit status 0; %s)"
                         % ("did not stop within 60 s" if rc is None else "exited %s" % rc,
                            fluxd.runs[-1]["log"]))
        figures["sigterm_exit"] = rc
        http.stop()
        if sftp is not None:
            sftp.stop()
        figures["flows_dropped"] = sum(1 for f in flows if f.dropped_at is not None)
        figures["flows_xml"] = sum(1 for f in flows if f.kind == "xml" and f.dropped_at)
        figures["flows_zip"] = sum(1 for f in flows if f.kind == "zip" and f.dropped_at)
        figures["kills"] = sum(1 for r in fluxd.runs if r.get("killed"))
        check_logs(fluxd, problems, figures)
        if not settled:
            say("checking what there is anyway")
        run_checks(args, work, data, fluxd, flows, invoices, routes, http, sftp, xsd_dir,
                   problems, figures)
    finally:
        if fluxd is not None and fluxd.alive():
            fluxd.kill()
        if http is not None:
            http.stop()
        if sftp is not None:
            sftp.stop()
        reap_orphans()

    figures["elapsed_seconds"] = round(time.monotonic() - started, 1)
    figures["kills_survived"] = figures["kills"] if not problems else 0
    figures["faults_injected"] = figures["kills"] + figures["http_503_answered"]
    figures["problems"] = len(problems.items)
    summary = {"command": " ".join([os.path.relpath(sys.argv[0])] + sys.argv[1:]),
               "seed": args.seed, "nproc": os.cpu_count(), "sftp": sftp is not None,
               "xsd": bool(xsd_dir), "figures": dict(figures), "problems": problems.items}
    with open(os.path.join(work, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print_figures(figures, sftp is not None)
    if problems:
        print("soak: FAILED, %d problems (first ones above; all in %s/summary.json)"
              % (len(problems.items), work))
        return 1
    print("soak: PASSED: no loss, no duplicate, no incident (work folder %s)" % work)
    if args.clean:
        shutil.rmtree(work)
    return 0


def reap_orphans():
    """As a subreaper, sshd's per-connection children may end up ours: reap (or stop) them."""
    deadline = time.monotonic() + 3
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
    try:
        children = open("/proc/%d/task/%d/children" % (os.getpid(), os.getpid())).read().split()
    except OSError:
        children = []
    for pid in map(int, children):
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass


def print_figures(f, with_sftp):
    lines = [
        ("flows dropped", "%d (%d single XML, %d ZIP batches)"
         % (f["flows_dropped"], f["flows_xml"], f["flows_zip"])),
        ("flows by final status", ", ".join("%s %d" % kv for kv in
                                             sorted(f["flows_by_status"].items())) or "-"),
        ("invoices", "%d (manifest: %d to accept, %d to reject, %d unreadable files)"
         % (f["invoices"], f["manifest_accepted"], f["manifest_rejected"],
            f["refused_unreadable"])),
        ("accepted (MISE_A_DISPOSITION)", f["accepted"]),
        ("rejected (REJETEE)", f["rejected"]),
        ("kills (SIGKILL)", "%d (%s); %d with a flow in work/"
         % (f["kills"], ", ".join("%s %d" % kv for kv in sorted(f["kill_modes"].items()))
            if f["kill_modes"] else "-", f["kills_with_flow_in_work"])),
        ("kills survived", f["kills_survived"]),
        ("fluxd runs", "%d (%d reached daemon.started); flows recovered from work/: %d"
         % (f["runs"], f["runs_reaching_started"], f["flows_recovered_logged"])),
        ("outbox", "%d invoices, %d files, %d hidden temp leftovers"
         % (f["outbox_invoices"], f["outbox_files"], f["outbox_hidden_leftovers"])),
        ("HTTP receiver", "%d requests, %d Idempotency-Keys for %d invoices, %d retries seen, "
         "%d answered 503 (injected)" % (f["http_requests"], f["http_keys"], f["http_invoices"],
                                          f["http_retries"], f["http_503_answered"])),
    ]
    if with_sftp:
        lines.append(("SFTP target", "%d invoices, %d files, %d hidden .part leftovers"
                      % (f["sftp_invoices"], f["sftp_files"], f["sftp_hidden_leftovers"])))
    lines += [
        ("faults injected", "%d (kills + HTTP 503)" % f["faults_injected"]),
        ("report deliveries checked", "%d (%d report lines written before their delivery)"
         % (f["report_deliveries_checked"], f["reports_written_before_delivery"])),
        ("status history", "%d status changes checked"
         % f["history_events"]),
        ("store integrity_check", f.get("integrity_check", "-")),
        ("settled after last kill", "%s s; SIGTERM exit %s"
         % (f["settle_seconds"], f["sigterm_exit"])),
        ("spool files left", "%d (+ %d hidden temp leftovers)"
         % (f["spool_files_left"], f["spool_hidden_leftovers"])),
        ("losses / duplicates / problems", f["problems"]),
        ("elapsed", "%s s" % f["elapsed_seconds"]),
    ]
    print("fluxd crash soak")
    for name, value in lines:
        print("  %-32s %s" % (name, value))


if __name__ == "__main__":
    sys.exit(main())
