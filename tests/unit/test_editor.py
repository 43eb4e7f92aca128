"""output.editor: the editor's configuration is generated from the field table; /admin/
is built from the installed package, or the build says why not."""

import json

import pytest

from plugins.common import fields
from plugins.output import editor
from scripts.reviews import read_settings
from tests.unit.tiny_site import ROOT, TinySite

ARTICLE = """Title: Knee pain
Date: 2024-06-01
Category: Treatments
Author: TheraRehab and Wellness clinical team
Summary: Why knees hurt.
Medical: no

Some text.
"""


@pytest.fixture(scope="module")
def settings():
    return read_settings(str(ROOT / "pelicanconf.py"))  # with the team file's REVIEWERS


def collection(config, name):
    return next(entry for entry in config["collections"] if entry["name"] == name)


def form(config, name):
    return {entry["name"]: entry for entry in collection(config, name)["fields"]}


def test_every_collection_asks_for_what_the_checks_require(settings):
    config = editor.editor_config(settings)
    kinds = {entry["name"]: set(entry["kinds"]) for entry in settings["EDITOR_COLLECTIONS"]}
    assert set(kinds) == {"articles", "services", "conditions", "stories", "faq", "pages"}
    for name, wanted in kinds.items():
        found = form(config, name)
        for kind in wanted & {"article", "page", "story"}:
            for field in fields.required(kind):
                assert found[field.key]["required"] is True, (name, field.key)
                assert found[field.key]["label"] == field.name
        # Nothing required that the checks do not require (but the text, and a slug with
        # the section's prefix).
        required = {key for key, entry in found.items() if entry.get("required")}
        needed = {field.key for kind in wanted & {"article", "page", "story"}
                  for field in fields.required(kind)}
        assert required - needed <= {"body", "slug"}, name
        # Every key is the table's, in the one header order.
        keys = [key for key in found if key != "body"]
        assert set(keys) <= set(fields.BY_KEY), name
        order = [field.key for field in fields.header_order()]
        shown = [key for key in keys if found[key]["widget"] != "hidden"]
        assert shown == sorted(shown, key=order.index), name
    # Stories carry the authorization fields; articles do not.
    assert {"authorization_signed", "authorization_expires", "authorization_scope",
            "expected_results"} <= set(form(config, "stories"))
    assert "authorization_signed" not in form(config, "articles")
    # The review is offered (a published medical page needs it; a draft is not reviewed).
    assert form(config, "articles")["reviewer"]["required"] is False
    assert [option["value"] for option in form(config, "articles")["reviewer"]["options"]] \
        == list(settings["REVIEWERS"])
    assert form(config, "articles")["category"]["options"] == settings["ARTICLE_CATEGORIES"]
    assert collection(config, "articles")["folder"] == "content/articles"
    assert config["media_folder"] == "content/images"
    assert config["public_folder"] == "{static}/images"


def test_a_new_required_field_appears_in_the_editor_without_touching_its_configuration(
        settings, monkeypatch):
    new = fields.Field("Consent_form", "the signed consent form's number", "CF-12",
                       required_by=("article",))
    table = (*fields.FIELDS[:5], new, *fields.FIELDS[5:])  # a copy of the table, one more row
    monkeypatch.setattr(fields, "FIELDS", table)
    monkeypatch.setattr(fields, "BY_KEY", {field.key: field for field in table})
    config = editor.editor_config(settings)
    articles = form(config, "articles")
    assert articles["consent_form"]["required"] is True
    assert articles["consent_form"]["label"] == "Consent_form"
    assert "consent_form" not in form(config, "services")
    # ...and the header format writes it where `invoke new` would.
    headers = [name for _key, name in editor.preview_data(settings, "x.css")["headers"]]
    assert headers == [field.name for field in fields.header_order()]
    assert "Consent_form" in headers


def test_header_text_is_the_one_order_invoke_new_and_the_editor_write():
    values = {"summary": "S.", "status": "draft", "title": "T", "date": "2024-06-01",
              "slug": "t", "reviewer": "clinical-director", "category": "Treatments"}
    assert fields.header_text(values).splitlines() == [
        "Title: T", "Slug: t", "Date: 2024-06-01", "Category: Treatments", "Summary: S.",
        "Reviewer: clinical-director", "Status: draft"]
    with pytest.raises(ValueError, match="colour"):
        fields.header_text({"colour": "red"})


def test_admin_is_built_with_its_own_page_and_policy(tmp_path):
    site = TinySite()
    try:
        site.write("articles/knee.md", ARTICLE)
        built = site.build(OUTPUT_PIPELINE=["output.editor", "checks.report"])
        assert not built.failed, built.messages()
        page = built.read("admin/index.html")
        assert '<meta name="robots" content="noindex">' in page
        assert "script-src &#39;self&#39; &#39;sha256-" in page
        assert (site.output / "admin" / "sveltia-cms.js").stat().st_size > 1_000_000
        config = json.loads(built.read("admin/config.json"))
        assert config["cms"]["site_url"] == "https://clinic.example"
        assert "Medical disclaimer" in config["site"]["disclaimer_html"]
        imports = json.loads(page.split('<script type="importmap">')[1].split("</script>")[0])
        for target in imports["imports"].values():
            assert (site.output / "admin" / target).is_file(), target
        from plugins.common.build import build_of

        policy = build_of(built.settings).path_headers["/admin/"]["Content-Security-Policy"]
        assert policy.endswith("frame-ancestors 'none'")
    finally:
        site.remove()


@pytest.mark.parametrize(("settings_file", "fails"), [("pelicanconf.py", False),
                                                       ("publishconf.py", True)])
def test_without_the_package_the_build_says_so(tmp_path, settings_file, fails):
    site = TinySite()
    try:
        site.write("articles/knee.md", ARTICLE)
        built = site.build(settings_file, OUTPUT_PIPELINE=["output.editor", "checks.report"],
                           EDITOR_NODE_MODULES=str(tmp_path))
        assert built.failed is fails
        [message] = built.messages("editor-missing")
        assert "bash scripts/install.sh" in message
        assert not (site.output / "admin").exists()
    finally:
        site.remove()
