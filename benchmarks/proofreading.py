#!/usr/bin/env python3
"""How long the editorial checks take on a 3,000-word article.

Builds one article of about 3,000 words from the clean test corpus
(tests/proofreading/corpus/: politics, sport and economy stories, with
subheadings and captioned pictures), then times `proofreading.review.review()`:

- cold: the syllable caches emptied before each run, as for the first article
  a fresh process reviews;
- warm: caches kept, as for every later article in the same process.

    .venv/bin/python benchmarks/proofreading.py
"""

import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from proofreading import glued, syllables  # noqa: E402
from proofreading.review import review  # noqa: E402
from tests.proofreading.corpus import render_block, stories  # noqa: E402

WORDS = 3000
RUNS = 50


def three_thousand_words():
    stories_ = stories()
    headline, lead = stories_[0].headline, stories_[0].lead
    blocks, count = [], len(headline.split()) + len(lead.split())
    for story in stories_:
        for block in story.blocks:
            if count >= WORDS:
                break
            # One quotation style for the whole article, or the mix is a finding.
            blocks.append(re.sub(r'"([^"]*)"', r"“\1”", block))
            count += len(block.split())
    return headline, lead, "\n".join(render_block(block) for block in blocks), count


def clear_caches():
    syllables.analyse.cache_clear()
    syllables.split_glued.cache_clear()
    glued._pieces.cache_clear()


def timings(article, *, cold):
    results = []
    for _ in range(RUNS):
        if cold:
            clear_caches()
        start = time.perf_counter()
        findings = review(*article)
        results.append(time.perf_counter() - start)
        assert findings == [], findings  # the corpus is clean
    return results


def main():
    headline, lead, body, count = three_thousand_words()
    article = (headline, lead, body)
    print(
        f"Article: {count} words, {body.count('<p>')} paragraphs, {len(body):,} characters of HTML"
    )
    for label, cold in (("cold caches", True), ("warm caches", False)):
        runs = timings(article, cold=cold)
        print(
            f"review() with {label}: median {statistics.median(runs) * 1000:.1f} ms, "
            f"best {min(runs) * 1000:.1f} ms, worst {max(runs) * 1000:.1f} ms ({RUNS} runs)"
        )


if __name__ == "__main__":
    main()
