#!/usr/bin/env python3
"""Load benchmark of the preview server: what it holds while it keeps answering.

    scripts/bench-load.py [--site DIR] [--slow 1000] [--streams 300] [--gets 200] [--hold 15]
                          [--clients 200] [--requests 30000] [--vitrine target/release/vitrine]

Starts `vitrine serve` on a copy of DIR (default: the repository's example catalogue), then:

1. opens --slow connections that trickle a request's headers one byte every two seconds and
   never end them (a connection the server cuts off is opened again, and counted), and
   --streams reload event streams, all held at once;
2. meanwhile times --gets ordinary page requests spread over --hold seconds, one after
   another, each on a new connection, and prints their median and maximum;
3. reads the server's thread count and resident memory from /proc while all that is held;
4. saves a record file and times until every open stream has received its `reload` event;
5. closes them all, then sends --requests page requests from --clients concurrent clients
   (keep-alive connections) and counts errors and non-200 answers.

Figures come from one run on this machine: run it twice before trusting a difference.
Standard library only; Linux (reads /proc).
"""
import argparse
import http.client
import os
import pathlib
import resource
import selectors
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = pathlib.Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=pathlib.Path, default=REPO)
    parser.add_argument("--slow", type=int, default=1000)
    parser.add_argument("--streams", type=int, default=300)
    parser.add_argument("--gets", type=int, default=200)
    parser.add_argument("--hold", type=float, default=15.0,
                        help="seconds the GETs are spread over (longer than the server's "
                             "10 s deadline for headers, so that it cuts slow ones off)")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=30000)
    parser.add_argument("--vitrine", default=str(REPO / "target/release/vitrine"))
    args = parser.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = args.slow + args.streams + args.clients + 256
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))

    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        site = pathlib.Path(tmp) / "site"
        for name in ["site.yaml", "content", "data", "themes", "templates", "static"]:
            src = args.site / name
            if src.is_dir():
                shutil.copytree(src, site / name)
            elif src.is_file():
                site.mkdir(parents=True, exist_ok=True)
                shutil.copy(src, site / name)
        run(args, site)


