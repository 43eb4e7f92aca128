"""`invoke publish`: deploys exactly the checked production build, or nothing.

Every target here is a temp folder or a local bare repository.
"""

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


def test_gh_pages_gets_exactly_the_production_site(tmp_path, prod_site):
    remote = bare_repo(tmp_path / "remote.git")
    publish_ok("--target", "gh-pages", "--remote", str(remote))
    assert branch_digests(remote) == tree_digests(prod_site)
    assert git("--git-dir", str(remote), "rev-list", "--count", "gh-pages").strip() == "1"


def test_a_changed_article_is_shown_by_a_dry_run_then_published_as_one_commit(
        tmp_path, content_copy):
    # The HTML validator is tested on its own: these publishes skip it, to save time.
    remote = bare_repo(tmp_path / "remote.git")
    publish_ok("--remote", str(remote), "--content", str(content_copy), SKIP_HTML)
    source = content_copy / ARTICLE_SOURCE
    source.write_text(read(source).replace("Many people ask", "Many patients ask us", 1),
                      encoding="utf-8")
    # A medical text: published once a clinician has reviewed the change (invoke reviewed).
    reviewed = read(source).split("\nReviewed: ", 1)[1][:10]
    mark_reviewed(source, read_settings(content=content_copy), on=reviewed)
    before = git("--git-dir", str(remote), "rev-parse", "gh-pages")
    result = publish_ok("--remote", str(remote), "--content", str(content_copy), "--dry-run",
                        SKIP_HTML)
    assert "would commit" in result.stdout and ARTICLE_PAGE in result.stdout
    assert git("--git-dir", str(remote), "rev-parse", "gh-pages") == before

    result = publish_ok("--remote", str(remote), "--content", str(content_copy), SKIP_HTML)
    assert "commits to gh-pages" in result.stdout
    assert git("--git-dir", str(remote), "rev-list", "--count", "gh-pages").strip() == "2"
    changed = set(git("--git-dir", str(remote), "diff", "--name-only", "gh-pages~1",
                      "gh-pages").split())
    assert {ARTICLE_PAGE, ARTICLE_PAGE + ".gz", ARTICLE_PAGE + ".br"} <= changed
    assert "contact/index.html" not in changed and "_headers" not in changed
    page = git("--git-dir", str(remote), "show", f"gh-pages:{ARTICLE_PAGE}")
    assert "Many patients ask us" in page

    # Nothing changed since: no empty commit.
    result = publish_ok("--remote", str(remote), "--content", str(content_copy), SKIP_HTML)
    assert "nothing to publish" in result.stdout
    assert git("--git-dir", str(remote), "rev-list", "--count", "gh-pages").strip() == "2"


def test_rsync_makes_the_folder_identical_and_removes_stale_files(tmp_path, prod_site):
    dest = tmp_path / "www"
    (dest / "old-section").mkdir(parents=True)
    (dest / "old-section" / "index.html").write_text("a page no longer built")
    (dest / "stale.css").write_text("body{}")
    publish_ok("--target", "rsync", "--dest", str(dest), SKIP_HTML)
    assert tree_digests(dest) == tree_digests(prod_site)
    assert not (dest / "old-section").exists()
    assert oct((dest / "index.html").stat().st_mode & 0o777) == "0o644"


def test_rsync_dry_run_lists_changes_and_touches_nothing(tmp_path):
    dest = tmp_path / "www"
    dest.mkdir()
    (dest / "stale.html").write_text("old")
    result = publish_ok("--target", "rsync", "--dest", str(dest), "--dry-run", SKIP_HTML)
    assert "deleting   stale.html" in result.stdout
    assert "index.html" in result.stdout
    assert [path.name for path in dest.iterdir()] == ["stale.html"]


def test_a_failing_check_deploys_nothing_and_says_why(tmp_path, content_copy):
    remote = bare_repo(tmp_path / "remote.git")
    dest = tmp_path / "www"
    dest.mkdir()
    (dest / "live.html").write_text("the live site")
    publish_ok("--remote", str(remote), "--content", str(content_copy), SKIP_HTML)
    before = git("--git-dir", str(remote), "rev-parse", "gh-pages")

    article = content_copy / ARTICLE_SOURCE
    article.write_text(read(article) + "\nSee [our old page](/no-such-page/).\n",
                       encoding="utf-8")
    for target in (["--target", "gh-pages", "--remote", str(remote)],
                   ["--target", "rsync", "--dest", str(dest)]):
        result = invoke_publish(*target, "--content", str(content_copy), SKIP_HTML)
        assert result.returncode != 0
        assert "nothing was deployed" in result.stderr
        assert "/no-such-page/" in result.stderr  # says why
    assert git("--git-dir", str(remote), "rev-parse", "gh-pages") == before
    assert [path.name for path in dest.iterdir()] == ["live.html"]


def test_publish_refuses_without_the_html_validator_unless_told(tmp_path):
    dest = tmp_path / "www"
    missing = {"VNU_JAR": str(tmp_path / "no-vnu.jar")}
    result = invoke_publish("--target", "rsync", "--dest", str(dest), env=missing)
    assert result.returncode != 0
    assert "HTML validator is missing" in result.stderr and "--skip-html-check" in result.stderr
    assert not dest.exists()
    result = invoke_publish("--target", "rsync", "--dest", str(dest), "--skip-html-check",
                            env=missing)
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
