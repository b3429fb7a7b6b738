"""A progress bar for long commands (an archive import, the benchmark's archive build).

A line on stderr, redrawn in place at most ten times a second on a terminal;
elsewhere (a log, CI) a plain line every ten seconds, so logs stay short.
"""

import sys
import time


class Progress:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, label, total, stream=None):
        stream = stream if stream is not None else sys.stderr
        self.label, self.total, self.stream = label, max(total, 1), stream
        self.done, self.started, self.drawn = 0, time.monotonic(), 0.0
        self.tty = stream.isatty()

    def advance(self, count=1):
        self.done += count
        now = time.monotonic()
        if now - self.drawn >= (0.1 if self.tty else 10) or self.done >= self.total:
            self.drawn = now
            self.draw(now)

    def draw(self, now):
        share = min(self.done / self.total, 1)
        rate = self.done / max(now - self.started, 1e-9)
        left = (self.total - self.done) / rate if rate else 0
        bar = "#" * int(share * 30)
        line = (
            f"{self.label} [{bar:<30}] {self.done:,}/{self.total:,} "
            f"{share:4.0%} {rate:,.0f}/s, {left:,.0f} s left"
        )
        self.stream.write(("\r" + line) if self.tty else (line + "\n"))
        self.stream.flush()

    def close(self):
        if self.drawn == 0.0 or self.done < self.total:
            self.draw(time.monotonic())
        if self.tty:
            self.stream.write("\n")
        self.stream.flush()
