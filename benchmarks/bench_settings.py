"""The site's settings plus the benchmark's ceiling page (benchmarks/bench.py only).

The ceiling is a constant 20 KB page with no template and no query, served
through the same middleware: the fastest any Django page can be on this
machine. It exists only under these settings, never in production's URLconf.
"""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"
