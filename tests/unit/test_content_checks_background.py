"""content_checks: the checks run beside the rendering report exactly what they report in line."""

import datetime as dt
import re

from bench.generate import generate
from tests.unit.test_parallel_read import debug_build

TODAY = dt.date(2026, 1, 15)
MISTAKES = """
![](../../images/bench/figure-1.png)

<script src="https://cdn.example.com/widget.js"></script>

<p onclick="track()">Tap here</p>

[Old page](http://www.example.org/page) and [missing]({filename}/articles/nowhere.md).
"""


def problems(result):
    """The problem lines of a build's output, in a stable order."""
    return sorted(line.strip() for line in (result.stdout + result.stderr).splitlines()
                  if re.search(r"\[[a-z-]+\]$", line.strip()))


def test_messages_are_the_same_in_the_background_and_in_line(tmp_path, content_copy):
    generate(content_copy, 12, today=TODAY)
    for number in (2, 7):
        article = content_copy / "articles" / "bench" / f"article-{number:05d}.md"
        article.write_text(article.read_text(encoding="utf-8") + MISTAKES, encoding="utf-8")
    background = debug_build(tmp_path / "background", content_copy,
                             "CONTENT_CHECKS_BACKGROUND_MIN_ITEMS=1")
    # Guard against a vacuous comparison: the checks really ran in the forked copy.
    assert "beside the rendering" in background.stdout + background.stderr
    in_line = debug_build(tmp_path / "in-line", content_copy, "CONTENT_CHECKS_BACKGROUND=false")
    assert "beside the rendering" not in in_line.stdout + in_line.stderr
    assert background.returncode != 0 and in_line.returncode != 0
    found = problems(background)
    assert found == problems(in_line)
    for check in ("image-without-alt", "embedded-code", "inline-event-handler",
                  "broken-intrasite-link"):
        assert sum(f"[{check}]" in line for line in found) >= 2, (check, found)
