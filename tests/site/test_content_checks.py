"""Every writer mistake fails the build with FILE:LINE, once, and output/ stays as it was.

One copy of the real content holds every mistake of tests/sites.py, each in its own
file (or an edit of a real one). `invoke build` of it, over an output/ that holds
a good site, must fail, list every mistake with its file, line and check, say
each once, and leave output/ byte-identical.
"""

import os
from pathlib import Path

import pytest

from pelicanconf import SEVERITY
from plugins.checks import check_names
from tests import sites
from tests.conftest import checksums, leftovers


def reported(stderr, check):
    return [line for line in stderr.splitlines() if line.endswith(f"[{check}]")]


def test_every_check_of_writers_files_has_a_planted_mistake():
    planted = {name for name, *_ in sites.MISTAKES + sites.MISTAKE_LINKS}
    assert planted >= set(check_names())


@pytest.mark.parametrize("name, link, target", sites.MISTAKE_LINKS,
                         ids=[name for name, *_ in sites.MISTAKE_LINKS])
def test_a_planted_link_is_reported_naming_it_and_its_target(mistakes_dev_build,
                                                            mistakes_content, name, link,
                                                            target):
    lines = [line for line in reported(mistakes_dev_build[0].stderr, name)
             if line.startswith(f"error: {mistakes_content / link}: ")]
    assert len(lines) == 1, mistakes_dev_build[0].stderr
    assert str(Path(os.path.normpath(mistakes_content / target)).name) in lines[0]


def test_the_failed_build_keeps_output_and_leaves_nothing_behind(mistakes_dev_build):
    result, before, output = mistakes_dev_build
    assert result.returncode != 0
    assert checksums(output) == before, "a failed build changed output/"
    assert leftovers(output) == []
    assert "was left as it was" in result.stderr


@pytest.mark.parametrize(
    "name, relative, text, marker", sites.MISTAKES,
    ids=[f"{name}:{Path(relative).stem}" for name, relative, *_ in sites.MISTAKES],
)
def test_mistake_is_reported_naming_file_and_line(mistakes_dev_build, mistakes_content, name,
                                                  relative, text, marker):
    stderr = mistakes_dev_build[0].stderr
    location = sites.expected_location(f"{mistakes_content}/{relative}", text, marker)
    lines = [line for line in reported(stderr, name) if location in line]
    assert lines, stderr
    severity = SEVERITY.get(name, "error")  # plain http:// links: a warning while writing
    for line in lines:  # one problem, one line: severity, path, what, then how to fix it
        assert line.startswith(f"{severity}: ") and " — " in line


@pytest.mark.parametrize(
    "name, relative, edit, marker", sites.MISTAKE_EDITS,
    ids=[f"{name}:{Path(relative).stem}" for name, relative, *_ in sites.MISTAKE_EDITS])
def test_a_mistake_in_a_real_file_is_reported_naming_it(mistakes_dev_build, mistakes_content,
                                                        name, relative, edit, marker):
    path = mistakes_content / relative
    location = sites.expected_location(path, path.read_text(encoding="utf-8"), marker)
    assert any(location in line for line in reported(mistakes_dev_build[0].stderr, name)), \
        mistakes_dev_build[0].stderr


def test_each_mistake_is_reported_once(mistakes_dev_build, mistakes_content):
    lines = [line for line in mistakes_dev_build[0].stderr.splitlines()
             if line.startswith(("error: ", "warning: "))]
    assert len(lines) == len(set(lines))
    # A misspelt key is an unknown key, not also a missing Category.
    catgory = [line for line in lines if "articles/catgory.md" in line]
    assert len(catgory) == 1 and "did you mean Category?" in catgory[0]
    # A broken {filename} link is told at its line, not again for the written page.
    broken = [line for line in lines if "does-not-exist.md" in line]
    text = sites.article("Read [this]({filename}does-not-exist.md).\n")
    where = sites.expected_location("articles/broken-link.md", text, "does-not-exist")
    assert len(broken) == 1 and where in broken[0]
    assert not any(line.startswith("error: output/articles/") for line in lines)


@pytest.mark.parametrize("cryptic", [
    "could not find information about", "Unable to find", "Empty alt attribute",
    "Could not process", "There are 2 items", "FileOverwriteFailedError", "Traceback",
    # An empty Slug, a missing template, a tag without letters, deep nesting, control
    # characters, a truncated image: Pelican's and the libraries' words, or a crash.
    "Cannot unpack", "PelicanTemplateNotFound", "Unable to generate valid slug",
    "RecursionError", "Control characters are not supported", "Duplicate definition",
    "Truncated File Read) [pelican]", ".output-new-",
])
def test_pelicans_cryptic_messages_are_replaced(mistakes_dev_build, cryptic):
    assert cryptic not in mistakes_dev_build[0].stderr


def test_duplicate_output_names_both_files(mistakes_dev_build, mistakes_content):
    line = next(line for line in reported(mistakes_dev_build[0].stderr, "duplicate-output")
                if "same-url.md" in line)
    assert str(mistakes_content / "pages" / "same-url.md") in line
    assert "home.md" in line and "index.html" in line


def test_every_problem_is_counted_in_the_summary(mistakes_dev_build):
    stderr = mistakes_dev_build[0].stderr
    errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert f"The build found {len(errors)} problems; fix them and build again." in stderr


def test_a_published_unfinished_new_article_names_its_todo_and_missing_review(
        mistakes_dev_build, mistakes_content):
    path = mistakes_content / "articles" / "shoulder-pain.md"
    stderr = mistakes_dev_build[0].stderr
    assert f"{path}:6:" in stderr and "[todo-left]" in stderr
    missing = [line for line in reported(stderr, "missing-metadata") if str(path) in line]
    assert {"Reviewer", "Reviewed"} <= {word for line in missing for word in
                                        ("Reviewer", "Reviewed") if f"no {word}:" in line}


def test_the_production_build_makes_plain_http_and_overdue_reviews_errors(
        mistakes_prod_build, mistakes_content):
    _, result = mistakes_prod_build
    assert result.returncode != 0
    http = reported(result.stderr, "plain-http-link")
    assert http and all(line.startswith("error: ") for line in http)
    overdue = reported(result.stderr, "review-overdue")
    where = sites.expected_location(f"{mistakes_content}/articles/http.md", sites.article(),
                                    "Reviewed:")
    assert any(where in line for line in overdue), result.stderr
    assert all(line.startswith("error: ") for line in overdue)
