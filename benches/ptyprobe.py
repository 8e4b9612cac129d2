#!/usr/bin/env python3
"""Whole-process measurements of the reader in a pseudo-terminal (README, Performance).

  benches/ptyprobe.py keys GISA DIR [ROUNDS]   key-to-frame latency per kind of key
  benches/ptyprobe.py pagedown GISA DIR ID      bytes per page down: gisa's reader against less
  benches/ptyprobe.py during GISA DIR [SECONDS] j/k every ~50 ms from the start, while it loads
  benches/ptyprobe.py live GISA DIR [ROUNDS]    a file written into DIR (a scratch copy: it is
                                                 written to) until its headline is on screen

The reader runs at 120x40 (TERM=xterm-256color, LANG=C.UTF-8, state in a temporary folder).
A key's latency is the time from writing it to the pty to the last byte of the frame it
caused; a frame has ended when no byte comes for QUIET seconds (not counted). Keys that draw
nothing are counted apart. Python standard library only.
"""
import os, pty, select, statistics, struct, subprocess, sys, tempfile, time, fcntl, termios

QUIET = 0.04
ROWS, COLS = 40, 120


def spawn(argv, env_extra):
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", **env_extra)
        env.pop("LESS", None)
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    return pid, fd


def drain(fd, quiet, limit=600.0, seen=None):
    """Read until `quiet` seconds pass without output; (bytes, time of the last byte). The
    bytes themselves are appended to `seen` when given."""
    got, last, start = 0, None, time.monotonic()
    while time.monotonic() - start < limit:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            break
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        got += len(chunk)
        last = time.monotonic()
        if seen is not None:
            seen += chunk
    return got, last


def started(gisa, folder, state):
    t0 = time.monotonic()
    pid, fd = spawn([gisa, "--articles", folder], {"XDG_STATE_HOME": state})
    # The load draws a frame per batch; it is over when nothing comes for 2 s.
    _, last = drain(fd, 2.0)
    return pid, fd, (last or t0) - t0


def press(fd, key, seen=None):
    sent = time.monotonic()
    os.write(fd, key)
    got, last = drain(fd, QUIET, seen=seen)
    return got, (last - sent) * 1000 if last else None


SCRIPT = (
    [("move", b"j")] * 20 + [("move", b"k")] * 10
    + [("page", b"\x1b[6~")] * 5 + [("page", b"\x1b[5~")] * 5
    + [("move", b"G"), ("move", b"g"), ("open", b"\r")]
    + [("move", b"j")] * 10 + [("page", b" ")] * 5 + [("page", b"b")] * 5
    + [("pane", b"\t")] * 3 + [("pane", b"\x1b")]
    + [("query", b"/")] + [("query", bytes([c])) for c in b"year:2019 japan summit"]
    + [("query", b"\x7f")] * 6 + [("query", b"\x1b"), ("pane", b"\x1b")]
)


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(p / 100 * len(xs) + 0.5)) - 1))]


def keys(gisa, folder, rounds):
    with tempfile.TemporaryDirectory() as state:
        pid, fd, ready = started(gisa, folder, state)
        print(f"{folder}: loaded and quiet after {ready:.2f} s")
        by = {}
        silent = 0
        for _ in range(rounds):
            for kind, key in SCRIPT:
                _, ms = press(fd, key)
                if ms is None:
                    silent += 1
                else:
                    by.setdefault(kind, []).append(ms)
        os.write(fd, b"q")
        os.waitpid(pid, 0)
    every = [x for xs in by.values() for x in xs]
    print(f"{'keys':8} {'n':>5} {'median':>8} {'p90':>8} {'p99':>8} {'max':>8}   (ms)")
    for kind, xs in sorted(by.items()) + [("all", every)]:
        print(f"{kind:8} {len(xs):5} {statistics.median(xs):8.2f} {pct(xs, 90):8.2f} "
              f"{pct(xs, 99):8.2f} {max(xs):8.2f}")
    print(f"keys that drew nothing: {silent}")


def pages(fd, key, end=None):
    """Bytes of each page down until nothing changes (or `end` shows, for less, which
    answers a page down at the end with its prompt again)."""
    sizes = []
    for _ in range(200):
        seen = bytearray()
        got, _ = press(fd, key, seen)
        if got == 0:
            break
        sizes.append(got)
        if end is not None and end in seen:
            break
    return sizes