def run(args, site):
    server = subprocess.Popen(
        [args.vitrine, "serve", "--port", "0", "--root", str(site), "--date", "2026-11-28"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        line = server.stdout.readline()
        if not line.startswith("serving "):
            sys.exit(f"bench-load: vitrine serve did not start: {line}")
        url = line.split()[1]
        hostport, _, path = url.split("//")[1].partition("/")
        host, port = hostport.rsplit(":", 1)
        addr = (host, int(port))
        base = "/" + path
        page = f"{base}fr/"
        print(f"server pid {server.pid}, {url}", flush=True)
        print(f"idle: {threads_and_rss(server.pid)}", flush=True)

        stop = threading.Event()
        slow = Trickler(addr, hostport, args.slow)
        slow_thread = threading.Thread(target=slow.run, args=(stop,), daemon=True)
        slow_thread.start()
        streams = [open_stream(addr, hostport, base) for _ in range(args.streams)]
        print(f"held: {slow.open_count()} slow connections, {len(streams)} reload streams",
              flush=True)

        times, failures = [], 0
        for _ in range(args.gets):
            started = time.monotonic()
            status = get_once(addr, hostport, page)
            times.append((time.monotonic() - started) * 1000)
            failures += status != 200
            time.sleep(args.hold / args.gets)
        print(f"page GET while held ({args.gets}, new connection each): "
              f"p50 {statistics.median(times):.1f} ms, max {max(times):.1f} ms, "
              f"{failures} not 200", flush=True)
        print(f"server while held: {threads_and_rss(server.pid)}; "
              f"slow connections still open {slow.open_count()}, "
              f"cut off by the server and reopened {slow.reopened}", flush=True)

        records = sorted(site.glob("content/*/*/fr.md")) or sorted(site.glob("content/*/*/*.md"))
        if records:
            record = records[0]
            reloaded = fan_out(streams, record)
            if reloaded is not None:
                print(f"save to reload on all {len(streams)} streams: {reloaded:.0f} ms",
                      flush=True)
        stop.set()
        slow_thread.join()
        for s in streams:
            s.close()

        load(addr, hostport, page, args.clients, args.requests)
        print(f"after: {threads_and_rss(server.pid)}", flush=True)
    finally:
        server.terminate()
        server.wait()


class Trickler:
    """Connections that send a request's headers one byte at a time, never ending them."""

    def __init__(self, addr, hostport, count):
        self.addr, self.hostport, self.count = addr, hostport, count
        self.reopened = 0
        self.sockets = []
        self.lock = threading.Lock()
        for _ in range(count):
            self.sockets.append(self.open())

    def open(self):
        s = socket.create_connection(self.addr)
        s.sendall(f"GET / HTTP/1.1\r\nHost: {self.hostport}\r\nX-Slow: ".encode())
        s.setblocking(False)
        return s

    def open_count(self):
        with self.lock:
            return len(self.sockets)

    def run(self, stop):
        while not stop.wait(2.0):
            with self.lock:
                for i, s in enumerate(self.sockets):
                    closed = False
                    try:
                        s.send(b"x")
                        if s.recv(4096) == b"":
                            closed = True
                    except BlockingIOError:
                        pass
                    except OSError:
                        closed = True
                    if closed:
                        s.close()
                        self.sockets[i] = self.open()
                        self.reopened += 1
        with self.lock:
            for s in self.sockets:
                s.close()


def open_stream(addr, hostport, base):
    s = socket.create_connection(addr)
    s.sendall(f"GET {base}__vitrine/events HTTP/1.1\r\nHost: {hostport}\r\n\r\n".encode())
    s.settimeout(10)
    got = b""
    while b": connected" not in got:
        chunk = s.recv(4096)
        if not chunk:
            sys.exit("bench-load: a reload stream closed before it was connected")
        got += chunk
    s.setblocking(False)
    return s


def fan_out(streams, record):
    """Saves `record` and returns the milliseconds until every stream got `reload`."""
    sel = selectors.DefaultSelector()
    for s in streams:
        try:
            s.recv(65536)  # drain pings
        except BlockingIOError:
            pass
        sel.register(s, selectors.EVENT_READ)
    text = record.read_text()
    started = time.monotonic()
    record.write_text(text + "\nOne more sentence.\n")
    waiting, seen = set(streams), {s: b"" for s in streams}
    try:
        while waiting and time.monotonic() - started < 30:
            for key, _ in sel.select(timeout=1):
                s = key.fileobj
                try:
                    seen[s] += s.recv(65536)
                except BlockingIOError:
                    continue
                if b"event: reload" in seen[s]:
                    waiting.discard(s)
                    sel.unregister(s)
    finally:
        record.write_text(text)
        sel.close()
    if waiting:
        print(f"{len(waiting)} of {len(streams)} streams got no reload within 30 s")
        return None
    return (time.monotonic() - started) * 1000


def get_once(addr, hostport, path):
    conn = http.client.HTTPConnection(*addr, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": hostport})
        response = conn.getresponse()
        response.read()
        return response.status
    except OSError:
        return 0
    finally:
        conn.close()


def load(addr, hostport, page, clients, requests):
    """--requests GETs from --clients threads on keep-alive connections."""
    per_client = requests // clients
    errors, not_ok, times = [0], [0], []
    lock = threading.Lock()

    def client():
        conn = http.client.HTTPConnection(*addr, timeout=30)
        mine = []
        for _ in range(per_client):
            started = time.monotonic()
            try:
                conn.request("GET", page, headers={"Host": hostport})
                response = conn.getresponse()
                response.read()
                bad = response.status != 200
            except (OSError, http.client.HTTPException):
                with lock:
                    errors[0] += 1
                conn.close()
                conn = http.client.HTTPConnection(*addr, timeout=30)
                continue
            mine.append((time.monotonic() - started) * 1000)
            if bad:
                with lock:
                    not_ok[0] += 1
        conn.close()
        with lock:
            times.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    done = per_client * clients
    print(f"{done} requests from {clients} clients in {elapsed:.1f} s "
          f"({done / elapsed:.0f}/s): {errors[0]} errors, {not_ok[0]} not 200, "
          f"p50 {statistics.median(times):.1f} ms, max {max(times):.1f} ms", flush=True)


def threads_and_rss(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    rss = int(fields["VmRSS"].split()[0]) / 1024
    return f"{fields['Threads']} threads, RSS {rss:.0f} MiB"


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
