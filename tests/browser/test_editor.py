"""The content editor at /admin/ in Chromium, offline, in its local mode (no account).

The editor's local mode edits a folder the writer picks with the File System
Access API; Playwright cannot answer the browser's folder picker, so an init
script hands the editor the origin-private file system's root instead, laid out
as a checkout (``.git/HEAD``, ``content/``): the editor reads and writes real
files there, and the test reads them back. Every request is recorded; any
request to another address than 127.0.0.1 is refused and fails the test.
"""

import base64
from pathlib import Path
import shutil

import pytest

from plugins.common import fields
from scripts.build import CONTENT
from tests.conftest import build_ok

PICKER = "window.showDirectoryPicker = async () => navigator.storage.getDirectory();"
WRITE_FILES = """async (files) => {
  const root = await navigator.storage.getDirectory();
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split("/");
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      folder = await folder.getDirectoryHandle(part, { create: true });
    }
    const file = await folder.getFileHandle(parts.at(-1), { create: true });
    const writer = await file.createWritable();
    await writer.write(text);
    await writer.close();
  }
}"""
READ_FILES = """async () => {
  const found = {};
  async function walk(folder, prefix) {
    for await (const [name, handle] of folder.entries()) {
      if (handle.kind === "directory") await walk(handle, prefix + name + "/");
      else {
        const file = await handle.getFile();
        const bytes = new Uint8Array(await file.arrayBuffer());
        let text = "";
        for (const byte of bytes) text += String.fromCharCode(byte);
        found[prefix + name] = btoa(text);
      }
    }
  }
  await walk(await navigator.storage.getDirectory(), "");
  return found;
}"""
# What the editor tries to fetch from other origins, each blocked by the admin page's
# policy with the editor still working: its update check, the Git host's status page,
# and its fonts' CDN (the same fonts are served from admin/fonts/ and used).
BLOCKED_ON_PURPOSE = ("https://unpkg.com/@sveltia/cms/package.json",
                      "https://www.githubstatus.com/", "https://cdn.jsdelivr.net/fontsource/")
SEED_ARTICLE = "content/articles/do-physical-therapists-massage.md"
IMAGE = Path(__file__).resolve().parents[2] / "content" / "images" / "logo.png"


