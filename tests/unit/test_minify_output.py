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