def pagedown(gisa, folder, article):
    """Page through `article` (an id) in gisa's reader, and through the same text in less."""
    listed = subprocess.run([gisa, "--articles", folder, "list"], capture_output=True, text=True)
    ids = [line.split()[0] for line in listed.stdout.splitlines()[1:]]
    row = ids.index(article)
    first = article
    shown = subprocess.run([gisa, "--articles", folder, "show", first], capture_output=True, text=True)
    with tempfile.TemporaryDirectory() as state:
        pid, fd, _ = started(gisa, folder, state)
        for _ in range(row):
            press(fd, b"j")
        press(fd, b"\r")
        g = pages(fd, b"\x1b[6~")
        os.write(fd, b"q")
        os.waitpid(pid, 0)
        text = os.path.join(state, "article.txt")
        with open(text, "w") as f:
            f.write(shown.stdout)
        pid, fd = spawn(["less", text], {"LESSHISTFILE": "-"})
        drain(fd, 0.3)
        l = pages(fd, b" ", b"(END)")
        os.write(fd, b"q")
        os.waitpid(pid, 0)
    lines = len(shown.stdout.splitlines())
    print(f"article {first}: {lines} lines as `gisa show` prints them")
    for name, s in (("gisa", g), ("less", l)):
        print(f"{name}: {len(s)} page downs, bytes each {s}, median {statistics.median(s):.0f}, "
              f"total {sum(s)}")
    print(f"median per page down, gisa/less: {statistics.median(g) / statistics.median(l):.2f}; "
          f"whole article: {sum(g) / sum(l):.2f}")


def during(gisa, folder, seconds):
    """Keys pressed from the start, while the archive loads: the time from each key to the
    first byte after it (a frozen reader shows as a long wait). Keys pressed before the first
    article is in have nothing to move and wait for the first batch: they are counted apart."""
    with tempfile.TemporaryDirectory() as state:
        pid, fd = spawn([gisa, "--articles", folder], {"XDG_STATE_HOME": state})
        drain(fd, 0.05)
        early, lat, n, filled = [], [], 0, False
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            sent = time.monotonic()
            os.write(fd, b"jk"[n % 2:n % 2 + 1])
            n += 1
            r, _, _ = select.select([fd], [], [], 10)
            if not r:
                break
            got = len(os.read(fd, 1 << 16))
            (lat if filled else early).append((time.monotonic() - sent) * 1000)
            more, _ = drain(fd, 0.03)
            # The first batch's frame fills the list: a frame of many rows.
            filled |= got + more > 1000
        os.write(fd, b"q")
        os.waitpid(pid, 0)
    print(f"{len(lat)} keys in the first {seconds} s: median {statistics.median(lat):.2f} ms, "
          f"p90 {pct(lat, 90):.2f}, p99 {pct(lat, 99):.2f}, max {max(lat):.2f}")
    print(f"before the first articles: {len(early)} keys, "
          f"{', '.join(f'{x:.0f}' for x in early)} ms")


def live(gisa, folder, rounds):
    """Articles written into the folder while the reader runs, as `gisa add` writes them (a
    hidden temporary file renamed): the time from the rename to the first frame that shows the
    new headline, and from deleting it to the frame that says so. The reference, in the same
    run: a key (j/k) to its frame."""
    with tempfile.TemporaryDirectory() as state:
        pid, fd, load = started(gisa, folder, state)
        shown, gone, keyed = [], [], []
        for n in range(rounds):
            token = f"Zq{n:03d}x"
            text = (f"{token} probe headline for the watch\nDecember 31, 2030\n"
                    f"SEOUL (Reuters) - A probe article number {n} for the watch, written and deleted.\n")
            tmp = os.path.join(folder, f".probe-{n}.tmp")
            final = os.path.join(folder, f"zz-probe-{n}.txt")
            with open(tmp, "w") as f:
                f.write(text)
            seen = bytearray()
            sent = time.monotonic()
            os.rename(tmp, final)
            while token.encode() not in seen and time.monotonic() - sent < 10:
                drain(fd, 0.01, limit=10, seen=seen)
            shown.append((time.monotonic() - sent) * 1000)
            drain(fd, 0.2)
            for key in (b"j", b"k"):
                _, ms = press(fd, key)
                if ms is not None:
                    keyed.append(ms)
            seen = bytearray()
            sent = time.monotonic()
            os.remove(final)
            while b"removed" not in seen and time.monotonic() - sent < 10:
                drain(fd, 0.01, limit=10, seen=seen)
            gone.append((time.monotonic() - sent) * 1000)
            drain(fd, 0.2)
        os.write(fd, b"q")
        os.waitpid(pid, 0)
    for name, xs in (("added, on screen", shown), ("deleted, said", gone), ("reference: j/k", keyed)):
        print(f"{name}: {len(xs)} times, median {statistics.median(xs):.1f} ms, "
              f"p90 {pct(xs, 90):.1f}, max {max(xs):.1f}")
    print(f"(load before: {load:.2f} s)")


if __name__ == "__main__":
    mode, gisa, folder = sys.argv[1:4]
    if mode == "keys":
        keys(gisa, folder, int(sys.argv[4]) if len(sys.argv) > 4 else 5)
    elif mode == "live":
        live(gisa, folder, int(sys.argv[4]) if len(sys.argv) > 4 else 20)
    elif mode == "during":
        during(gisa, folder, float(sys.argv[4]) if len(sys.argv) > 4 else 8.0)
    else:
        pagedown(gisa, folder, sys.argv[4])