class EditorSession:
    """One page of the editor on the served site, with everything it asked for."""

    def __init__(self, browser, site_url):
        self.origin = site_url.rstrip("/")
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.requests, self.outside, self.console, self.errors = [], [], [], []
        self.context.route("**/*", self.route)
        self.page = self.context.new_page()
        self.page.add_init_script(PICKER)
        self.page.on("console", lambda message: self.console.append(
            (message.type, message.text)))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith(("http://127.0.0.1:", "blob:", "data:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def files(self):
        return {path: base64.b64decode(data)
                for path, data in self.page.evaluate(READ_FILES).items()}

    def policy_violations(self):
        return [text for kind, text in self.console
                if "Content Security Policy" in text]

    def close(self):
        self.context.close()


@pytest.fixture
def editor(browser, site_url):
    session = EditorSession(browser, site_url)
    session.page.goto(f"{site_url}admin/")
    session.page.evaluate(WRITE_FILES, {
        ".git/HEAD": "ref: refs/heads/main\n",
        SEED_ARTICLE: (CONTENT / "articles" / "do-physical-therapists-massage.md")
        .read_text(encoding="utf-8"),
    })
    session.page.get_by_role("button", name="Work with Local Repository").click()
    session.page.get_by_role("button", name="Create New Entry").wait_for()
    yield session
    session.close()


def field(page, key):
    """A field of the editor's form, by its key in the field table."""
    return page.locator(f'[data-key-path="{key}"]')


def show_field(page, key):
    """Scroll the form until a field is drawn (the editor draws fields as they come into
    view)."""
    for _ in range(20):
        if field(page, key).count():
            return field(page, key)
        page.locator("[data-key-path]").last.scroll_into_view_if_needed()
        page.mouse.wheel(0, 1500)
    raise AssertionError(f"the form has no field {key}")


ARTICLE = {
    "title": "Knee pain after running",
    "slug": "knee-pain-after-running",
    "date": "2026-11-20",
    "category": "Treatments",
    "author": "TheraRehab and Wellness clinical team",
    "summary": "Why running makes knees hurt, and how physical therapy helps.",
    "reviewer": "clinical-director",
    "reviewed": "2026-11-21",
}
BODY = ("Runners often feel pain around the kneecap.\n\n"
        "## What helps\n\n"
        "![A therapist stretching a runner's knee]({static}/images/knee-stretch.png)\n")


def fill_article(page):
    field(page, "title").locator("input").fill(ARTICLE["title"])
    field(page, "slug").locator("input").fill(ARTICLE["slug"])
    field(page, "date").locator("input").fill(ARTICLE["date"])
    field(page, "category").get_by_role("radio", name=ARTICLE["category"]).check()
    field(page, "author").get_by_role("radio", name=ARTICLE["author"]).check()
    field(page, "summary").locator("input").fill(ARTICLE["summary"])
    field(page, "reviewer").get_by_role("radio", name="Jordan Example, PT, DPT").check()
    field(page, "reviewed").locator("input").fill(ARTICLE["reviewed"])
    show_field(page, "body").locator("textarea").fill(BODY)


def upload_image(page, path):
    page.locator('button[aria-label="Assets"]').click()
    page.locator("input[type=file]").first.set_input_files(str(path))
    page.get_by_role("button", name="Upload", exact=True).last.click()
    page.locator('button[aria-label="Contents"]').click()


def test_a_clinician_writes_an_article_with_an_image_offline(editor, tmp_path):
    page = editor.page
    image = tmp_path / "knee-stretch.png"
    shutil.copyfile(IMAGE, image)
    upload_image(page, image)
    page.get_by_role("button", name="Create New Entry").first.click()

    # Saved with a required field empty: refused, nothing written.
    before = editor.files()
    page.get_by_role("button", name="Save", exact=True).click()
    title = field(page, "title")
    title.locator("[aria-invalid=true]").wait_for()
    assert "required" in title.inner_text().lower()
    assert editor.files() == before

    fill_article(page)
    # The preview: the site's stylesheet, the page as it will be, with the review
    # block and the disclaimer.
    preview = page.frame_locator("iframe").last
    preview.locator("article.prose h1").wait_for()
    assert preview.locator("h1").inner_text() == ARTICLE["title"]
    assert "Medically reviewed by Jordan Example" in preview.locator(
        ".review-info").inner_text()
    assert preview.locator(".disclaimer h2").inner_text() == "Medical disclaimer"
    assert preview.locator("link[href*='theme/css/site']").count() == 1
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Entry saved").wait_for()

    files = editor.files()
    written = files["content/articles/knee-pain-after-running.md"].decode("utf-8")
    # Exactly the headers a writer (and `invoke new`) writes for these values.
    assert written == fields.header_text(ARTICLE) + "\n\n" + BODY
    assert files["content/images/knee-stretch.png"] == IMAGE.read_bytes()

    # The file builds as it is, with the site's one build command.
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "articles" / "knee-pain-after-running.md").write_text(written,
                                                                     encoding="utf-8")
    (content / "images" / "knee-stretch.png").write_bytes(IMAGE.read_bytes())
    site = build_ok(tmp_path / "output", content=content)
    page_html = (site / "articles" / "knee-pain-after-running" / "index.html").read_text(
        encoding="utf-8")
    assert 'alt="A therapist stretching a runner&#x27;s knee"' in page_html or \
        "alt=\"A therapist stretching a runner's knee\"" in page_html

    # Offline: nothing left 127.0.0.1; what the policy blocked is only what it blocks on
    # purpose, and nothing broke the editor.
    assert editor.outside == []
    # The modules the editor would import from a CDN came from the site (import map).
    assert any("/admin/vendor/immutable/" in url for url in editor.requests)
    assert editor.errors == []
    for violation in editor.policy_violations():
        assert any(address in violation for address in BLOCKED_ON_PURPOSE), violation
