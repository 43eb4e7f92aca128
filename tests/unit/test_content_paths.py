"""plugins/checks/content_paths.py: links out of content/, editors' files, files never built."""

import os
from pathlib import Path

import pytest

from tests.conftest import checksums
from tests.unit.tiny_site import TinySite

ARTICLE = """Title: {title}
Date: 2024-06-01
Category: Clinic news
Author: TheraRehab and Wellness clinical team
Summary: Why knees hurt.
Medical: no

{body}
"""


def article(title="Knee pain", body="Knees hurt for many reasons."):
    return ARTICLE.format(title=title, body=body)


@pytest.fixture
def site():
    site = TinySite()
    site.write("articles/knee.md", article())
    secret = site.root / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("a password", encoding="utf-8")
    yield site
    site.remove()


def files_of(folder):
    return {p.relative_to(folder).as_posix() for p in Path(folder).rglob("*") if p.is_file()}


@pytest.mark.parametrize("link, target", [
    ("images/secret.txt", "outside/secret.txt"),       # a file link, static
    ("images/private", "outside"),                     # a folder link, static
    ("articles/stolen.md", "outside/secret.txt"),      # an article linked from outside
    ("pages/elsewhere", "outside"),                    # a folder of pages
])
def test_a_link_out_of_content_is_refused_and_never_published(site, link, target):
    path = site.content / link
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(site.root / target)
    built = site.build(STATIC_PATHS=["images"], OUTPUT_PIPELINE=[
        "output.compressed_copies", "checks.report"])
    assert built.failed
    [message] = built.messages("symlink-outside-content")
    assert link in message and str(site.root / target) in message
    for name in files_of(site.output):
        assert "secret" not in name and "stolen" not in name and "private" not in name
    for page in site.output.rglob("*"):
        if page.is_file():
            assert b"a password" not in page.read_bytes()


def test_a_dangling_link_and_a_loop_are_named_with_their_target(site):
    (site.content / "images").mkdir()
    (site.content / "images" / "gone.png").symlink_to(site.root / "deleted.png")
    (site.content / "pages" / "again").symlink_to(site.content / "pages")
    (site.content / "pages" / "self.md").symlink_to(site.content / "pages" / "self.md")
    built = site.build()
    assert built.failed
    [dangling] = built.messages("dangling-symlink")
    assert "images/gone.png" in dangling and "deleted.png" in dangling
    loops = built.messages("symlink-loop")
    assert len(loops) == 2
    assert any("pages/again" in line and "holds it" in line for line in loops)
    assert any("pages/self.md" in line and "itself" in line for line in loops)
    assert built.messages("duplicate-output") == [] and built.messages("pelican") == []


@pytest.mark.parametrize("written", ["{static}/../pelicanconf.py", "{static}/../../tasks.py",
                                     "{filename}/../../outside/secret.txt",
                                     "{attach}../../outside/secret.txt"])
def test_a_link_that_leaves_content_names_file_and_line_and_writes_nothing_outside(
        site, written):
    site.write("articles/knee.md", article(body=f"Intro.\n\nSee [this]({written}).\n"))
    (site.content.parent / "pelicanconf.py").write_text("SECRET = 1\n")
    output = site.root / "elsewhere" / "output"
    output.parent.mkdir()
    around = set(os.listdir(site.root)), set(os.listdir(output.parent))
    built = site.build(OUTPUT_PATH=str(output))
    assert built.failed
    [message] = built.messages("link-outside-content")
    assert message.startswith(f"{site.content}/articles/knee.md:10: the link {written}")
    assert (set(os.listdir(site.root)), set(os.listdir(output.parent))) == (
        around[0], around[1] | {"output"})
    assert "pelicanconf.py" not in files_of(output) and "tasks.py" not in files_of(output)


def test_editors_files_are_ignored(site):
    before = checksums(site.content)
    for name in (".#knee.md", "._knee.md", "knee.md~", "#knee.md#", ".knee.md.swp",
                 ".knee.md.swo"):
        site.write(f"articles/{name}", b"\x00\xff not an article")
    (site.content / "articles" / ".#lock.md").symlink_to("user@host.1234:1700000000")
    built = site.build()
    assert not built.failed, built.messages()
    assert (site.output / "articles" / "knee-pain" / "index.html").is_file()
    assert checksums(site.content).keys() >= before.keys()


@pytest.mark.parametrize("relative, says", [
    ("articles/back.MD", "the extension .MD is not read"),
    ("articles/back.txt", "this kind of file is not built"),
    ("articles/back.md.txt", "this kind of file is not built"),
    ("back.md", "outside content/articles/ and content/pages/ is not built"),
    ("drafts/back.md", "outside content/articles/ and content/pages/ is not built"),
    ("notes/todo.txt", "not part of the site"),
])
def test_a_file_the_site_does_not_build_is_named(site, relative, says):
    site.write(relative, article(title="Back pain"))
    built = site.build()
    assert built.failed
    [message] = built.messages("unbuilt-file")
    assert message.startswith(f"{site.content / relative}: ") and says in message


def test_files_built_on_purpose_are_not_reported(site):
    site.write("robots.txt", "User-agent: *\n")
    site.write("images/photo.txt", "a static file")
    built = site.build(TEMPLATE_PAGES={"robots.txt": "robots.txt"})
    assert built.messages("unbuilt-file") == []
