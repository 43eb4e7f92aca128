"""A tiny site in a temp folder, built in-process with the project's settings, theme and plugins.

Unit tests of the plugins write a few Markdown files, build them, and read the
output and the build's report (its problems) rather than a log.
"""

from dataclasses import dataclass
from pathlib import Path
import shutil
from tempfile import mkdtemp

from pelican import Pelican
from pelican.settings import read_settings

from plugins.checks.report import BuildFailed
from plugins.common.build import build_of

ROOT = Path(__file__).resolve().parents[2]
SITEURL = "https://clinic.example"


@dataclass
class Built:
    output: Path
    settings: dict
    failed: bool

    @property
    def problems(self):
        return build_of(self.settings).report.problems

    def messages(self, check=None):
        """Each problem as its one line (location: what — fix [check]), of one check or all."""
        return [p.text() for p in self.problems if check is None or p.check == check]

    def read(self, relative):
        return (self.output / relative).read_text(encoding="utf-8")


class TinySite:
    def __init__(self, prefix="tiny-"):
        self.root = Path(mkdtemp(prefix=prefix))
        self.content = self.root / "content"
        (self.content / "articles").mkdir(parents=True)
        (self.content / "pages").mkdir()
        # The language-assistance data the notices plugin reads on every build...
        (self.content / "data").mkdir()
        # ...and the team (plugins/clinic/team.py: the reviewers).
        for name in ("languages.toml", "team.toml"):
            shutil.copyfile(ROOT / "content" / "data" / name, self.content / "data" / name)
        self.output = self.root / "output"

    def write(self, relative, text):
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def build(self, settings_file="pelicanconf.py", **overrides):
        """Build with the project's settings and an absolute SITEURL; only the report step
        of the output pipeline unless OUTPUT_PIPELINE is given; a SEVERITY given is laid
        over the settings file's. Never raises BuildFailed: the result says whether the
        build failed."""
        settings = {
            "PATH": str(self.content),
            "OUTPUT_PATH": str(self.output),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "SITEURL": SITEURL,
            "FEED_DOMAIN": SITEURL,
            "RELATIVE_URLS": False,
            "SITE_ROBOTS": "index, follow",
            "STATIC_PATHS": ["images"],
            "TEMPLATE_PAGES": {},
            "NOTICE_LINKS": [],
            "HOME_NOTICES": [],
            "OUTPUT_PIPELINE": ["checks.report"],
            "REVIEW_TODAY": "2024-07-01",
        }
        if "SEVERITY" in overrides:
            base = read_settings(str(ROOT / settings_file)).get("SEVERITY") or {}
            overrides["SEVERITY"] = {**base, **overrides["SEVERITY"]}
        settings.update(overrides)
        settings = read_settings(str(ROOT / settings_file), override=settings)
        try:
            Pelican(settings=settings).run()
            failed = False
        except BuildFailed:
            failed = True
        return Built(self.output, settings, failed)

    def read(self, relative):
        return (self.output / relative).read_text(encoding="utf-8")

    def remove(self):
        shutil.rmtree(self.root, ignore_errors=True)
