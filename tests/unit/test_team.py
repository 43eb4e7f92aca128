"""plugins/clinic/team.py: the team data file, the reviewers derived from it, its errors."""

from plugins.clinic.team import load_team, reviewers
from tests.unit.tiny_site import ROOT, TinySite

GOOD = '''[[member]]
key = "lead-pt"
name = "Dana Whitfield"
credentials = "PT, DPT"
job_title = "Clinical director"
license_type = "Physical therapist"
license_number = "070.123456"
license_state = "IL"
languages = ["English"]
reviews = true
github = "dwhitfield"
bio = "Dana leads the team."

[[member]]
key = "assistant"
name = "Lee Park"
credentials = "PTA"
job_title = "Physical therapist assistant"
license_type = "Physical therapist assistant"
license_number = "071.000009"
license_state = "IL"
languages = ["English", "Korean"]
bio = "Lee helps with exercise programs."
'''
ARTICLE = """Title: Knees
Date: 2024-06-01
Category: Treatments
Author: TheraRehab and Wellness clinical team
Reviewer: lead-pt
Reviewed: 2024-06-01
Summary: Knees.

Knees.
"""


def test_the_real_team_file_is_valid_and_gives_the_reviewers():
    members, problems = load_team(ROOT / "content" / "data" / "team.toml")
    assert problems == [] and members
    assert set(reviewers(members)) == {m.key for m in members if m.reviews}


def test_reviewers_come_from_the_team_file_with_their_team_entry(tmp_path):
    site = TinySite("team-tests-")
    site.write("data/team.toml", GOOD)
    site.write("articles/knees.md", ARTICLE)
    built = site.build()
    assert not built.failed, built.messages()
    assert set(built.settings["REVIEWERS"]) == {"lead-pt"}
    assert built.settings["REVIEWERS"]["lead-pt"] == {
        "name": "Dana Whitfield", "credentials": "PT, DPT", "job_title": "Clinical director",
        "team_url": "team/#lead-pt", "github": "dwhitfield"}
    html = built.read("articles/knees/index.html")
    assert '<a href="https://clinic.example/team/#lead-pt">Dana Whitfield</a>' in html
    assert built.settings["TEAM_MEMBERS"][1].initials == "LP"
    site.remove()


def test_a_malformed_entry_names_the_file_and_line():
    site = TinySite("team-tests-")
    broken = GOOD.replace('license_state = "IL"\nlanguages = ["English"]',
                          'license_state = "Illinois"', 1)
    path = site.write("data/team.toml", broken)
    built = site.build()
    lines = built.messages("team-entry")
    assert built.failed
    assert any(line.startswith(f"{path}:2: team member 1 (lead-pt): \"languages\"")
               for line in lines), lines
    assert any('"license_state" must be a two-letter state code' in line for line in lines)
    site.remove()
