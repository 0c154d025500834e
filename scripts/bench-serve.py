#!/usr/bin/env python3
"""Watch-mode benchmark: time from a record file being saved to the reload event.

    scripts/bench-serve.py --site DIR [--edits 50] [--vitrine target/release/vitrine]
                           [--kind body|title|template|bulk] [--search] [--memory]

Starts `vitrine serve` on DIR (a site, e.g. one made by scripts/gen-catalogue.py), waits for
the first build, subscribes to the reload event stream, then saves a file --edits times:
`body` appends a sentence to a record's text (only its pages change), `title` changes its
title (its lists change too), `template` edits a site copy of the record template (a
full rebuild), `bulk` changes a title in the first bulk file of films
(content/films/*.yaml: the file is parsed again, one film and its lists rendered). For
each save it measures the time until the server sends `event: reload`, and prints the
median, the 95th percentile and the maximum. With --search it also waits, after each reload,
until the search index (rebuilt in the background) has caught up, and times that too. With
--memory it prints the server's resident memory (Linux, /proc/PID/status): after the first
build, once the first search index is published, after the edits, each time with the peak
so far (VmHWM), and the time to fetch a first page over HTTP. The site's files are restored
at the end.
Standard library only.
"""
import argparse
import os
import pathlib
import socket
import statistics
import subprocess
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", required=True, type=pathlib.Path)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--kind", choices=["body", "title", "template", "bulk"], default="body")
    parser.add_argument("--search", action="store_true",
                        help="also time the save to the search index's update")
    parser.add_argument("--memory", action="store_true",
                        help="print the server's resident memory, settled and peak")
    repo = pathlib.Path(__file__).resolve().parent.parent
    parser.add_argument("--vitrine", default=str(repo / "target/release/vitrine"))
    args = parser.parse_args()

    server = subprocess.Popen(
        [args.vitrine, "serve", "--port", "0", "--root", str(args.site), "--date", "2026-11-28"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        started = time.monotonic()
        line = server.stdout.readline()
        if not line.startswith("serving "):
            sys.exit(f"bench-serve: vitrine serve did not start: {line}{server.stderr.read()}")
        url = line.split()[1]
        print(f"first build and start: {time.monotonic() - started:.2f} s", flush=True)
        host, port = url.split("//")[1].split("/")[0].split(":")
        base = "/" + url.split("//")[1].split("/", 1)[1]
        if args.memory:
            fetched = time.monotonic()
            size = fetch(host, port, base)
            print(f"first page ({size} bytes): {(time.monotonic() - fetched) * 1000:.1f} ms, "
                  f"{time.monotonic() - started:.2f} s after the start", flush=True)
            memory(server.pid, "after the first build")
        events = socket.create_connection((host, int(port)))
        events.sendall(f"GET {base}__vitrine/events HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
        stream = events.makefile("rb")
        while stream.readline().strip() != b": connected":
            pass

        # The first build's search index is made in the background: let it finish.
        settled(host, port, base)
        print(f"first search index: {time.monotonic() - started:.2f} s", flush=True)
        if args.memory:
            memory(server.pid, "with the first search index")

        records = sorted(p for p in (args.site / "content" / "films").iterdir() if p.is_dir())
        records = records[: args.edits]
        bulk = sorted((args.site / "content" / "films").glob("*.yaml"))
        override = args.site / "templates" / "record.html"
        created_override = args.kind == "template" and not override.exists()
        if created_override:
            # Edit a site-level copy: the theme may be shared with other sites.
            override.parent.mkdir(exist_ok=True)
            theme = next((args.site / "themes").glob("*/templates/record.html"))
            override.write_text(theme.read_text(encoding="utf-8"), encoding="utf-8")
            wait_for_reload(stream)
        originals = {}
        times = []
        search_times = []
        for n in range(args.edits):
            record = records[n % len(records)]
            if args.kind == "template":
                path = override
            elif args.kind == "bulk":
                path = bulk[0]
            else:
                path = next(p for p in sorted(record.iterdir()) if p.suffix == ".md")
            text = originals.setdefault(path, path.read_text(encoding="utf-8"))
            if args.kind == "body":
                new = text + f"\nUne phrase ajoutée ({n}).\n"
            elif args.kind == "title":
                new = text.replace("title: ", f"title: ({n}) ", 1)
            elif args.kind == "bulk":
                new = text.replace('title: {fr: "', f'title: {{fr: "({n}) ', 1)
            else:
                new = text + f"\n{{# edit {n} #}}\n"
            saved = time.monotonic()
            path.write_text(new, encoding="utf-8")
            wait_for_reload(stream)
            times.append(time.monotonic() - saved)
            if args.search:
                settled(host, port, base)
                search_times.append(time.monotonic() - saved)
            time.sleep(0.05)
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
        if created_override:
            override.unlink()
        report(f"{args.kind} edits: {len(times)}; save to reload event", times)
        if args.memory:
            memory(server.pid, "after the edits")
            settled(host, port, base)
            memory(server.pid, "after the edits, search settled")
        if search_times:
            report(f"{args.kind} edits: {len(search_times)}; save to search index updated", search_times)
    finally:
        server.terminate()
        server.wait()


def fetch(host, port, base, rel=""):
    """The size of a page's body, fetched as a browser does (gzip accepted)."""
    with socket.create_connection((host, int(port))) as s:
        s.sendall(f"GET {base}{rel} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Encoding: gzip\r\n"
                  f"Connection: close\r\n\r\n".encode())
        reply = b""
        while chunk := s.recv(65536):
            reply += chunk
    if b" 200 " not in reply.split(b"\r\n", 1)[0]:
        sys.exit(f"bench-serve: the first page was not served: {reply[:200]!r}")
    return len(reply.split(b"\r\n\r\n", 1)[1])


def memory(pid, moment):
    """Prints the resident memory of `pid` now and at its peak, a second after `moment`
    (the allocator returns freed memory to the system after a short delay)."""
    time.sleep(1)
    status = dict(line.split(":", 1) for line in open(f"/proc/{pid}/status", encoding="utf-8"))
    mib = lambda key: int(status[key].split()[0]) / 1024
    print(f"memory {moment}: resident {mib('VmRSS'):.0f} MiB, peak {mib('VmHWM'):.0f} MiB",
          flush=True)


def settled(host, port, base):
    """Returns once the server's search index has caught up with its last build."""
    with socket.create_connection((host, int(port))) as s:
        s.sendall(f"GET {base}__vitrine/settled HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
        reply = b""
        while chunk := s.recv(4096):
            reply += chunk
    if b" 200 " not in reply.split(b"\r\n", 1)[0]:
        sys.exit(f"bench-serve: the search index did not settle: {reply[:200]!r}")


def report(label, times):
    times_ms = sorted(t * 1000 for t in times)
    p95 = times_ms[min(len(times_ms) - 1, round(0.95 * (len(times_ms) - 1)))]
    print(f"{label}: median {statistics.median(times_ms):.0f} ms, "
          f"p95 {p95:.0f} ms, max {times_ms[-1]:.0f} ms", flush=True)


def wait_for_reload(stream, event=b"event: reload"):
    while True:
        line = stream.readline()
        if not line:
            sys.exit("bench-serve: the event stream closed")
        if line.strip() == event:
            stream.readline()  # data
            return


if __name__ == "__main__":
    main()
