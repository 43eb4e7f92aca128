"""The team page, from content/data/team.toml; reviewers link to it; credentials in JSON-LD."""

import json
import tomllib

from bs4 import BeautifulSoup

from scripts.build import CONTENT
from tests.conftest import read

TEAM = tomllib.loads((CONTENT / "data" / "team.toml").read_text(encoding="utf-8"))["member"]


def graph(page):
    soup = BeautifulSoup(read(page), "html.parser")
    return json.loads(soup.find("script", type="application/ld+json").string)["@graph"]


def test_team_page_shows_every_member(dev_site):
    soup = BeautifulSoup(read(dev_site / "team/index.html"), "html.parser")
    entries = soup.select("main .team-member")
    assert [entry["id"] for entry in entries] == [member["key"] for member in TEAM]
    for entry, member in zip(entries, TEAM, strict=True):
        text = entry.get_text(" ", strip=True)
        for value in (member["name"], member["credentials"], member["license_number"],
                      member["license_state"], *member["languages"]):
            assert value in text, (member["key"], value)
        assert entry.select_one(".team-initials") or entry.select_one("img.team-photo")


def test_team_members_are_people_with_credentials_in_the_structured_data(prod_site):
    people = {node["name"]: node for node in graph(prod_site / "team/index.html")
              if node["@type"] == "Person"}
    assert set(people) == {member["name"] for member in TEAM}
    for member in TEAM:
        node = people[member["name"]]
        assert node["@id"].endswith(f"/team/#{member['key']}")
        license_ = next(c for c in node["hasCredential"] if c["credentialCategory"] == "license")
        assert license_["@type"] == "EducationalOccupationalCredential"
        assert license_["identifier"] == member["license_number"]
        assert license_["recognizedBy"]["address"]["addressRegion"] == member["license_state"]
        assert node["knowsLanguage"] == member["languages"]


def test_a_reviewer_links_to_their_team_entry_and_carries_credentials(prod_site, dev_site):
    page = dev_site / "conditions/neck-pain/index.html"
    link = BeautifulSoup(read(page), "html.parser").select_one(".review-info a")
    assert link is not None and link["href"].endswith("team/#clinical-director")
    reviewed = next(node for node in graph(prod_site / "conditions/neck-pain/index.html")
                    if node["@type"] == "MedicalWebPage")["reviewedBy"]
    assert reviewed["@id"].endswith("/team/#clinical-director")
    assert reviewed["hasCredential"][0]["credentialCategory"] == "license"
