"""minify_output: HTML and CSS minified, stylesheets minified as CSS."""

from plugins.minify_output.minify_output import minify_files, minify_stylesheet


def test_stylesheet_is_minified_as_css_not_as_page_text():
    css = "/* note */\n.prose > p {\n  color: #ffffff;\n}\na::after { content: \"&\"; }\n"
    assert minify_stylesheet(css) == '.prose>p{color:#fff}a:after{content:"&"}'


def test_stylesheet_with_a_closing_style_tag_is_left_alone():
    assert minify_stylesheet('a::after { content: "</style>"; }') is None


def test_files_minified_and_excluded_folder_left_alone(tmp_path):
    (tmp_path / "index.html").write_text(
        "<!doctype html>\n<html lang=\"en\">\n  <head><title>T</title></head>\n"
        "  <body>\n    <p class=\"a\">Hello</p>\n  </body>\n</html>\n")
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "ui.css").write_text("a {\n  color: red;\n}\n")
    assert minify_files(tmp_path) == 1
    html = (tmp_path / "index.html").read_text()
    assert html == "<!doctype html><html lang=en><title>T</title><body><p class=a>Hello"
    assert (tmp_path / "pagefind" / "ui.css").read_text() == "a {\n  color: red;\n}\n"


def test_many_files_minified_in_a_pool_give_the_same_bytes(tmp_path, monkeypatch):
    from plugins import work_pool

    count = work_pool.MIN_ITEMS + 10
    page = ("<!doctype html>\n<html lang=\"en\">\n  <head><title>T{n}</title></head>\n"
            "  <body>\n    <p class=\"a\">Hello {n}</p>\n  </body>\n</html>\n")
    for folder in ("pooled", "serial"):
        for n in range(count):
            (tmp_path / folder / f"p{n}").mkdir(parents=True)
            (tmp_path / folder / f"p{n}" / "index.html").write_text(page.format(n=n))
    pools = []
    real_pool = work_pool.ProcessPoolExecutor
    monkeypatch.setattr(work_pool, "ProcessPoolExecutor",
                        lambda **kwargs: pools.append(kwargs) or real_pool(**kwargs))
    assert minify_files(tmp_path / "pooled") == count
    assert len(pools) == 1 or work_pool.usable_cpus() < 2  # a pool was used where it can be
    monkeypatch.setattr(work_pool, "MIN_ITEMS", 10**9)  # now all in this process
    assert minify_files(tmp_path / "serial") == count
    assert len(pools) <= 1
    for n in range(count):
        assert ((tmp_path / "pooled" / f"p{n}" / "index.html").read_bytes()
                == (tmp_path / "serial" / f"p{n}" / "index.html").read_bytes())
