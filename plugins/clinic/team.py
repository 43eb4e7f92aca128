"""The clinic's team, from one data file: the team page, the reviewers, their credentials.

``TEAM_FILE`` (TOML, relative to ``PATH``; default ``data/team.toml``) holds one
``[[member]]`` table per person (the file's header lists the fields). When
Pelican starts (signal ``initialized``), before any file is read:

- ``TEAM_MEMBERS``: a :class:`TeamMember` per entry, for the templates (the
  team page, ``components/team_list``) and the structured data (a schema.org
  ``Person`` with ``hasCredential``, :func:`person_node`);
- ``REVIEWERS``: ``{key: {"name", "credentials", "job_title", "team_url",
  "github"}}`` of the members with ``reviews = true``, the setting
  ``plugins/clinic/review.py`` reads. ``REVIEWERS`` given in the settings wins
  (tests); pelicanconf.py leaves it out, so the data file is the one source.

A malformed entry is a problem of the check ``team-entry`` naming the file and
the entry's line. An entry with ``placeholder = true`` is listed by the launch
check (``plugins/clinic/launch.py``).

Settings: ``TEAM_FILE`` (default ``"data/team.toml"``), ``TEAM_PAGE_URL``
(default ``"team/"``: the team page, from the site root; members are
``TEAM_PAGE_URL#KEY``).
"""

from dataclasses import dataclass, field
import os
import re
import tomllib

from pelican import signals

from plugins.common.problems import find_line, report
from plugins.common.urls import absolute_url

DEFAULT_FILE = "data/team.toml"
DEFAULT_PAGE_URL = "team/"
KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REQUIRED = ("name", "credentials", "job_title", "bio", "license_type", "license_number",
            "license_state")
TEXTS = (*REQUIRED, "license_authority", "photo", "github")
LISTS = ("languages", "degrees")
STATE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class TeamMember:
    key: str
    name: str
    credentials: str
    job_title: str
    bio: str
    license_type: str
    license_number: str
    license_state: str
    license_authority: str = ""
    degrees: tuple = ()
    languages: tuple = ()
    photo: str = ""
    reviews: bool = False
    github: str = ""
    placeholder: bool = False
    url: str = ""  # the member's entry on the team page, from the site root
    line: int | None = field(default=None, compare=False)  # of key = "..." in the file

    @property
    def initials(self):
        words = [word for word in re.split(r"[\s-]+", self.name) if word[:1].isalpha()]
        return "".join(word[0].upper() for word in (words[:1] + words[-1:] if words else []))

    @property
    def anchor(self):
        return self.key

    @property
    def license_text(self):
        return f"{self.license_type} license {self.license_number} ({self.license_state})"


def team_file(settings):
    return os.path.join(settings["PATH"], settings.get("TEAM_FILE") or DEFAULT_FILE)


