"""scripts/codeowners.py: CODEOWNERS from REVIEWERS and the medical pages, on planted files."""

import pytest

from scripts import codeowners
from scripts.reviews import read_settings
from tests.unit.tiny_site import TinySite

REVIEWERS = {
    "clinical-director": {"name": "Jordan Example", "github": "jordan-example-pt"},
    "hand-therapist": {"name": "Sam Example", "github": "@clinic-org/hand-therapy"},
}


@pytest.fixture
def site():
    tiny = TinySite("codeowners-tests-")
    # Every condition page is medical: the folder is owned (a new page there too).
    tiny.write("pages/conditions/knee.md", "Title: Knee\nMedical: yes\n\nKnees.\n")
    tiny.write("pages/conditions/hip.md", "Title: Hip\nMedical: yes\n\nHips.\n")
    # One page of the team folder is medical, one is not: files are listed.
    tiny.write("pages/team/exercises.md", "Title: Exercises\nMedical: yes\n\nStretch.\n")
    tiny.write("pages/team/parking.md", "Title: Parking\n\nPark here.\n")
    tiny.write("pages/my first visit.md", "Title: Visit\nMedical: yes\n\nCome in.\n")
    tiny.write("pages/about.md", "Title: About\n\nWe are a clinic.\n")
    tiny.write("articles/knee.md", "Title: Knee\n\nArticles are medical by default.\n")
    tiny.write("articles/news.md", "Title: News\nMedical: no\n\nWe moved.\n")
    yield tiny
    tiny.remove()


def test_medical_content_is_owned_by_every_reviewer_and_the_rest_is_not(site):
    text = codeowners.generate(read_settings(content=site.content) | {"REVIEWERS": REVIEWERS},
                               root=site.root)
    owners = "@jordan-example-pt @clinic-org/hand-therapy"
    rules = [line.split(" @", 1)[0].rstrip() + (" " + owners if " @" in line else "")
             for line in text.splitlines() if line.startswith("/")]
    assert rules == [
        f"/content/articles/ {owners}",
        f"/content/pages/conditions/ {owners}",
        f"/content/pages/my\\ first\\ visit.md {owners}",
        f"/content/pages/team/exercises.md {owners}",
        "/content/articles/news.md",  # Medical: no: no owner (the last match wins)
        f"/.github/CODEOWNERS {owners}",
    ]
    assert text.index("/content/articles/ ") < text.index("/content/articles/news.md")
    assert "parking" not in text and "about" not in text


@pytest.mark.parametrize("entry, message", [
    ({"name": "Jordan Example"}, r"REVIEWERS\['clinical-director'\] has no \"github\" username"),
    ({"name": "Jordan Example", "github": "not a user!"}, "is not a GitHub username"),
])
def test_a_reviewer_without_a_usable_github_account_is_refused(site, entry, message):
    settings = read_settings(content=site.content) | {
        "REVIEWERS": {"clinical-director": entry}}
    with pytest.raises(codeowners.CodeownersError, match=message):
        codeowners.generate(settings, root=site.root)


def test_check_fails_on_a_stale_file(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "CODEOWNERS"
    stale.write_text("/content/ @someone-else\n", encoding="utf-8")
    monkeypatch.setattr(codeowners, "CODEOWNERS", stale)
    monkeypatch.setattr(codeowners, "ROOT", tmp_path)
    assert codeowners.main(["--check"]) == 1
    assert "run `invoke codeowners` and commit it" in capsys.readouterr().err
    assert codeowners.main(["--write"]) == 0
    assert codeowners.main(["--check"]) == 0
