"""A tiny site in a temp folder, built in-process with the project's settings and theme.

Unit tests of the clinical_review, references and structured_data plugins write
a few Markdown files, build them with only the plugins under test, and read
the output or the logs.
"""

from pathlib import Path
import shutil
from tempfile import mkdtemp

from pelican import Pelican
from pelican.plugins import sitemap
from pelican.settings import read_settings

from plugins.clinical_review import clinical_review
from plugins.references import references
from plugins.structured_data import structured_data

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = [sitemap, references, clinical_review, structured_data]
SITEURL = "https://clinic.example"


class TinySite:
    def __init__(self, prefix):
        self.root = Path(mkdtemp(prefix=prefix))
        self.content = self.root / "content"
        (self.content / "articles").mkdir(parents=True)
        (self.content / "pages").mkdir()
        self.output = self.root / "output"

    def write(self, relative, text):
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def build(self, **overrides):
        """Build with the project's settings, an absolute SITEURL and only our plugins."""
        settings = {
            "PATH": str(self.content),
            "OUTPUT_PATH": str(self.output),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "SITEURL": SITEURL,
            "FEED_DOMAIN": SITEURL,
            "RELATIVE_URLS": False,
            "SITE_ROBOTS": "index, follow",
            "STATIC_PATHS": [],
            "TEMPLATE_PAGES": {},
            "PLUGINS": PLUGINS,
            "REVIEW_TODAY": "2024-07-01",
        }
        settings.update(overrides)
        Pelican(settings=read_settings(str(ROOT / "pelicanconf.py"), override=settings)).run()
        return self.output

    def read(self, relative):
        return (self.output / relative).read_text(encoding="utf-8")

    def remove(self):
        shutil.rmtree(self.root, ignore_errors=True)
