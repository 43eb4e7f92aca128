"""Unit tests of the page-weight part of scripts/audit.py (Lighthouse runs in `invoke audit`)."""

import importlib.util

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)
BASE = "http://127.0.0.1:8000/"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_first_view_counts_html_css_scripts_not_images(tmp_path):
    write(tmp_path / "a/index.html", '<link rel="stylesheet" href="/s.css"><script src="../j.js">'
          '</script><img src="/big.png" alt="">')
    write(tmp_path / "s.css", "body{color:red}")
    write(tmp_path / "j.js", "let a = 1;")
    total, css, foreign = audit.page_weight(tmp_path, BASE, "a/")
    parts = [(tmp_path / name).read_bytes() for name in ("a/index.html", "s.css", "j.js")]
    assert total == sum(audit.compressed_size(part) for part in parts)
    assert list(css.values()) == [len("body{color:red}")]
    assert foreign == []


def test_heavy_page_and_other_origins_are_reported(tmp_path):
    import os

    write(tmp_path / "index.html", '<script src="https://cdn.example/x.js"></script>')
    (tmp_path / "index.html").write_bytes(
        (tmp_path / "index.html").read_bytes() + os.urandom(20_000).hex().encode())
    total, _, foreign = audit.page_weight(tmp_path, BASE, "")
    assert total > audit.FIRST_VIEW_BUDGET
    assert foreign == ["https://cdn.example/x.js"]


def lighthouse_report(performance, tbt_score=1.0, warnings=()):
    audits = {"total-blocking-time": {"score": tbt_score, "displayValue": "250 ms"},
              "largest-contentful-paint": {"score": 1, "displayValue": "0.9 s"},
              "dom-size": {"score": 0.5, "displayValue": "12 elements"}}
    return {
        "categories": {
            name: {"score": performance if name == "performance" else 1,
                   "auditRefs": [{"id": "total-blocking-time", "weight": 30},
                                 {"id": "largest-contentful-paint", "weight": 25},
                                 {"id": "dom-size", "weight": 0}] if name == "performance"
                   else []}
            for name in audit.CATEGORIES},
        "audits": audits,
        "runWarnings": list(warnings),
    }


def test_the_median_of_the_runs_is_the_score():
    runs = [lighthouse_report(0.93), lighthouse_report(1.0), lighthouse_report(1.0)]
    assert audit.median_scores(runs)["performance"] == 1.0
    runs = [lighthouse_report(0.93), lighthouse_report(0.97), lighthouse_report(1.0)]
    assert audit.median_scores(runs)["performance"] == 0.97


def test_a_lost_point_names_the_metric_its_value_and_lighthouse_s_warning():
    slow = "The tested device appears to have a slower CPU than Lighthouse expects."
    runs = [lighthouse_report(0.93, 0.4), lighthouse_report(0.97, 0.8, [slow]),
            lighthouse_report(1.0)]
    lost = audit.lost_points(runs, "performance")
    # From the run with the median score; audits that carry no weight are not blamed.
    assert lost == ["total-blocking-time 250 ms (score 0.80)", f"Lighthouse warns: {slow}"]