def load_team(path, page_url=DEFAULT_PAGE_URL):
    """(members, [(line or None, what is wrong — how to fix it)]) of one team file."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return [], [(None, "the team file is missing — create it (content/data/team.toml"
                           " shows the fields) or fix TEAM_FILE")]
    except tomllib.TOMLDecodeError as error:
        return [], [(None, f"not valid TOML ({error}) — fix the line it names")]
    raw = data.get("member")
    if not isinstance(raw, list) or not raw:
        return [], [(None, "no [[member]] entries — add one table per person")]
    members, problems, seen = [], [], set()
    for number, item in enumerate(raw, start=1):
        key = str(item.get("key", "")).strip()
        line = find_line(path, re.compile(rf'^\s*key\s*=\s*"{re.escape(key)}"')) if key else None
        label = f"team member {number}" + (f" ({key})" if key else "")
        found = []
        if not KEY.match(key):
            found.append('"key" must be lower case letters, digits and hyphens, e.g.'
                         ' "clinical-director"')
        elif key in seen:
            found.append(f'"key" {key} appears twice')
        for name in REQUIRED:
            if not isinstance(item.get(name), str) or not item[name].strip():
                found.append(f'"{name}" is missing or empty')
        for name in LISTS:
            value = item.get(name, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                      for v in value):
                found.append(f'"{name}" must be a list of texts, e.g. ["English", "Spanish"]')
        if not item.get("languages"):
            found.append('"languages" is missing: the languages the person speaks with'
                         " patients")
        if isinstance(item.get("license_state"), str) and \
                not STATE.match(item["license_state"].strip()):
            found.append('"license_state" must be a two-letter state code, e.g. "IL"')
        for name in ("reviews", "placeholder"):
            if name in item and not isinstance(item[name], bool):
                found.append(f'"{name}" must be true or false')
        unknown = sorted(set(item) - {"key", *TEXTS, *LISTS, "reviews", "placeholder"})
        if unknown:
            found.append(f"unknown fields {unknown}: fix the spelling or remove them")
        for message in found:
            problems.append((line, f"{label}: {message}"))
        if found:
            continue
        seen.add(key)
        members.append(TeamMember(
            key=key,
            **{name: " ".join(str(item.get(name, "")).split()) for name in TEXTS},
            degrees=tuple(item.get("degrees", [])),
            languages=tuple(item.get("languages", [])),
            reviews=item.get("reviews", False),
            placeholder=item.get("placeholder", False),
            url=f"{page_url}#{key}",
            line=line,
        ))
    return members, problems


def reviewer_entry(member):
    """A member as a REVIEWERS entry (the interface plugins/clinic/review.py reads)."""
    entry = {"name": member.name, "credentials": member.credentials,
             "job_title": member.job_title, "team_url": member.url}
    if member.github:
        entry["github"] = member.github
    return entry


def reviewers(members):
    return {member.key: reviewer_entry(member) for member in members if member.reviews}


def with_reviewers(settings):
    """The settings with REVIEWERS from the team file unless they give them, as a build
    has them (load_into_settings), for the tools that read settings without building."""
    if not settings.get("REVIEWERS"):
        settings["REVIEWERS"] = reviewers(load_team(team_file(settings))[0])
    return settings


def load_into_settings(settings):
    """TEAM_MEMBERS and (unless given) REVIEWERS, from the team file; report problems."""
    path = team_file(settings)
    page_url = str(settings.get("TEAM_PAGE_URL", DEFAULT_PAGE_URL)).lstrip("/")
    members, problems = load_team(path, page_url)
    for line, message in problems:
        what, _, fix = message.partition(" — ")
        report(settings, "team-entry", what, fix or "fix the field named", source=path,
               line=line)
    settings["TEAM_MEMBERS"] = members
    settings["TEAM_FILE_PATH"] = path
    if not settings.get("REVIEWERS"):
        settings["REVIEWERS"] = reviewers(members)


def person_node(settings, member):
    """A member as a schema.org Person, with the license (and degrees) as credentials."""
    node = {
        "@type": "Person",
        "@id": absolute_url(settings, member.url),
        "name": member.name,
        "url": absolute_url(settings, member.url),
        "honorificSuffix": member.credentials,
        "jobTitle": member.job_title,
        "description": member.bio,
        "knowsLanguage": list(member.languages),
        "worksFor": {"@id": absolute_url(settings, "") + "#clinic"},
        "hasCredential": [{
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": "license",
            "name": f"{member.license_type} license",
            "identifier": member.license_number,
            "recognizedBy": {
                "@type": "GovernmentOrganization",
                "name": member.license_authority or f"State of {member.license_state}",
                "address": {"@type": "PostalAddress", "addressRegion": member.license_state,
                            "addressCountry": "US"},
            },
        }] + [{
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": "degree",
            "name": degree,
        } for degree in member.degrees],
    }
    if member.photo:
        node["image"] = absolute_url(settings, member.photo)
    return {key: value for key, value in node.items() if value not in ("", [], None)}


def is_team_page(settings, content):
    page_url = str(settings.get("TEAM_PAGE_URL", DEFAULT_PAGE_URL)).lstrip("/")
    return content.url.lstrip("/") == page_url


def start(pelican):
    load_into_settings(pelican.settings)


def register():
    signals.initialized.connect(start)
