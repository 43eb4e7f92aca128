"""output.minify: HTML and CSS minified, stylesheets minified as CSS."""

from plugins.common.build import build_of
from plugins.output import minify, work_pool
from plugins.output.minify import minify_files, minify_stylesheet

PAGE = ("<!doctype html>\n<html lang=\"en\">\n  <head><title>T</title></head>\n"
        "  <body>\n    <p class=\"a\">Hello</p>\n  </body>\n</html>\n")


def test_stylesheet_is_minified_as_css_not_as_page_text():
    css = "/* note */\n.prose > p {\n  color: #ffffff;\n}\na::after { content: \"&\"; }\n"
    assert minify_stylesheet(css) == '.prose>p{color:#fff}a:after{content:"&"}'


def test_stylesheet_with_a_closing_style_tag_is_left_alone():
    assert minify_stylesheet('a::after { content: "</style>"; }') is None


def test_files_minified_and_excluded_folder_left_alone(tmp_path):
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "site.css").write_text("a {\n  color: red;\n}\n")
    (tmp_path / "theme" / "menu.js").write_text("let  a = 1;\n")
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "ui.css").write_text("a {\n  color: red;\n}\n")
    assert minify_files(tmp_path) == []  # nothing left as it was
    html = (tmp_path / "index.html").read_text()
    assert html == "<!doctype html><html lang=en><title>T</title><body><p class=a>Hello"
    assert (tmp_path / "theme" / "site.css").read_text() == "a{color:red}"
    assert (tmp_path / "theme" / "menu.js").read_text() == "let  a = 1;\n"  # scripts as shipped
    assert (tmp_path / "pagefind" / "ui.css").read_text() == "a {\n  color: red;\n}\n"


def test_a_stylesheet_unsafe_to_minify_is_left_as_it_is_and_reported(tmp_path):
    unsafe = 'a::after {\n  content: "</style>";\n}\n'
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "odd.css").write_text(unsafe)
    (tmp_path / "index.html").write_text(PAGE)
    build = build_of({"OUTPUT_PATH": str(tmp_path), "MINIFY_OUTPUT_EXCLUDE": []})
    minify.run(build)
    assert (tmp_path / "theme" / "odd.css").read_text() == unsafe
    assert (tmp_path / "index.html").read_text() != PAGE  # the rest is minified
    assert [(p.check, p.message) for p in build.report.problems] == [
        ("minify-unsafe", "output/theme/odd.css could not be minified safely")]


def test_the_exclude_setting_names_the_folders_left_alone(tmp_path):
    for folder in ("keep", "pagefind"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.html").write_text(PAGE)
    minify.run(build_of({"OUTPUT_PATH": str(tmp_path), "MINIFY_OUTPUT_EXCLUDE": ["keep/"]}))
    assert (tmp_path / "keep" / "index.html").read_text() == PAGE
    assert (tmp_path / "pagefind" / "index.html").read_text() != PAGE


def test_many_files_minified_in_a_pool_give_the_same_bytes(tmp_path, monkeypatch):
    count = work_pool.MIN_ITEMS + 10
    page = PAGE.replace("<title>T", "<title>T{n}").replace("Hello", "Hello {n}")
    for folder in ("pooled", "serial"):
        for n in range(count):
            (tmp_path / folder / f"p{n}").mkdir(parents=True)
            (tmp_path / folder / f"p{n}" / "index.html").write_text(page.format(n=n))
    pools = []
    real_pool = work_pool.ProcessPoolExecutor
    monkeypatch.setattr(work_pool, "ProcessPoolExecutor",
                        lambda **kwargs: pools.append(kwargs) or real_pool(**kwargs))
    assert minify_files(tmp_path / "pooled") == []
    assert len(pools) == 1 or work_pool.usable_cpus() < 2  # a pool was used where it can be
    monkeypatch.setattr(work_pool, "MIN_ITEMS", 10**9)  # now all in this process
    assert minify_files(tmp_path / "serial") == []
    assert len(pools) <= 1
    for n in range(count):
        pooled = (tmp_path / "pooled" / f"p{n}" / "index.html").read_bytes()
        assert pooled == (tmp_path / "serial" / f"p{n}" / "index.html").read_bytes()
        assert pooled == (f"<!doctype html><html lang=en><title>T{n}</title><body>"
                          f"<p class=a>Hello {n}").encode()
